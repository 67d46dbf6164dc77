using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tests.TestSupport;
using Orchestrator.Learning.Tokenization;
using TorchSharp;

namespace Orchestrator.Learning.Tests.Model;

public sealed class DecoderTransformerTests
{
    [Theory]
    [InlineData(PositionalEncoding.None)]
    [InlineData(PositionalEncoding.Learned)]
    [InlineData(PositionalEncoding.Sinusoidal)]
    public void Logits_have_one_row_per_position_and_one_column_per_token(PositionalEncoding positions)
    {
        using var model = TinyModels.Create(1, positions);
        using var tokens = torch.randint(0, CharTokenizer.Arithmetic.VocabularySize, [3, 11], dtype: torch.int64);
        using var logits = model.call(tokens);
        Assert.Equal([3L, 11L, CharTokenizer.Arithmetic.VocabularySize], logits.shape);
    }

    [Fact]
    public void The_default_shape_is_a_small_model_of_about_0_4M_parameters_without_positional_encoding()
    {
        var config = new TransformerConfig(CharTokenizer.Arithmetic.VocabularySize);
        using var model = new DecoderTransformer(config);
        Assert.Equal(PositionalEncoding.None, config.Positions);
        Assert.InRange(model.ParameterCount, 350_000, 500_000);
    }

    [Fact]
    public void A_position_sees_only_earlier_positions()
    {
        using var model = TinyModels.Create(2);
        using var first = torch.tensor(new long[] { 3, 4, 5, 6 }, [1, 4]);
        using var second = torch.tensor(new long[] { 3, 4, 9, 9 }, [1, 4]);
        using var a = model.call(first);
        using var b = model.call(second);
        Assert.True(a[.., ..2].allclose(b[.., ..2], rtol: 0, atol: 1e-6));
        Assert.False(a[.., 2..].allclose(b[.., 2..], rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Heads_that_do_not_divide_the_width_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DecoderTransformer(new TransformerConfig(14, Width: 30, Heads: 4)));
    }
}
