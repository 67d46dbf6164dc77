using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// The wall clock jumping under the engine, on a real store: a lease is neither stolen when the clock goes back nor
/// held past its time when it goes forward, and a durable wait neither ends early nor hangs.
/// </summary>
public abstract partial class RunStoreContract
{
    private static readonly EngineOptions ShortLease = new() { LeaseDuration = TimeSpan.FromSeconds(1) };

    private const string Pausing = """
        id: clock-pause
        steps:
          - { id: before, uses: set, with: { x: 1 } }
          - { id: pause, uses: wait, with: { duration: DURATION } }
          - { id: after, uses: set, with: { y: 2 } }
        """;

    [Fact]
    public async Task A_clock_set_back_mid_run_does_not_let_another_engine_take_the_lease_whatever_its_clock()
    {
        var store = await StoreAsync();
        var clock = new JumpingClock();
        var running = EngineOn(store, clock).StartAsync(Load(Pausing.Replace("DURATION", "2500ms")), null, new JsonObject(), new RunStartOptions { RunId = "clock-back" });
        await StepRunningAsync(store, "clock-back", "pause");

        clock.Jump(TimeSpan.FromHours(-1));
        // Longer than the lease: renewals made on the set-back clock would by now have let it lapse in real time.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAsync<RunLeaseHeldException>(() => EngineOn(store, clock).ResumeAsync("clock-back"));
        await Assert.ThrowsAsync<RunLeaseHeldException>(() => EngineOn(store, TimeProvider.System).ResumeAsync("clock-back"));
        var run = await running;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(["before", "pause", "after"], (await store.GetStepsAsync("clock-back", None)).Select(s => s.Key));
    }

    [Fact]
    public async Task A_clock_jumped_forward_lets_another_engine_take_a_lapsed_lease_but_not_one_its_holder_renews()
    {
        var store = await StoreAsync();
        var definition = Load(Pausing.Replace("DURATION", "2s"));

        // A holder that died on another machine, an hour's lease ago: its lease is over once the clock is past it.
        var clock = new JumpingClock();
        await EngineOn(store, clock).CreateAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "clock-lapsed" });
        Assert.True((await store.ClaimAsync("clock-lapsed", "elsewhere:1:gone0000", clock.GetUtcNow(), TimeSpan.FromHours(1), null, None)).Granted);
        await Assert.ThrowsAsync<RunLeaseHeldException>(() => EngineOn(store, clock).ResumeAsync("clock-lapsed"));
        clock.Jump(TimeSpan.FromHours(2));
        Assert.Equal(RunStatus.Succeeded, (await EngineOn(store, clock).ResumeAsync("clock-lapsed")).Status);

        // A live holder on the jumped clock renews within a third of its lease, and then keeps its run.
        var live = new JumpingClock();
        var running = EngineOn(store, live).StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "clock-ahead" });
        await StepRunningAsync(store, "clock-ahead", "pause");
        live.Jump(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(0.8));
        await Assert.ThrowsAsync<RunLeaseHeldException>(() => EngineOn(store, live).ResumeAsync("clock-ahead"));
        Assert.Equal(RunStatus.Succeeded, (await running).Status);
    }

    [Fact]
    public async Task A_durable_wait_resumed_on_a_clock_set_back_a_day_waits_no_longer_than_its_duration()
    {
        var store = await StoreAsync();
        var clock = new JumpingClock();
        await StartThenStopInPauseAsync(store, clock, "clock-wait-back", "2s");

        clock.Jump(TimeSpan.FromDays(-1));
        var resumed = EngineOn(store, clock).ResumeAsync("clock-wait-back");

        // A hang, not a speed, is what this bounds: without the cap the wait would last a day and two seconds.
        var finished = await Task.WhenAny(resumed, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == resumed, "the wait resumed on a clock set back a day did not end within 30 s of a 2 s wait");
        Assert.Equal(RunStatus.Succeeded, (await resumed).Status);
    }

    [Fact]
    public async Task A_durable_wait_is_not_cut_short_by_a_clock_jumped_forward_while_it_waits_and_ends_when_resumed_past_its_deadline()
    {
        var store = await StoreAsync();
        var clock = new JumpingClock();
        var waited = Stopwatch.StartNew();
        var running = EngineOn(store, clock).StartAsync(Load(Pausing.Replace("DURATION", "1500ms")), null, new JsonObject(), new RunStartOptions { RunId = "clock-wait-ahead" });
        await StepRunningAsync(store, "clock-wait-ahead", "pause");
        clock.Jump(TimeSpan.FromDays(1));
        Assert.Equal(RunStatus.Succeeded, (await running).Status);
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1.4), $"a 1.5 s wait ended after {waited.Elapsed.TotalSeconds:0.00} s of real time");

        // Across a restart only the wall clock survives: a deadline it has passed is over, as after that much downtime.
        var later = new JumpingClock();
        await StartThenStopInPauseAsync(store, later, "clock-wait-past", "1h");
        later.Jump(TimeSpan.FromHours(2));
        var resumed = EngineOn(store, later).ResumeAsync("clock-wait-past");
        var finished = await Task.WhenAny(resumed, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == resumed, "a wait resumed past its deadline did not end");
        Assert.Equal(RunStatus.Succeeded, (await resumed).Status);
    }

    private WorkflowEngine EngineOn(IRunStore store, TimeProvider clock) =>
        new(store, new InProcessStepDispatcher(_activities, clock), ShortLease, clock);

    private async Task StartThenStopInPauseAsync(IRunStore store, TimeProvider clock, string runId, string duration)
    {
        using var stop = new CancellationTokenSource();
        var running = EngineOn(store, clock).StartAsync(Load(Pausing.Replace("DURATION", duration)), null, new JsonObject(), new RunStartOptions { RunId = runId }, stop.Token);
        await StepRunningAsync(store, runId, "pause");
        await stop.CancelAsync();
        Assert.Equal(RunStatus.Cancelled, (await running).Status);
    }

    private static async Task StepRunningAsync(IRunStore store, string runId, string key)
    {
        for (var look = 0; look < 1000; look++)
        {
            if ((await store.GetStepsAsync(runId, None)).Any(s => s.Key == key && s.Status == StepStatus.Running)) return;
            await Task.Delay(20);
        }
        Assert.Fail($"step {key} of run {runId} never started");
    }
}
