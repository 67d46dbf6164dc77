using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orchestrator.Core.Access;

namespace Orchestrator.Server.Access;

/// <summary>
/// Signed-in browsers: a random session token (the HttpOnly cookie) names the key's hash and a CSRF token the page
/// sends back on every change. The key itself never sits in the browser after sign-in. Sessions live in this process
/// only (a restart signs everyone out) and are checked against the store on each request, so a revoked key ends them.
/// </summary>
public sealed class DashboardSessions(TimeProvider time)
{
    public const string CookieName = "orchestrator_session";
    public const string CsrfHeader = "X-CSRF-Token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session Open(ApiKeyRecord key)
    {
        var session = new Session(Token(), key.Hash, Token(), time.GetUtcNow() + Lifetime);
        _sessions[session.Token] = session;
        return session;
    }

    public Session? Find(string token)
    {
        if (!_sessions.TryGetValue(token, out var session)) return null;
        if (session.Expires > time.GetUtcNow()) return session;
        _sessions.TryRemove(token, out _);
        return null;
    }

    public void Close(string token) => _sessions.TryRemove(token, out _);

    private static string Token() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Session(string Token, string KeyHash, string Csrf, DateTimeOffset Expires)
    {
        /// <summary>Constant-time, so the token cannot be guessed a character at a time from response times.</summary>
        public bool CsrfMatches(string? given) =>
            given is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(Csrf));
    }
}
