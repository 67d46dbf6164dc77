using Hangfire.Dashboard;
using Orchestrator.Core.Access;
using Orchestrator.Server.Access;

namespace Orchestrator.Server.Jobs;

/// <summary>
/// Hangfire's dashboard behind our keys: any valid key (the dashboard's session cookie, or a bearer key) may look,
/// and only an operator or above may change jobs (requeue, delete); a viewer sees it read-only.
/// </summary>
public sealed class KeyDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if ((await CallerKey.PresentedAsync(http))?.Key is not { IsRevoked: false } key) return false;
        CallerKey.Set(http, key); // read back by IsReadOnly, so the store is asked once per request
        return true;
    }

    /// <summary>True unless the caller's key (checked by <see cref="AuthorizeAsync"/>) is an operator's or an admin's.</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        CallerKey.Of(context.GetHttpContext()) is not { } key || !key.Role.Allows(ApiKeyRole.Operator);
}
