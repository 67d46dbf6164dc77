using Orchestrator.Core.Evaluation.Filters;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class CheckedCorrectFilterTests
{
    private readonly CheckedCorrectFilter _filter = new();

    [Fact]
    public void Keeps_only_the_attempts_the_checker_accepted_in_their_order()
    {
        var attempts = new[]
        {
            Attempts.Of("1+1", "2", correct: true, sample: 0),
            Attempts.Of("1+1", "3", correct: false, sample: 1),
            Attempts.Of("2+2", "4", correct: true),
            Attempts.Of("3+3", "7", correct: false),
        };

        var kept = _filter.Apply(attempts, Attempts.Parameters());

        Assert.Equal([attempts[0], attempts[2]], kept);
    }

    [Fact]
    public void An_unchecked_attempt_is_refused_naming_its_prompt_and_the_check_step()
    {
        var attempts = new[] { Attempts.Of("1+1", "2", correct: true), Attempts.Of("5+7", "12", correct: null) };

        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply(attempts, Attempts.Parameters()));

        Assert.Contains("\"5+7\" has no verdict", error.Message, StringComparison.Ordinal);
        Assert.Contains("task/check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_checked_correct_keeps_nothing()
    {
        Assert.Empty(_filter.Apply([Attempts.Of("1+1", "3", correct: false)], Attempts.Parameters()));
    }

    [Fact]
    public void Any_parameter_is_rejected_because_it_takes_none()
    {
        var problem = Assert.Single(_filter.CheckParameters(Attempts.Parameters("""{ "strict": true }""")));

        Assert.Equal(("strict", "this filter takes no parameters"), problem);
    }
}
