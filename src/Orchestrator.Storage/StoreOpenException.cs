namespace Orchestrator.Storage;

/// <summary>
/// A store could not be opened: its folder cannot be created, its file is not a database this build can use,
/// or it is locked; or its PostgreSQL server cannot be reached, refuses the login or lacks the database.
/// The message names the path (or server and database) and says what to do, so a command can print it as it is.
/// </summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The folder or database file that could not be opened; for PostgreSQL, its URL with the password hidden.</summary>
    public string Path { get; }
}
