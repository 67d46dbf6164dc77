using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Plugins.Sample.Append;

namespace Orchestrator.Plugins.Sample.Tests.Append;

public sealed class AppendActivityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-append-").FullName;

    [Fact]
    public async Task A_repeated_attempt_of_the_same_step_does_not_append_twice()
    {
        var file = Path.Combine(_folder, "effects.txt");
        var audit = Path.Combine(_folder, "audit.txt");
        var harness = new ActivityHarness(new AppendActivity()) { RunId = "r1", StepKey = "loop/0/append" };
        var inputs = new JsonObject { ["file"] = file, ["text"] = "hello", ["auditFile"] = audit };

        var first = await harness.RunAsync(inputs, attempt: 1);
        var repeat = await harness.RunAsync(inputs, attempt: 2);

        Assert.True(first.Output!["appended"]!.GetValue<bool>());
        Assert.False(repeat.Output!["appended"]!.GetValue<bool>());
        Assert.Equal(["r1/loop/0/append\thello"], File.ReadAllLines(file));
        Assert.Equal(2, File.ReadAllLines(audit).Length);
    }

    [Fact]
    public async Task Another_step_appends_its_own_line()
    {
        var file = Path.Combine(_folder, "effects.txt");
        var inputs = new JsonObject { ["file"] = file, ["text"] = "x" };

        await new ActivityHarness(new AppendActivity()) { StepKey = "a" }.RunAsync(inputs);
        await new ActivityHarness(new AppendActivity()) { StepKey = "b" }.RunAsync(inputs);

        Assert.Equal(2, File.ReadAllLines(file).Length);
    }

    [Fact]
    public void A_bad_work_duration_is_reported_before_a_run()
    {
        var problems = new ActivityHarness(new AppendActivity()).Check(new JsonObject { ["file"] = "f", ["work"] = "soon" });

        Assert.Contains(problems, p => p.Input == "work" && p.Message.Contains("not a duration"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
