using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;

namespace Orchestrator.Core.Tests.Evaluation;

public sealed class EvaluatorRunnerTests
{
    private static readonly AttemptFilterRegistry Filters = AttemptFilterRegistry.BuiltIn();

    private static EvaluatorDefinition Evaluator(params (string Uses, string With)[] steps) =>
        new("evaluators/test.yaml", "test", 1, "", steps.Select(s => new FilterStep(s.Uses, Attempts.Parameters(s.With))).ToList(), "sha256:test");

    [Fact]
    public void Filters_run_in_order_and_each_stage_reports_what_it_kept()
    {
        var attempts = new[]
        {
            Attempts.Of("1+1", "2", correct: true, sample: 0),
            Attempts.Of("1+1", "2", correct: true, sample: 1),
            Attempts.Of("1+1", "3", correct: false, sample: 2),
            Attempts.Of("2+2", "5", correct: false),
            Attempts.Of("3+3", "6", correct: true),
        };

        var result = EvaluatorRunner.Apply(Evaluator(("checked-correct", "{}"), ("one-per-prompt", "{}")), Filters, attempts);

        Assert.Equal([new FilterCount("checked-correct", 3), new FilterCount("one-per-prompt", 2)], result.Stages);
        Assert.Equal([attempts[0], attempts[4]], result.Kept);
    }

    [Fact]
    public void Each_filter_sees_only_what_the_previous_one_kept()
    {
        var attempts = Attempts.Samples("2+2", "4", "4", "5").ToList();

        var majorityFirst = EvaluatorRunner.Apply(Evaluator(("majority", "{}"), ("one-per-prompt", "{}")), Filters, attempts);
        var onePerPromptFirst = EvaluatorRunner.Apply(Evaluator(("one-per-prompt", "{}"), ("majority", "{}")), Filters, attempts);

        Assert.Equal([new FilterCount("majority", 2), new FilterCount("one-per-prompt", 1)], majorityFirst.Stages);
        Assert.Equal([attempts[0]], majorityFirst.Kept);
        Assert.Equal([new FilterCount("one-per-prompt", 1), new FilterCount("majority", 0)], onePerPromptFirst.Stages);
        Assert.Empty(onePerPromptFirst.Kept);
    }

    [Fact]
    public void Filter_parameters_are_passed_to_the_filter()
    {
        var attempts = Attempts.Samples("2+2", "4", "4", "5").ToList();

        var result = EvaluatorRunner.Apply(Evaluator(("majority", """{ "minVotes": 3 }""")), Filters, attempts);

        Assert.Equal([new FilterCount("majority", 0)], result.Stages);
    }

    [Fact]
    public void An_evaluator_without_filters_keeps_everything()
    {
        var attempts = Attempts.Samples("2+2", "4", "5").ToList();

        var result = EvaluatorRunner.Apply(Evaluator(), Filters, attempts);

        Assert.Equal(attempts, result.Kept);
        Assert.Empty(result.Stages);
    }

    [Fact]
    public void A_filter_not_registered_in_this_process_is_refused_naming_it_and_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            EvaluatorRunner.Apply(Evaluator(("llm-judge", "{}")), new AttemptFilterRegistry(), [Attempts.Of("1+1", "2")]));

        Assert.Equal("evaluators/test.yaml: the filter 'llm-judge' is not registered in this process", error.Message);
    }
}
