using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;

namespace Orchestrator.Server.Api;

/// <summary>
/// The store's own refusals as problem details rather than a 500: a setup error the engine or a store raised (an
/// unknown run, inputs that do not fit) is the caller's 400, and an alias moved meanwhile by someone else is a 409.
/// </summary>
public sealed class StoreErrors(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && Map(e) is { } problem)
        {
            await problem.ExecuteAsync(context);
        }
    }

    private static IResult? Map(Exception e) => e switch
    {
        AliasConflictException conflict => Problems.Conflict(conflict.Message),
        RunSetupException setup => Problems.BadRequest(setup.Message),
        _ => null,
    };
}
