using System.Runtime.ExceptionServices;
using Orchestrator.Learning.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Training;

/// <summary>
/// One step's gradient computed by several CPU threads at once. At this model size a single operation is too
/// small to keep two intra-op threads busy (two of them trained barely faster than one here), so each worker
/// instead runs whole micro-batches single-threaded, and the workers' gradients are summed in worker order:
/// the result does not depend on which worker finishes first.
/// </summary>
internal static class GradientWorkers
{
    /// <summary>The loss of one micro-batch (already divided by the step's answer tokens) and its real tokens.</summary>
    public delegate (Tensor Loss, long Tokens) BucketLoss(TrainingExample[] bucket);

    /// <summary>The summed gradient of all buckets, their summed loss and tokens.</summary>
    public sealed record Result(Tensor[] Gradients, double Loss, long Tokens);

    /// <summary>
    /// How many workers to use: the option when set; otherwise the process's <see cref="ComputeThreads"/> (one per core unless
    /// limited), at most one per bucket, on the CPU
    /// only (a GPU is fed from one thread).
    /// </summary>
    public static int Count(TrainingOptions options, Device device, int buckets)
    {
        if (device.type != DeviceType.CPU) return 1;
        var wanted = options.Workers > 0 ? options.Workers : ComputeThreads.Default;
        return Math.Clamp(wanted, 1, Math.Max(1, buckets));
    }

    /// <summary>
    /// Deals buckets sorted short to long to workers in snake order (0,1,1,0,0,1,...), so each worker gets a
    /// similar share of short and long sequences.
    /// </summary>
    public static List<TrainingExample[]>[] Deal(IReadOnlyList<TrainingExample[]> buckets, int workers)
    {
        var shares = Enumerable.Range(0, workers).Select(_ => new List<TrainingExample[]>()).ToArray();
        for (var i = 0; i < buckets.Count; i++)
        {
            var round = i / workers;
            var position = i % workers;
            shares[round % 2 == 0 ? position : workers - 1 - position].Add(buckets[i]);
        }

        return shares;
    }

    /// <summary>
    /// Runs each share on its own thread (the first on the calling thread) and sums the gradients with respect to
    /// <paramref name="parameters"/>. The caller owns the returned tensors. Intra-op threads should be limited to one
    /// (<see cref="IntraOpThreads"/>) before the workers start: a new thread takes the limit in force when it first computes.
    /// </summary>
    public static Result Compute(IReadOnlyList<List<TrainingExample[]>> shares, IList<Tensor> parameters, BucketLoss lossOf)
    {
        var results = new Result?[shares.Count];
        var failures = new ExceptionDispatchInfo?[shares.Count];
        var threads = new List<Thread>();
        for (var w = 1; w < shares.Count; w++)
        {
            var worker = w;
            var thread = new Thread(() => Run(worker)) { IsBackground = true, Name = $"gradient worker {worker}" };
            thread.Start();
            threads.Add(thread);
        }

        Run(0);
        threads.ForEach(thread => thread.Join());
        failures.FirstOrDefault(failure => failure is not null)?.Throw();

        var total = results[0]!;
        foreach (var other in results.Skip(1))
        {
            for (var i = 0; i < total.Gradients.Length; i++)
            {
                total.Gradients[i].add_(other!.Gradients[i], KeptScalars.One);
                other.Gradients[i].Dispose();
            }
        }

        return total with { Loss = results.Sum(r => r!.Loss), Tokens = results.Sum(r => r!.Tokens) };

        void Run(int worker)
        {
            try
            {
                results[worker] = Gradients(shares[worker], parameters, lossOf);
            }
            catch (Exception e)
            {
                failures[worker] = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    private static Result Gradients(List<TrainingExample[]> buckets, IList<Tensor> parameters, BucketLoss lossOf)
    {
        Tensor[]? sum = null;
        double loss = 0;
        long tokens = 0;
        foreach (var bucket in buckets)
        {
            using var scope = torch.NewDisposeScope();
            var (bucketLoss, bucketTokens) = lossOf(bucket);
            var gradients = torch.autograd.grad([bucketLoss], parameters);
            loss += bucketLoss.item<float>();
            tokens += bucketTokens;
            if (sum is null)
            {
                // Kept past this scope: the first bucket's gradients become the running sum.
                sum = gradients.Select(g => g.DetachFromDisposeScope()).ToArray();
            }
            else
            {
                for (var i = 0; i < sum.Length; i++) sum[i].add_(gradients[i], KeptScalars.One);
            }
        }

        return new Result(sum ?? throw new InvalidOperationException("A gradient worker was given no micro-batch."), loss, tokens);
    }
}
