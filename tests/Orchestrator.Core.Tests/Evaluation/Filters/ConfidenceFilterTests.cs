using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class ConfidenceFilterTests
{
    private readonly ConfidenceFilter _filter = new();

    [Fact]
    public void Keeps_attempts_the_model_found_at_least_min_likely()
    {
        var attempts = new[] { Attempts.Of("1+1=", "20") with { Confidence = 0.95 }, Attempts.Of("2+2=", "40") with { Confidence = 0.3 }, Attempts.Of("3+3=", "60") with { Confidence = 0.8 } };

        Assert.Equal([attempts[0], attempts[2]], _filter.Apply(attempts, Attempts.Parameters("""{ "min": 0.8 }""")));
        Assert.Equal([attempts[0], attempts[2]], _filter.Apply(attempts, Attempts.Parameters()));
    }

    [Fact]
    public void Attempts_without_a_probability_are_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply([Attempts.Of("1+1=", "20")], Attempts.Parameters()));
        Assert.Contains("carries no probability", error.Message);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_threshold_outside_zero_to_one_is_refused_with_its_path(string min)
    {
        var (evaluator, issues) = EvaluatorReader.Read(DocumentReader.Read("evaluators/sure.yaml", $"id: sure\nfilters:\n  - uses: confidence\n    with: {{ min: {min} }}\n"), AttemptFilterRegistry.BuiltIn());

        Assert.Null(evaluator);
        var issue = Assert.Single(issues);
        Assert.Equal("/filters/0/with/min", issue.Path);
        Assert.Contains("between 0 and 1", issue.Message);
    }
}
