using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.AI.Editing;

/// <summary>
/// What the LLM editor sends for one proposal slot: the definition document, its tunables with their bounds and
/// current values, what it must not touch (declared protected and always protected, with why), and the edit journal
/// with outcomes — screened gains, adoptions with the meta-gate's gain and p-value, refusals and failures with their
/// reasons. Nothing else: no run state, step outputs or gate data. The inputs of steps that judge are left out of the
/// document as well, so no gate item, and nothing a gate's hashes are computed from, ever reaches the endpoint.
/// </summary>
public sealed record EditPrompt(string System, string User)
{
    /// <summary>The latest journal entries shown; older ones are counted, not listed, so a long history keeps the prompt bounded.</summary>
    public const int JournalShown = 40;

    public const string Withheld = "(not shown: this step judges the procedure)";

    public const string SystemText = """
        You improve the procedure of a machine-learning improvement workflow by proposing one self-edit at a time, as an RFC 6902 JSON Patch.
        Only "replace" operations on the listed tunables, with literal values inside their bounds, are accepted: anything else is refused and the proposal is wasted.
        An accepted edit becomes a draft that is trialled against the current version on the same seeds and compute budget; what counts is the frontier gained per unit of everything the rounds spend, proposing and gating as well as training (per TFLOP of estimated compute; per 1,000 training steps for a workflow that reports no compute); higher is better.
        A draft that a statistical meta-gate confirms on fresh seeds becomes the next version.
        Answer with one JSON object and nothing else:
        {"patch": [{"op": "replace", "path": "<a tunable's path>", "value": <a literal>}], "rationale": "<one sentence: why this should learn faster per unit of compute>"}
        """;

    /// <summary>What an evaluator is for, and the condition its edits meet before any trial.</summary>
    public const string EvaluatorText = """
        This is an evaluator, not a workflow: its filters decide which of the model's own answers are kept as training labels in the self-label workflow, without the checker.
        An edit is trialled only if, on the same proposals, the labels it keeps are audited (a random sample checked against the task) at a precision no lower than the current evaluator's; keeping more labels that are wrong more often is refused before any trial.
        """;

    /// <param name="request">What the editor was asked: the edit space, the journal, the adoptions.</param>
    /// <param name="gains">The screened gains the editor has learned, by arm.</param>
    /// <param name="alreadyProposed">The arms of patches this step has already proposed, to ask for something else.</param>
    public static EditPrompt Build(EditRequest request, LearnedGains gains, IReadOnlyList<string> alreadyProposed)
    {
        var editable = request.Space.Document;
        var evaluator = request.Space.Kind == EditTargetKind.Evaluator;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{(evaluator ? "Evaluator" : "Workflow")} {editable.Reference}{(request.Space.Description is { } d ? ": " + d : "")}");
        text.AppendLine();
        if (evaluator)
        {
            text.AppendLine(EvaluatorText);
            text.AppendLine();
        }
        text.AppendLine("Tunables (the only paths you may change):");
        foreach (var tunable in request.Space.Tunables)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {tunable.Pointer}: now {tunable.Current?.ToJsonString() ?? "unset"}; {Bounds(tunable.Bounds, editable.LoopBounds.Contains(tunable.Pointer))}");
        if (request.Space.Tunables.Count == 0) text.AppendLine("- none: this definition declares no tunables, so no edit can be accepted");
        text.AppendLine();
        text.AppendLine("Do not touch (any operation on these paths, or inside them, is refused):");
        foreach (var pointer in editable.Protected) text.AppendLine(CultureInfo.InvariantCulture, $"- {pointer}: declared protected");
        foreach (var (pointer, why) in editable.AlwaysProtected) text.AppendLine(CultureInfo.InvariantCulture, $"- {pointer}: {why}");
        text.AppendLine();
        text.AppendLine("The definition (JSON):");
        text.AppendLine(Shown(editable).ToJsonString(Indented));
        text.AppendLine();
        AppendJournal(text, request, gains);
        if (alreadyProposed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Already proposed in this generation (propose something different):");
            foreach (var arm in alreadyProposed) text.AppendLine(CultureInfo.InvariantCulture, $"- {arm}");
        }
        text.AppendLine();
        text.Append("Answer with the JSON object only.");
        return new EditPrompt(SystemText, text.ToString());
    }

