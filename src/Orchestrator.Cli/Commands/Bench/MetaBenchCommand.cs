using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Versioning;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// <c>orchestrator bench meta</c>: the procedure the outer loop found (a workflow's current version, or --procedure)
/// against the shipped baseline (--baseline, version 1) on fresh seeds at equal compute: both start from the same
/// round 0, the baseline runs its rounds, and the improved procedure may spend the total compute the baseline's rounds
/// spent on that seed (estimated GFLOP of proposing, training and gating), however many rounds that is (through the
/// workflow's <c>computeBudget</c> input; a version without it gets the baseline's post-training steps as its
/// <c>budget</c>). A seed where it does not reach the baseline's final frontier within that compute counts as a ratio
/// of 1 (no saving). Reports the compute the improved procedure needs to reach the baseline's final frontier, with CPU
/// seconds and post-training steps beside it, the table of promoted versions, a CSV and plots (frontier against steps
/// and against compute for both), appended to docs/benchmarks.md.
/// </summary>
public static class MetaBenchCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The workflow id (published in the store).", DefaultValueFactory = _ => "self-improve-addition" };
        var baseline = new Option<int>("--baseline") { Description = "The baseline version.", DefaultValueFactory = _ => 1 };
        var procedure = new Option<int?>("--procedure") { Description = "The improved version (default: the current one)." };
        var seeds = new Option<long[]>("--seeds") { Description = "Fresh seeds; both procedures run each one.", DefaultValueFactory = _ => [301, 302, 303, 304, 305], AllowMultipleArgumentsPerToken = true };
        var baseSeed = new Option<long?>("--base-seed") { Description = "Train round 0 once with this seed and start every seed from it, as meta-improve's trials do (default: a round 0 per seed)." };
        var minutes = new Option<double>("--minutes") { Description = "Wall-clock budget per run, round 0 included; 0 for none.", DefaultValueFactory = _ => 0 };
        var inputs = new Option<string[]>("--input", "-i") { Description = "A workflow input as name=value for every run (e.g. rounds=8); repeatable." };
        var ratio = new Option<double>("--ratio") { Description = "The compute ratio (improved GFLOP to reach the baseline's final frontier over the baseline's) to test against.", DefaultValueFactory = _ => 0.6 };
        var output = new Option<string>("--out") { Description = "Folder for the CSV, plots and the runs' stores.", DefaultValueFactory = _ => "docs/bench/meta" };
        var fullBudget = new Option<bool>("--full-budget") { Description = "Run the improved procedure for all of its compute even after it reached the baseline's final frontier (default: stop at the end of that round; the ratio is the same, the plot ends there)." };
        var docs = new Option<string?>("--docs") { Description = "Append the summary to this markdown file ('' for none).", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("meta", "The meta-improved procedure against the baseline on fresh seeds at equal compute from the same round 0; compute (GFLOP, with CPU seconds and steps) to reach the baseline's final frontier, CSV, plots, lineage table and summary.")
            { target, baseline, procedure, seeds, baseSeed, minutes, inputs, ratio, fullBudget, output, docs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            var id = parse.GetValue(target)!;
            (Core.Definitions.WorkflowDefinition, IDefinitionCatalog) baselineProcedure, improvedProcedure;
            IReadOnlyList<JsonObject> lineage;
            using (var stores = host.OpenStores())
            {
                var improvedVersion = parse.GetValue(procedure) ?? await stores.Definitions.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken)
                    ?? throw new RunSetupException($"'{id}' has no current version in {stores.Location}; publish it and run workflows/meta-improve.yaml first");
                baselineProcedure = await LoadAsync(host, stores.Definitions, id, parse.GetValue(baseline), cancellationToken);
                improvedProcedure = await LoadAsync(host, stores.Definitions, id, improvedVersion, cancellationToken);
                (_, lineage) = await WorkflowLineage.BuildAsync(stores.Definitions, id, improvedVersion, cancellationToken);
            }

            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var given = RunInputs.FromText(baselineProcedure.Item1, parse.GetValue(inputs) ?? []);
            var budget = parse.GetValue(minutes) is > 0 and var m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            var sharedBase = parse.GetValue(baseSeed);
            var runner = new ArmRunner(host, baselineProcedure.Item1, baselineProcedure.Item2, folder, sharedBase);
            var (baselineName, improvedName) = ($"{id}@{baselineProcedure.Item1.Version}", $"{id}@{improvedProcedure.Item1.Version}");
            var equalCompute = EqualCompute.Supported(improvedProcedure.Item1);
            var byCompute = EqualCompute.ByCompute(improvedProcedure.Item1);
            if (!equalCompute)
                Console.Error.WriteLine($"bench: {improvedName} declares no '{EqualCompute.ComputeBudgetInput}' or '{EqualCompute.BudgetInput}' input, so both procedures run the same rounds (a procedure that spends less per round then also gets less compute)");
            else if (!byCompute)
                Console.Error.WriteLine($"bench: {improvedName} declares no '{EqualCompute.ComputeBudgetInput}' input, so it gets the baseline's post-training steps as its '{EqualCompute.BudgetInput}' (its proposing and gating are not budgeted)");
            var points = new List<RoundPoint>();
            foreach (var seed in parse.GetValue(seeds)!)
            {
                var baselineRounds = await runner.RunAsync(new BenchArm("baseline", baselineName, new JsonObject()), seed, given, budget, cancellationToken, baselineProcedure);
                points.AddRange(baselineRounds);
                var improvedInputs = equalCompute ? EqualCompute.InputsFor(baselineRounds, byCompute) : new JsonObject();
                var goal = parse.GetValue(fullBudget) ? null : EqualCompute.Goal(baselineRounds);
                points.AddRange(await runner.RunAsync(new BenchArm("improved", improvedName, improvedInputs), seed, given, budget, cancellationToken, improvedProcedure, goal));
                BenchCsv.Write(Path.Combine(folder, "meta.csv"), points);
            }

            var plots = BenchPlots.Write(folder, points);
            var summary = MetaSummary.Markdown(MetaSummary.Seeds(points, "baseline", "improved"), parse.GetValue(ratio));
            var versions = LineageTable(lineage);
            Console.Out.WriteLine(summary);
            Console.Out.WriteLine(versions);
            if (parse.GetValue(docs) is { Length: > 0 } docsFile)
            {
                var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(docsFile))!, folder);
                File.AppendAllText(docsFile, $"""

                    ## Outer loop: {improvedName} vs {baselineName} ({DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})

                    Command: `dotnet run -c Release --project src/Orchestrator.Cli -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}`
                    Machine: {Environment.ProcessorCount} cores; inputs {given.ToJsonString()}; both procedures start from {(sharedBase is { } b ? $"one round 0 (trained with seed {b}) for every seed" : "the same round 0 per seed")}; {(byCompute ? "the improved one may spend the estimated compute (GFLOP of proposing, training and gating) the baseline's rounds spent on that seed (equal compute)" : equalCompute ? "the improved one may spend the post-training steps the baseline spent on that seed" : "both run the same rounds")}.

                    {summary}
                    Promoted procedure versions:

                    {versions}
                    Data: [{Path.Combine(relative, "meta.csv")}]({Path.Combine(relative, "meta.csv")}); plots: {string.Join(", ", plots.Select(p => $"[{p}]({Path.Combine(relative, p)})"))}.

                    """);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(Core.Definitions.WorkflowDefinition, IDefinitionCatalog)> LoadAsync(CliHost host, IDefinitionStore store, string id, int version, CancellationToken cancellationToken)
    {
        var resolved = await WorkflowTarget.ResolveAsync(host, store, $"{id}@{version}", cancellationToken);
        return resolved.Definition is { } definition ? (definition, resolved.Catalog)
            : throw new RunSetupException($"{id}@{version} cannot be run: {string.Join("; ", resolved.Issues)}");
    }

    private static string LineageTable(IReadOnlyList<JsonObject> chain)
    {
        var text = new System.Text.StringBuilder("| version | parent | by | edit | gain (frontier / TFLOP or / 1k steps) | p |\n| ---: | ---: | --- | --- | ---: | ---: |\n");
        foreach (var v in chain)
            text.Append(CultureInfo.InvariantCulture, $"| {v["version"]} | {v["parent"]?.ToString() ?? "-"} | {v["author"]} | {WorkflowLineage.Describe(v["edit"] as JsonArray)} | {v["gain"]?.ToString() ?? "-"} | {v["pValue"]?.ToString() ?? "-"} |\n");
        return text.ToString();
    }
}
