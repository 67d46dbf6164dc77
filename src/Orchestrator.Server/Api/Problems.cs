using Microsoft.AspNetCore.Http;

namespace Orchestrator.Server.Api;

/// <summary>Errors as RFC 9457 problem details (<c>application/problem+json</c>), each with a detail that says what to do.</summary>
public static class Problems
{
    public static IResult Unauthorized(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key missing or not valid");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "the key's role does not allow this");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "not found");

    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "the request is not valid");

    public static IResult Unavailable(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "the store does not answer");
}
