namespace Orchestrator.Core.SelfEditing;

/// <summary>One reason a self-edit was refused: the JSON pointer it concerns (in the patch or the document) and why.</summary>
public sealed record EditRejection(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
