using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>The model registry from the command line, on both backends.</summary>
public sealed class ModelsCommandTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Lineage_shows_a_chain_of_three_versions_with_every_field(string backend)
    {
        using var store = new TestStore(backend);
        await RegisterChainAsync(store, 3);

        var lineage = await CliProcess.RunAsync(store.Folder.Path, store.Args("lineage", "addition@3").Prepend("models").ToArray());

        Assert.True(lineage.ExitCode == 0, lineage.Stdout + lineage.Stderr);
        foreach (var v in new[] { 1, 2, 3 })
        {
            Assert.Contains($"addition@{v}", lineage.Stdout);
            Assert.Contains($"run run-{v}, workflow self-improve-addition@{v}, evaluator majority@1", lineage.Stdout);
            Assert.Contains($"seed {v * 10}", lineage.Stdout);
            Assert.Contains($"compute {v * 100:N0} steps, {v * 1000:N0} tokens", lineage.Stdout);
        }
        Assert.True(lineage.Stdout.IndexOf("addition@3", StringComparison.Ordinal) < lineage.Stdout.IndexOf("addition@1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Promote_and_rollback_move_the_alias_and_journal_every_move(string backend)
    {
        using var store = new TestStore(backend);
        await RegisterChainAsync(store, 2);

        var first = await CliProcess.RunAsync(store.Folder.Path, store.Args("promote", "addition@1", "--alias", "champion", "--reason", "baseline"));
        var second = await CliProcess.RunAsync(store.Folder.Path, store.Args("promote", "addition@2", "--alias", "champion", "--reason", "gate passed", "--evidence", """{"test":"mcnemar","p":0.004}"""));
        var back = await CliProcess.RunAsync(store.Folder.Path, store.Args("rollback", "addition", "--alias", "champion", "--reason", "regression found"));
        var champion = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "addition@champion", "--json").Prepend("models").ToArray())).Stdout)!;

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0 && back.ExitCode == 0, first.Stderr + second.Stderr + back.Stderr);
        Assert.Contains("addition champion: 2 -> 1 by", back.Stdout);
        Assert.Equal(1, champion["version"]!.GetValue<int>());
        Assert.Equal("verified", champion["checkpointStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corrupted_checkpoint_byte_is_detected_on_load_naming_hash_and_model()
    {
        using var store = new TestStore("sqlite");
        await RegisterChainAsync(store, 1);
        var file = Directory.GetFiles(store.Artifacts, "*", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var show = await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "addition@1", "--json").Prepend("models").ToArray());

        Assert.Equal(1, show.ExitCode);
        var status = JsonNode.Parse(show.Stdout)!["checkpointStatus"]!.GetValue<string>();
        Assert.Contains("referenced by model addition@1", status);
        Assert.Contains("damaged", status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")] // no --artifacts: they are in the database
    public async Task Gc_lists_unreferenced_artifacts_and_deletes_them_only_when_asked(string backend)
    {
        using var store = new TestStore(backend);
        var artifacts = backend == "sqlite" ? store.Artifacts : null;
        string[] Args(params string[] args) => store.ArgsWithArtifacts(artifacts, args);
        await RegisterChainAsync(store, 1, artifacts);
        string orphan;
        using (var opened = Orchestrator.Storage.StoreFactory.Open(store.Location, artifacts))
        using (var stream = new MemoryStream("nobody refers to this"u8.ToArray()))
            orphan = await opened.Artifacts.PutAsync(stream, CancellationToken.None);

        var dry = await CliProcess.RunAsync(store.Folder.Path, Args("gc"));
        var applied = await CliProcess.RunAsync(store.Folder.Path, Args("gc", "--apply"));
        var again = await CliProcess.RunAsync(store.Folder.Path, Args("gc"));
        var model = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, Args("models", "show", "addition@1", "--json"))).Stdout)!;

        Assert.Contains($"would delete {orphan}", dry.Stdout);
        Assert.Contains("1 of 2 artifacts unreferenced", dry.Stdout);
        Assert.Contains($"deleted {orphan}", applied.Stdout);
        Assert.Contains("0 of 1 artifacts unreferenced", again.Stdout);
        Assert.Equal("verified", model["checkpointStatus"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_promoting_processes_at_random_points_leaves_the_journal_consistent(string backend)
    {
        using var store = new TestStore(backend);
        await RegisterChainAsync(store, 3);
        var random = new Random(7);
        var processes = new List<Process>();
        for (var i = 0; i < 12; i++)
            processes.Add(Process.Start(CliProcess.StartInfo(store.Folder.Path, store.Args("promote", $"addition@{1 + i % 3}", "--alias", "champion", "--reason", $"promotion {i}")))!);
        await Task.Delay(random.Next(300, 900));
        foreach (var process in processes.Where((_, i) => i % 2 == 0))
        {
            await Task.Delay(random.Next(0, 80));
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already finished */ }
        }
        foreach (var process in processes) await process.WaitForExitAsync();

        var history = await JournalAsync(store);
        var champion = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "addition@champion", "--json").Prepend("models").ToArray())).Stdout)!;

        Assert.True(history.Count >= processes.Count(p => p.ExitCode == 0));
        for (var i = 0; i < history.Count; i++)
        {
            Assert.Equal(i + 1, history[i].Sequence);
            Assert.Equal(i == 0 ? null : history[i - 1].To, history[i].From);
        }
        Assert.Equal(history[^1].To, champion["version"]!.GetValue<int>());
    }

    private static async Task<List<(long Sequence, int? From, int To)>> JournalAsync(TestStore store)
    {
        // Read through the store itself, so the consistency check does not depend on another command's output.
        using var stores = Orchestrator.Storage.StoreFactory.Open(store.Location, store.Artifacts);
        var moves = await stores.Models.GetAliasHistoryAsync("addition", "champion", CancellationToken.None);
        return moves.Select(m => (m.Sequence, m.From, m.To)).ToList();
    }

    private static Task RegisterChainAsync(TestStore store, int count) => RegisterChainAsync(store, count, store.Artifacts);

    private static async Task RegisterChainAsync(TestStore store, int count, string? artifacts)
    {
        for (var v = 1; v <= count; v++)
        {
            string[] args = ["models", "register", "addition", "--checkpoint", WriteCheckpoint(store, $"weights {v}"),
                "--run", $"run-{v}", "--workflow", $"self-improve-addition@{v}", "--evaluator", "majority@1",
                "--dataset", "sha256:" + new string((char)('a' + v), 64), "--seed", (v * 10).ToString(),
                "--steps", (v * 100).ToString(), "--tokens", (v * 1000).ToString(), "--seconds", "1.5", "--metric", $"accuracy=0.9{v}"];
            if (v > 1) args = [.. args, "--parent", (v - 1).ToString()];
            var result = await CliProcess.RunAsync(store.Folder.Path, store.ArgsWithArtifacts(artifacts, args));
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        }
    }

    private static string WriteCheckpoint(TestStore store, string content) =>
        store.Folder.Write($"checkpoint-{Guid.NewGuid():N}.bin", content);
}
