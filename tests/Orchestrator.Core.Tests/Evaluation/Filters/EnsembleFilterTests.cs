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
