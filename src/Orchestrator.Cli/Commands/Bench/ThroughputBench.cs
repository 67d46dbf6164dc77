using System.Diagnostics;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;
using TorchSharp;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// Training throughput on this machine: tokens per second for a model shape and batch, and the same as a
/// fraction of the fp32 matmul rate measured here, so numbers from different machines can be compared.
/// </summary>
internal static class ThroughputBench
{
    public sealed record Result(long Parameters, int Workers, double TokensPerSecond, double MatmulGflops, double ModelGflops, double MillisecondsPerStep);

    public static double MatmulGflops(int size = 1024, int repeats = 20)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(size, size);
        var b = torch.randn(size, size);
        torch.matmul(a, b).Dispose(); // warm up
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++) torch.matmul(a, b).Dispose();
        return 2.0 * size * size * size * repeats / clock.Elapsed.TotalSeconds / 1e9;
    }

    public static Result Training(int width, int layers, int batch, int buckets, int workers, int minDigits, int maxDigits, int steps, double matmulGflops)
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var config = new TransformerConfig(tokenizer.VocabularySize, layers, width, 4, width * 4);
        var options = new TrainingOptions { TotalSteps = steps + 10, BatchSize = batch, LengthBuckets = buckets, Workers = workers, WarmupSteps = 0, DecaySteps = 0, ProgressEvery = 1000 };
        using var session = TrainingSession.Start(config, options, torch.CPU, tokenizer.Alphabet);
        var source = new AdditionExampleSource(tokenizer, minDigits, maxDigits);
        session.Train(source, stopAtStep: 10); // warm up allocator and kernels
        var clock = Stopwatch.StartNew();
        var outcome = session.Train(source);
        var seconds = clock.Elapsed.TotalSeconds;
        var parameters = session.Model.parameters().Sum(p => p.numel());
        // Forward and backward cost about 6 FLOPs per parameter per token (attention adds a little more; ignored).
        var modelGflops = 6.0 * parameters * outcome.TokensPerSecond / 1e9;
        return new Result(parameters, session.Workers, outcome.TokensPerSecond, matmulGflops, modelGflops, seconds * 1000 / steps);
    }
}
