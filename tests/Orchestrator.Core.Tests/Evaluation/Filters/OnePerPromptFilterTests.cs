using Orchestrator.Core.Evaluation.Filters;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class OnePerPromptFilterTests
{
    private readonly OnePerPromptFilter _filter = new();

    [Fact]
    public void Keeps_the_first_attempt_of_each_prompt()
    {
        var attempts = new[]
        {
            Attempts.Of("1+1", "2", sample: 3),
            Attempts.Of("2+2", "4", sample: 0),
            Attempts.Of("1+1", "2", sample: 0),
            Attempts.Of("2+2", "5", sample: 1),
        };

        var kept = _filter.Apply(attempts, Attempts.Parameters());

        Assert.Equal([attempts[0], attempts[1]], kept);
    }

    [Fact]
    public void The_same_prompt_in_two_tasks_counts_as_two_prompts()
    {
        var attempts = new[] { Attempts.Of("1+1", "2", task: "addition"), Attempts.Of("1+1", "2", task: "binary") };

        Assert.Equal(attempts, _filter.Apply(attempts, Attempts.Parameters()));
    }

    [Fact]
    public void Any_parameter_is_rejected_because_it_takes_none()
    {
        Assert.Equal([("keep", "this filter takes no parameters")], _filter.CheckParameters(Attempts.Parameters("""{ "keep": 2 }""")));
    }
}
