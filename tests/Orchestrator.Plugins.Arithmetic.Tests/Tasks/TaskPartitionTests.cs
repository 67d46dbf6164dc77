using Orchestrator.Core.Tasks;
using Orchestrator.Plugins.Arithmetic.Addition;
using Orchestrator.Plugins.Arithmetic.Reversal;

namespace Orchestrator.Plugins.Arithmetic.Tests.Tasks;

/// <summary>The protected/training split, exercised on real tasks.</summary>
public sealed class TaskPartitionTests
{
    private readonly AdditionTask _addition = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    public void Training_draws_never_contain_a_protected_item(int length)
    {
        var training = TaskSampler.Training(_addition, length, 2000, new Random(5));
        var protectedSet = TaskSampler.Protected(_addition, length, 256, seed: 5);

        Assert.DoesNotContain(training, TaskPartition.IsProtected);
        Assert.All(protectedSet.Items, item => Assert.True(TaskPartition.IsProtected(item)));
        Assert.Empty(training.Select(i => i.Prompt).Intersect(protectedSet.Items.Select(i => i.Prompt)));
    }

    [Fact]
    public void About_one_item_in_eight_is_protected()
    {
        var random = new Random(9);
        var share = Enumerable.Range(0, 8000).Count(_ => TaskPartition.IsProtected(_addition.Generate(random, 6))) / 8000.0;

        Assert.InRange(share, 0.10, 0.15);
    }

    [Fact]
    public void A_protected_set_is_fixed_by_its_seed_and_recorded_by_its_hash()
    {
        var first = TaskSampler.Protected(_addition, 8, 512, seed: 1);
        var again = TaskSampler.Protected(_addition, 8, 512, seed: 1);
        var other = TaskSampler.Protected(_addition, 8, 512, seed: 2);

        Assert.Equal(512, first.Items.Count);
        Assert.Equal(first.Hash, again.Hash);
        Assert.Equal(first.Items.Select(i => i.Prompt), again.Items.Select(i => i.Prompt));
        Assert.NotEqual(first.Hash, other.Hash);
        Assert.Matches("^sha256:[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void The_split_works_for_every_task_not_only_addition()
    {
        var reversal = new DigitReversalTask();

        var protectedSet = TaskSampler.Protected(reversal, 4, 64, seed: 3);
        var training = TaskSampler.Training(reversal, 4, 500, new Random(3));

        Assert.All(protectedSet.Items, item => Assert.True(TaskPartition.IsProtected(item)));
        Assert.DoesNotContain(training, TaskPartition.IsProtected);
    }
}
