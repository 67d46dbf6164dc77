using Orchestrator.Learning.Activities.PostTrain;

namespace Orchestrator.Learning.Tests.Loop;

/// <summary>The schedule follows the number of steps, so halving a procedure's steps never needs a second edit to its decay.</summary>
public sealed class TrainingInputsTests
{
    [Theory]
    [InlineData(400, 20, 150, 150)]   // fits: the whole decay
    [InlineData(100, 20, 150, 80)]    // too short: decays over every step after the warmup
    [InlineData(20, 20, 150, 0)]      // all warmup
    public void The_decay_is_cut_to_the_steps_after_the_warmup(int steps, int warmup, int decay, int expected)
    {
        var inputs = new PostTrainOptions { Model = "m@1", Dataset = "sha256:" + new string('a', 64), Steps = steps, Warmup = warmup, Decay = decay };

        Assert.True(new PostTrainOptionsValidator().Validate(inputs).IsValid);
        var options = inputs.ToTrainingOptions(seed: 1, checkpointPath: "unused");
        Assert.Equal(expected, options.DecaySteps);
        options.Validate();
        // The last step ends the decay at lrFinal (0.1) whenever there is one.
        Assert.Equal(expected > 0 ? 0.1 : 1, options.Schedule.RateAt(steps - 1) / inputs.Lr, precision: 6);
    }

    [Fact]
    public void A_warmup_longer_than_the_run_is_refused_with_both_numbers()
    {
        var inputs = new PostTrainOptions { Model = "m@1", Dataset = "sha256:" + new string('a', 64), Steps = 10, Warmup = 20 };

        var error = Assert.Single(new PostTrainOptionsValidator().Validate(inputs).Errors);
        Assert.Equal("warmup (20) must fit in steps (10)", error.ErrorMessage);
    }
}
