namespace Orchestrator.Core.Activities.BuiltIn.Assert;

public sealed class AssertOptions
{
    [Input("the condition that must hold, usually an expression", Required = true)]
    public bool That { get; set; }

    [Input("what the failure says")]
    public string Message { get; set; } = "assertion failed";
}

public sealed record AssertOutput([property: Output("always true: a false assertion fails the step")] bool Passed);
