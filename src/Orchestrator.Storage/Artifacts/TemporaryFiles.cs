namespace Orchestrator.Storage.Artifacts;

/// <summary>
/// The temporary files writers stream into before renaming them into place: how they are named, and how the
/// ones a killed writer left behind are told apart from ones still being written.
/// </summary>
internal static class TemporaryFiles
{
    public const string Prefix = ".incoming-";
    public const string Suffix = ".tmp";

    public static string NewPath(string folder) => Path.Combine(folder, $"{Prefix}{Guid.NewGuid():N}{Suffix}");

    /// <summary>
    /// Deletes the temporary files not written to since <paramref name="writtenBefore"/> (UTC) that no writer
    /// holds open. Both conditions, because neither is enough alone: a slow writer may pause for long, and
    /// between creating its file and locking it, or closing it and renaming it, a writer holds no lock.
    /// </summary>
    public static int SweepAbandoned(string folder, DateTime writtenBefore)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles($"{Prefix}*{Suffix}"))
        {
            if (file.LastWriteTimeUtc >= writtenBefore || IsInUse(file.FullName)) continue;
            if (TryDelete(file.FullName)) removed++;
        }
        return removed;
    }

    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else's concern now (another sweeper, or a writer that came back); the next sweep retries.
            return false;
        }
    }

    // A writer holds its file with FileShare.None, which .NET enforces across processes (a lock on Unix).
    private static bool IsInUse(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by its writer, or already gone: either way not ours to delete.
            return true;
        }
    }
}
