using System.Text.Json.Nodes;

namespace Orchestrator.Core.Parsing;

/// <summary>A definition file read into a JSON tree, with the file it came from and where each node was.</summary>
public sealed record ParsedDocument(string File, JsonObject Root, SourceMap SourceMap);
