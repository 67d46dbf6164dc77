using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orchestrator.Server.Dashboard;

/// <summary>
/// The dashboard's files, compiled into this assembly (so the server needs no web root on disk, and works offline).
/// A request is answered only when its path names one of those files exactly: nothing is ever looked up on the file
/// system, so no path, however it is encoded, can reach outside them.
/// </summary>
public static class DashboardFiles
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    /// <summary>The paths served, e.g. <c>index.html</c>, <c>js/app.js</c>.</summary>
    public static IEnumerable<string> Paths => Files.Value.Keys;

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html"));
        // The catch-all comes after every /api route in precedence, since literal segments win.
        app.MapGet("/{**path}", (HttpContext http, string path) => Serve(http, path));
    }

    private static IResult Serve(HttpContext http, string path)
    {
        if (!Files.Value.TryGetValue(path, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var type))
            return Results.Problem($"no page or file '/{path}' here; the dashboard is at /", statusCode: StatusCodes.Status404NotFound, title: "not found");
        var headers = http.Response.Headers;
        // Scripts, styles and pictures come only from here; no page may frame this one.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Replace('\\', '/').StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            // MSBuild writes the folder part with the build machine's separator; requests always use '/'.
            files[name[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
