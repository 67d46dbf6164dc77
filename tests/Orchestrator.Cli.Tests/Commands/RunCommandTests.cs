using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Fact]
    public async Task The_demo_pipeline_runs_to_completion_with_loop_parallel_call_and_retry()
    {
        using var temp = new TempFolder();

        var result = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "run", "workflows/demo-pipeline.yaml", "--seed", "7", "--json"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var run = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(770, run["output"]!["total"]!.GetValue<long>());
        Assert.Equal(3, run["output"]!["flakyAttempts"]!.GetValue<long>());
        Assert.Contains("retry flaky: attempt 2", result.Stderr);
        Assert.Contains("ok   rounds/2/squares/4/square", result.Stderr);
    }

    [Fact]
    public async Task Show_and_runs_print_one_json_document_each()
    {
        using var temp = new TempFolder();
        var run = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "run", "demo-pipeline@1", "--id", "demo-1", "--input", "rounds=1", "--json"));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        var show = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "show", "demo-1", "--json"));
        var runs = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "runs", "--json"));

        Assert.Equal(0, show.ExitCode);
        var steps = JsonNode.Parse(show.Stdout)!["steps"]!.AsArray();
        Assert.Contains(steps, s => s!["key"]!.GetValue<string>() == "flaky" && s["attempts"]!.GetValue<int>() == 3);
        Assert.Contains(steps, s => s!["key"]!.GetValue<string>() == "rounds/0/sum/total");
        Assert.Equal("demo-1", JsonNode.Parse(runs.Stdout)!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_run_exits_1_with_a_structured_error()
    {
        using var temp = new TempFolder();
        var file = temp.Write("fails.yaml", """
            id: fails
            steps:
              - { id: first, uses: set, with: { x: 1 } }
              - { id: stop, uses: fail, with: { message: "budget exceeded", type: budget-exceeded } }
            """);

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "run", file, "--json"));

        Assert.Equal(1, result.ExitCode);
        var error = JsonNode.Parse(result.Stdout)!["error"]!;
        Assert.Equal("budget-exceeded", error["type"]!.GetValue<string>());
        Assert.Equal("stop", error["step"]!.GetValue<string>());
        Assert.Equal("/steps/1", error["pointer"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--input", "rounds=many", "input 'rounds' must be int")]
    [InlineData("--input", "colour=red", "has no input 'colour'")]
    public async Task Bad_inputs_exit_2_and_start_nothing(string option, string value, string message)
    {
        using var temp = new TempFolder();

        var result = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "run", "workflows/demo-pipeline.yaml", option, value));
        var runs = await CliProcess.RunAsync(Repository.Root, CliProcess.With(temp.Path, "runs", "--json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(JsonNode.Parse(runs.Stdout)!.AsArray());
    }

    [Fact]
    public async Task Unknown_command_or_run_exits_2()
    {
        using var temp = new TempFolder();

        var usage = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "frobnicate"));
        var resume = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "resume", "no-such-run"));

        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("no run 'no-such-run'", resume.Stderr);
    }

    [Fact]
    public async Task Activities_lists_built_in_and_plugin_activities_with_inputs()
    {
        using var temp = new TempFolder();

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "activities", "--json"));

        Assert.Equal(0, result.ExitCode);
        var activities = JsonNode.Parse(result.Stdout)!.AsArray();
        var types = activities.Select(a => a!["type"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "set", "log", "fail", "wait", "assert", "sample/square", "sample/flaky", "sample/append" }, types.ToHashSet());
        var wait = activities.Single(a => a!["type"]!.GetValue<string>() == "wait")!;
        Assert.True(wait["inputs"]![0]!["required"]!.GetValue<bool>());
    }
}
