namespace Orchestrator.Core.Json.Patch;

/// <summary>A patch is malformed or cannot be applied to the document; the document is left unchanged.</summary>
public sealed class JsonPatchException(int operation, string message)
    : Exception($"patch operation {operation}: {message}")
{
    /// <summary>The index of the failing operation in the patch, from 0.</summary>
    public int Operation { get; } = operation;
}
