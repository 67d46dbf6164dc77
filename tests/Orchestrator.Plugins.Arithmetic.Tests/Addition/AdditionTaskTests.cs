using System.Numerics;
using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.Plugins.Arithmetic.Tests.Addition;

public sealed class AdditionTaskTests
{
    private readonly AdditionTask _task = new();

    [Fact]
    public void The_format_is_reversed_operands_and_a_reversed_zero_padded_sum()
    {
        // 21 + 43 = 64, padded to 3 digits "064", reversed "460".
        Assert.Equal("460", AdditionTask.Answer("21", "43"));
        // 999 + 1 = 1000: the carry reaches the extra digit.
        Assert.Equal("0001", AdditionTask.Answer("999", "1"));
        Assert.Equal("8001", AdditionTask.Answer("999", "9"));
        Assert.Equal("00", AdditionTask.Answer("0", "0"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(100)]
    public void Generated_items_have_exact_lengths_and_answers_that_are_the_true_sum(int length)
    {
        var random = new Random(length);
        for (var i = 0; i < 200; i++)
        {
            var item = _task.Generate(random, length);
            var operands = item.Prompt.TrimEnd('=').Split('+').Select(Reverse).ToArray();

            Assert.All(operands, o => Assert.Equal(length, o.Length));
            Assert.All(operands, o => Assert.True(length == 1 || o[0] != '0', $"leading zero in {o}"));
            var sum = (BigInteger.Parse(operands[0]) + BigInteger.Parse(operands[1])).ToString().PadLeft(length + 1, '0');
            Assert.Equal(Reverse(sum), item.Answer);
            Assert.Equal(length, item.Length);
        }
    }

    [Fact]
    public void The_checker_accepts_only_the_exact_answer()
    {
        var item = _task.Generate(new Random(1), 5);

        Assert.True(_task.Check(item, item.Answer).Correct);
        Assert.True(_task.Check(item, " " + item.Answer + "\n").Correct);
        Assert.False(_task.Check(item, item.Answer + "0").Correct);
        Assert.False(_task.Check(item, item.Answer[..^1]).Correct);
        Assert.False(_task.Check(item, "").Correct);
    }

    [Fact]
    public void The_same_seed_generates_the_same_items()
    {
        var first = new Random(42);
        var second = new Random(42);

        Assert.Equal(
            Enumerable.Range(0, 20).Select(_ => _task.Generate(first, 12).Prompt),
            Enumerable.Range(0, 20).Select(_ => _task.Generate(second, 12).Prompt));
    }

    private static string Reverse(string text) => new(text.Reverse().ToArray());
}
