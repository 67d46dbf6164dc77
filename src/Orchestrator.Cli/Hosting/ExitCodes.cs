namespace Orchestrator.Cli.Hosting;

/// <summary>The command's exit codes; scripts and CI match on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;

    /// <summary>
    /// The store failed under the command (EX_IOERR): its disk is full or read-only, its PostgreSQL server went
    /// away, or its file is damaged. Except for damage, nothing committed is lost: once the store is healthy again,
    /// <c>orchestrator resume</c> continues the run from its last commit.
    /// </summary>
    public const int StoreFailed = 74;

    /// <summary>A bug in the command itself (EX_SOFTWARE); the message and trace are on stderr.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C) at a step boundary; <c>orchestrator resume</c> continues it.</summary>
    public const int Cancelled = 130;
}
