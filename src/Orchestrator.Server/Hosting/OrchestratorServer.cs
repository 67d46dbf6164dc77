using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Server.Access;
using Orchestrator.Server.Api;
using Orchestrator.Server.Dashboard;
using Orchestrator.Server.Jobs;
using Orchestrator.Server.OpenAi;
using Orchestrator.Server.Runs;
using Hangfire;
using Orchestrator.Storage;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The HTTP server over one store: Kestrel with the API's routes. The caller owns the stores and checks the
/// addresses first (<see cref="ListenGuard"/>); unknown routes and bad requests get problem details.
/// </summary>
public sealed class OrchestratorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OrchestratorServer(WebApplication app) => _app = app;

    /// <summary>The addresses really listened on (a port 0 resolved).</summary>
    public IReadOnlyList<string> Urls =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    public static Task<OrchestratorServer> StartAsync(OrchestratorStores stores, ServerOptions options, CancellationToken cancellationToken) =>
        StartAsync(stores, options, ServerHost.ReadOnly, cancellationToken);

    public static async Task<OrchestratorServer> StartAsync(OrchestratorStores stores, ServerOptions options, ServerHost host, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Services.AddSingleton(stores);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DashboardSessions>();
        builder.Services.AddSingleton(new EventStreamLimit(options.MaxEventStreams));
        if (host.Runs is not null) builder.Services.AddSingleton(host.Runs);
        if (host.Definitions is not null) builder.Services.AddSingleton(host.Definitions);
        if (host.Schedules is not null) builder.Services.AddSingleton(host.Schedules);
        if (host.Chat is not null) builder.Services.AddSingleton(host.Chat);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        if (host.Jobs is not null) builder.Services.AddHangfire(_ => { });
        var app = builder.Build();
        app.UseExceptionHandler();
        // Outside StoreErrors, so a refusal it turns into a problem is journalled with that status.
        app.UseAccessJournal();
        app.UseMiddleware<StoreErrors>();
        app.UseStatusPages();
        app.MapOpenApi();
        app.UseHangfireDashboardFor(host.Jobs);
        app.MapHealth();
        app.MapSessions();
        app.MapAccessJournal();
        app.MapRuns();
        app.MapWorkflows();
        app.MapModels();
        app.MapArtifacts();
        app.MapSchedules();
        app.MapOpenAi();
        app.MapDashboard();
        await app.StartAsync(cancellationToken);
        return new OrchestratorServer(app);
    }

    /// <summary>Until <paramref name="cancellationToken"/> is cancelled (Ctrl+C) or the host stops.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stopping = _app.Lifetime.ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
