using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Server.Api;

/// <summary>
/// A request's JSON object body, read with limits: JSON media type only, nesting at most <see cref="MaxDepth"/>, the
/// server's size limit (Kestrel's), and a problem that says what was wrong instead of an exception.
/// </summary>
public static class JsonBody
{
    public const int MaxDepth = 32;

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Results.Problem($"send the body as application/json (given: {request.ContentType ?? "no Content-Type"})",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "unsupported media type"));
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth }, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body ? (body, null) : (null, Problems.BadRequest($"the body must be a JSON object, not {Describe(node)}"));
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"the body is not valid JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0));
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        _ => $"a {node.GetValueKind().ToString().ToLowerInvariant()}",
    };
}
