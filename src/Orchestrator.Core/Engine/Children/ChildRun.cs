using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;

namespace Orchestrator.Core.Engine.Children;

/// <summary>A run a step starts and waits for (a trial of the outer loop), with an id derived from the step so a resumed step finds it.</summary>
public sealed record ChildRun(WorkflowDefinition Definition, IDefinitionCatalog Catalog, JsonObject Inputs, string RunId, long Seed);
