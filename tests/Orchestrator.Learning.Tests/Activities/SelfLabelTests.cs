using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Audit;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Guard;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Tests.TestSupport;
using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>The self-labelling steps on a real store: propose with variants and an ensemble, the shipped evaluator, the audit and the guard.</summary>
public sealed class SelfLabelTests : IDisposable
{
    private readonly LoopStore _store = new();

    [Fact]
    public async Task Propose_attempts_the_commuted_variants_too_and_every_attempt_names_its_model_and_probability()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 60);
        await LoopSteps.PretrainAsync(_store, "adder", steps: 60, runId: "run-2");

        var proposed = await LoopStore.RunAsync(new ProposeActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["ensemble"] = new JsonArray("adder@2"), ["task"] = "arithmetic/addition", ["from"] = 3, ["span"] = 1,
            ["problems"] = 30, ["samples"] = 1, ["temperature"] = 1.0, ["variants"] = true,
        }, "propose");
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, proposed["attempts"]!.GetValue<string>(), "test", default);

        Assert.Equal(["adder@1", "adder@2"], proposed["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["adder@1", "adder@2"], attempts.Select(a => a.Model).Distinct());
        Assert.All(attempts, a => Assert.InRange(a.Confidence!.Value, 0, 1));
        var variants = attempts.Where(a => a.Variant is not null).ToList();
        Assert.NotEmpty(variants);
        Assert.All(variants, v =>
        {
            Assert.Equal("commuted", v.Variant);
            var (a, b) = (v.Origin!.TrimEnd('=').Split('+'), v.Prompt.TrimEnd('=').Split('+'));
            Assert.Equal((a[0], a[1]), (b[1], b[0]));
            Assert.False(TaskPartition.IsProtected(v.Task, v.Prompt));
        });
        // Every original prompt is asked once per model and sample round; its variant shares the original's answer.
        Assert.Equal(30 * 2 * 2, attempts.Count(a => a.Variant is null));
        Assert.All(variants, v => Assert.Equal(attempts.First(a => a.Prompt == v.Origin).Reference, v.Reference));
    }

    [Fact]
    public async Task The_shipped_self_label_evaluator_keeps_only_well_formed_commutation_consistent_answers()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 150);
        var proposed = await LoopStore.RunAsync(new ProposeActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = 2, ["span"] = 2, ["problems"] = 60, ["samples"] = 3, ["temperature"] = 0.5, ["variants"] = true,
        }, "propose");

        var judged = await LoopStore.RunAsync(new EvaluateActivity(_store.Loop), new JsonObject { ["evaluator"] = "selflabel", ["attempts"] = proposed["attempts"]!.GetValue<string>() }, "judge");
        var all = await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, proposed["attempts"]!.GetValue<string>(), "test", default);
        var kept = await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, judged["kept"]!.GetValue<string>(), "test", default);

        var task = new AdditionTask();
        Assert.All(kept, a =>
        {
            Assert.Null(task.FormatProblem(a.Prompt, a.Attempt));
            Assert.True(a.Confidence >= 0.98);
            Assert.Contains(all, other => other.OriginalPrompt == a.OriginalPrompt && other.Variant != a.Variant && other.Attempt == a.Attempt);
        });
        Assert.Equal(kept.Count, kept.Select(a => a.Prompt).Distinct().Count());
        Assert.Equal(["format", "invariance", "confidence", "majority", "one-per-prompt"], judged["stages"]!.AsArray().Select(s => s!["filter"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_audit_measures_precision_on_a_sample_and_fails_a_round_below_the_bound()
    {
        var clean = await KeptAsync(wrongShare: 0, seed: 1);
        var noisy = await KeptAsync(wrongShare: 0.3, seed: 2);

        var good = await AuditAsync(clean, "round/0/audit");
        var bad = await AuditAsync(noisy, "round/1/audit");

        Assert.Equal(100, good["audited"]!.GetValue<int>());
        Assert.Equal(1.0, good["precision"]!.GetValue<double>());
        Assert.True(good["passed"]!.GetValue<bool>());
        Assert.Equal(Math.Round(Math.Pow(0.05, 1.0 / 100), 4), good["lowerBound"]!.GetValue<double>()); // 100 of 100: one-sided bound 0.05^(1/100)
        Assert.False(bad["passed"]!.GetValue<bool>());
        Assert.InRange(bad["precision"]!.GetValue<double>(), 0.55, 0.85);
        Assert.Contains("below the required 0.900", bad["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_guard_trips_on_an_injected_label_noise_round_and_says_why()
    {
        var precisions = new List<double>();
        foreach (var (round, noise) in new[] { (0, 0.0), (1, 0.02), (2, 0.25) })
        {
            var audit = await AuditAsync(await KeptAsync(noise, seed: 10 + round), $"round/{round}/audit", minPrecision: 0);
            var guard = await LoopStore.RunAsync(new AvalancheGuardActivity(), new JsonObject
            {
                ["precision"] = audit["precision"]!.GetValue<double>(), ["history"] = new JsonArray([.. precisions.Select(p => (JsonNode)p)]), ["frontier"] = 9, ["previousFrontier"] = 9,
            }, $"round/{round}/guard");

            Assert.Equal(round == 2, guard["tripped"]!.GetValue<bool>());
            if (round == 2) Assert.Contains("audited label precision fell", guard["reason"]!.GetValue<string>());
            precisions.Add(audit["precision"]!.GetValue<double>());
        }
    }

    [Fact]
    public async Task Canary_an_evaluator_edit_that_keeps_more_labels_while_audited_precision_falls_is_refused()
    {
        // The same proposals judged by the current evaluator (fewer, cleaner labels) and by an edit (more, noisier).
        var current = await AuditAsync(await KeptAsync(wrongShare: 0.01, seed: 20, count: 300), "current/audit", minPrecision: 0);
        var edited = await AuditAsync(await KeptAsync(wrongShare: 0.2, seed: 21, count: 400), "edited/audit", minPrecision: 0);

        var rejection = Core.SelfEditing.EvaluatorEditGate.Judge(Summary(current, 300), Summary(edited, 400));

        Assert.NotNull(rejection);
        Assert.Contains("while kept labels went from 300 to 400", rejection.Reason);
        Assert.Null(Core.SelfEditing.EvaluatorEditGate.Judge(Summary(current, 300), Summary(current, 400)));
    }

    private static Core.SelfEditing.EvaluatorEditGate.Audit Summary(JsonObject audit, int kept) =>
        new(kept, audit["audited"]!.GetValue<int>(), audit["correct"]!.GetValue<int>());

    /// <summary>400 kept 9-digit self-labels of which a share is wrong (the last digit changed) — injected label noise.</summary>
    private async Task<string> KeptAsync(double wrongShare, int seed, int count = 400)
    {
        var task = new AdditionTask();
        var random = new Random(seed);
        var records = Enumerable.Range(0, count).Select(i =>
        {
            var item = task.Generate(random, 9);
            var label = random.NextDouble() < wrongShare ? item.Answer[..^1] + (char)('0' + (item.Answer[^1] - '0' + 1) % 10) : item.Answer;
            return new AttemptRecord { Task = task.Name, Prompt = item.Prompt, Length = 9, Attempt = label, Reference = item.Answer };
        });
        return await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts, records, default);
    }

    private Task<JsonObject> AuditAsync(string kept, string step, double minPrecision = 0.9, int sample = 100) =>
        LoopStore.RunAsync(new AuditActivity(_store.Loop), new JsonObject { ["kept"] = kept, ["sample"] = sample, ["minPrecision"] = minPrecision }, step);

    public void Dispose() => _store.Dispose();
}
