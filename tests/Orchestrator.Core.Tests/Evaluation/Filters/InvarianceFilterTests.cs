using Orchestrator.Core.Evaluation.Filters;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class InvarianceFilterTests
{
    private readonly InvarianceFilter _filter = new();

    [Fact]
    public void Keeps_answers_given_to_both_a_prompt_and_its_variant_and_drops_the_rest()
    {
        var agree = Attempts.Of("21+43=", "640");
        var agreeVariant = Attempts.AtVariant("21+43=", "43+21=", "640");
        var disagree = Attempts.Of("99+11=", "001");
        var disagreeVariant = Attempts.AtVariant("99+11=", "11+99=", "011");

        var kept = _filter.Apply([agree, agreeVariant, disagree, disagreeVariant], Attempts.Parameters());

        Assert.Equal([agree, agreeVariant], kept);
    }

    [Fact]
    public void Among_several_samples_only_the_answers_every_form_gave_survive()
    {
        var attempts = new[]
        {
            Attempts.Of("12+34=", "460", sample: 0), Attempts.Of("12+34=", "470", sample: 1),
            Attempts.AtVariant("12+34=", "34+12=", "460") with { Sample = 0 }, Attempts.AtVariant("12+34=", "34+12=", "480") with { Sample = 1 },
        };

        Assert.Equal(["460", "460"], _filter.Apply(attempts, Attempts.Parameters()).Select(a => a.Attempt));
    }

    [Fact]
    public void A_prompt_without_a_variant_attempt_is_dropped()
    {
        var alone = Attempts.Of("55+55=", "011");
        var paired = new[] { Attempts.Of("12+34=", "460"), Attempts.AtVariant("12+34=", "34+12=", "460") };

        Assert.DoesNotContain(alone, _filter.Apply([alone, .. paired], Attempts.Parameters()));
    }

    [Fact]
    public void Attempts_without_any_variant_are_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _filter.Apply([Attempts.Of("1+2=", "30")], Attempts.Parameters()));
        Assert.Contains("variants: true", error.Message);
    }
}
