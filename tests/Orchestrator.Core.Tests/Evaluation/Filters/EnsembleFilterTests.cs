using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class EnsembleFilterTests
{
    private readonly EnsembleFilter _filter = new();

    private static AttemptRecord By(string model, string prompt, string answer) => Attempts.Of(prompt, answer) with { Model = model };

    [Fact]
    public void Keeps_answers_at_least_min_models_agree_on()
    {
        var attempts = new[] { By("m@1", "1+1=", "20"), By("m@2", "1+1=", "20"), By("m@3", "1+1=", "30"), By("m@1", "5+5=", "01"), By("m@2", "5+5=", "02"), By("m@3", "5+5=", "03") };

        var kept = _filter.Apply(attempts, Attempts.Parameters("""{ "min": 2, "of": 3 }"""));

        Assert.Equal([attempts[0], attempts[1]], kept);
    }

    [Fact]
    public void Several_samples_of_one_model_are_one_vote()
    {
        var attempts = new[] { By("m@1", "1+1=", "30") with { Sample = 0 }, By("m@1", "1+1=", "30") with { Sample = 1 }, By("m@2", "1+1=", "20") };

        Assert.Empty(_filter.Apply(attempts, Attempts.Parameters("""{ "min": 2 }""")));
    }

    [Fact]
    public void An_ensemble_larger_than_the_models_available_is_a_clear_error()
    {
        var attempts = new[] { By("m@1", "1+1=", "20"), By("m@2", "1+1=", "20") };

        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply(attempts, Attempts.Parameters("""{ "min": 3, "of": 5 }""")));

        Assert.Contains("3 of 5 models, but the attempts come from 2 (m@1, m@2)", error.Message);
    }

    [Fact]
    public void Min_all_keeps_only_answers_every_model_that_proposed_gave()
    {
        var attempts = new[] { By("m@1", "1+1=", "20"), By("m@2", "1+1=", "20"), By("m@3", "1+1=", "20"), By("m@1", "2+2=", "40"), By("m@2", "2+2=", "40"), By("m@3", "2+2=", "41") };

        var kept = _filter.Apply(attempts, Attempts.Parameters("""{ "min": "all" }"""));

        Assert.Equal(attempts[..3], kept);
    }

    [Fact]
    public void A_model_whose_attempts_earlier_filters_dropped_counts_as_not_agreeing()
    {
        // m@3 proposed, but its attempt at 1+1 did not reach the vote (say it was not confident): the other two agreeing is not all.
        var proposed = new[] { By("m@1", "1+1=", "20"), By("m@2", "1+1=", "20"), By("m@3", "1+1=", "20") with { Confidence = 0.2 } };
        var survivors = proposed[..2];

        Assert.Empty(_filter.Apply(survivors, Attempts.Parameters("""{ "min": "all" }"""), proposed));
        Assert.Empty(_filter.Apply(survivors, Attempts.Parameters("""{ "min": 3, "of": 3 }"""), proposed));
        Assert.Equal(survivors, _filter.Apply(survivors, Attempts.Parameters("""{ "min": "all" }""")));
    }

    [Fact]
    public void In_an_evaluator_the_vote_counts_the_models_given_to_the_evaluator_not_those_left_by_earlier_filters()
    {
        var (evaluator, issues) = EvaluatorReader.Read(DocumentReader.Read("evaluators/agreed.yaml",
            "id: agreed\nfilters:\n  - uses: confidence\n    with: { min: 0.9 }\n  - uses: ensemble\n    with: { min: all }\n"), AttemptFilterRegistry.BuiltIn());
        Assert.Empty(issues);
        var attempts = new[]
        {
            By("m@1", "1+1=", "20") with { Confidence = 0.99 }, By("m@2", "1+1=", "20") with { Confidence = 0.99 }, By("m@3", "1+1=", "20") with { Confidence = 0.5 },
            By("m@1", "2+2=", "40") with { Confidence = 0.99 }, By("m@2", "2+2=", "40") with { Confidence = 0.99 }, By("m@3", "2+2=", "40") with { Confidence = 0.95 },
        };

        var result = EvaluatorRunner.Apply(evaluator!, AttemptFilterRegistry.BuiltIn(), attempts);

        Assert.Equal(attempts[3..], result.Kept);
    }

    [Theory]
    [InlineData("""{ "min": "most" }""", "must be a whole number or 'all'")]
    [InlineData("""{ "min": 0 }""", "must be between 1 and 64")]
    public void Min_is_a_number_of_models_or_all(string parameters, string message)
    {
        var issue = Assert.Single(_filter.CheckParameters(Attempts.Parameters(parameters)));

        Assert.Equal("min", issue.Parameter);
        Assert.Contains(message, issue.Message);
    }

    [Fact]
    public void Attempts_that_do_not_name_their_model_are_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply([Attempts.Of("1+1=", "20")], Attempts.Parameters()));
        Assert.Contains("propose with 'ensemble'", error.Message);
    }

    [Fact]
    public void An_evaluator_asking_more_votes_than_models_is_refused_when_read()
    {
        var (evaluator, issues) = EvaluatorReader.Read(DocumentReader.Read("evaluators/vote.yaml", "id: vote\nfilters:\n  - uses: ensemble\n    with: { min: 4, of: 3 }\n"), AttemptFilterRegistry.BuiltIn());

        Assert.Null(evaluator);
        var issue = Assert.Single(issues);
        Assert.Equal("/filters/0/with/min", issue.Path);
        Assert.Contains("must not be more than 'of'", issue.Message);
    }
}
