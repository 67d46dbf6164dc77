using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// One structure-aware change to a definition tree: a node replaced by a hostile value, removed, renamed, copied
/// next to itself (duplicate step ids), swapped with another, or a key added where the language may not expect it.
/// Nodes are chosen by position in a walk of the tree, so a mutation applies to any document it is given.
/// </summary>
internal sealed record TreeMutation(TreeMutation.Kind What, int Target, int Other, string Key, JsonNode? Value)
{
    public enum Kind { Replace, Remove, Rename, Duplicate, Swap, Add }

    public static Gen<TreeMutation> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<Kind>(), CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[0, int.MaxValue],
        CsCheck.Gen.OneOf(CsCheck.Gen.OneOf(HostileValues.Keywords), CsCheck.Gen.String[0, 12]), HostileValues.Any,
        (what, target, other, key, value) => new TreeMutation(what, target, other, key, value));

    public void ApplyTo(JsonObject root)
    {
        var nodes = Walk(root).ToList();
        if (nodes.Count == 0) return;
        var (parent, name, node) = nodes[Target % nodes.Count];
        switch (What)
        {
            case Kind.Replace:
                Set(parent, name, Value?.DeepClone());
                break;
            case Kind.Remove:
                if (parent is JsonObject o) o.Remove((string)name);
                else ((JsonArray)parent).RemoveAt((int)name);
                break;
            case Kind.Rename when parent is JsonObject owner && !owner.ContainsKey(Key):
                owner.Remove((string)name);
                owner[Key] = node;
                break;
            case Kind.Duplicate when parent is JsonArray a:
                a.Add(node?.DeepClone());
                break;
            case Kind.Swap:
                var (otherParent, otherName, otherNode) = nodes[Other % nodes.Count];
                if (IsWithin(node, otherNode) || IsWithin(otherNode, node)) break;
                var first = node?.DeepClone();
                Set(parent, name, otherNode?.DeepClone());
                Set(otherParent, otherName, first);
                break;
            case Kind.Add when node is JsonObject target && !target.ContainsKey(Key):
                target[Key] = Value?.DeepClone();
                break;
            case Kind.Add when node is JsonArray list:
                list.Add(Value?.DeepClone());
                break;
        }
    }

    private static void Set(JsonNode parent, object name, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)name] = value;
        else ((JsonArray)parent)[(int)name] = value;
    }

    private static bool IsWithin(JsonNode? node, JsonNode? ancestor)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>Every node below the root with its parent and its key (string) or index (int).</summary>
    private static IEnumerable<(JsonNode Parent, object Name, JsonNode? Node)> Walk(JsonNode node)
    {
        var pending = new Stack<JsonNode>([node]);
        while (pending.TryPop(out var current))
        {
            if (current is JsonObject o)
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, child);
                    if (child is not null) pending.Push(child);
                }
            else if (current is JsonArray a)
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i, a[i]);
                    if (a[i] is { } child) pending.Push(child);
                }
        }
    }
}
