using System.Globalization;
using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Reads where a PostgreSQL store is: an Npgsql connection string (<c>Host=db;Port=5432;Database=orchestrator;Username=…</c>)
/// or a URL (<c>postgres://user:password@host:5432/orchestrator?sslmode=require</c>, also <c>postgresql://</c>), and
/// describes it for messages with the password hidden.
/// </summary>
public static class PostgresConnectionString
{
    private const int DefaultPort = 5432;

    // libpq's URL query parameters that mean the same as an Npgsql keyword under another name.
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
    };

    /// <summary>True when <paramref name="text"/> is a <c>postgres://</c> or <c>postgresql://</c> URL.</summary>
    public static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a connection string or a URL.</summary>
    /// <exception cref="ArgumentException">It is neither; the message never repeats the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("the PostgreSQL connection string is empty", nameof(text));
        return IsUrl(text) ? FromUrl(text) : new NpgsqlConnectionStringBuilder(text);
    }

    /// <summary>
    /// Converts <c>postgres[ql]://[user[:password]@][host][:port][/database][?key=value&amp;…]</c> into an Npgsql
    /// connection string builder. User, password and database may be percent-encoded; a host may be an IPv6
    /// address in brackets. Query keys are libpq's (<c>sslmode</c>, <c>application_name</c>, <c>connect_timeout</c>…)
    /// or Npgsql keywords.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        var q = rest.IndexOf('?');
        if (q >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var database = "";
        var slash = rest.IndexOf('/');
        if (slash >= 0) (rest, database) = (rest[..slash], Decode(rest[(slash + 1)..]));

        var builder = new NpgsqlConnectionStringBuilder();
        // The last '@' separates the credentials: a password may contain an unencoded '@'.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':');
            builder.Username = Decode(colon >= 0 ? credentials[..colon] : credentials);
            if (colon >= 0) builder.Password = Decode(credentials[(colon + 1)..]);
        }

        var (host, port) = SplitHostPort(rest, url);
        builder.Host = host.Length > 0 ? host : "localhost";
        builder.Port = port ?? DefaultPort;
        if (database.Length > 0) builder.Database = database;

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException("the PostgreSQL URL's query part (after '?') must be key=value pairs joined by '&'", nameof(url));
            var key = Decode(pair[..eq]);
            builder[QueryKeywords.GetValueOrDefault(key, key)] = Decode(pair[(eq + 1)..]);
        }
        return builder;
    }

    /// <summary>
    /// Where the builder points, as a URL without the password (<c>postgresql://user:***@host:port/database</c>),
    /// for messages and logs.
    /// </summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var user = string.IsNullOrEmpty(builder.Username) ? "" : Uri.EscapeDataString(builder.Username);
        var credentials = user.Length == 0 ? "" : builder.Password is { Length: > 0 } ? $"{user}:***@" : $"{user}@";
        var host = builder.Host is { Length: > 0 } h ? h : "localhost";
        return $"postgresql://{credentials}{host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database ?? builder.Username ?? ""}";
    }

    private static (string Host, int? Port) SplitHostPort(string text, string url)
    {
        string host, port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw new ArgumentException("the PostgreSQL URL has an IPv6 host without its closing ']'", nameof(url));
            host = text[1..close];
            port = text[(close + 1)..].TrimStart(':');
        }
        else
        {
            var colon = text.LastIndexOf(':');
            (host, port) = colon >= 0 ? (text[..colon], text[(colon + 1)..]) : (text, "");
        }
        if (port.Length == 0) return (Decode(host), null);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            throw new ArgumentException($"the PostgreSQL URL's port '{port}' is not a number from 1 to 65535", nameof(url));
        return (Decode(host), number);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text);
}
