using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Server.Access;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Access;

/// <summary>The dashboard's sign-in over real HTTP: an HttpOnly SameSite cookie, CSRF on changes, revocation, sign-out.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = _server.BaseAddress }, cookies);
    }

    private static async Task<JsonObject> SignInAsync(HttpClient browser, string key)
    {
        var response = await browser.PostAsJsonAsync("/api/session", new { key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, cookie);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_signed_in_browser_reads_with_its_cookie_and_says_who_it_is()
    {
        var key = await _server.KeyAsync(ApiKeyRole.Viewer, "vera");
        var (browser, _) = Browser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
        var session = await SignInAsync(browser, key);

        Assert.Equal("vera", (string)session["name"]!);
        Assert.Equal("viewer", (string)session["role"]!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/runs")).StatusCode);
        Assert.Equal("vera", (string)(await browser.GetFromJsonAsync<JsonObject>("/api/session"))!["name"]!);
    }

    [Fact]
    public async Task A_change_made_with_the_cookie_needs_the_csrf_token()
    {
        var key = await _server.KeyAsync(ApiKeyRole.Admin, "ada");
        var (browser, _) = Browser();
        var csrf = (string)(await SignInAsync(browser, key))["csrf"]!;

        // As a forged cross-site form would arrive: the cookie, but no token (or a wrong one).
        var forged = await browser.PostAsJsonAsync("/api/models/m/promote", new { version = 1, alias = "champion", reason = "x" });
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/models/m/promote") { Content = JsonContent.Create(new { version = 1, alias = "champion", reason = "x" }) };
        wrong.Headers.Add(DashboardSessions.CsrfHeader, csrf[..^2] + "xx");
        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/models/m/promote") { Content = JsonContent.Create(new { version = 1, alias = "champion", reason = "x" }) };
        right.Headers.Add(DashboardSessions.CsrfHeader, csrf);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("X-CSRF-Token", (string)(await forged.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(right)).StatusCode); // past the checks: model m does not exist
    }

    [Fact]
    public async Task A_form_post_from_another_site_is_refused_before_anything_is_read()
    {
        var key = await _server.KeyAsync(ApiKeyRole.Operator, "otto");
        var (browser, _) = Browser();
        await SignInAsync(browser, key);

        var form = await browser.PostAsync("/api/runs", new FormUrlEncodedContent(new Dictionary<string, string> { ["workflow"] = "demo-pipeline" }));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Empty(await _server.Stores.Runs.ListRunsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions_and_signing_out_ends_one()
    {
        var key = await _server.KeyAsync(ApiKeyRole.Viewer, "rita");
        var (first, _) = Browser();
        var (second, _) = Browser();
        await SignInAsync(first, key);
        var csrf = (string)(await SignInAsync(second, key))["csrf"]!;

        using var signout = new HttpRequestMessage(HttpMethod.Post, "/api/session/signout");
        signout.Headers.Add(DashboardSessions.CsrfHeader, csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await second.SendAsync(signout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/runs")).StatusCode);

        await _server.Stores.Keys.RevokeKeyAsync("rita", "test", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_does_not_sign_in()
    {
        var (browser, cookies) = Browser();

        var response = await browser.PostAsJsonAsync("/api/session", new { key = "ork_guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(cookies.GetAllCookies());
    }
}
