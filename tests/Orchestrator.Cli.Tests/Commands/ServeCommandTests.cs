using System.Net;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>The real <c>serve</c> process: loopback by default, any other address only once a key exists, a real port.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Another_address_than_loopback_is_refused_until_a_key_exists()
    {
        using var store = new TestStore("sqlite");

        var refused = await CliProcess.RunAsync(store.Folder.Path, store.Args("serve", "--urls", "http://0.0.0.0:0"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("no API key exists", refused.Stderr);
        Assert.Contains("orchestrator keys create --role admin", refused.Stderr);
    }

    [Fact]
    public async Task It_serves_health_to_anyone_and_runs_to_a_key_on_a_real_port_and_stops_on_sigterm()
    {
        using var store = new TestStore("sqlite");
        var key = (await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "create", "--role", "viewer"))).Stdout.Trim();
        await using var server = await ServeProcess.StartAsync(store);
        Assert.Contains("1 active API key", server.FirstLine);

        using var anonymous = server.Client();
        using var viewer = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/runs")).StatusCode);

        await server.StopAsync();
        Assert.Equal(0, server.ExitCode);
    }
}
