using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A real <c>orchestrator serve</c> (every route served: runs, publishing, schedules, models) over a SQLite store with
/// a key of each role, a revoked key and a run that stays running, and the routes it serves as its own OpenAPI
/// document lists them (ASP.NET Core builds that document from the app's endpoint data source, so a route added
/// later is attacked without anyone listing it here).
/// </summary>
public sealed class AttackedServer : IAsyncLifetime
{
    /// <summary>A run that is running as far as the store knows, so its event stream stays open.</summary>
    public const string LiveRun = "attack-live";

    /// <summary>Another, that only the event streams read (the sweeps may cancel or resume <see cref="LiveRun"/>).</summary>
    public const string StreamedRun = "attack-streamed";

    public TestStore Store { get; } = new("sqlite");
    public ServeProcess Server { get; private set; } = null!;
    public IReadOnlyDictionary<ApiKeyRole, string> Keys { get; private set; } = null!;
    public string Revoked { get; private set; } = null!;
    public IReadOnlyList<Route> Routes { get; private set; } = [];

    private int _sent;

    /// <summary>How many requests the attacks have sent so far.</summary>
    public int Sent => _sent;

    /// <summary>One method on one route pattern, e.g. <c>POST /api/runs/{id}/cancel</c>.</summary>
    public sealed record Route(string Method, string Pattern)
    {
        public bool IsOpenAi => Pattern.StartsWith("/v1/", StringComparison.Ordinal);
        public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal) || IsOpenAi;
        public bool IsChange => Method is not ("GET" or "HEAD");

        /// <summary>The pattern with each parameter filled: ids that exist where it matters, harmless names elsewhere.</summary>
        public string Path => PathFor(LiveRun);

