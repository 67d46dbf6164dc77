using Microsoft.AspNetCore.Http;

namespace Orchestrator.Server.OpenAi;

/// <summary>
/// Errors the way OpenAI's API writes them, <c>{"error": {"message", "type", "param", "code"}}</c>, so OpenAI clients
/// (SK's connector, MEAI's client, the openai packages) raise them with the message intact.
/// </summary>
public static class OpenAiErrors
{
    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, message, "invalid_request_error", "invalid_api_key");

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, message, "invalid_request_error", "insufficient_permissions");

    public static IResult ModelNotFound(string model) =>
        Error(StatusCodes.Status404NotFound, $"The model '{model}' does not exist in this registry; GET /v1/models lists the versions and aliases served", "invalid_request_error", "model_not_found", "model");

    public static IResult Invalid(string message, string? param = null) => Error(StatusCodes.Status400BadRequest, message, "invalid_request_error", "invalid_value", param);

    public static IResult TooLarge(long limit) => Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than this server takes ({limit:N0} bytes)", "invalid_request_error", "request_too_large");

    public static IResult Unavailable(string message) => Error(StatusCodes.Status503ServiceUnavailable, message, "server_error", "model_unavailable");

    public static IResult NotServed() => Error(StatusCodes.Status501NotImplemented,
        "this server was started without chat models; 'orchestrator serve' serves them", "invalid_request_error", "not_served");

    public static IResult Error(int status, string message, string type, string? code, string? param = null) =>
        Results.Json(new { error = new { message, type, param, code } }, statusCode: status);
}
