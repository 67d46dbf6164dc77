using Orchestrator.Learning.Training;
using TorchSharp;

namespace Orchestrator.Learning.Tests.Training;

/// <summary>A process limit on compute threads reaches the gradient workers a training step uses, unless the step names its own.</summary>
public sealed class ComputeThreadsTests : IDisposable
{
    private readonly int _torchThreads = torch.get_num_threads();

    public void Dispose()
    {
        ComputeThreads.Clear();
        torch.set_num_threads(_torchThreads);
    }

    [Fact]
    public void Without_a_limit_a_step_uses_one_gradient_worker_per_core_up_to_its_buckets()
    {
        Assert.Equal(Math.Min(Environment.ProcessorCount, 64), GradientWorkers.Count(new TrainingOptions(), torch.CPU, buckets: 64));
        Assert.Equal(1, GradientWorkers.Count(new TrainingOptions(), torch.CPU, buckets: 1));
    }

    [Fact]
    public void A_limit_sets_the_gradient_workers_and_torchs_intra_op_threads()
    {
        ComputeThreads.Limit(1);

        Assert.Equal(1, GradientWorkers.Count(new TrainingOptions(), torch.CPU, buckets: 64));
        Assert.Equal(1, torch.get_num_threads());
        Assert.Equal(1, ComputeThreads.PerJob);
    }

    [Fact]
    public void Workers_named_by_the_step_win_over_the_limit()
    {
        ComputeThreads.Limit(1);

        Assert.Equal(3, GradientWorkers.Count(new TrainingOptions { Workers = 3 }, torch.CPU, buckets: 64));
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Limit(0));
        Assert.Equal(0, ComputeThreads.PerJob);
    }
}
