using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Pages of runs filtered by the store: by workflow and status (queued apart from running), newest first, with "more".</summary>
public abstract partial class RunStoreContract
{
    private async Task<IRunStore> TwelveRunsAsync()
    {
        var store = await StoreAsync();
        var statuses = new[] { RunStatus.Succeeded, RunStatus.Failed, RunStatus.Running, RunStatus.Queued };
        for (var i = 0; i < 12; i++)
            await store.CreateRunAsync(Records.Run() with
            {
                Id = $"run-{i:D2}", WorkflowId = i % 2 == 0 ? "even" : "odd", Status = statuses[i % 4], CreatedAt = Records.T0.AddMinutes(i), UpdatedAt = Records.T0.AddMinutes(i),
            }, None);
        return store;
    }

    [Fact]
    public async Task A_page_is_newest_first_and_says_whether_more_follow()
    {
        var store = await TwelveRunsAsync();

        var first = await store.QueryRunsAsync(new RunQuery(Limit: 5), None);
        var last = await store.QueryRunsAsync(new RunQuery(Offset: 10, Limit: 5), None);

        Assert.Equal(["run-11", "run-10", "run-09", "run-08", "run-07"], first.Runs.Select(r => r.Id));
        Assert.True(first.More);
        Assert.Equal(["run-01", "run-00"], last.Runs.Select(r => r.Id));
        Assert.False(last.More);
    }

    [Fact]
    public async Task Filters_match_the_workflow_and_the_status_with_queued_apart_from_running()
    {
        var store = await TwelveRunsAsync();

        var odd = await store.QueryRunsAsync(new RunQuery(Workflow: "odd"), None);
        var running = await store.QueryRunsAsync(new RunQuery(Status: RunStatus.Running), None);
        var queued = await store.QueryRunsAsync(new RunQuery(Status: RunStatus.Queued), None);
        var evenFailed = await store.QueryRunsAsync(new RunQuery("even", RunStatus.Failed), None);
        var none = await store.QueryRunsAsync(new RunQuery("even", RunStatus.Queued), None);

        Assert.Equal(6, odd.Runs.Count);
        Assert.All(odd.Runs, r => Assert.Equal("odd", r.WorkflowId));
        Assert.Equal(["run-10", "run-06", "run-02"], running.Runs.Select(r => r.Id));
        Assert.Equal(["run-11", "run-07", "run-03"], queued.Runs.Select(r => r.Id));
        Assert.All(queued.Runs, r => Assert.Equal(RunStatus.Queued, r.Status));
        Assert.Equal(["run-09", "run-05", "run-01"], (await store.QueryRunsAsync(new RunQuery(Status: RunStatus.Failed), None)).Runs.Select(r => r.Id));
        Assert.Empty(evenFailed.Runs);
        Assert.Empty(none.Runs);
    }

    [Fact]
    public async Task The_brief_journal_is_the_journal_without_outputs_and_state_changes()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        foreach (var key in new[] { "a", "b" })
        {
            var step = new StepRecord { Key = key, StepId = key, Pointer = "/steps/0", Kind = "set", FirstStartedAt = Records.T0 };
            await store.BeginStepAsync("run-1", step, Records.T0, None);
            await store.CommitStepAsync("run-1", step with
            {
                Status = StepStatus.Succeeded, Attempts = 1, EndedAt = Records.T0.AddSeconds(1),
                Output = new System.Text.Json.Nodes.JsonObject { ["x"] = 1 }, StateChanges = new System.Text.Json.Nodes.JsonObject { ["y"] = 2 },
            }, [], Records.T0.AddSeconds(1), None);
        }

        var full = await store.GetStepsAsync("run-1", None);
        var brief = await store.GetJournalAsync("run-1", None);

        Assert.Equal(full.Select(s => s with { Output = null, StateChanges = null }), brief);
        Assert.All(full, s => Assert.NotNull(s.Output));
    }
}
