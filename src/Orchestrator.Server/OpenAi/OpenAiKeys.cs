using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Access;
using Orchestrator.Server.Access;

namespace Orchestrator.Server.OpenAi;

/// <summary>
/// The server's own keys on <c>/v1</c>, viewer or higher, as a bearer token (what every OpenAI client sends); a
/// missing, unknown or revoked key gets OpenAI's 401. Answering a model changes nothing, so it is not journalled.
/// </summary>
public static class OpenAiKeys
{
    public static TBuilder RequiresOpenAiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (CallerKey.Token(http.Request) is null)
                return OpenAiErrors.Unauthorized("You didn't provide an API key. Send 'Authorization: Bearer KEY' with a key of this server ('orchestrator keys create --role viewer').");
            if (await CallerKey.PresentedAsync(http) is not { Key: { } key })
                return OpenAiErrors.Unauthorized("Incorrect API key provided: it is not a key of this server.");
            if (key.IsRevoked) return OpenAiErrors.Unauthorized($"The API key {key.Name} was revoked at {key.RevokedAt:u}.");
            if (!key.Role.Allows(ApiKeyRole.Viewer)) return OpenAiErrors.Forbidden($"the key {key.Name} may not use models");
            return await next(context);
        });
}
