using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Tests.Loop;

/// <summary>The compute estimate: 6 FLOPs per parameter per token trained, 2 per token passed forward, prompt and answer both.</summary>
public sealed class ComputeMeterTests
{
    [Fact]
    public void Training_costs_six_flops_and_a_forward_pass_two_per_parameter_per_token()
    {
        Assert.Equal(6.0 * 200_000 * 1_000, ComputeMeter.TrainingFlop(200_000, 1_000));
        Assert.Equal(2.0 * 200_000 * 1_000, ComputeMeter.ForwardFlop(200_000, 1_000));
        Assert.Equal(0, ComputeMeter.TrainingFlop(200_000, 0));
    }

    [Fact]
    public void Generation_counts_the_prompt_as_the_model_sees_it_and_the_answer_with_its_end_token()
    {
        var tokenizer = CharTokenizer.Arithmetic;

        // "12+34=" is 6 characters plus the leading end token; "46" is 2 tokens plus the end token that closed it.
        Assert.Equal(7 + 3, ComputeMeter.GenerationTokens(tokenizer, ["12+34="], ["46"]));
        Assert.Equal(7 + 3 + (3 + 1), ComputeMeter.GenerationTokens(tokenizer, ["12+34=", "1+"], ["46", ""]));
    }

    [Fact]
    public void A_meter_adds_up_what_it_is_given_and_reports_gflop()
    {
        var meter = new ComputeMeter();

        meter.AddTraining(100_000, 5_000);
        meter.AddTraining(100_000, 5_000);

        Assert.Equal(6.0 * 100_000 * 10_000, meter.Flop);
        Assert.Equal(6.0, meter.Gflop);
        Assert.True(meter.CpuSeconds >= 0);
    }
}
