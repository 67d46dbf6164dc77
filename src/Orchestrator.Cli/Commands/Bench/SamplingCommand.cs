using System.CommandLine;
using Orchestrator.Cli.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench sampling</c>: generation tokens/s for model shapes and answer lengths.</summary>
public static class SamplingCommand
{
    public static Command Create()
    {
        var widths = new Option<int[]>("--width") { Description = "Model widths to measure; repeatable.", DefaultValueFactory = _ => [64], AllowMultipleArgumentsPerToken = true };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => 4 };
        var digits = new Option<int[]>("--digits") { Description = "Operand length of the prompts; repeatable.", DefaultValueFactory = _ => [8, 24], AllowMultipleArgumentsPerToken = true };
        var prompts = new Option<int>("--prompts") { Description = "Prompts answered per measurement.", DefaultValueFactory = _ => 2048 };
        var batch = new Option<int>("--batch") { Description = "Prompts decoded together (the propose and gate default is 512).", DefaultValueFactory = _ => 512 };
        var temperatures = new Option<double[]>("--temperature") { Description = "0 for greedy; repeatable.", DefaultValueFactory = _ => [0, 0.8], AllowMultipleArgumentsPerToken = true };
        var repeats = new Option<int>("--repeats") { Description = "Measurements averaged per configuration.", DefaultValueFactory = _ => 3 };
        var command = new Command("sampling", "Measure generation throughput (answer tokens/s) with the KV cache on this machine.") { widths, layers, digits, prompts, batch, temperatures, repeats };
        command.SetAction(parse =>
        {
            var matmul = ThroughputBench.MatmulGflops();
            Console.Error.WriteLine($"fp32 matmul 1024x1024: {matmul:0.0} GFLOP/s");
            var table = new Table().AddColumns("width", "params", "digits", "prompts", "batch", "temperature", "decode steps", "ms/decode step", "answer tokens/s", "s per 1,000 answers", "model GFLOP/s", "of matmul");
            foreach (var width in parse.GetValue(widths)!)
            foreach (var length in parse.GetValue(digits)!)
            foreach (var temperature in parse.GetValue(temperatures)!)
            {
                var r = SamplingBench.Generate(width, parse.GetValue(layers), length, parse.GetValue(prompts), parse.GetValue(batch), temperature, parse.GetValue(repeats));
                Console.Error.WriteLine($"width {width}, {length} digits, T={temperature}: {r.TokensPerSecond:0} tokens/s");
                table.AddRow($"{width}", $"{r.Parameters:N0}", $"{length}", $"{r.Prompts:N0}", $"{r.BatchRows}", $"{temperature}",
                    $"{r.DecodeSteps:N0}", $"{r.MillisecondsPerStep:0.0}", $"{r.TokensPerSecond:N0}", $"{r.Seconds * 1000 / r.Prompts:0.00}",
                    $"{r.ModelGflops:0.0}", $"{r.ModelGflops / matmul:P0}");
            }
            OutputTables.Write(table);
            Console.WriteLine($"fp32 matmul 1024x1024: {matmul:0.0} GFLOP/s");
            return 0;
        });
        return command;
    }
}
