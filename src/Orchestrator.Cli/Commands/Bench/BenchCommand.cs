using System.CommandLine;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary><c>orchestrator bench</c>: learning benchmarks (throughput, the self-improvement arms).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Learning benchmarks: training throughput and the self-improvement arms.");
        command.Subcommands.Add(ThroughputCommand.Create());
        command.Subcommands.Add(SelfImproveCommand.Create());
        return command;
    }
}
