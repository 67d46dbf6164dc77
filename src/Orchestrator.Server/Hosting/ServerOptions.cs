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
}
