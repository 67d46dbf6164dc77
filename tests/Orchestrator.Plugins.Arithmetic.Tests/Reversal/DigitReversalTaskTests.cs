using Orchestrator.Plugins.Arithmetic.Reversal;

namespace Orchestrator.Plugins.Arithmetic.Tests.Reversal;

public sealed class DigitReversalTaskTests
{
    [Fact]
    public void The_answer_is_the_prompt_digits_backwards_and_the_checker_is_exact()
    {
        var task = new DigitReversalTask();
        var item = task.Generate(new Random(3), 9);

        Assert.Equal(10, item.Prompt.Length);
        Assert.Equal(new string(item.Prompt.TrimEnd('=').Reverse().ToArray()), item.Answer);
        Assert.True(task.Check(item, item.Answer).Correct);
        Assert.False(task.Check(item, item.Answer + "1").Correct);
    }
}
