using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Sampling;

public sealed class SamplerTests
{
    [Theory]
    [InlineData(PositionalEncoding.None)]
    [InlineData(PositionalEncoding.Learned)]
    [InlineData(PositionalEncoding.Sinusoidal)]
    public void Greedy_output_is_the_same_with_and_without_the_kv_cache(PositionalEncoding positions)
    {
        using var model = TinyModels.Create(3, positions);
        var prompts = TinyModels.AdditionPrompts(seed: 4, count: 40, maxDigits: 4);
        var sampler = new Sampler(model);

        var cached = sampler.Generate(prompts, new SamplingOptions(MaxNewTokens: 12, BatchSize: 16, UseKvCache: true));
        var uncached = sampler.Generate(prompts, new SamplingOptions(MaxNewTokens: 12, BatchSize: 16, UseKvCache: false));

        Assert.Equal(cached, uncached);
        Assert.Contains(cached, tokens => tokens.Length > 0);
    }

    [Fact]
    public void Temperature_sampling_repeats_for_a_seed_and_varies_across_seeds()
    {
        using var model = TinyModels.Create(5);
        var prompts = TinyModels.AdditionPrompts(seed: 6, count: 30, maxDigits: 3);
        var sampler = new Sampler(model);
        var options = new SamplingOptions(MaxNewTokens: 8, Temperature: 1.0);

        var first = sampler.Generate(prompts, options, new SeededRandom(1));
        var again = sampler.Generate(prompts, options, new SeededRandom(1));
        var other = sampler.Generate(prompts, options, new SeededRandom(2));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Results_come_back_in_prompt_order_whatever_the_grouping()
    {
        using var model = TinyModels.Create(7);
        var prompts = TinyModels.AdditionPrompts(seed: 8, count: 25, maxDigits: 3);
        var sampler = new Sampler(model);
        var together = sampler.Generate(prompts, new SamplingOptions(MaxNewTokens: 6, BatchSize: 4));
        var oneByOne = prompts.Select(prompt => sampler.Generate([prompt], new SamplingOptions(MaxNewTokens: 6))[0]).ToArray();
        Assert.Equal(oneByOne, together);
    }

    [Fact]
    public void A_left_padded_row_scores_its_answer_as_it_would_alone()
    {
        using var model = TinyModels.Create(11);
        var prompts = TinyModels.AdditionPrompts(seed: 12, count: 24, maxDigits: 5);
        Assert.True(prompts.Select(p => p.Length).Distinct().Count() > 2, "the prompts should span several lengths");
        var sampler = new Sampler(model);
        var options = new SamplingOptions(MaxNewTokens: 7, BatchSize: 64);

        var together = sampler.GenerateScored(prompts, options);
        var alone = prompts.Select(prompt => sampler.GenerateScored([prompt], options)[0]).ToArray();

        Assert.Equal(alone.Select(a => a.Tokens), together.Select(a => a.Tokens));
        for (var i = 0; i < prompts.Count; i++) Assert.Equal(alone[i].Probability, together[i].Probability, 4);
    }

    [Fact]
    public void Each_prompt_stops_at_its_own_token_limit()
    {
        using var model = TinyModels.Create(13);
        var prompts = TinyModels.AdditionPrompts(seed: 14, count: 12, maxDigits: 3);
        var limits = prompts.Select((_, i) => 1 + i % 4).ToArray();

        var answers = new Sampler(model).GenerateScored(prompts, limits, new SamplingOptions(MaxNewTokens: 4, BatchSize: 5));

        for (var i = 0; i < prompts.Count; i++) Assert.InRange(answers[i].Tokens.Length, 0, limits[i]);
        Assert.Throws<ArgumentException>(() => new Sampler(model).GenerateScored(prompts, limits.Skip(1).ToArray(), new SamplingOptions(4)));
    }

    [Fact]
    public void Temperature_without_a_random_source_is_refused()
    {
        using var model = TinyModels.Create(9);
        Assert.Throws<ArgumentException>(() => new Sampler(model).Generate([[2, 3]], new SamplingOptions(4, Temperature: 0.5)));
    }
}
