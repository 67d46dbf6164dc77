namespace Orchestrator.Core.Engine.Store;

/// <summary>
/// The store itself failed while in use: its disk is full or read-only, its file is damaged, or its server went
/// away. It is not the step's fault, so the engine never records it as a step failure: the transaction in flight
/// was rolled back, everything committed before it stands, and once the store is healthy again the run resumes
/// from its last commit. The message names the store and says what to do.
/// </summary>
public sealed class StoreUnavailableException(string store, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The store's folder or database file; for PostgreSQL, its URL with the password hidden.</summary>
    public string Store { get; } = store;
}
