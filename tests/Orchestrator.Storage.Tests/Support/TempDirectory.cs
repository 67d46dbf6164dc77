namespace Orchestrator.Storage.Tests.Support;

/// <summary>A fresh folder under the system temp folder for one test, deleted with everything in it afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orchestrator-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A store folder inside this one, not created yet: the store must create it.</summary>
    public string Store => System.IO.Path.Combine(Path, ".orchestrator");

    public string DatabaseFile => System.IO.Path.Combine(Store, "orchestrator.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store left open by a failing test keeps its file; the temp folder is cleaned some other day.
        }
    }
}
