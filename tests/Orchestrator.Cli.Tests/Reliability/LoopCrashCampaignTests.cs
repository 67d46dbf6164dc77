using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The durability promise on the real self-improvement loop: publish the shipped workflow, self-edit it into a
/// tiny draft and run the draft, SIGKILLing the command at seeded random points (biased into post-training,
/// the promotions and the publish and edit) and starting it again each time, until the run ends. The store it
/// leaves must equal that of the same commands run without a kill: the champion and its checkpoint, every
/// model version and its lineage, the alias journals, the rounds, the workflow versions and the self-edits;
/// and each passing gate gives exactly one promotion.
/// ORCHESTRATOR_RELIABILITY_KILLS sets how many kills (tests/reliability/crash-campaign.sh runs 50 and more).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LoopCrashCampaignTests(ITestOutputHelper output) : IDisposable
{
    private const int KillsPerRun = 12;
    private readonly TempFolder _temp = new();

    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_KILLS"), out var kills) ? kills : 4;
    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_SEED"), out var seed) ? seed : 20261203;

    [Fact]
    public async Task Sigkilled_at_random_points_the_loop_resumes_to_the_same_champion_lineage_journals_and_rounds()
    {
        var patch = _temp.Write("tiny.json", TinyLoop.Patch);
        var reference = await UninterruptedAsync(_temp.File("reference"), patch);
        AssertOnePromotionPerPassingGate(reference);
        Assert.True(reference["run"]!["rounds"]!.AsArray().Skip(1).Any(r => r!["promoted"]!.GetValue<bool>()),
            $"the uninterrupted run promoted nothing, so the campaign would not test promotion: {reference["run"]!["rounds"]}");

        var schedule = new KillSchedule(Seed);
        var tally = new CampaignTally();
        try
        {
            while (tally.Kills < Kills)
            {
                Assert.True(tally.Trials < 2 * Kills + 5, "the schedule keeps missing: runs end before they are killed");
                var store = _temp.File($"crashed-{tally.Trials++}");
                await CrashedAsync(store, patch, schedule, tally, Math.Min(KillsPerRun, Kills - tally.Kills));
                var crashed = await LoopSnapshot.ReadAsync(store);
                var differences = LoopSnapshot.Differences(reference, crashed);
                Assert.True(differences.Count == 0, $"run {tally.Trials} (after {tally.Kills} kills in all) differs from the uninterrupted run:\n  {string.Join("\n  ", differences)}");
                AssertOnePromotionPerPassingGate(crashed);
                Directory.Delete(store, recursive: true);
            }
            Report(tally, "the same as the uninterrupted run every time: 0 lost, 0 duplicated, 0 unhandled");
        }
        catch (Exception e)
        {
            Report(tally, "FAILED: " + e.Message.Split('\n')[0]);
            throw;
        }
        // A large campaign must have hit the longest step with side effects; a small one may miss it by chance.
        Assert.True(tally.LandedIn("post-train") > 0 || Kills < 20, "no kill landed inside post-training");
    }

    private async Task<JsonObject> UninterruptedAsync(string store, string patch)
    {
        foreach (var args in new[] { TinyLoop.Publish(store), TinyLoop.Edit(store, patch), TinyLoop.Run(store) })
        {
            var result = await KilledLaunch.RunAsync(args, plan: null);
            Assert.True(result.ExitCode == 0, $"{args[0]} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        }
        return await LoopSnapshot.ReadAsync(store);
    }

    /// <summary>The same three commands, each launched again after every kill until it ends by itself.</summary>
    private async Task CrashedAsync(string store, string patch, KillSchedule schedule, CampaignTally tally, int kills)
    {
        var killed = 0;
        foreach (var (command, args) in new[] { ("publish", TinyLoop.Publish(store)), ("edit", TinyLoop.Edit(store, patch)) })
        {
            for (var launch = 0; ; launch++)
            {
                var result = await LaunchAsync(store, command, args, killed < kills && launch == 0 ? schedule.ForCommand(command) : null, tally);
                if (!result.Killed) break;
                killed++;
            }
        }

        var resume = false;
        while (true)
        {
            var exists = !(await KillLanding.ReadAsync(store, "run")).StartsWith("run: before the run", StringComparison.Ordinal);
            var args = exists && resume ? TinyLoop.Resume(store) : TinyLoop.Run(store);
            if (exists && resume) tally.Resumes++;
            else if (exists) tally.Restarts++;
            var result = await LaunchAsync(store, "run", args, killed < kills ? schedule.ForRun() : null, tally);
            if (!result.Killed)
            {
                Assert.Equal("succeeded", JsonNode.Parse(result.Stdout)!["status"]!.GetValue<string>());
                return;
            }
            killed++;
            resume = !resume;
            Assert.True(killed < 100, "the run never finished");
        }
    }

    private async Task<KilledLaunch.Result> LaunchAsync(string store, string command, string[] args, KillPlan? plan, CampaignTally tally)
    {
        tally.Launches++;
        var result = await KilledLaunch.RunAsync(args, plan);
        if (!result.Killed)
        {
            Assert.True(result.ExitCode == 0, $"{args[0]} exited {result.ExitCode} after {tally.Kills} kills: {result.Stdout}\n{Tail(result.Stderr)}");
            return result;
        }
        var landing = await KillLanding.ReadAsync(store, command);
        tally.Killed(landing);
        output.WriteLine($"kill {tally.Kills}: aimed at {plan!.Aim} (+{plan.Delay.TotalMilliseconds:0} ms), landed in {landing}");
        return result;
    }

    /// <summary>The crown moves the champion once, and so does every round whose gate passed, and nothing else moves it.</summary>
    private static void AssertOnePromotionPerPassingGate(JsonObject snapshot)
    {
        var rounds = snapshot["run"]!["rounds"]!.AsArray().Skip(1).ToList();
        var moves = snapshot["championJournal"]!.AsArray().Select(m => m!["by"]!.GetValue<string>()).ToList();
        var passed = rounds.Where(r => r!["gate"]!.GetValue<string>() == "passed").Select(r => r!["round"]!.GetValue<int>() - 1);
        Assert.Equal([$"run {TinyLoop.RunId}/crown", .. passed.Select(i => $"run {TinyLoop.RunId}/round/{i}/promote")], moves);
        Assert.All(rounds, r => Assert.Equal(r!["gate"]!.GetValue<string>() == "passed", r["promoted"]!.GetValue<bool>()));
    }

    private void Report(CampaignTally tally, string result)
    {
        var summary = tally.Summary(Seed, result);
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_SUMMARY") is { Length: > 0 } file) File.WriteAllText(file, summary);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(30));

    public void Dispose() => _temp.Dispose();
}
