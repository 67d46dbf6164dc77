using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Engine;
using Orchestrator.Storage.Sqlite;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// The durability promise, tested on the real command: SIGKILL the process at many points of a multi-step
/// run (inside loops, parallel branches and a durable wait), start it again each time, and check that no
/// committed step ran again, each side effect happened once, and the end is the same as an uninterrupted run.
/// </summary>
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    private const int Kills = 12;
    private const string RunId = "crash";

    private const string Definition = """
        id: crash-test
        version: 1
        inputs:
          effects: { type: string }
          audit: { type: string }
        state: { count: 0 }
        steps:
          - id: rounds
            loop: { times: 24, max: 30 }
            do:
              - id: fan
                parallel: { over: "${[1, 2]}", as: n, maxDegree: 2 }
                do:
                  - id: touch
                    uses: sample/append
                    with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "fan ${loop.index} ${n}", work: 40ms }
              - id: count
                uses: set
                with: { count: "${state.count + 1}" }
              - id: mark
                uses: sample/append
                with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "round ${loop.index} count ${state.count}", work: 40ms }
          - id: pause
            uses: wait
            with: { duration: 400ms }
          - id: final
            uses: sample/append
            with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "final ${state.count}" }
        output: "${ { count: state.count } }"
        """;

    [Fact]
    public async Task Sigkill_at_many_points_then_resume_commits_each_step_once_and_ends_like_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var file = temp.Write("crash.yaml", Definition);

        var reference = await RunUninterruptedAsync(temp, file);

        var store = temp.File("store");
        var effects = temp.File("effects.txt");
        var audit = temp.File("audit.txt");
        string[] Start() => CliProcess.With(store, "run", file, "--id", RunId, "--seed", "11", "--json", "--input", $"effects={effects}", "--input", $"audit={audit}");
        string[] Resume() => CliProcess.With(store, "resume", RunId, "--json");

        var random = new Random(20261123);
        var kills = 0;
        string? finalStdout = null;
        for (var launch = 0; finalStdout is null; launch++)
        {
            var committedBefore = await CommittedKeysAsync(store);
            var auditBefore = File.Exists(audit) ? File.ReadAllLines(audit).Length : 0;
            // Alternate the two ways back in: starting the same run id again, and 'resume'.
            var args = launch % 2 == 0 ? Start() : Resume();
            var killAfter = kills < Kills ? 1 + random.Next(2) : int.MaxValue;
            var (exited, stdout) = await LaunchAndKillAsync(args, killAfter, TimeSpan.FromMilliseconds(random.Next(0, 60)));
            if (exited) finalStdout = stdout;
            else kills++;

            var repeated = File.Exists(audit)
                ? File.ReadAllLines(audit).Skip(auditBefore).Select(l => l.Split('\t')[0].Split('/', 2)[1]).Where(committedBefore.Contains).ToList()
                : [];
            Assert.True(repeated.Count == 0, $"launch {launch} ran committed steps again: {string.Join(", ", repeated)}");
            Assert.True(launch < 60, "the run never finished");
        }

        output.WriteLine($"{kills} kills");
        Assert.True(kills >= 10, $"only {kills} kill points were exercised");

        var final = JsonNode.Parse(finalStdout)!;
        Assert.Equal("succeeded", final["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(reference.Run["output"], final["output"]), $"{reference.Run["output"]} != {final["output"]}");
        Assert.True(JsonNode.DeepEquals(reference.Run["state"], final["state"]), $"{reference.Run["state"]} != {final["state"]}");

        var lines = File.ReadAllLines(effects);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Equal(reference.Effects.Order(), lines.Order());
        Assert.Equal(await CommittedKeysAsync(reference.Store), await CommittedKeysAsync(store));
    }

    private async Task<(JsonNode Run, string[] Effects, string Store)> RunUninterruptedAsync(TempFolder temp, string file)
    {
        var store = temp.File("reference-store");
        var effects = temp.File("reference-effects.txt");
        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(store, "run", file, "--id", RunId, "--seed", "11", "--json",
            "--input", $"effects={effects}", "--input", $"audit={temp.File("reference-audit.txt")}"));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return (JsonNode.Parse(result.Stdout)!, File.ReadAllLines(effects), store);
    }

    /// <summary>Starts the command and SIGKILLs it once it has reported <paramref name="steps"/> finished steps (plus a little).</summary>
    private async Task<(bool Exited, string Stdout)> LaunchAndKillAsync(string[] args, int steps, TimeSpan extra)
    {
        using var process = Process.Start(CliProcess.StartInfo(Path.GetTempPath(), args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var seen = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("  ok ", StringComparison.Ordinal) && !line.StartsWith("  skip ", StringComparison.Ordinal)) continue;
            if (++seen < steps) continue;
            if (extra > TimeSpan.Zero) await Task.Delay(extra);
            if (process.HasExited) break;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"killed after {line.Trim()} (+{extra.TotalMilliseconds:0} ms)");
            return (false, "");
        }
        await process.WaitForExitAsync();
        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {text}");
        return (true, text);
    }

    private static async Task<HashSet<string>> CommittedKeysAsync(string store)
    {
        if (!Directory.Exists(store)) return [];
        using var runs = new SqliteRunStore(store);
        var steps = await runs.GetStepsAsync(RunId, CancellationToken.None);
        return steps.Where(s => s.IsCommitted).Select(s => s.Key).ToHashSet();
    }
}
