using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Loop;

namespace Orchestrator.Core.Meta.EvaluatorGate;

public sealed class EvaluatorGateOptions
{
    [Input("the evaluator whose drafts are screened, as meta/propose's target: evaluators/ID", Required = true)]
    public string Target { get; set; } = "";

    [Input("the version the drafts were made against (meta/propose's 'parent'); 0 for its current version")]
    public int Parent { get; set; }

    [Input("meta/propose's drafts of the evaluator: [{ version, arm, rationale, patch }]", Required = true)]
    public JsonArray Drafts { get; set; } = [];

    [Input("the proposals every evaluator judges (sha256:...): learning/propose's 'attempts', with variants and samples as the self-label workflow makes them", Required = true)]
    public string Attempts { get; set; } = "";

    [Input("kept labels drawn at random and checked against the task, the same number for every evaluator")]
    public int Sample { get; set; } = 256;

    [Input("how far a draft's audited precision may fall below the current evaluator's")]
    public double MaxDrop { get; set; } = 0.02;

    [Input("the lowest audited precision a draft's labels may have, whatever the current evaluator's (0: no floor); it also judges a draft when the current evaluator kept nothing to compare with")]
    public double MinPrecision { get; set; }
}

public sealed record EvaluatorGateOutput
{
    [Output("the current evaluator's audit: { evaluator, kept, audited, correct, precision }")]
    public required JsonObject Baseline { get; init; }

    [Output("drafts that may go to trial: meta/propose's draft with its evaluator (ID@V) and both audits ({ baseline, edited }: kept, audited, correct, precision)")]
    public required JsonArray Passed { get; init; }

    [Output("drafts refused before any trial, as in passed with the reason (also journalled as a refusal of the draft)")]
    public required JsonArray Refused { get; init; }

    [Output("what the editor learns from refused drafts: { arm, reward: 0 } each (no trial, so no gain)")]
    public required JsonArray Outcomes { get; init; }

    [Output("proposals every evaluator judged")]
    public required int Attempts { get; init; }
}

public sealed class EvaluatorGateOptionsValidator : AbstractValidator<EvaluatorGateOptions>
{
    public EvaluatorGateOptionsValidator()
    {
        RuleFor(o => o.Target).Must(t => EvaluatorCatalog.IsStoreId(t, out _)).WithMessage(o => $"target must name an evaluator as {EvaluatorCatalog.FolderName}/ID (e.g. {EvaluatorCatalog.StoreId("selflabel")}), not '{o.Target}'");
        RuleFor(o => o.Parent).GreaterThanOrEqualTo(0).WithMessage("parent must be a version number, or 0 for the current one");
        RuleFor(o => o.Drafts).Must(list => list.All(d => d is JsonObject draft && Json.JsonTypes.TryGetNumber(draft["version"], out var v) && v >= 1 && v == Math.Floor(v)))
            .WithMessage("drafts must be meta/propose's drafts: a list of { version, arm, ... }");
        RuleFor(o => o.Attempts).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("attempts"));
        RuleFor(o => o.Sample).InclusiveBetween(1, 100_000).WithMessage("sample must be between 1 and 100,000 labels");
        RuleFor(o => o.MaxDrop).InclusiveBetween(0, 1).WithMessage("maxDrop must be between 0 and 1 (a share of precision)");
        RuleFor(o => o.MinPrecision).InclusiveBetween(0, 1).WithMessage("minPrecision must be between 0 and 1");
    }
}
