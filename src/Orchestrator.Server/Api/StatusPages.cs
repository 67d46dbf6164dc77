using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Server.OpenAi;

namespace Orchestrator.Server.Api;

/// <summary>
/// A body for an error that routing answered with none (no such route, a method the route does not take): OpenAI's
/// error shape under <c>/v1</c>, where OpenAI clients read <c>error.message</c>, and a problem everywhere else.
/// </summary>
public static class StatusPages
{
    public static void UseStatusPages(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (http.Request.Path.StartsWithSegments("/v1"))
        {
            var message = $"{ReasonPhrases.GetReasonPhrase(status)}: {http.Request.Method} {http.Request.Path} is not a route of this API (GET /v1/models, POST /v1/chat/completions)";
            await OpenAiErrors.Error(status, message, "invalid_request_error", status == StatusCodes.Status405MethodNotAllowed ? "method_not_allowed" : "unknown_url").ExecuteAsync(http);
            return;
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
    });
}
