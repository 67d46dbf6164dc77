using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Xunit.Abstractions;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// Fuzzed self-edits against the shipped workflows and evaluators. The policy never throws; a refusal names a
/// path (in the patch or the document) for every reason; and an accepted edit changed nothing but declared
/// tunables, each to a value inside its bounds, and left a document that validates.
/// </summary>
public sealed class SelfEditFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Any_patch_of_a_shipped_workflow_is_refused_with_a_path_for_each_reason_or_changes_only_tunables()
    {
        Fuzz("workflows", ShippedDocuments.EditableWorkflows, ShippedDocuments.WorkflowPolicy);
    }

    [Fact]
    public void Any_patch_of_a_shipped_evaluator_is_refused_with_a_path_for_each_reason_or_changes_only_tunables()
    {
        Fuzz("evaluators", ShippedDocuments.EditableEvaluators, ShippedDocuments.EvaluatorPolicy);
    }

    private void Fuzz(string what, IReadOnlyList<EditableDocument> parents, SelfEditPolicy policy)
    {
        Assert.NotEmpty(parents);
        var accepted = 0L;
        var stopwatch = Stopwatch.StartNew();
        PatchCase.Of(parents).Sample(edit =>
        {
            var decision = policy.Decide(edit.Parent, edit.Patch);
            if (!decision.Accepted)
            {
                Assert.NotEmpty(decision.Rejections);
                foreach (var rejection in decision.Rejections)
                {
                    Assert.True(rejection.Path.Length == 0 || rejection.Path.StartsWith('/'), $"'{rejection.Path}' is not a JSON pointer ({rejection.Reason})");
                    Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"the rejection at '{rejection.Path}' gives no reason");
                }
                return;
            }
            Interlocked.Increment(ref accepted);
            foreach (var changed in ChangedPointers(edit.Parent.Document, decision.Patched!))
            {
                var tunable = edit.Parent.Tunables.SingleOrDefault(t => t.Pointer == changed);
                Assert.True(tunable is not null, $"the accepted edit changed '{changed}', which is not a tunable");
                if (tunable.Values is not null) continue;
                JsonPointer.TryResolve(decision.Patched, changed, out var value);
                var number = double.Parse(value!.ToJsonString(), CultureInfo.InvariantCulture);
                if (tunable.Min is { } min) Assert.True(number >= min, $"{changed} = {value} is below {min}");
                if (tunable.Max is { } max) Assert.True(number <= max, $"{changed} = {value} is above {max}");
            }
        }, seed: FuzzSettings.Seed, iter: FuzzSettings.Cases, print: c => c.ToString());
        output.WriteLine($"{FuzzSettings.Cases:N0} fuzzed patches of {parents.Count} {what} in {stopwatch.Elapsed.TotalSeconds:0.0} s " +
            $"({FuzzSettings.Cases / stopwatch.Elapsed.TotalSeconds:N0}/s), {accepted:N0} accepted; seed {FuzzSettings.Seed}");
        Assert.True(accepted > 0, "no fuzzed patch was accepted, so the accepting side of the policy went untested");
    }

    /// <summary>The pointers of the leaves whose values differ between two documents (added and removed ones included).</summary>
    private static IEnumerable<string> ChangedPointers(JsonNode before, JsonNode after)
    {
        var left = Leaves(before);
        var right = Leaves(after);
        return left.Keys.Union(right.Keys)
            .Where(p => !left.TryGetValue(p, out var l) || !right.TryGetValue(p, out var r) || l != r)
            .ToList();
    }

    private static Dictionary<string, string> Leaves(JsonNode root)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o) Walk(child, JsonPointer.Append(at, key));
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Walk(a[i], JsonPointer.Append(at, i));
                    break;
                default:
                    // A number written 2 or 2.0 is the same value: compare numbers by value.
                    leaves[at] = node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("R") : node?.ToJsonString() ?? "null";
                    break;
            }
        }
        Walk(root, "");
        return leaves;
    }
}
