using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Flaky;

public sealed class FlakyOptions
{
    [Input("how many attempts fail (transiently) before one succeeds")]
    public int FailTimes { get; set; } = 1;
}

public sealed record FlakyOutput([property: Output("the attempt that succeeded")] int Attempt);
