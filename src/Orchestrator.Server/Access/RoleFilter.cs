using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Access;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Access;

/// <summary>
/// The role an endpoint needs, checked before it runs: 401 without a valid key, 403 with too small a role. A change
/// made with the dashboard's cookie must also carry the session's CSRF token, so another site's form cannot make it.
/// </summary>
public static class RoleFilter
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ApiKeyRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (await CallerKey.PresentedAsync(http) is not { } presented)
                return Problems.Unauthorized("this route needs an API key: send 'Authorization: Bearer KEY' (orchestrator keys create), or sign in to the dashboard");
            if (presented.Key is not { } key)
                return Problems.Unauthorized(presented.Session is null ? "the API key is not known to this store" : "the signed-in key is no longer in this store; sign in again");
            if (key.IsRevoked) return Problems.Unauthorized($"the API key {key.Name} was revoked at {key.RevokedAt:u}");
            if (presented.Session is { } session && !IsRead(http.Request.Method) && !session.CsrfMatches(http.Request.Headers[DashboardSessions.CsrfHeader]))
                return Problems.Forbidden($"a change made with the dashboard's cookie needs the session's {DashboardSessions.CsrfHeader} header; this request has none or a wrong one (a form posted from another site?)");
            if (!key.Role.Allows(role))
                return Problems.Forbidden($"the key {key.Name} is a {key.Role.Name()} key; this route needs {role.Name()} or above");
            CallerKey.Set(http, key);
            return await next(context);
        });

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
