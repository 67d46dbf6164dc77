using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using Orchestrator.Core.Expressions;
using Xunit.Abstractions;

namespace Orchestrator.Core.Tests.Fuzzing;

/// <summary>
/// Fuzzed expressions in the sandbox. Each one gives a JSON value or an <see cref="ExpressionException"/> (never any
/// other exception), stays within its limits (time, and what it allocates), and never hands back a host object.
/// The limits are the shipped ones except time, shortened so that the cases which do spin cost little.
/// </summary>
public sealed class ExpressionFuzzTests(ITestOutputHelper output)
{
    private static readonly ExpressionLimits Limits = ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) };

    /// <summary>Jint checks memory between statements, so one call may pass the limit before it is stopped: allow that much, no more.</summary>
    private const long MostAllocated = 16 * 16 * 1024 * 1024;

    private static readonly TimeSpan MostTime = Limits.Timeout + TimeSpan.FromSeconds(2);

    [Fact]
    public void Any_expression_gives_a_value_or_an_expression_error_within_its_limits_and_never_a_host_object()
    {
        var evaluator = new ExpressionEvaluator(Limits);
        var refused = 0L;
        var stopwatch = Stopwatch.StartNew();
        ExpressionGrammar.Expression.Sample(expression =>
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            JsonNode? value = null;
            try
            {
                value = evaluator.Evaluate(expression, Scope());
            }
            catch (ExpressionException e)
            {
                Assert.Equal(expression, e.Expression);
                Interlocked.Increment(ref refused);
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.True(elapsed <= MostTime, $"ran {elapsed.TotalMilliseconds:0} ms, past the {Limits.Timeout.TotalMilliseconds:0} ms limit");
            var spent = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Assert.True(spent <= MostAllocated, $"allocated {spent / (1024 * 1024)} MB, past the {Limits.MaxMemoryBytes / (1024 * 1024)} MB limit");
            if (value is not null) Assert.DoesNotContain("System.", value.ToJsonString(), StringComparison.Ordinal);
        }, seed: FuzzSettings.Seed, iter: FuzzSettings.Cases, print: e => e);

        output.WriteLine($"{FuzzSettings.Cases:N0} fuzzed expressions in {stopwatch.Elapsed.TotalSeconds:0.0} s ({FuzzSettings.Cases / stopwatch.Elapsed.TotalSeconds:N0}/s), {refused:N0} refused; seed {FuzzSettings.Seed}");
        // Every evaluation has its own engine: whatever the cases did to the built-ins is gone.
        Assert.Equal("abab", evaluator.Evaluate("'ab'.repeat(2)", Scope())!.GetValue<string>());
        Assert.Equal("1-2", evaluator.Evaluate("[1, 2].join('-')", Scope())!.GetValue<string>());
    }

    private static ExpressionScope Scope()
    {
        var inputs = new JsonObject { ["rounds"] = 3, ["name"] = "adder", ["items"] = new JsonArray(1, 2, 3), ["nested"] = new JsonObject { ["deep"] = new JsonObject { ["value"] = 7 } } };
        var state = new JsonObject { ["n"] = 1, ["list"] = new JsonArray("a", "b"), ["text"] = "abc" };
        var gate = new JsonObject { ["passed"] = true, ["scores"] = new JsonArray(0.25, 0.5) };
        var scope = new ExpressionScope(inputs, state, (string id, out JsonNode? output) =>
        {
            output = id == "gate" ? gate.DeepClone() : null;
            return id == "gate";
        }, () => ["gate"]);
        scope.Locals["loop"] = new JsonObject { ["index"] = 2 };
        scope.Locals["item"] = 5;
        return scope;
    }
}
