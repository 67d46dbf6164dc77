using System.Diagnostics;
using System.Text;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>One launch of the real command under a <see cref="KillPlan"/>: SIGKILLed when the plan fires, else run to its end.</summary>
public static class KilledLaunch
{
    public sealed record Result(bool Killed, int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string[] args, KillPlan? plan)
    {
        using var process = Process.Start(CliProcess.StartInfo(Path.GetTempPath(), args))!;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(guard.Token);
        var stderr = new StringBuilder();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signalled = false;
        if (plan is { Trigger: null }) fired.TrySetResult();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(guard.Token) is { } line)
            {
                if (plan?.Trigger?.Invoke(line) == true && !fired.Task.IsCompleted)
                {
                    // No delay: kill from here, without waiting for another thread, as the next write may be the commit.
                    if (plan.Delay == TimeSpan.Zero && !process.HasExited)
                    {
                        process.Kill();
                        signalled = true;
                    }
                    fired.TrySetResult();
                }
                lock (stderr) stderr.AppendLine(line);
            }
        });
        var exited = process.WaitForExitAsync(guard.Token);
        if (plan is not null && await Task.WhenAny(fired.Task, exited) == fired.Task)
        {
            if (plan.Delay > TimeSpan.Zero) await Task.WhenAny(Task.Delay(plan.Delay, guard.Token), exited);
            if (!process.HasExited)
            {
                // The command is one process; walking /proc for a tree would cost the milliseconds a promotion takes.
                process.Kill();
                signalled = true;
            }
            await process.WaitForExitAsync(guard.Token);
            // It may have finished on its own between the check and the signal.
            if (signalled && process.ExitCode != 0) return new Result(true, process.ExitCode, "", Text(stderr));
        }
        await exited;
        await reading;
        return new Result(false, process.ExitCode, await stdout, Text(stderr));
    }

    private static string Text(StringBuilder text)
    {
        lock (text) return text.ToString();
    }
}
