using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Access;
using Orchestrator.Server.Api;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Storage;

namespace Orchestrator.Server.Access;

/// <summary>The role an endpoint needs, checked before it runs: 401 without a valid key, 403 with too small a role.</summary>
public static class RoleFilter
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ApiKeyRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (CallerKey.Token(http.Request) is not { } token)
                return Problems.Unauthorized("this route needs an API key: send 'Authorization: Bearer KEY' (orchestrator keys create)");
            var stores = http.RequestServices.GetRequiredService<OrchestratorStores>();
            var key = await stores.Keys.FindKeyByHashAsync(ApiKeySecrets.Hash(token), http.RequestAborted);
            if (key is null) return Problems.Unauthorized("the API key is not known to this store");
            if (key.IsRevoked) return Problems.Unauthorized($"the API key {key.Name} was revoked at {key.RevokedAt:u}");
            if (!key.Role.Allows(role))
                return Problems.Forbidden($"the key {key.Name} is a {key.Role.Name()} key; this route needs {role.Name()} or above");
            CallerKey.Set(http, key);
            return await next(context);
        });
}
