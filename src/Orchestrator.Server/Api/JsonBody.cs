using System.Text.Unicode;
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
            var node = await ParseAsync(request);
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
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals of a body (bad chunking, a body shorter than announced): the client's fault, so its 4xx.
            return (null, Results.Problem($"the body could not be read: {e.Message}", statusCode: e.StatusCode, title: "the request body is not readable"));
        }
    }

    /// <summary>
    /// The body as JSON (null for the literal <c>null</c>). Its bytes are checked to be UTF-8 first: the parser reads
    /// the structure from raw bytes and decodes a string only when it is used, so bytes that are not UTF-8 would
    /// otherwise surface later, as a decoding error wherever a field happened to be read.
    /// </summary>
    /// <exception cref="JsonException">Not JSON, nested deeper than <see cref="MaxDepth"/>, or not UTF-8.</exception>
    /// <exception cref="BadHttpRequestException">Larger than the server takes (status 413).</exception>
    public static async Task<JsonNode?> ParseAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!Utf8.IsValid(bytes)) throw new JsonException("its bytes are not UTF-8, which JSON text must be");
        return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        _ => $"a {node.GetValueKind().ToString().ToLowerInvariant()}",
    };
}
