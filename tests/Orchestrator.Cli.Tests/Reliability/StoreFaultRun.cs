using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Storage;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The workflow the store-fault tests run, and how its end is compared with an uninterrupted run's: each round
/// appends a line (an idempotent side effect, in a file outside the store) and records a 32 KB value, so the store
/// grows by new pages at every commit and a full disk shows at the next one.
/// </summary>
public static class StoreFaultRun
{
    public const string RunId = "fault";
    public const int Rounds = 12;

    public static readonly string Definition = $$"""
        id: store-fault
        version: 1
        inputs:
          effects: { type: string }
          audit: { type: string }
        state: { count: 0, ballast: "" }
        steps:
          - id: rounds
            loop: { times: {{Rounds}}, max: 100 }
            do:
              - id: mark
                uses: sample/append
                with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "round ${loop.index}", work: 40ms }
              - id: grow
                uses: set
                with: { count: "${state.count + 1}", ballast: "${String(loop.index).repeat(32768)}" }
          - id: final
            uses: sample/append
            with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "final ${state.count}" }
        output: "${ { count: state.count } }"
        """;

    /// <summary>
    /// After how many finished steps the fault strikes: once, mid-run, in the suite; with
    /// ORCHESTRATOR_RELIABILITY_FAULT_POINTS=N (tests/reliability/faults.sh), N points spread over the whole run.
    /// </summary>
    public static IReadOnlyList<int> FaultPoints()
    {
        var steps = 2 * Rounds + 1;
        var text = Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_FAULT_POINTS");
        if (string.IsNullOrEmpty(text)) return [6];
        if (!int.TryParse(text, out var count) || count < 1)
            throw new InvalidOperationException($"ORCHESTRATOR_RELIABILITY_FAULT_POINTS must be a whole number of at least 1, not '{text}'");
        // Every point from the first step to the last but one before repeating: the fault must strike while the run still runs.
        return Enumerable.Range(0, count).Select(i => 1 + i * 7 % (steps - 1)).ToList();
    }

    public sealed record End(JsonNode Run, string[] Effects, HashSet<string> Committed);

    /// <summary>The arguments that start the run with its effect files in <paramref name="sideFolder"/> (not on the faulty disk).</summary>
    public static string[] Start(string file, string store, string sideFolder) =>
        CliProcess.With(store, "run", file, "--id", RunId, "--seed", "3", "--json",
            "--input", $"effects={Path.Combine(sideFolder, "effects.txt")}", "--input", $"audit={Path.Combine(sideFolder, "audit.txt")}");

    public static string[] Resume(string store) => CliProcess.With(store, "resume", RunId, "--json");

    private static readonly Lazy<Task<End>> Reference = new(RunUninterruptedAsync);

    /// <summary>The end of the run done once without a fault, in a folder of its own; the tests of every fault compare with it.</summary>
    public static Task<End> UninterruptedAsync() => Reference.Value;

    private static async Task<End> RunUninterruptedAsync()
    {
        using var temp = new TempFolder();
        var file = temp.Write("store-fault.yaml", Definition);
        var store = temp.File("store");
        var result = await CliProcess.RunAsync(temp.Path, Start(file, store, temp.Path));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return await EndOfAsync(result.Stdout, store, temp.Path);
    }

    public static async Task<End> EndOfAsync(string stdout, string store, string sideFolder) =>
        new(JsonNode.Parse(stdout)!, File.ReadAllLines(Path.Combine(sideFolder, "effects.txt")), await CommittedAsync(store));

    /// <summary>The same end: output and state equal, each effect once, the same steps committed.</summary>
    public static void AssertSame(End reference, End actual)
    {
        Assert.Equal("succeeded", actual.Run["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(reference.Run["output"], actual.Run["output"]), $"{reference.Run["output"]} != {actual.Run["output"]}");
        Assert.True(JsonNode.DeepEquals(reference.Run["state"], actual.Run["state"]), "the final state differs from the uninterrupted run's");
        Assert.Equal(actual.Effects.Length, actual.Effects.Distinct().Count());
        Assert.Equal(reference.Effects.Order(), actual.Effects.Order());
        Assert.Equal(reference.Committed.Order(), actual.Committed.Order());
    }

    public static async Task<HashSet<string>> CommittedAsync(string store)
    {
        // The SQLite run store alone, not the whole store: opening that makes an artifacts folder, which a full disk refuses.
        using var stores = StoreFactory.IsPostgres(store) ? StoreFactory.Open(store) : null;
        using var sqlite = stores is null ? new SqliteRunStore(store) : null;
        var runs = stores?.Runs ?? sqlite!;
        var steps = await runs.GetStepsAsync(RunId, CancellationToken.None);
        return steps.Where(s => s.IsCommitted).Select(s => s.Key).ToHashSet();
    }

    /// <summary>The keys of the attempts the audit file recorded, in order (an attempt may repeat only while uncommitted).</summary>
    public static string[] Audited(string sideFolder) =>
        File.ReadAllLines(Path.Combine(sideFolder, "audit.txt")).Select(l => l.Split('\t')[0]).ToArray();

    /// <summary>The attempts the audit file recorded more than once (a retry after a refused commit), without the run id.</summary>
    public static List<string> Repeated(string sideFolder) =>
        Audited(sideFolder).GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key.Split('/', 2)[1]).ToList();

    /// <summary>Starts the command, applies <paramref name="fault"/> once it has finished <paramref name="steps"/> steps, and waits for it to exit.</summary>
    public static async Task<CliProcess.Result> RunWithFaultAsync(string[] args, int steps, Action fault)
    {
        using var process = Process.Start(CliProcess.StartInfo(Path.GetTempPath(), args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var seen = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            stderr.AppendLine(line);
            if (!line.StartsWith("  ok ", StringComparison.Ordinal) || ++seen != steps) continue;
            // Frozen while the fault is set up, so it strikes before the run goes further than it has by now, however
            // long the setup takes. (The pipe may hold a few more step lines than the test has read: "after k steps" is at least k.)
            Signal(process.Id, SigStop);
            try
            {
                fault();
            }
            finally
            {
                Signal(process.Id, SigCont);
            }
        }
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        Assert.True(seen >= steps, $"the run finished only {seen} steps, fewer than the {steps} after which the fault was due:\n{stderr}");
        return new CliProcess.Result(process.ExitCode, await stdout, stderr.ToString());
    }

    private const int SigStop = 19, SigCont = 18;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Starts the command and SIGKILLs it once it has finished <paramref name="steps"/> steps.</summary>
    public static async Task RunAndKillAsync(string[] args, int steps)
    {
        using var process = Process.Start(CliProcess.StartInfo(Path.GetTempPath(), args))!;
        _ = process.StandardOutput.ReadToEndAsync();
        var seen = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("  ok ", StringComparison.Ordinal) || ++seen < steps) continue;
            process.Kill(entireProcessTree: true);
            break;
        }
        await process.WaitForExitAsync();
        Assert.True(seen >= steps, "the run ended before it could be interrupted");
    }
}
