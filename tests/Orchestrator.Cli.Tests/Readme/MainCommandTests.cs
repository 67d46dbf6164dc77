using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Readme;

/// <summary>
/// The README's promise, kept: its main command, run exactly as printed from the repository root, ends with a
/// promoted champion whose frontier is above round 0's. Counts digits, never seconds.
/// </summary>
[Collection(MainCommandCollection.Name)]
public sealed class MainCommandTests
{
    [Fact]
    public async Task The_readme_main_command_as_written_ends_with_a_champion_above_its_base_frontier()
    {
        using var temp = new TempFolder();
        var store = temp.File("store");
        var command = ReadmeCommands.MainCommand(Path.Combine(Repository.Root, "README.md"));

        var (exitCode, output) = await RunAsWrittenAsync(command, store);

        Assert.True(exitCode == 0, $"the main command exited {exitCode}:\n{output}");
        var run = await OnlyRunAsync(store);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var result = run["output"]!;
        var (baseFrontier, frontier) = (result["baseFrontier"]!.GetValue<int>(), result["frontier"]!.GetValue<int>());
        Assert.True(frontier > baseFrontier, $"the frontier did not rise: {baseFrontier} -> {frontier}\n{output}");

        // The champion alias really points at the run's final model in the registry, not only in the run's output.
        var champion = await CliProcess.RunAsync(Repository.Root, CliProcess.With(store, "models", "show", "addition@champion", "--json"));
        Assert.True(champion.ExitCode == 0, champion.Stderr);
        var shown = JsonNode.Parse(champion.Stdout)!;
        Assert.Equal(result["champion"]!.GetValue<string>(), $"{shown["name"]!.GetValue<string>()}@{shown["version"]!.GetValue<int>()}");
    }

    [Fact]
    public void The_main_command_is_a_run_of_the_shipped_self_improvement_workflow_with_no_store_of_its_own()
    {
        var command = ReadmeCommands.MainCommand(Path.Combine(Repository.Root, "README.md"));

        // The test gives the command its store through the environment; a --store in the README would bypass it.
        Assert.DoesNotContain("--store", command);
        Assert.Contains("run", command);
        Assert.Contains(command, w => w.Contains("self-improve-addition", StringComparison.Ordinal));
    }

    /// <summary>Runs the words as a process from the repository root, with the store in <paramref name="store"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsWrittenAsync(IReadOnlyList<string> command, string store)
    {
        var result = await ChildProcess.RunAsync(command[0], command.Skip(1), Repository.Root, TimeSpan.FromMinutes(20),
            new Dictionary<string, string> { ["ORCHESTRATOR_STORE"] = store });
        return (result.ExitCode, result.Stdout + "\n--- stderr (last lines) ---\n" + string.Join('\n', result.Stderr.Split('\n').TakeLast(40)));
    }

    private static async Task<JsonNode> OnlyRunAsync(string store)
    {
        var runs = await CliProcess.RunAsync(Repository.Root, CliProcess.With(store, "runs", "--json"));
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var id = Assert.Single(JsonNode.Parse(runs.Stdout)!.AsArray())!["id"]!.GetValue<string>();
        var shown = await CliProcess.RunAsync(Repository.Root, CliProcess.With(store, "show", id, "--json"));
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        return JsonNode.Parse(shown.Stdout)!;
    }
}
