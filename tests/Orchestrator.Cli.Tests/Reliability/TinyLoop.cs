using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The shipped self-improvement loop made small enough to run many times: published from workflows/, then
/// self-edited within its declared tunables (fewer problems, no samples, short post-training) into a draft,
/// and that draft run with a tiny base. Two rounds: with this seed the first gate passes and the second refuses,
/// so the run holds what a crash can duplicate or lose: candidates, a promotion, a refusal, and the rounds.
/// </summary>
public static class TinyLoop
{
    public const string RunId = "loop";
    public const string Model = "addition";
    public const string Workflow = "self-improve-addition";
    public const string Seed = "3";
    public const string Editor = "campaign";

    /// <summary>Only tunables of the shipped file: the policy refuses anything else, so the loop stays the shipped one.</summary>
    public const string Patch = """
        [
          { "op": "replace", "path": "/steps/4/do/0/with/problems", "value": 128 },
          { "op": "replace", "path": "/steps/4/do/0/with/samples", "value": 0 },
          { "op": "replace", "path": "/steps/4/do/4/with/steps", "value": 100 },
          { "op": "replace", "path": "/steps/4/do/4/with/lr", "value": 0.004 }
        ]
        """;

    public static readonly string[] Inputs =
    [
        "-i", "baseSteps=120", "-i", "baseLr=0.005", "-i", "baseBatch=64", "-i", "baseMaxLength=2", "-i", "width=32",
        "-i", "rounds=2", "-i", "gateItems=256",
    ];

    public static readonly string[] PublishArgs = ["publish", "workflows/self-improve-addition.yaml", "--reason", "crash campaign", "--author", Editor];

    public static string[] EditArgs(string patchFile) => ["edit", Workflow + "@1", "--patch", patchFile, "--editor", Editor, "--rationale", "tiny settings"];

    /// <summary><c>run</c> or <c>enqueue</c> of the draft the edit makes: the store's second version of the workflow.</summary>
    public static string[] StartArgs(string command) => [command, Workflow + "@2", "--id", RunId, "--seed", Seed, .. Inputs];

    public static string[] Publish(string store) => CliProcess.With(store, PublishArgs);

    public static string[] Edit(string store, string patchFile) => CliProcess.With(store, EditArgs(patchFile));

    public static string[] Run(string store) => CliProcess.With(store, [.. StartArgs("run"), "--json"]);

    public static string[] Resume(string store) => CliProcess.With(store, "resume", RunId, "--json");
}
