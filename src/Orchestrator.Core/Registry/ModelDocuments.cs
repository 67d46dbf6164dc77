using System.Text.Json.Nodes;

namespace Orchestrator.Core.Registry;

/// <summary>A model version as JSON, lineage included: what <c>models show --json</c> prints and the HTTP API returns.</summary>
public static class ModelDocuments
{
    public static JsonObject Of(ModelVersion model) => new()
    {
        ["name"] = model.Name,
        ["version"] = model.Version,
        ["checkpoint"] = model.CheckpointHash,
        ["metrics"] = model.Metrics.DeepClone(),
        ["createdBy"] = model.CreatedBy,
        ["createdAt"] = model.CreatedAt,
        ["description"] = model.Description,
        ["lineage"] = new JsonObject
        {
            ["parentVersion"] = model.Lineage.ParentVersion,
            ["run"] = model.Lineage.RunId,
            ["workflow"] = model.Lineage.Workflow,
            ["evaluator"] = model.Lineage.Evaluator,
            ["teacher"] = model.Lineage.Teacher,
            ["dataset"] = model.Lineage.DatasetHash,
            ["seed"] = model.Lineage.Seed,
            ["compute"] = new JsonObject
            {
                ["trainingSteps"] = model.Lineage.Compute.TrainingSteps,
                ["tokens"] = model.Lineage.Compute.Tokens,
                ["seconds"] = model.Lineage.Compute.Seconds,
            },
        },
    };
}
