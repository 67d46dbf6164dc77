namespace Orchestrator.Core.Tests.TestSupport;

/// <summary>The repository's root folder, found by walking up from the test assembly to Orchestrator.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Orchestrator.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}
