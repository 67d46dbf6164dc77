using System.Net;
using System.Text.RegularExpressions;
using Orchestrator.Server.Dashboard;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Dashboard;

/// <summary>The dashboard's files over real HTTP: served from the assembly with a strict policy, nothing outside them.</summary>
public sealed partial class DashboardFilesTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_page_and_every_file_it_names_are_served_from_here_with_no_outside_source()
    {
        using var client = _server.Client();

        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var references = References().Matches(html).Select(m => m.Groups[1].Value).Where(r => !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.DoesNotContain("//", r)); // no CDN, no other host
        foreach (var reference in references)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + reference.TrimStart('/'))).StatusCode);
        foreach (var path in DashboardFiles.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)))
            Assert.DoesNotContain("http://", Regex.Replace(await client.GetStringAsync("/" + path), @"//.*", ""));
    }

    [Theory]
    [InlineData("/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/js/..%2F..%2FOrchestrator.Server.dll")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/js/../../../../etc/passwd")]
    [InlineData("/Orchestrator.Server.dll")]
    [InlineData("/index.html%00.js")]
    public async Task No_path_reaches_a_file_outside_the_dashboard(string path)
    {
        using var client = _server.Client();

        var response = await client.GetAsync(path);

        // Kestrel itself refuses some of these (a NUL in the path is a 400); none is ever a file.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("(?:src|href)=\"([^\"#]+)\"")]
    private static partial Regex References();
}
