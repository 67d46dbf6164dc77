using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Tests.Model;

public sealed class KvCacheTests
{
    /// <summary>Logits of each new token after feeding <paramref name="tokens"/> one position at a time through a cache.</summary>
    private static float[] StepByStep(DecoderTransformer model, long[] tokens, KvCache cache)
    {
        using var noGrad = torch.no_grad();
        var logits = new List<float>();
        foreach (var token in tokens)
        {
            using var scope = torch.NewDisposeScope();
            logits.AddRange(model.Forward(torch.tensor(new[] { token }, [1, 1]), cache)[.., -1, ..].data<float>().ToArray());
        }
        return logits.ToArray();
    }

    [Fact]
    public void A_cache_reserved_too_small_grows_and_computes_what_a_roomy_one_does()
    {
        using var model = TinyModels.Create(21);
        model.eval();
        var tokens = TinyModels.AdditionPrompts(seed: 22, count: 1, maxDigits: 6)[0].Select(t => (long)t).ToArray();
        using var small = new KvCache(model.Config.Layers, capacity: 1);
        using var roomy = new KvCache(model.Config.Layers, capacity: 64);

        var grown = StepByStep(model, tokens, small);
        var reserved = StepByStep(model, tokens, roomy);

        Assert.Equal(tokens.Length, small.Length);
        Assert.Equal(reserved.Length, grown.Length);
        for (var i = 0; i < reserved.Length; i++) Assert.Equal(reserved[i], grown[i], 4);
    }

    [Fact]
    public void Padding_is_refused_for_a_model_that_has_positions()
    {
        using var model = TinyModels.Create(23, PositionalEncoding.Learned);
        using var cache = new KvCache(model.Config.Layers, capacity: 8, padding: [1, 0]);
        using var noGrad = torch.no_grad();

        Assert.True(cache.IsPadded);
        Assert.Throws<ArgumentException>(() => model.Forward(torch.zeros([2, 3], ScalarType.Int64), cache));
    }
}
