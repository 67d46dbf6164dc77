using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Tests.Tokenization;

public sealed class CharTokenizerTests
{
    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("321+654=579")]
    [InlineData("9*8-7")]
    public void Encode_then_decode_gives_the_text_back(string text)
    {
        var tokenizer = CharTokenizer.Arithmetic;
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Ids_are_padding_end_then_the_alphabet_in_order()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        Assert.Equal(0, CharTokenizer.PadId);
        Assert.Equal(1, CharTokenizer.EndId);
        Assert.Equal([2, 3, 12, 13], tokenizer.Encode("01+="));
        Assert.Equal(2 + tokenizer.Alphabet.Length, tokenizer.VocabularySize);
    }

    [Fact]
    public void Decode_stops_at_the_end_token_and_skips_padding()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        int[] tokens = [CharTokenizer.PadId, .. tokenizer.Encode("12"), CharTokenizer.EndId, .. tokenizer.Encode("34")];
        Assert.Equal("12", tokenizer.Decode(tokens));
    }

    [Fact]
    public void Unknown_characters_and_ids_are_clear_errors()
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var text = Assert.Throws<ArgumentException>(() => tokenizer.Encode("1+x"));
        Assert.Contains("'x'", text.Message);
        Assert.Throws<ArgumentException>(() => tokenizer.Decode([99]));
        Assert.Throws<ArgumentException>(() => new CharTokenizer("abca"));
    }
}
