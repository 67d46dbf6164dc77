using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Access;

namespace Orchestrator.Server.Access;

/// <summary>
/// Who is calling: the key named by <c>Authorization: Bearer KEY</c>, looked up by its hash. Every API route asks for
/// a role (<see cref="RoleFilter"/>); a missing, unknown or revoked key is 401, a key whose role is too small 403.
/// </summary>
public static class CallerKey
{
    private const string ItemKey = "orchestrator.key";

    /// <summary>The caller's key, once the role filter has checked it.</summary>
    public static ApiKeyRecord? Of(HttpContext context) => context.Items[ItemKey] as ApiKeyRecord;

    internal static void Set(HttpContext context, ApiKeyRecord key) => context.Items[ItemKey] = key;

    /// <summary>The bearer token of the request, or null when it has none.</summary>
    internal static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
