using System.CommandLine;
using System.Runtime.InteropServices;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Json.Patch;
using Orchestrator.Storage;

var root = new RootCommand("orchestrator: declarative, durable workflows for self-improvement loops.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ShowCommand.Create());
root.Subcommands.Add(ActivitiesCommand.Create());
root.Subcommands.Add(TasksCommand.Create());
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(VersionsCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(RollbackCommand.Create());
root.Subcommands.Add(EditCommand.Create());
root.Subcommands.Add(LineageCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(PromoteCommand.Create());
root.Subcommands.Add(GcCommand.Create());
root.Subcommands.Add(EnqueueCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
root.Subcommands.Add(ScheduleCommand.Create());
root.Subcommands.Add(SchedulesCommand.Create());
root.Subcommands.Add(UnscheduleCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(Orchestrator.Cli.Commands.Bench.BenchCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("run 'orchestrator --help' for usage");
    return ExitCodes.InvalidInput;
}

// Telemetry is configured for the whole process; the providers are disposed at exit, which flushes their last spans.
var exporters = TelemetrySettings.FromEnvironment(out var telemetryError);
if (telemetryError is not null)
{
    Console.Error.WriteLine($"error: {telemetryError}");
    return ExitCodes.InvalidInput;
}
using var telemetry = TelemetrySetup.Start(exporters);

// Ctrl+C and SIGTERM ask the run to stop at a step boundary: the engine records it as cancelled and
// 'resume' continues it. The process is never torn down under a running commit.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

try
{
    // Our own handlers below turn setup errors into exit code 2; the default handler would print a stack trace and exit 1.
    var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
    return await parse.InvokeAsync(configuration, interrupt.Token);
}
catch (RunSetupException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.InvalidInput;
}
catch (Exception e) when (e is StoreOpenException or KeyNotFoundException or AliasConflictException or ArtifactException or JsonPatchException)
{
    // Expected problems with what was asked: named clearly, nothing changed, exit 2.
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.InvalidInput;
}
catch (Exception e) when (StoreFailures.Recognise(e, StoreFailures.Describe(parse.GetValue(GlobalOptions.Store)!)) is { } failure)
{
    // The store, not the command, failed: a full or read-only disk, a damaged file, a server that went away.
    Console.Error.WriteLine($"error: {failure.Message}");
    return ExitCodes.StoreFailed;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A bug, not a usage problem: say so plainly, keep the trace for the report.
    Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine(e.StackTrace);
    return ExitCodes.InternalError;
}

void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    if (!interrupt.IsCancellationRequested) Console.Error.WriteLine("interrupted: stopping at the next step boundary");
    interrupt.Cancel();
}
