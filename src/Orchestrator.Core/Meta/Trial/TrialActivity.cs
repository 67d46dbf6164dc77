using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Children;

namespace Orchestrator.Core.Meta.Trial;

/// <summary>
/// <c>meta/trial</c>: runs one version of an improvement workflow once per seed, with the same inputs (compute
/// budget) for every version compared, and measures the meta-objective — frontier gained per TFLOP (1,000 GFLOP) of
/// everything the rounds spent after round 0: proposing, training and gating alike — from each run's output
/// (<c>frontier</c>, <c>baseFrontier</c>, <c>compute</c>, <c>baseCompute</c>, in GFLOP). A procedure that trains less per
/// round but runs more rounds pays for every round's proposing and gating, which a count of training steps does not
/// see. Runs whose output has no compute (workflows from before it was counted) are measured per 1,000 post-training
/// steps (<c>trainingSteps</c>, <c>baseTrainingSteps</c>), and so is every seed of a trial where one of them lacks it:
/// the trial's <c>unit</c> says which (see <see cref="TrialRates"/>). To trial an evaluator, it gives every run one exact evaluator version as its
/// <c>evaluator</c> input: the workflow stays the same and only how its self-labels are judged differs. Each run is
/// an ordinary durable run with an id derived from this step, so after a crash finished runs are reused and an
/// interrupted one resumes. The runs go through <see cref="MetaServices.ChildRuns"/>:
/// one after another in-process, or queued for every worker when a worker runs the trial.
/// </summary>
public sealed class TrialActivity(MetaServices services)
    : Activity<TrialOptions, TrialOutput>("meta/trial", "Runs a workflow version once per seed with fixed inputs and measures frontier gained per TFLOP of the rounds' compute (per 1,000 training steps for runs without compute).", new TrialOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(TrialOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (await services.ResolveAsync(options.Target, options.Version, cancellationToken) is not { } version
            || await services.LoadAsync(options.Target, version, cancellationToken) is not var (definition, catalog))
            return Failed("unknown-target", $"'{options.Target}' has no {(options.Version > 0 ? $"version {options.Version}" : "published version")} in the store; publish it first");

        string? evaluator = null;
        if (options.Evaluator.Length > 0)
        {
            if (!definition.Inputs.Any(i => i.Name == EvaluatorInput))
                return Failed("no-evaluator-input", $"{definition.Reference} takes no '{EvaluatorInput}' input, so a trial cannot choose the evaluator its runs use");
            // Pinned once: a move of the evaluator's 'current' while the trial runs must not change what its later seeds use.
            var (pinned, issues) = services.Loop.Evaluators.Load(options.Evaluator);
            if (pinned is null) return Failed("unknown-evaluator", $"evaluator '{options.Evaluator}' is not usable: {string.Join("; ", issues)}");
            evaluator = pinned.Reference;
        }

        var earlier = await EarlierRunsAsync(context.RunId, definition.ContentHash, cancellationToken);
        var runIds = options.Seeds.Select(seed => $"{context.RunId}.{context.StepKey.Replace('/', '.')}.s{seed}").ToList();
        var reused = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var children = new List<ChildRun>();
        for (var i = 0; i < options.Seeds.Count; i++)
        {
            var seed = options.Seeds[i];
            var inputs = Inputs(definition, options, evaluator, seed);
            var resolved = RunInputs.Resolve(definition, inputs);
            var existing = await services.Runs.FindRunAsync(runIds[i], cancellationToken)
                ?? earlier.FirstOrDefault(r => r.Seed == seed && JsonNode.DeepEquals(r.Inputs, resolved));
            if (existing is { Status: RunStatus.Succeeded })
            {
                if (existing.Id != runIds[i]) context.Log($"{definition.Reference} seed {seed}: run {existing.Id} already ran this content with these inputs and seed; its result is reused");
                reused[runIds[i]] = existing;
            }
            else children.Add(new ChildRun(definition, catalog, inputs, runIds[i], seed));
        }
        context.Progress(new StepProgress("trial", reused.Count, options.Seeds.Count) { Detail = $"{definition.Reference}, {children.Count} run(s) to go" });
        var finished = (await services.ChildRuns.RunAllAsync(children, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);

        var measured = new List<JsonObject>();
        for (var i = 0; i < options.Seeds.Count; i++)
        {
            var seed = options.Seeds[i];
            var runId = runIds[i];
            var run = reused.GetValueOrDefault(runId) ?? finished.GetValueOrDefault(runId);
            // Stopping the outer run (Ctrl+C, SIGTERM) cancels the trial run at a step boundary: the outer run is then
            // cancelled too, not failed, and resuming it resumes this trial where it stopped.
            if (run is null or { Status: RunStatus.Cancelled }) cancellationToken.ThrowIfCancellationRequested();
            if (run is not { Status: RunStatus.Succeeded })
                return Failed("trial-failed", $"{definition.Reference} seed {seed} (run {runId}) ended {run?.Status.ToString() ?? "before it started"}: {run?.Error}");
            if (Measure(run.Output as JsonObject) is not { } result)
                return Failed("trial-output", $"{definition.Reference} (run {run.Id}) has no numeric frontier, baseFrontier, trainingSteps and baseTrainingSteps in its output; the meta-objective needs them");
            result["seed"] = seed;
            result["run"] = run.Id;
            if (run.Output?["champion"] is JsonValue champion) result["champion"] = champion.DeepClone();
            if (run.Output?[EvaluatorInput] is JsonValue used && used.TryGetValue<string>(out var usedText) && usedText.Length > 0) result[EvaluatorInput] = usedText;
            measured.Add(result);
        }
        // One unit for every seed, or the mean (and every paired comparison) would mix them.
        var unit = measured.All(r => r.ContainsKey(ComputeRate)) ? TrialRates.ComputeUnit : TrialRates.StepsUnit;
        var results = new JsonArray();
        foreach (var result in measured)
        {
            result["rate"] = result[unit == TrialRates.ComputeUnit ? ComputeRate : StepsRate]!.GetValue<double>();
            result["unit"] = unit;
            result.Remove(ComputeRate);
            results.Add(result);
            context.Log($"{definition.Reference} seed {result["seed"]}: frontier {result["baseFrontier"]} -> {result["frontier"]} in {result["trainingSteps"]!.GetValue<double>() - result["baseTrainingSteps"]!.GetValue<double>()} steps"
                + (result["compute"] is { } compute ? $" and {compute.GetValue<double>() - result["baseCompute"]!.GetValue<double>():0.#} GFLOP" : "") + $", rate {result["rate"]} {unit}");
        }
        var mean = results.Average(r => r!["rate"]!.GetValue<double>());
        return Done(new TrialOutput { Version = version, Results = results, MeanRate = Math.Round(mean, 6), Unit = unit, Evaluator = evaluator });
    }

    /// <summary>
    /// The trial runs of this outer run that already succeeded with this workflow content. One with the same inputs and
    /// seed — the baseline of an earlier generation, or a draft the editor proposed again — is a function of the three
    /// (same code, same base model), so trialling it again would spend minutes to learn nothing new. Runs of other
    /// outer runs are not reused: the code or the files they read may have changed since.
    /// </summary>
    private async Task<IReadOnlyList<RunRecord>> EarlierRunsAsync(string outerRunId, string contentHash, CancellationToken cancellationToken) =>
        (await services.Runs.ListRunsAsync(int.MaxValue, cancellationToken))
            .Where(r => r.Status == RunStatus.Succeeded && r.DefinitionHash == contentHash && r.Id.StartsWith(outerRunId + ".", StringComparison.Ordinal))
            .ToList();

    /// <summary>The input through which a trial gives its runs an evaluator.</summary>
    public const string EvaluatorInput = "evaluator";

    /// <summary>
    /// The run's inputs: the given ones, the pinned evaluator, and a model name of its own when the workflow takes one.
    /// The name includes the evaluator, so trials of one workflow version with different evaluators never share a
    /// model's aliases.
    /// </summary>
    private static JsonObject Inputs(Definitions.WorkflowDefinition definition, TrialOptions options, string? evaluator, long seed)
    {
        var inputs = (JsonObject)options.Inputs.DeepClone();
        if (evaluator is not null) inputs[EvaluatorInput] = evaluator;
        if (definition.Inputs.Any(i => i.Name == "model") && !inputs.ContainsKey("model"))
            inputs["model"] = $"{options.ModelPrefix}-{definition.Id}-v{definition.Version}{(evaluator is null ? "" : "-" + ModelNamePart(evaluator))}-s{seed}".ToLowerInvariant();
        return inputs;
    }

    // selflabel@3 -> selflabel-v3: a model name has no '@' (that separates its version).
    private static string ModelNamePart(string evaluator) =>
        new(evaluator.Replace("@", "-v", StringComparison.Ordinal).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());

    private const string StepsRate = "stepsRate";
    private const string ComputeRate = "computeRate";

    /// <summary>
    /// The meta-objective of one run, both ways: frontier gained per 1,000 training steps after round 0, and, when the
    /// output has <c>compute</c> and <c>baseCompute</c> (GFLOP), per TFLOP of compute after round 0 (each 0 when nothing
    /// more was spent). The run's measured <c>cpuSeconds</c> is kept beside them when it reports it.
    /// </summary>
    private static JsonObject? Measure(JsonObject? output)
    {
        double? Number(string name) => Json.JsonTypes.TryGetNumber(output?[name], out var x) ? x : null;
        if (Number("frontier") is not { } frontier || Number("baseFrontier") is not { } baseFrontier
            || Number("trainingSteps") is not { } steps || Number("baseTrainingSteps") is not { } baseSteps) return null;
        double Rate(double spent, double per) => spent <= 0 ? 0 : Math.Round((frontier - baseFrontier) / (spent / per), 6);
        var result = new JsonObject { ["frontier"] = frontier, ["baseFrontier"] = baseFrontier, ["trainingSteps"] = steps, ["baseTrainingSteps"] = baseSteps, [StepsRate] = Rate(steps - baseSteps, 1000) };
        if (Number("compute") is { } compute && Number("baseCompute") is { } baseCompute)
        {
            (result["compute"], result["baseCompute"]) = (compute, baseCompute);
            result[ComputeRate] = Rate(compute - baseCompute, GflopPerTflop);
        }
        if (Number("cpuSeconds") is { } cpu) result["cpuSeconds"] = cpu;
        return result;
    }

    private const double GflopPerTflop = 1000;
}
