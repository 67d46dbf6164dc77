using System.Text.Json.Nodes;
using Orchestrator.Core.Json;
using Orchestrator.Core.Registry;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage.Tests.Support;

/// <summary>Definition documents, publish requests and model registrations for the versioning tests.</summary>
public static class Samples
{
    /// <summary>A small definition document; each <paramref name="variant"/> is different content.</summary>
    public static JsonObject Document(string id, int variant) => new()
    {
        ["id"] = id,
        ["description"] = $"variant {variant} – ünïcode ✓",
        ["steps"] = new JsonArray(new JsonObject { ["id"] = "a", ["uses"] = "set", ["with"] = new JsonObject { ["n"] = variant, ["lr"] = 1.0e-3 } }),
    };

    public static PublishRequest Publish(string id, int variant, string author = "alice", string reason = "because", bool draft = false)
    {
        var document = Document(id, variant);
        return new PublishRequest(id, document, CanonicalJson.Hash(document), author, reason, draft);
    }

    /// <summary>A valid artifact hash, different for each <paramref name="seed"/>.</summary>
    public static string Hash(int seed) => "sha256:" + seed.ToString("x8") + new string('0', 56);

    public static RegisterModelRequest Model(string name, int? parent = null, int seed = 1) =>
        new(name, Hash(seed), new ModelLineage { ParentVersion = parent }, "alice");

    /// <summary>A registration with every field set, so a round trip that drops one shows.</summary>
    public static RegisterModelRequest FullModel(string name, int? parent) => new(
        name,
        Hash(0xC0FFEE),
        new ModelLineage
        {
            ParentVersion = parent,
            RunId = "run-42",
            Workflow = "self-improve-addition@7",
            Evaluator = "majority-consistency@3",
            DatasetHash = Hash(0xDA7A),
            Teacher = "chat:teacher addition@3",
            Seed = 9_007_199_254_740_993,
            Compute = new ComputeSpent(800, 1_234_567_890_123, 61.25),
        },
        "run-42",
        new JsonObject { ["exact"] = 0.9931, ["digits"] = new JsonArray(1, 2, 3), ["note"] = "naïve ✓" },
        "round 3 of addition: \"frontier\" 7 digits\nsecond line");
}
