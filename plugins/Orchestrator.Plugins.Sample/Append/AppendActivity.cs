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
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(AppendOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (options.AuditFile is { } audit)
            await File.AppendAllTextAsync(audit, $"{context.IdempotencyKey}\t{context.Attempt}\n", cancellationToken);
        Duration.TryParse(options.Work, out var work);
        if (work > TimeSpan.Zero) await Task.Delay(work, context.Time, cancellationToken);

        var line = $"{context.IdempotencyKey}\t{options.Text}";
        if (File.Exists(options.File) && (await File.ReadAllLinesAsync(options.File, cancellationToken)).Any(l => l.StartsWith(context.IdempotencyKey + "\t", StringComparison.Ordinal)))
            return Done(new AppendOutput(false));
        await File.AppendAllTextAsync(options.File, line + "\n", CancellationToken.None);
        return Done(new AppendOutput(true));
    }
}