        public string PathFor(string run) => System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{\*{0,2}([a-zA-Z]+)[^}]*\}", m => m.Groups[1].Value switch
        {
            "id" => run,
            "hash" => "sha256:" + new string('0', 64),
            "version" => "1",
            "key" => "rounds/0/sum",
            "path" => "index.html",
            var other => other,
        });

        public override string ToString() => $"{Method} {Pattern}";
    }

    public async Task InitializeAsync()
    {
        using (var stores = StoreFactory.Open(Store.Location, Store.Artifacts))
        {
            var keys = new Dictionary<ApiKeyRole, string>();
            foreach (var role in new[] { ApiKeyRole.Viewer, ApiKeyRole.Operator, ApiKeyRole.Admin })
                keys[role] = await CreateKeyAsync(stores, role, role.Name());
            Keys = keys;
            Revoked = await CreateKeyAsync(stores, ApiKeyRole.Admin, "revoked");
            await stores.Keys.RevokeKeyAsync("revoked", "test", DateTimeOffset.UtcNow, CancellationToken.None);
            foreach (var id in new[] { LiveRun, StreamedRun })
            {
                var now = DateTimeOffset.UtcNow;
                await stores.Runs.CreateRunAsync(new RunRecord
                {
                    Id = id, WorkflowId = "demo-pipeline", WorkflowVersion = 1, DefinitionHash = "sha256:" + new string('1', 64), Definitions = [], Inputs = [],
                    Seed = 1, CreatedAt = now, UpdatedAt = now,
                }, CancellationToken.None);
                await stores.Runs.UpdateRunStatusAsync(id, RunStatus.Running, null, null, now, CancellationToken.None);
            }
        }
        Server = await ServeProcess.StartAsync(Store);
        Routes = await ListRoutesAsync();
    }

    private static async Task<string> CreateKeyAsync(OrchestratorStores stores, ApiKeyRole role, string name)
    {
        var secret = ApiKeySecrets.Generate();
        await stores.Keys.CreateKeyAsync(new ApiKeyRecord
        {
            Name = name, Role = role, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return secret;
    }

    private async Task<IReadOnlyList<Route>> ListRoutesAsync()
    {
        using var client = Server.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var routes = new List<Route>();
        foreach (var (pattern, operations) in document["paths"]!.AsObject())
            foreach (var (method, _) in operations!.AsObject())
                routes.Add(new Route(method.ToUpperInvariant(), pattern));
        return routes;
    }

    /// <summary>Sends one request; <paramref name="content"/> null sends no body, <paramref name="key"/> null no Authorization header.</summary>
    public async Task<Answer> SendAsync(string method, string path, string? key, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        Interlocked.Increment(ref _sent);
        using var client = new HttpClient { BaseAddress = Server.Url, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        configure?.Invoke(request);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var type = response.Content.Headers.ContentType?.MediaType;
        // An event stream stays open; its status and type are all a sweep needs.
        var body = type == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, type, body);
    }

    /// <summary>
    /// A GET with <paramref name="target"/> written byte for byte as the request target, over HTTP/1.0 so the answer
    /// comes unchunked and ends when the server closes the connection.
    /// </summary>
    public async Task<Answer> SendRawAsync(string target, string key)
    {
        Interlocked.Increment(ref _sent);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Server.Url.Host, Server.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.0\r\nHost: {Server.Url.Authority}\r\nAuthorization: Bearer {key}\r\n\r\n"));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return Parse(await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(guard.Token));
    }

    /// <summary>
    /// A body of <paramref name="bytes"/> announced with <c>Expect: 100-continue</c>, sent only if the server asks for
    /// it: so a server that answers without reading the body (or refuses it by its length) is heard, not cut off mid-send.
    /// </summary>
    public async Task<Answer> SendAnnouncedAsync(string method, string target, string key, int bytes)
    {
        Interlocked.Increment(ref _sent);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Server.Url.Host, Server.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: {Server.Url.Authority}\r\nAuthorization: Bearer {key}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {bytes}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = new byte[25];
        var read = await stream.ReadAtLeastAsync(first, first.Length, throwOnEndOfStream: false, guard.Token);
        var rest = new MemoryStream();
        if (Encoding.ASCII.GetString(first, 0, read).StartsWith("HTTP/1.1 100 Continue\r\n\r\n", StringComparison.Ordinal))
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"text\": \"" + new string('x', bytes - 12) + "\"}"), guard.Token);
            }
            catch (IOException)
            {
                // The server may refuse and close before all of it is sent; its answer is still there to read.
            }
        }
        else rest.Write(first, 0, read);
        try
        {
            await stream.CopyToAsync(rest, guard.Token);
        }
        catch (IOException)
        {
        }
        return Parse(Encoding.UTF8.GetString(rest.ToArray()));
    }

    private static Answer Parse(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = (split < 0 ? text : text[..split]).Split("\r\n");
        string? Header(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
        var body = split < 0 ? "" : text[(split + 4)..];
        if (Header("Transfer-Encoding") == "chunked") body = Dechunk(body);
        return new Answer(int.Parse(lines[0].Split(' ')[1]), Header("Content-Type")?.Split(';')[0].Trim(), body);
    }

    private static string Dechunk(string body)
    {
        var text = new StringBuilder();
        for (var at = 0; at < body.Length;)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0) break;
            var size = Convert.ToInt32(body[at..end].Split(';')[0], 16);
            if (size == 0) break;
            text.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
            at = end + 2 + size + 2;
        }
        return text.ToString();
    }

    /// <summary>What came back: the status, the media type and the body text.</summary>
    public sealed record Answer(int Status, string? MediaType, string Body)
    {
        /// <summary>An RFC 9457 problem, or (on /v1, by design) OpenAI's <c>{"error": {"message": ...}}</c>.</summary>
        public bool IsProblem(bool openAi)
        {
            try
            {
                var json = JsonNode.Parse(Body);
                return openAi
                    ? MediaType == "application/json" && json?["error"]?["message"] is not null
                    : MediaType == "application/problem+json" && json?["status"] is not null && json["title"] is not null;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        public override string ToString() => $"{Status} {MediaType} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }

    /// <summary>The sockets the server process holds open now (listening ones and the store's included).</summary>
    public int OpenSockets() =>
        new DirectoryInfo($"/proc/{Server.ProcessId}/fd").EnumerateFileSystemInfos().Count(fd =>
        {
            try
            {
                return fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
            }
            catch (IOException)
            {
                return false; // closed while listed
            }
        });

    /// <summary>The server process's resident memory now, in MB (VmRSS).</summary>
    public long ResidentMegabytes() =>
        long.Parse(File.ReadLines($"/proc/{Server.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Store.Dispose();
    }
}
