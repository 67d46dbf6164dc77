using System.CommandLine;
using Orchestrator.Cli.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench throughput</c>: training tokens/s for model shapes, against the matmul rate.</summary>
public static class ThroughputCommand
{
    public static Command Create()
    {
        var widths = new Option<int[]>("--width") { Description = "Model widths to measure; repeatable.", DefaultValueFactory = _ => [96], AllowMultipleArgumentsPerToken = true };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "Examples per step.", DefaultValueFactory = _ => 128 };
        var buckets = new Option<int[]>("--buckets") { Description = "Length buckets per step to measure; repeatable.", DefaultValueFactory = _ => [4], AllowMultipleArgumentsPerToken = true };
        var digits = new Option<int[]>("--digits") { Description = "Longest operand length of the data; repeatable.", DefaultValueFactory = _ => [8], AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int[]>("--workers") { Description = "Threads computing a step's buckets side by side (0 = one per core); repeatable.", DefaultValueFactory = _ => [0], AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "Measured steps per configuration.", DefaultValueFactory = _ => 100 };
        var command = new Command("throughput", "Measure training throughput (tokens/s) and fp32 matmul GFLOP/s on this machine.") { widths, layers, batch, buckets, workers, digits, steps };
        command.SetAction(parse =>
        {
            var matmul = ThroughputBench.MatmulGflops();
            Console.Error.WriteLine($"fp32 matmul 1024x1024: {matmul:0.0} GFLOP/s on {Environment.ProcessorCount} cores");
            var table = new Table().AddColumns("width", "layers", "params", "digits", "batch", "buckets", "workers", "ms/step", "tokens/s", "model GFLOP/s", "of matmul");
            foreach (var width in parse.GetValue(widths)!)
            foreach (var maxDigits in parse.GetValue(digits)!)
            foreach (var bucketCount in parse.GetValue(buckets)!)
            foreach (var workerCount in parse.GetValue(workers)!)
            {
                var r = ThroughputBench.Training(width, parse.GetValue(layers), parse.GetValue(batch), bucketCount, workerCount, 1, maxDigits, parse.GetValue(steps), matmul);
                Console.Error.WriteLine($"width {width}, 1-{maxDigits} digits, {bucketCount} buckets, {r.Workers} workers: {r.TokensPerSecond:0} tokens/s");
                table.AddRow($"{width}", $"{parse.GetValue(layers)}", $"{r.Parameters:N0}", $"1-{maxDigits}", $"{parse.GetValue(batch)}", $"{bucketCount}", $"{r.Workers}",
                    $"{r.MillisecondsPerStep:0.0}", $"{r.TokensPerSecond:N0}", $"{r.ModelGflops:0.00}", $"{r.ModelGflops / r.MatmulGflops:P1}");
            }
            OutputTables.Write(table);
            return 0;
        });
        return command;
    }
}
