using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Core.Access;
using Orchestrator.Storage;

namespace Orchestrator.Server.Access;

/// <summary>
/// Who is calling: the key named by <c>Authorization: Bearer KEY</c>, or by the dashboard's session cookie, looked up
/// by its hash in the store on every request (so revoking a key takes effect at once).
/// </summary>
public static class CallerKey
{
    private const string ItemKey = "orchestrator.key";

    /// <summary>The caller's key, once the role filter has checked it.</summary>
    public static ApiKeyRecord? Of(HttpContext context) => context.Items[ItemKey] as ApiKeyRecord;

    /// <summary>How the caller's key is named in journals: <c>key:NAME</c>.</summary>
    public static string Actor(HttpContext context) => "key:" + (Of(context)?.Name ?? "?");

    internal static void Set(HttpContext context, ApiKeyRecord key) => context.Items[ItemKey] = key;

    /// <summary>The bearer token of the request, or null when it has none.</summary>
    internal static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>The dashboard session of the request's cookie, if it has a live one.</summary>
    internal static DashboardSessions.Session? Session(HttpContext context) =>
        context.Request.Cookies[DashboardSessions.CookieName] is { Length: > 0 } token
            ? context.RequestServices.GetRequiredService<DashboardSessions>().Find(token)
            : null;

    /// <summary>The key presented (bearer first, then the session), whether or not it is still valid; null with neither.</summary>
    internal static async Task<Presented?> PresentedAsync(HttpContext context)
    {
        var stores = context.RequestServices.GetRequiredService<OrchestratorStores>();
        if (Token(context.Request) is { } token)
            return new Presented(await stores.Keys.FindKeyByHashAsync(ApiKeySecrets.Hash(token), context.RequestAborted), null);
        if (Session(context) is { } session)
            return new Presented(await stores.Keys.FindKeyByHashAsync(session.KeyHash, context.RequestAborted), session);
        return null;
    }

    /// <summary>A key as presented: <see cref="Key"/> null when the store does not know it; <see cref="Session"/> set for a cookie.</summary>
    internal sealed record Presented(ApiKeyRecord? Key, DashboardSessions.Session? Session);
}
