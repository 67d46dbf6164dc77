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
        var span = new Option<int>("--span") { Description = "Consecutive operand lengths, from each --digits, that one call's prompts are spread over (a round proposes on 3).", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Answers per prompt from one pass over it: 1 at the temperature, or a greedy one then samples (a round proposes 4).", DefaultValueFactory = _ => 1 };
        var repeats = new Option<int>("--repeats") { Description = "Measurements averaged per configuration.", DefaultValueFactory = _ => 3 };
        var command = new Command("sampling", "Measure generation throughput (answer tokens/s) with the KV cache on this machine.") { widths, layers, digits, span, prompts, batch, temperatures, rounds, repeats };
        command.SetAction(parse =>
        {
            var matmul = ThroughputBench.MatmulGflops();
            Console.Error.WriteLine($"fp32 matmul 1024x1024: {matmul:0.0} GFLOP/s");
            var table = new Table().AddColumns("width", "params", "digits", "prompts", "batch (rows)", "rounds", "temperature", "answers", "tokens/s", "s per 1,000 answers", "model GFLOP/s", "of matmul");
            foreach (var width in parse.GetValue(widths)!)
            foreach (var length in parse.GetValue(digits)!)
            foreach (var temperature in parse.GetValue(temperatures)!)
            {
                var (lengths, answersPerPrompt) = (parse.GetValue(span), parse.GetValue(rounds));
                var r = SamplingBench.Generate(width, parse.GetValue(layers), length, lengths, parse.GetValue(prompts), parse.GetValue(batch), temperature, answersPerPrompt, parse.GetValue(repeats));
                Console.Error.WriteLine($"width {width}, {length} digits, T={temperature}: {r.TokensPerSecond:0} tokens/s");
                table.AddRow($"{width}", $"{r.Parameters:N0}", lengths == 1 ? $"{length}" : $"{length}-{length + lengths - 1}", $"{parse.GetValue(prompts):N0}", $"{parse.GetValue(batch)}", $"{answersPerPrompt}", $"{temperature}",
                    $"{r.Answers:N0}", $"{r.TokensPerSecond:N0}", $"{r.Seconds * 1000 / r.Answers:0.00}",
                    $"{r.ModelGflops:G3}", $"{r.ModelGflops / matmul:P0}");
            }
            OutputTables.Write(table);
            Console.WriteLine($"fp32 matmul 1024x1024: {matmul:0.0} GFLOP/s");
            return 0;
        });
        return command;
    }
}
