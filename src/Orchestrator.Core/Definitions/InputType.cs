namespace Orchestrator.Core.Definitions;

/// <summary>The types a workflow input (or an activity input) may declare.</summary>
public enum InputType
{
    String,
    Int,
    Number,
    Bool,
    List,
    Object,
    /// <summary>A model reference such as <c>addition@champion</c>; a string with a meaning.</summary>
    Model,
    /// <summary>Anything JSON; used for activity inputs that accept several shapes.</summary>
    Any,
}
