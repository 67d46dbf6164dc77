using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Tests.Tokenization;

public sealed class ReversedAdditionTests
{
    [Theory]
    [InlineData("5", "3", "5+3=", "80")]
    [InlineData("12", "99", "21+99=", "111")]
    [InlineData("123", "9", "321+9=", "2310")]
    [InlineData("999", "1", "999+1=", "0001")]
    public void Prompt_and_answer_are_reversed_and_the_answer_is_padded_to_one_more_digit(string a, string b, string prompt, string answer)
    {
        Assert.Equal(prompt, ReversedAddition.Prompt(a, b));
        Assert.Equal(answer, ReversedAddition.Answer(a, b));
    }

    [Fact]
    public void Long_operands_add_exactly()
    {
        var a = new string('9', 40);
        Assert.Equal(new string('0', 40) + "1", ReversedAddition.Answer(a, "1"));
    }

    [Fact]
    public void Random_operands_have_the_asked_length_and_no_leading_zero()
    {
        var random = new SeededRandom(7);
        for (var i = 0; i < 200; i++)
        {
            var operand = ReversedAddition.RandomOperand(random, 5);
            Assert.Equal(5, operand.Length);
            Assert.NotEqual('0', operand[0]);
        }
    }

    [Fact]
    public void Operands_must_be_digits()
    {
        Assert.Throws<ArgumentException>(() => ReversedAddition.Prompt("1a", "2"));
        Assert.Throws<ArgumentException>(() => ReversedAddition.Answer("", "2"));
    }
}
