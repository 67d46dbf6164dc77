using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>Every bad request to the distribution commands is refused with exit 2 and a hint, and nothing is stored.</summary>
public sealed class DistributionBadInputTests
{
    private const string Workflow = """
        id: scheduled-bad
        version: 1
        inputs:
          count: { type: int, default: 1 }
        steps:
          - id: say
            uses: log
            with: { message: "hello ${inputs.count}" }
        """;

    public static TheoryData<string[], string> BadSchedules => new()
    {
        { ["--cron", "61 * * * *"], "not a cron expression" },
        { ["--cron", "* * *"], "has 3 fields" },
        { ["--cron", "0 2 * * *", "--time-zone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'" },
        { ["--cron", "0 2 * * *", "-i", "count=many"], "count" },
        { ["--cron", "0 2 * * *", "-i", "colour=red"], "colour" },
        { ["--cron", "0 2 * * *", "--queue", "GPU Box"], "not a queue name" },
        { ["--cron", "0 2 * * *", "--overlap", "sometimes"], "give skip or queue" },
        { ["--cron", "0 2 * * *", "--name", "no spaces"], "cannot name a schedule" },
        { [], "--cron is missing" },
    };

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public async Task A_bad_schedule_exits_2_with_a_hint_and_stores_nothing(string[] options, string expected)
    {
        using var store = new TestStore("sqlite");
        await PublishAsync(store);
        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args(["schedule", "scheduled-bad", .. options]));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        await AssertNoSchedulesAsync(store);
    }

    [Fact]
    public async Task An_unknown_workflow_exits_2_naming_it_and_stores_nothing()
    {
        using var store = new TestStore("sqlite");
        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "no-such-flow", "--cron", "0 2 * * *"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no workflow 'no-such-flow'", result.Stderr + result.Stdout);
        await AssertNoSchedulesAsync(store);
    }

    [Fact]
    public async Task Unscheduling_or_triggering_an_unknown_schedule_exits_2()
    {
        using var store = new TestStore("sqlite");
        var unschedule = await CliProcess.RunAsync(store.Folder.Path, store.Args("unschedule", "nightly"));
        Assert.Equal(2, unschedule.ExitCode);
        Assert.Contains("no schedule 'nightly'", unschedule.Stderr);
        var trigger = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "nightly", "--trigger"));
        Assert.Equal(2, trigger.ExitCode);
        Assert.Contains("no schedule 'nightly'", trigger.Stderr);
    }

    [Theory]
    [InlineData("--queues", "Train")]
    [InlineData("--concurrency", "0")]
    [InlineData("--requeue-after", "soon")]
    [InlineData("--training-threads", "0")]
    public async Task A_worker_with_bad_options_exits_2_before_serving(string option, string value)
    {
        using var store = new TestStore("sqlite");
        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("worker", option, value));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr);
    }

    [Theory]
    [InlineData(new string[0], 0)] // the processors shared out over the default concurrency
    [InlineData(new[] { "--concurrency", "4" }, 0)]
    [InlineData(new[] { "--concurrency", "4", "--training-threads", "3" }, 3)]
    public async Task A_worker_says_how_many_threads_each_job_trains_on(string[] options, int expected)
    {
        using var store = new TestStore("sqlite");
        var concurrency = options.Length > 1 ? int.Parse(options[1]) : Math.Max(1, Environment.ProcessorCount / 2);
        var threads = expected > 0 ? expected : Math.Max(1, Environment.ProcessorCount / concurrency);

        await using var worker = await WorkerProcess.StartAsync(store, "w", options);

        var expectedText = $"concurrency {concurrency}, training on {threads} thread{(threads == 1 ? "" : "s")} per job";
        Assert.Contains(worker.Lines, line => line.StartsWith("worker w: store", StringComparison.Ordinal) && line.Contains(expectedText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enqueue_with_bad_inputs_or_queue_exits_2_and_creates_no_run()
    {
        using var store = new TestStore("sqlite");
        var file = store.Folder.Write("flow.yaml", Workflow);
        var badInput = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "-i", "count=many"));
        Assert.Equal(2, badInput.ExitCode);
        var badQueue = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--queue", "Big Box"));
        Assert.Equal(2, badQueue.ExitCode);
        Assert.Contains("not a queue name", badQueue.Stderr);
        var runs = await CliProcess.RunAsync(store.Folder.Path, store.Args("runs", "--json"));
        Assert.Empty(JsonNode.Parse(runs.Stdout)!.AsArray());
    }

    private static async Task PublishAsync(TestStore store)
    {
        var published = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("flow.yaml", Workflow)));
        Assert.True(published.ExitCode == 0, published.Stderr);
    }

    private static async Task AssertNoSchedulesAsync(TestStore store)
    {
        var listed = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedules", "--json"));
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Empty(JsonNode.Parse(listed.Stdout)!.AsArray());
    }
}
