using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Output;

/// <summary>How <c>--json</c> prints: one indented document on stdout, nothing else there (the shapes: <see cref="Orchestrator.Core.Engine.RunDocuments"/>).</summary>
public static class RunJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Print(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));
}
