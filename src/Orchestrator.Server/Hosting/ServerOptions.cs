namespace Orchestrator.Server.Hosting;

/// <summary>Where the server listens and what it accepts.</summary>
public sealed record ServerOptions
{
    /// <summary>Loopback unless told otherwise; another address needs an API key to exist (<see cref="ListenGuard"/>).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Addresses to listen on, separated by ';' (ASP.NET Core's form); port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Request bodies larger than this are refused (413).</summary>
    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Run event streams open at once; more are refused (429) until one closes. Each polls the store four times a
    /// second: 1,000 open streams measured 150 MB of server memory on SQLite, so the default leaves room above that.
    /// </summary>
    public int MaxEventStreams { get; init; } = 2000;
}
