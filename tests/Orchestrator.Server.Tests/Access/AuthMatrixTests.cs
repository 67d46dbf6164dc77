using System.Net;
using Orchestrator.Core.Access;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Access;

/// <summary>
/// Every API route, with no key, a wrong key, a revoked key and each role: 401 without a valid key, 403 below the
/// route's role, and past the role check (whatever the route then answers) at or above it.
/// </summary>
public sealed class AuthMatrixTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Each route with the least role it needs; ids need not exist, since the role is checked first.</summary>
    public static TheoryData<string, string, ApiKeyRole> Routes => new()
    {
        { "GET", "/api/runs", ApiKeyRole.Viewer },
        { "GET", "/api/runs/r1", ApiKeyRole.Viewer },
        { "GET", "/api/runs/r1/curve", ApiKeyRole.Viewer },
        { "GET", "/api/runs/r1/events", ApiKeyRole.Viewer },
        { "POST", "/api/runs", ApiKeyRole.Operator },
        { "POST", "/api/runs/r1/resume", ApiKeyRole.Operator },
        { "POST", "/api/runs/r1/cancel", ApiKeyRole.Operator },
        { "GET", "/api/journal", ApiKeyRole.Admin },
        { "GET", "/api/workflows", ApiKeyRole.Viewer },
        { "GET", "/api/workflows/w", ApiKeyRole.Viewer },
        { "GET", "/api/workflows/w/versions", ApiKeyRole.Viewer },
        { "GET", "/api/workflows/w/versions/1", ApiKeyRole.Viewer },
        { "GET", "/api/workflows/w/edits", ApiKeyRole.Viewer },
        { "GET", "/api/workflows/w/diff?from=1&to=2", ApiKeyRole.Viewer },
        { "POST", "/api/workflows", ApiKeyRole.Admin },
        { "POST", "/api/workflows/w/rollback", ApiKeyRole.Admin },
        { "GET", "/api/models", ApiKeyRole.Viewer },
        { "GET", "/api/models/m", ApiKeyRole.Viewer },
        { "GET", "/api/models/m/versions", ApiKeyRole.Viewer },
        { "GET", "/api/models/m/versions/1", ApiKeyRole.Viewer },
        { "GET", "/api/models/m/lineage", ApiKeyRole.Viewer },
        { "GET", "/api/models/m/aliases", ApiKeyRole.Viewer },
        { "POST", "/api/models/m/promote", ApiKeyRole.Admin },
        { "POST", "/api/models/m/rollback", ApiKeyRole.Admin },
        { "GET", "/api/artifacts/sha256:" + new string('0', 64), ApiKeyRole.Viewer },
        { "GET", "/api/artifacts/sha256:" + new string('0', 64) + "/content", ApiKeyRole.Viewer },
        { "GET", "/api/schedules", ApiKeyRole.Viewer },
        { "POST", "/api/schedules", ApiKeyRole.Operator },
        { "DELETE", "/api/schedules/s", ApiKeyRole.Operator },
        { "POST", "/api/schedules/s/trigger", ApiKeyRole.Operator },
        { "GET", "/api/runs/r1/steps/round/0/gate", ApiKeyRole.Viewer },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_checks_the_key_and_its_role(string method, string path, ApiKeyRole least)
    {
        var revoked = await _server.KeyAsync(ApiKeyRole.Admin, "gone");
        await _server.Stores.Keys.RevokeKeyAsync("gone", "test", DateTimeOffset.UtcNow, CancellationToken.None);
        var body = method == "POST" ? "{}" : null;

        foreach (var key in new[] { null, "ork_wrong", revoked, revoked[..^3] })
            Assert.Equal(HttpStatusCode.Unauthorized, (await _server.SendAsync(new HttpMethod(method), path, key, body)).StatusCode);

        foreach (var role in new[] { ApiKeyRole.Viewer, ApiKeyRole.Operator, ApiKeyRole.Admin })
        {
            var key = await _server.KeyAsync(role, $"{role}-{Guid.NewGuid():N}");
            var status = (await _server.SendAsync(new HttpMethod(method), path, key, body)).StatusCode;
            if (role.Allows(least)) Assert.True(status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden, $"{role} on {method} {path}: {status}");
            else Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }
}
