using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Tests.Evaluation;

/// <summary>Hand-made attempts and filter parameters for evaluator tests.</summary>
public static class Attempts
{
    public static AttemptRecord Of(string prompt, string attempt, bool? correct = null, int sample = 0, string task = "addition") =>
        new() { Task = task, Prompt = prompt, Length = prompt.Length, Attempt = attempt, Sample = sample, Reference = "", Correct = correct };

    /// <summary>An attempt at a variant of <paramref name="origin"/> (e.g. b+a for a+b).</summary>
    public static AttemptRecord AtVariant(string origin, string variantPrompt, string attempt, string variant = "commuted") =>
        Of(variantPrompt, attempt) with { Variant = variant, Origin = origin };

    /// <summary>Samples 0, 1, … of one prompt, one per answer.</summary>
    public static IEnumerable<AttemptRecord> Samples(string prompt, params string[] answers) =>
        answers.Select((answer, sample) => Of(prompt, answer, sample: sample));

    /// <summary>Parameters parsed from JSON text; numbers stay JsonElement-backed, so whole numbers also read as doubles.</summary>
    public static JsonObject Parameters(string json = "{}") => JsonNode.Parse(json)!.AsObject();
}
