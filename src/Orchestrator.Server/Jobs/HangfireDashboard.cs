using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Jobs;

/// <summary>
/// Hangfire's own dashboard at <c>/hangfire</c> when the store is shared with workers (PostgreSQL); on the embedded
/// store each worker keeps its queue in its own memory, so there is nothing one page could show and the path says so.
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static void UseHangfireDashboardFor(this WebApplication app, JobStorage? storage)
    {
        if (storage is not null)
        {
            app.UseHangfireDashboard(Path, new DashboardOptions
            {
                AsyncAuthorization = [new KeyDashboardAuthorization()],
                IsReadOnlyFunc = KeyDashboardAuthorization.IsReadOnly,
                DashboardTitle = "Orchestrator jobs",
                AppPath = "/",
            }, storage);
            return;
        }
        app.Map(Path, (IApplicationBuilder branch) => branch.Run(context => Problems.NotFound(
            "the Hangfire dashboard needs a store shared with workers (PostgreSQL); on the embedded store each worker keeps its jobs in its own memory").ExecuteAsync(context)));
    }
}
