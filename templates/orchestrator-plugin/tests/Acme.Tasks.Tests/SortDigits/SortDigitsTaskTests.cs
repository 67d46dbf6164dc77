using Acme.Tasks.SortDigits;
using Orchestrator.Core.Tasks;

namespace Acme.Tasks.Tests.SortDigits;

public sealed class SortDigitsTaskTests
{
    private readonly ITaskFamily _task = new SortDigitsTask();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void Generates_a_prompt_of_the_given_length_whose_answer_is_its_digits_sorted(int length)
    {
        var item = _task.Generate(new Random(3), length);

        Assert.Equal(length + 1, item.Prompt.Length);
        Assert.EndsWith("=", item.Prompt);
        Assert.Equal(string.Concat(item.Prompt[..^1].Order()), item.Answer);
        Assert.Equal(length, item.Length);
        Assert.All(item.Prompt + item.Answer, c => Assert.Contains(c, _task.Alphabet));
    }

    [Fact]
    public void The_same_seed_generates_the_same_item()
    {
        Assert.Equal(_task.Generate(new Random(11), 12), _task.Generate(new Random(11), 12));
    }

    [Fact]
    public void The_checker_accepts_the_sorted_digits_and_ignores_surrounding_whitespace()
    {
        var item = new TaskItem(SortDigitsTask.TaskName, "3141=", "1134", 4);

        Assert.True(_task.Check(item, "1134").Correct);
        Assert.True(_task.Check(item, " 1134\n").Correct);
    }

    [Theory]
    [InlineData("3141")]
    [InlineData("113")]
    [InlineData("11344")]
    [InlineData("11 34")]
    [InlineData("")]
    public void The_checker_refuses_anything_else_and_says_what_was_expected(string attempt)
    {
        var item = new TaskItem(SortDigitsTask.TaskName, "3141=", "1134", 4);

        var result = _task.Check(item, attempt);

        Assert.False(result.Correct);
        Assert.Equal("1134", result.Expected);
    }

    [Fact]
    public void A_length_below_the_minimum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _task.Generate(new Random(1), 0));
    }
}
