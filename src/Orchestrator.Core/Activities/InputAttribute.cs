namespace Orchestrator.Core.Activities;

/// <summary>Declares a property of an activity's options class as an input, for listings and pre-run checks.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>A run cannot start when a required input is missing from the step's <c>with</c>.</summary>
    public bool Required { get; init; }
}

/// <summary>Declares a property of an activity's output class, for listings and reference checks.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
