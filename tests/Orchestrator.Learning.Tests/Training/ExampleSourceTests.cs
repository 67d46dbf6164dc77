using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Tests.Training;

public sealed class ExampleSourceTests
{
    private static readonly CharTokenizer Tokenizer = CharTokenizer.Arithmetic;

    [Fact]
    public void Addition_examples_end_with_the_end_token_and_check_out()
    {
        var example = AdditionExampleSource.Create(Tokenizer, "57", "68");
        Assert.Equal("75+86=", Tokenizer.Decode(example.Prompt));
        Assert.Equal(CharTokenizer.EndId, example.Answer[^1]);
        Assert.Equal("521", Tokenizer.Decode(example.Answer));
    }

    [Fact]
    public void A_mix_draws_from_each_source_at_its_ratio()
    {
        var fresh = new ListExampleSource([AdditionExampleSource.Create(Tokenizer, "1", "1")]);
        var replay = new ListExampleSource([AdditionExampleSource.Create(Tokenizer, "2", "2")]);
        var mix = new MixedExampleSource((fresh, 1.0), (replay, 3.0));
        var random = new SeededRandom(3);

        var fromReplay = Enumerable.Range(0, 4000).Count(_ => Tokenizer.Decode(mix.Next(random).Prompt) == "2+2=");

        Assert.InRange(fromReplay / 4000.0, 0.72, 0.78);
    }

    [Fact]
    public void The_random_source_continues_exactly_from_a_saved_state()
    {
        var random = new SeededRandom(5);
        random.NextUInt64();
        var restored = SeededRandom.FromState(random.State);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => random.NextUInt64()), Enumerable.Range(0, 10).Select(_ => restored.NextUInt64()));
    }
}
