using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class MajorityFilterTests
{
    private readonly MajorityFilter _filter = new();

    [Fact]
    public void Majority_keeps_the_answer_most_samples_agree_on()
    {
        var attempts = Attempts.Samples("2+2", "4", "5", "4", "4").ToList();

        var kept = _filter.Apply(attempts, Attempts.Parameters());

        Assert.Equal([attempts[0], attempts[2], attempts[3]], kept);
    }

    [Fact]
    public void Fewer_agreeing_votes_than_min_votes_drop_the_prompt()
    {
        var attempts = Attempts.Samples("2+2", "4", "4", "5").ToList();

        Assert.Empty(_filter.Apply(attempts, Attempts.Parameters("""{ "minVotes": 3 }""")));
        Assert.Equal(2, _filter.Apply(attempts, Attempts.Parameters("""{ "minVotes": 2 }""")).Count);
    }

    [Fact]
    public void A_share_of_exactly_min_share_is_not_a_majority()
    {
        var attempts = Attempts.Samples("2+2", "4", "4", "5", "6").ToList();

        Assert.Empty(_filter.Apply(attempts, Attempts.Parameters("""{ "minShare": 0.5 }""")));
        Assert.Equal(["4", "4"], _filter.Apply(attempts, Attempts.Parameters("""{ "minShare": 0.49 }""")).Select(a => a.Attempt));
    }

    [Fact]
    public void Without_parameters_a_single_sample_is_not_enough()
    {
        Assert.Empty(_filter.Apply([Attempts.Of("2+2", "4")], Attempts.Parameters()));
    }

    [Fact]
    public void The_share_is_taken_of_each_prompts_own_samples()
    {
        var agreed = Attempts.Samples("1+1", "2", "2", "3").ToList();
        var scattered = Attempts.Samples("9+9", "18", "18", "17", "16", "15", "14").ToList();

        var kept = _filter.Apply([.. agreed, .. scattered], Attempts.Parameters());

        Assert.Equal([agreed[0], agreed[1]], kept);
    }

    [Fact]
    public void The_same_prompt_in_two_tasks_is_voted_on_separately()
    {
        var attempts = new[]
        {
            Attempts.Of("1+1", "2", task: "addition"), Attempts.Of("1+1", "2", task: "addition", sample: 1),
            Attempts.Of("1+1", "2", task: "binary"), Attempts.Of("1+1", "10", task: "binary", sample: 1), Attempts.Of("1+1", "10", task: "binary", sample: 2),
        };

        var kept = _filter.Apply(attempts, Attempts.Parameters());

        Assert.Equal([attempts[0], attempts[1], attempts[3], attempts[4]], kept);
    }

    [Fact]
    public void A_tie_goes_to_the_ordinally_smallest_answer_whatever_the_order_of_samples()
    {
        var attempts = Attempts.Samples("2+2", "b", "a", "b", "a").ToList();
        var reversed = Enumerable.Reverse(attempts).ToList();
        var parameters = Attempts.Parameters("""{ "minShare": 0.25 }""");

        Assert.Equal(["a", "a"], _filter.Apply(attempts, parameters).Select(a => a.Attempt));
        Assert.Equal(["a", "a"], _filter.Apply(reversed, parameters).Select(a => a.Attempt));
    }

    [Fact]
    public void Tie_breaking_is_ordinal_so_upper_case_sorts_first()
    {
        var attempts = Attempts.Samples("x", "a", "B", "a", "B").ToList();

        Assert.Equal(["B", "B"], _filter.Apply(attempts, Attempts.Parameters("""{ "minShare": 0 }""")).Select(a => a.Attempt));
    }

    [Fact]
    public void Valid_parameters_raise_no_problem()
    {
        Assert.Empty(_filter.CheckParameters(Attempts.Parameters("""{ "minShare": 0.6, "minVotes": 3 }""")));
    }

    [Theory]
    [InlineData("""{ "minShare": 1.5 }""", "minShare", "must be between 0 and 1, not 1.5")]
    [InlineData("""{ "minShare": -0.1 }""", "minShare", "must be between 0 and 1, not -0.1")]
    [InlineData("""{ "minShare": "half" }""", "minShare", "must be a number, not string")]
    [InlineData("""{ "minVotes": 2.5 }""", "minVotes", "must be a whole number, not number")]
    [InlineData("""{ "minVotes": 0 }""", "minVotes", "must be between 1 and 1000, not 0")]
    [InlineData("""{ "minvotes": 3 }""", "minvotes", "unknown parameter; this filter takes: minShare, minVotes")]
    public void Bad_parameters_are_named_with_what_is_wrong(string json, string parameter, string message)
    {
        Assert.Equal([(parameter, message)], _filter.CheckParameters(Attempts.Parameters(json)));
    }

    [Fact]
    public void Whole_number_parameters_as_a_yaml_document_gives_them_are_accepted_and_honoured()
    {
        var parameters = DocumentReader.Read("with.yaml", "minVotes: 3\nminShare: 0\n").Root;
        var attempts = Attempts.Samples("2+2", "4", "4", "5").ToList();

        Assert.Empty(_filter.CheckParameters(parameters));
        Assert.Empty(_filter.Apply(attempts, parameters));
    }
}
