using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.Plugins.Arithmetic.Tests.Addition;

/// <summary>What addition declares for judging self-labels: the answer's shape and the commuted variant.</summary>
public sealed class AdditionSelfLabelTests
{
    private readonly AdditionTask _task = new();

    [Theory]
    [InlineData("12+34=", "460", null)]
    [InlineData("12+34=", "999", null)]
    [InlineData("12+34=", "46", "2 characters where the sum has 3 digits")]
    [InlineData("12+34=", "4600", "4 characters where the sum has 3 digits")]
    [InlineData("12+34=", "4a0", "not all digits")]
    [InlineData("999+1=", "0001", null)]
    [InlineData("1234", "0", "\"1234\" is not an addition prompt")]
    public void The_format_is_max_length_plus_one_digits_whatever_the_digits_say(string prompt, string answer, string? problem)
    {
        Assert.Equal(problem, _task.FormatProblem(prompt, answer));
    }

    [Fact]
    public void Every_generated_answer_is_well_formed()
    {
        var random = new Random(7);
        for (var length = 1; length <= 40; length++)
        {
            var item = _task.Generate(random, length);
            Assert.Null(_task.FormatProblem(item.Prompt, item.Answer));
        }
    }

    [Fact]
    public void The_commuted_variant_swaps_the_operands_and_has_the_same_answer()
    {
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var item = _task.Generate(random, 6);
            var variant = Assert.Single(_task.Variants(item.Prompt));
            Assert.Equal("commuted", variant.Name);
            var operands = item.Prompt.TrimEnd('=').Split('+');
            Assert.Equal($"{operands[1]}+{operands[0]}=", variant.Prompt);
            var reversed = new TaskItemReader(variant.Prompt);
            Assert.Equal(item.Answer, AdditionTask.Answer(reversed.A, reversed.B));
        }
    }

    [Fact]
    public void Equal_operands_have_no_variant()
    {
        Assert.Empty(_task.Variants("12+12="));
    }

    /// <summary>The operands of a prompt written the usual way round (prompts hold them reversed).</summary>
    private sealed class TaskItemReader(string prompt)
    {
        private readonly string[] _parts = prompt.TrimEnd('=').Split('+');
        public string A => new(_parts[0].Reverse().ToArray());
        public string B => new(_parts[1].Reverse().ToArray());
    }
}
