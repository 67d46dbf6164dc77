using System.Collections.Concurrent;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Plugins.Sample.Append;

/// <summary>
/// <c>sample/append</c>: a side effect done right. The engine may deliver an attempt again after a crash
/// (it commits after the activity returns), so the effect is keyed by <see cref="ActivityContext.IdempotencyKey"/>:
/// a repeated attempt finds its line and does not append it twice.
/// </summary>
public sealed class AppendActivity() : Activity<AppendOptions, AppendOutput>("sample/append", "Appends a line to a file once per step execution (idempotent).", new AppendOptionsValidator())
{
    // Parallel branches may append to the same file at once; .NET appends by seeking to the end, so
    // two unsynchronised writers can overwrite each other's line. One lock per file keeps every line.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FileLocks = new(StringComparer.Ordinal);

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(AppendOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (options.AuditFile is { } audit)
            await AppendLockedAsync(audit, $"{context.IdempotencyKey}\t{context.Attempt}", cancellationToken);
        Duration.TryParse(options.Work, out var work);
        if (work > TimeSpan.Zero) await Task.Delay(work, context.Time, cancellationToken);

        var appended = await AppendLockedAsync(options.File, $"{context.IdempotencyKey}\t{options.Text}", cancellationToken, unlessKey: context.IdempotencyKey);
        return Done(new AppendOutput(appended));
    }

    private static async Task<bool> AppendLockedAsync(string file, string line, CancellationToken cancellationToken, string? unlessKey = null)
    {
        var gate = FileLocks.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (unlessKey is not null && File.Exists(file)
                && (await File.ReadAllLinesAsync(file, cancellationToken)).Any(l => l.StartsWith(unlessKey + "\t", StringComparison.Ordinal)))
                return false;
            await File.AppendAllTextAsync(file, line + "\n", CancellationToken.None);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }
}
