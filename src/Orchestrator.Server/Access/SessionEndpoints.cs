using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Core.Access;
using Orchestrator.Server.Api;
using Orchestrator.Storage;

namespace Orchestrator.Server.Access;

/// <summary>
/// The dashboard's sign-in: <c>POST /api/session</c> trades a key for an HttpOnly, SameSite=Strict session cookie and
/// a CSRF token; <c>GET /api/session</c> says who is signed in; <c>POST /api/session/signout</c> ends it.
/// </summary>
public static class SessionEndpoints
{
    public static void MapSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", async (HttpContext http, OrchestratorStores stores, DashboardSessions sessions) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "key");
            var secret = fields.String("key", required: true);
            if (fields.Problem() is { } wrong) return wrong;
            var key = await stores.Keys.FindKeyByHashAsync(ApiKeySecrets.Hash(secret!.Trim()), http.RequestAborted);
            if (key is null) return Problems.Unauthorized("that key is not known to this store ('orchestrator keys list' shows the keys by name and prefix)");
            if (key.IsRevoked) return Problems.Unauthorized($"the key {key.Name} was revoked at {key.RevokedAt:u}");
            var session = sessions.Open(key);
            CallerKey.Set(http, key); // journalled as a sign-in with this key
            http.Response.Cookies.Append(DashboardSessions.CookieName, session.Token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", Expires = session.Expires, IsEssential = true,
            });
            return Results.Json(Document(key, session));
        });

        app.MapGet("/api/session", async (HttpContext http) =>
        {
            var session = CallerKey.Session(http);
            var presented = await CallerKey.PresentedAsync(http);
            if (presented?.Key is not { IsRevoked: false } key) return Problems.Unauthorized("not signed in: POST /api/session with {\"key\": \"...\"}");
            return Results.Json(Document(key, session));
        });

        app.MapPost("/api/session/signout", (HttpContext http, DashboardSessions sessions) =>
        {
            if (CallerKey.Session(http) is { } session)
            {
                if (!session.CsrfMatches(http.Request.Headers[DashboardSessions.CsrfHeader]))
                    return Problems.Forbidden($"signing out needs the session's {DashboardSessions.CsrfHeader} header");
                sessions.Close(session.Token);
            }
            http.Response.Cookies.Delete(DashboardSessions.CookieName, new CookieOptions { Path = "/" });
            return Results.NoContent();
        });
    }

    private static JsonObject Document(ApiKeyRecord key, DashboardSessions.Session? session) => new()
    {
        ["name"] = key.Name,
        ["role"] = key.Role.Name(),
        ["csrf"] = session?.Csrf,
    };
}