    // Read by a model, not a browser: quotes and apostrophes stay as written rather than \u0022.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document with the inputs of every step that judges replaced by <see cref="Withheld"/>.</summary>
    private static JsonObject Shown(EditableDocument editable)
    {
        var document = (JsonObject)editable.Document.DeepClone();
        foreach (var (pointer, _) in editable.AlwaysProtected.Where(p => p.Pointer.StartsWith("/steps/", StringComparison.Ordinal)))
            if (JsonPointer.TryResolve(document, pointer, out var step) && step is JsonObject judge && judge.ContainsKey("with"))
                judge["with"] = Withheld;
        return document;
    }

    private static string Bounds(TunableBounds bounds, bool loopBound)
    {
        if (bounds.Values is { } allowed) return "one of " + string.Join(", ", allowed);
        var range = (bounds.Min, bounds.Max) switch
        {
            ({ } min, { } max) => $"a number from {Number(min)} to {Number(max)}",
            ({ } min, null) => $"a number of at least {Number(min)}",
            (null, { } max) => $"a number of at most {Number(max)}",
            _ => "a number",
        };
        return loopBound ? $"{range} (a loop count: at most {SelfEditPolicy.MostLoopIterations})" : range;
    }

    private static void AppendJournal(StringBuilder text, EditRequest request, LearnedGains gains)
    {
        text.AppendLine("Edit journal (oldest first; gains are frontier per TFLOP of compute, or per 1,000 training steps for a workflow that reports no compute, over the parent version):");
        if (request.Journal.Count == 0)
        {
            text.AppendLine("- empty: no edit has been proposed yet");
            return;
        }
        var skipped = Math.Max(0, request.Journal.Count - JournalShown);
        if (skipped > 0) text.AppendLine(CultureInfo.InvariantCulture, $"- ({skipped} earlier entries not shown)");
        foreach (var entry in request.Journal.Skip(skipped))
            text.AppendLine(CultureInfo.InvariantCulture, $"- #{entry.Sequence} on version {entry.ParentVersion} by {entry.Editor}{Model(entry)}: {Outcome(entry, request.Adoptions, gains)}");
    }

    private static string Model(EditRecord entry) => entry.Details?["model"] is JsonValue m && m.TryGetValue<string>(out var model) ? $" ({model})" : "";

    private static string Outcome(EditRecord entry, IReadOnlyList<EditAdoption> adoptions, LearnedGains gains)
    {
        if (entry.Details?["failure"] is JsonValue f && f.TryGetValue<string>(out var failure)) return $"no usable answer: {failure}";
        var arm = EditArms.Of(entry.Patch);
        var said = entry.Rationale is { Length: > 0 } why ? $" (\"{why}\")" : "";
        if (!entry.Accepted) return $"{arm}{said}: refused: {string.Join("; ", entry.Rejections.Select(r => r.Reason))}";
        var outcome = new StringBuilder($"{arm}{said}: accepted as draft {entry.DraftVersion}");
        if (gains.Of(arm) is { Count: > 0 } measured)
            outcome.Append(CultureInfo.InvariantCulture, $"; screened gain {string.Join(", ", measured.Select(Signed))}");
        outcome.Append(adoptions.LastOrDefault(a => a.Version == entry.DraftVersion) is { } adoption
            ? adoption.Gain is { } gain && adoption.PValue is { } p
                ? $"; adopted as current (meta-gate mean gain {Signed(gain)}, p = {Number(p)})"
                : $"; adopted as current ({adoption.Reason})"
            : "; not adopted");
        return outcome.ToString();
    }

    private static string Number(double x) => x.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Signed(double x) => x.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);
}
