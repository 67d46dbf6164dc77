using System.CommandLine;
using Orchestrator.Cli.Bench;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench</c>: learning benchmarks (training and sampling throughput, the self-improvement and self-label arms, and one figure comparing them).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Learning benchmarks: training and sampling throughput, the self-improvement arms and the self-label arms, and one figure comparing them.");
        command.Subcommands.Add(ThroughputCommand.Create());
        command.Subcommands.Add(SamplingCommand.Create());
        command.Subcommands.Add(LoopBenchCommand.Create(BenchSuite.SelfImprove));
        command.Subcommands.Add(LoopBenchCommand.Create(BenchSuite.SelfLabel));
        command.Subcommands.Add(MetaBenchCommand.Create());
        command.Subcommands.Add(FigureCommand.Create());
        command.Subcommands.Add(ServerCommand.Create());
        command.Subcommands.Add(ChatCommand.Create());
        return command;
    }
}
