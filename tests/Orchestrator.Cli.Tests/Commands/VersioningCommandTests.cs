using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>Publishing, diffing, rolling back and pinning from the command line, on both backends.</summary>
public sealed class VersioningCommandTests
{
    private const string V1 = """
        id: versioned
        inputs: { lr: { type: number, default: 0.001 } }
        tunables: { /steps/0/with/lr: { min: 1.0e-5, max: 1.0e-2 } }
        steps:
          - { id: train, uses: set, with: { lr: "${inputs.lr}", generation: 1 } }
        """;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Publish_diff_rollback_and_pinning_work_end_to_end(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("versioned.yaml", V1);

        var first = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file, "--reason", "first"));
        var again = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file));
        File.WriteAllText(file, V1.Replace("generation: 1", "generation: 2"));
        var second = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file, "--reason", "second generation"));

        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Contains("published versioned@1", first.Stdout);
        Assert.Contains("unchanged", again.Stdout);
        Assert.Contains("published versioned@2", second.Stdout);

        var diff = await CliProcess.RunAsync(store.Folder.Path, store.Args("diff", "versioned", "1", "2", "--json"));
        var patch = JsonNode.Parse(diff.Stdout)!.AsArray();
        var op = Assert.Single(patch)!;
        Assert.Equal(("replace", "/steps/0/with/generation", 2), (op["op"]!.GetValue<string>(), op["path"]!.GetValue<string>(), op["value"]!.GetValue<int>()));

        Assert.Equal(2, await GenerationOfAsync(store, "versioned"));
        var rollback = await CliProcess.RunAsync(store.Folder.Path, store.Args("rollback", "versioned", "--to", "1", "--reason", "v2 regressed"));
        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        Assert.Equal(1, await GenerationOfAsync(store, "versioned"));
        Assert.Equal(2, await GenerationOfAsync(store, "versioned@2"));

        var versions = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("versions", "versioned", "--json"))).Stdout)!;
        Assert.Equal(1, versions["current"]!.GetValue<int>());
        Assert.Equal([1, 2], versions["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(1, versions["versions"]![1]!["parent"]!.GetValue<int>());
        var moves = versions["currentHistory"]!.AsArray();
        Assert.Equal(["first", "second generation", "v2 regressed"], moves.Select(m => m!["reason"]!.GetValue<string>()));
        Assert.Equal(2, moves[2]!["from"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_run_pins_the_version_it_started_on(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("versioned.yaml", V1);
        await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file));

        var run = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("run", "versioned", "--id", "pinned", "--json"))).Stdout)!;
        File.WriteAllText(file, V1.Replace("generation: 1", "generation: 2"));
        await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file));
        var shown = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "pinned", "--json"))).Stdout)!;

        Assert.Equal(1, run["version"]!.GetValue<int>());
        Assert.Equal(1, shown["version"]!.GetValue<int>());
        Assert.Equal(1, shown["state"]!["generation"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_publishing_processes_at_random_points_leaves_versions_and_journal_consistent(string backend)
    {
        using var store = new TestStore(backend);
        var random = new Random(11);
        var processes = Enumerable.Range(1, 10).Select(generation =>
        {
            var file = store.Folder.Write($"generation-{generation}.yaml", V1.Replace("generation: 1", $"generation: {generation}"));
            return Process.Start(CliProcess.StartInfo(store.Folder.Path, store.Args("publish", file, "--reason", $"generation {generation}")))!;
        }).ToList();
        await Task.Delay(random.Next(300, 900));
        foreach (var process in processes.Where((_, i) => i % 2 == 1))
        {
            await Task.Delay(random.Next(0, 80));
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already finished */ }
        }
        foreach (var process in processes) await process.WaitForExitAsync();

        var versions = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("versions", "versioned", "--json"))).Stdout)!;
        var numbers = versions["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()).ToList();
        var moves = versions["currentHistory"]!.AsArray();

        Assert.True(numbers.Count >= processes.Count(p => p.ExitCode == 0));
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Equal(numbers.Count, moves.Count);
        for (var i = 0; i < moves.Count; i++)
        {
            Assert.Equal(i + 1, moves[i]!["to"]!.GetValue<int>());
            Assert.Equal(i == 0 ? null : i, moves[i]!["from"]?.GetValue<int>());
            Assert.Equal(i == 0 ? null : i, versions["versions"]![i]!["parent"]?.GetValue<int>());
        }
        Assert.Equal(numbers.Count, versions["current"]!.GetValue<int>());
    }

    private static async Task<int> GenerationOfAsync(TestStore store, string target)
    {
        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", target, "--json"));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return JsonNode.Parse(result.Stdout)!["state"]!["generation"]!.GetValue<int>();
    }
}
