using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Tests.Engine;

/// <summary>A run executing in an <c>orchestrator run</c> process stops when another process asks for it through the store.</summary>
public sealed class StoreCancellationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cancel_requested_in_the_store_stops_a_run_in_another_process_with_exit_130_and_says_who_asked(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("long.yaml", """
            id: long
            state: { done: 0 }
            steps:
              - { id: first, uses: set, with: { done: 1 } }
              - { id: nap, uses: wait, with: { duration: 10m } }
              - { id: last, uses: set, with: { done: 2 } }
            """);

        using var process = Process.Start(CliProcess.StartInfo(store.Folder.Path, store.Args("run", file, "--id", "long-1")))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line && !line.Contains("ok   first", StringComparison.Ordinal)) { }
        using (var stores = StoreFactory.Open(store.Location, store.Artifacts))
            await stores.Control.RequestCancelAsync(new CancelRequest("long-1", "key:ops", "the nap is too long", DateTimeOffset.UtcNow), CancellationToken.None);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(2))) != exited) process.Kill(entireProcessTree: true);
        var printed = await stdout;

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled at the request of key:ops", printed, StringComparison.Ordinal);
        Assert.Contains("the nap is too long", printed, StringComparison.Ordinal);
        var run = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "long-1", "--json"))).Stdout)!;
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
        Assert.Equal((CancelRequest.ErrorType, "nap"), (run["error"]!["type"]!.GetValue<string>(), run["error"]!["step"]!.GetValue<string>()));
        Assert.Equal(1, run["state"]!["done"]!.GetValue<int>());
    }
}
