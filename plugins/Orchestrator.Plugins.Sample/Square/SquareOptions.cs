using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Square;

public sealed class SquareOptions
{
    [Input("the number to square", Required = true)]
    public double Value { get; set; }
}

public sealed record SquareOutput([property: Output("the input")] double Value, [property: Output("the input squared")] double Square);
