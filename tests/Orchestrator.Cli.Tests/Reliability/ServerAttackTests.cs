using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Every route the server maps, attacked: malformed JSON, wrong types, bodies over the limit, JSON nested 10,000 deep,
/// odd query strings and methods, every role, no key, revoked and truncated keys, path traversal on the artifact and
/// static routes, and forms posted from another site. Whatever comes back is never a 5xx, every 4xx is a problem
/// (OpenAI's error on /v1), and no key reaches past its role. Each failure names the route and what it answered.
/// </summary>
public sealed class ServerAttackTests(AttackedServer attacked, ITestOutputHelper output) : IClassFixture<AttackedServer>
{
    private static readonly string[] Public = ["/healthz", "/readyz", "/api/session", "/api/session/signout", "/openapi/v1.json"];

    private static readonly ApiKeyRole[] Roles = [ApiKeyRole.Viewer, ApiKeyRole.Operator, ApiKeyRole.Admin];

    private readonly List<string> _failures = [];
    private readonly int _sentBefore = attacked.Sent;

    private static string Deep(int levels) => "{\"a\":" + string.Concat(Enumerable.Repeat("[", levels)) + string.Concat(Enumerable.Repeat("]", levels)) + "}";

    /// <summary>Bodies a route might be sent, each with the name a failure is reported under.</summary>
    private static IEnumerable<(string Name, Func<HttpContent?> Body)> Bodies() =>
    [
        ("no body", () => null),
        ("empty JSON body", () => Json("")),
        ("malformed JSON", () => Json("{\"workflow\": \"demo-pipeline\",")),
        ("not UTF-8", () => new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) { Headers = { ContentType = new("application/json") } }),
        ("an array", () => Json("[1, 2, 3]")),
        ("a string", () => Json("\"text\"")),
        ("null", () => Json("null")),
        ("an empty object", () => Json("{}")),
        ("wrong types", () => Json("""
            {"workflow": 5, "inputs": [1], "seed": "seven", "id": {}, "queue": 3, "text": 1, "fileName": [], "draft": "yes", "to": "one",
             "version": "two", "alias": false, "reason": 9, "evidence": "e", "name": 1, "cron": [], "timeZone": {}, "overlap": 2, "key": 7,
             "model": 3, "messages": "hi", "n": "many", "stream": "no", "temperature": "hot", "max_tokens": -5, "stop": 4}
            """)),
        ("huge numbers", () => Json("""{"version": 1e308, "to": -99999999999999999999, "seed": 1.5, "n": 1e9, "max_tokens": 99999999999, "messages": [{"role": "user", "content": "1+1="}], "model": "m"}""")),
        ("nested 10,000 deep", () => Json(Deep(10_000))),
        ("a form", () => new FormUrlEncodedContent([new("workflow", "demo-pipeline"), new("key", "x")])),
        ("multipart", () => new MultipartFormDataContent { { new StringContent("demo-pipeline"), "workflow" } }),
    ];

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private void Check(AttackedServer.Route route, string what, AttackedServer.Answer answer)
    {
        if (answer.Status >= 500) _failures.Add($"{route} with {what}: {answer}");
        else if (answer.Status >= 400 && !answer.IsProblem(route.IsOpenAi)) _failures.Add($"{route} with {what}: a {answer.Status} that is not a problem: {answer}");
    }

    private void AssertNoFailures(int sentElsewhere = 0)
    {
        output.WriteLine($"{attacked.Routes.Count} routes; {attacked.Sent - _sentBefore + sentElsewhere} requests; {_failures.Count} failures");
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures:\n" + string.Join("\n", _failures));
    }

    [Fact]
    public async Task The_routes_are_found_from_the_server_itself()
    {
        // A sanity check on the enumeration, so an empty or broken listing cannot make every other test pass.
        Assert.Contains(attacked.Routes, r => r.ToString() == "POST /api/runs");
        Assert.Contains(attacked.Routes, r => r.ToString() == "GET /api/artifacts/{hash}/content");
        Assert.Contains(attacked.Routes, r => r.ToString() == "POST /v1/chat/completions");
        Assert.True(attacked.Routes.Count >= 35, $"only {attacked.Routes.Count} routes: {string.Join(", ", attacked.Routes)}");
    }

    [Fact]
    public async Task Every_bad_body_and_query_on_every_route_is_a_4xx_problem_never_a_5xx()
    {
        var admin = attacked.Keys[ApiKeyRole.Admin];
        foreach (var route in attacked.Routes)
        {
            var bodies = route.IsChange ? Bodies() : Bodies().Take(1);
            foreach (var (name, body) in bodies)
            {
                try
                {
                    Check(route, name, await attacked.SendAsync(route.Method, route.Path, admin, body()));
                }
                catch (HttpRequestException e)
                {
                    _failures.Add($"{route} with {name}: the connection broke: {e.Message} {e.InnerException?.Message}");
                }
            }
            if (route.IsChange) Check(route, "a body over the size limit", await attacked.SendAnnouncedAsync(route.Method, route.Path, admin, 2 * 1024 * 1024));
            var query = "?limit=abc&offset=-1&from=x&to=99999999999&version=zz&journal=x&status=Failed&workflow=%00&n=%ff";
            Check(route, "a query of wrong types", await attacked.SendAsync(route.Method, route.Path + query, admin, route.IsChange ? Json("{}") : null));
            Check(route, "a method it does not take", await attacked.SendAsync("PUT", route.Path, admin, Json("{}")));
        }
        AssertNoFailures();
    }

    [Fact]
    public async Task Every_route_refuses_missing_wrong_revoked_and_truncated_keys_and_no_role_reaches_past_itself()
    {
        var admin = attacked.Keys[ApiKeyRole.Admin];
        var bad = new (string Name, string? Key)[] { ("no key", null), ("an unknown key", "ork_" + new string('a', 40)), ("a revoked key", attacked.Revoked), ("a truncated key", admin[..^4]), ("a key with a space", admin[..10] + " " + admin[10..]) };
        foreach (var route in attacked.Routes.Where(r => r.IsApi && !Public.Contains(r.Pattern)))
        {
            var body = route.IsChange ? "{}" : null;
            foreach (var (name, key) in bad)
            {
                var answer = await attacked.SendAsync(route.Method, route.Path, key, body is null ? null : Json(body));
                Check(route, name, answer);
                if (answer.Status != 401) _failures.Add($"{route} with {name}: {answer.Status}, not 401");
            }
            // The least role that gets past the check; every higher role must too, and a viewer never changes anything.
            var passed = new List<ApiKeyRole>();
            foreach (var role in Roles)
            {
                var answer = await attacked.SendAsync(route.Method, route.Path, attacked.Keys[role], body is null ? null : Json(body));
                Check(route, $"a {role.Name()} key", answer);
                if (answer.Status is not (401 or 403)) passed.Add(role);
                else if (answer.Status == 401) _failures.Add($"{route} with a valid {role.Name()} key: 401");
            }
            if (!passed.SequenceEqual(Roles.SkipWhile(r => !passed.Contains(r))))
                _failures.Add($"{route}: roles past the check are {string.Join(", ", passed)}, not every role from the least up");
            // Answering a model on /v1 changes nothing, so a viewer may post to it.
            if (route.IsChange && !route.IsOpenAi && passed.Contains(ApiKeyRole.Viewer)) _failures.Add($"{route}: a viewer key got past the role check of a change");
            if (!passed.Contains(ApiKeyRole.Admin)) _failures.Add($"{route}: not even an admin key gets past the role check");
        }
        AssertNoFailures();
    }

    public static TheoryData<string> Traversals => new()
    {
        "/api/artifacts/..%2f..%2f..%2fetc%2fpasswd",
        "/api/artifacts/..%2f..%2f..%2fetc%2fpasswd/content",
        "/api/artifacts/sha256:..%2f..%2fstore/content",
        "/api/artifacts/%2e%2e%2f%2e%2e%2fetc%2fpasswd/content",
        "/api/artifacts/%252e%252e%252f%252e%252e%252fetc%252fpasswd/content",
        "/api/artifacts/..%5c..%5cetc%5cpasswd/content",
        "/api/artifacts/sha256:" + "0000000000000000000000000000000000000000000000000000000000000000%00/content",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "/js/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/....//....//....//etc/passwd",
        "/..%c0%af..%c0%afetc%c0%afpasswd",
        "/index.html%00.js",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/store",
        "/artifacts",
    };

    [Theory]
    [MemberData(nameof(Traversals))]
    public async Task Path_traversal_on_the_artifact_and_static_routes_reaches_nothing(string path)
    {
        // Written to the socket as it is: an HTTP client would normalise the dots and escapes away before sending.
        var answer = await attacked.SendRawAsync(path, attacked.Keys[ApiKeyRole.Admin]);

        Assert.True(answer.Status is 400 or 404, $"GET {path}: {answer}");
        // Kestrel itself refuses a target it cannot decode (a NUL byte) before any of the app runs, with an empty 400.
        Assert.True(answer.IsProblem(openAi: false) || (answer.Status == 400 && answer.Body.Length == 0), $"GET {path}: {answer}");
        Assert.DoesNotContain("root:", answer.Body);
        Assert.DoesNotContain("SQLite format", answer.Body);
    }

    [Fact]
    public async Task A_form_posted_from_another_site_with_the_dashboards_cookie_changes_nothing()
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = attacked.Server.Url };
        var signIn = await browser.PostAsJsonAsync("/api/session", new { key = attacked.Keys[ApiKeyRole.Admin] });
        Assert.True(signIn.IsSuccessStatusCode, $"sign-in: {(int)signIn.StatusCode}");
        var runsBefore = await CountRunsAsync();
        var posted = 0;

        foreach (var route in attacked.Routes.Where(r => r.IsChange))
            foreach (var form in new Func<HttpContent>[]
                     {
                         () => new FormUrlEncodedContent([new("workflow", "demo-pipeline"), new("key", attacked.Keys[ApiKeyRole.Admin]), new("version", "1"), new("alias", "champion")]),
                         () => new MultipartFormDataContent { { new StringContent("demo-pipeline"), "workflow" } },
                         // A cross-site page can send text/plain without a preflight, and its body can be JSON.
                         () => new StringContent("{\"workflow\":\"demo-pipeline\"}", Encoding.UTF8, "text/plain"),
                     })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path) { Content = form() };
                request.Headers.Add("Origin", "https://evil.example");
                request.Headers.Referrer = new Uri("https://evil.example/form.html");
                using var response = await browser.SendAsync(request);
                posted++;
                var answer = new AttackedServer.Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
                Check(route, $"a cross-site {form().Headers.ContentType?.MediaType} post", answer);
                if (answer.Status < 400)
                    _failures.Add($"{route} with a cross-site form and the session cookie: {answer}");
            }
        AssertNoFailures(posted);
        Assert.Equal(runsBefore, await CountRunsAsync());
    }

    private async Task<int> CountRunsAsync()
    {
        using var client = attacked.Server.Client(attacked.Keys[ApiKeyRole.Viewer]);
        return (await client.GetFromJsonAsync<JsonObject>("/api/runs?limit=500"))!["runs"]!.AsArray().Count;
    }
}
