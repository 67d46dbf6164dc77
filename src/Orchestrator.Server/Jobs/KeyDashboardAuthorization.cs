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
        var presented = await CallerKey.PresentedAsync(context.GetHttpContext());
        return presented?.Key is { IsRevoked: false };
    }

    /// <summary>True unless the caller's key is an operator's or an admin's.</summary>
    public static bool IsReadOnly(DashboardContext context)
    {
        var presented = CallerKey.PresentedAsync(context.GetHttpContext()).GetAwaiter().GetResult();
        return presented?.Key is not { IsRevoked: false } key || !key.Role.Allows(ApiKeyRole.Operator);
    }
}
