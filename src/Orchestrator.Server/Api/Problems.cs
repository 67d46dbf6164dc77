using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Validation;

namespace Orchestrator.Server.Api;

/// <summary>Errors as RFC 9457 problem details (<c>application/problem+json</c>), each with a detail that says what to do.</summary>
public static class Problems
{
    public static IResult Unauthorized(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key missing or not valid");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "the key's role does not allow this");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "not found");

    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "the request is not valid");

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "the request conflicts with the current state");

    public static IResult Unavailable(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "the store does not answer");

    public static IResult TooMany(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "too many at once");

    public static IResult NotServed(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status501NotImplemented, title: "this server does not offer that");

    public static IResult TooLarge(long limit) =>
        Results.Problem($"the body is larger than this server takes ({limit:N0} bytes)", statusCode: StatusCodes.Status413PayloadTooLarge, title: "request body too large");

    /// <summary>400 with each problem at its JSON pointer (into the body, or into a definition for validation issues).</summary>
    public static IResult Invalid(string detail, IEnumerable<(string Path, string Message)> errors) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "the request is not valid", extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => new Dictionary<string, string> { ["path"] = e.Path.Length == 0 ? "/" : e.Path, ["message"] = e.Message }).ToList(),
        });

    /// <summary>A definition or its inputs refused by the validator: each issue with its path in the definition and its hint.</summary>
    public static IResult Invalid(string detail, IReadOnlyList<ValidationIssue> issues) =>
        Invalid(detail, issues.Select(i => (i.Path, i.Hint is null ? i.Message : $"{i.Message} ({i.Hint})")));
}
