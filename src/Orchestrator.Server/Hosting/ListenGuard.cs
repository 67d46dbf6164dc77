using System.Net;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The server answers only this machine unless someone has made an API key: an address other than loopback with
/// no active key would hand the store to the network, so it is refused with what to do instead.
/// </summary>
public static class ListenGuard
{
    /// <summary>Null when the addresses may be served; otherwise why not and what to do.</summary>
    public static string? Check(string urls, int activeKeys)
    {
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0) return "--urls names no address; e.g. --urls http://127.0.0.1:5080";
        foreach (var address in addresses)
        {
            if (HostOf(address) is not { } host)
                return $"'{address}' is not an http:// or https:// address; e.g. --urls http://127.0.0.1:5080";
            if (!IsLoopback(host) && activeKeys == 0)
                return $"refusing to listen on {address}: no API key exists, so anyone who reaches it could use the store. " +
                       "Make one first (orchestrator keys create --role admin), or listen on loopback (--urls http://127.0.0.1:5080)";
        }
        return null;
    }

    /// <summary>
    /// The host of an ASP.NET Core listen address, wildcards included (<c>http://*:80</c>, <c>http://+:80</c>, which
    /// <see cref="Uri"/> does not parse); null when it is not an http(s) address.
    /// </summary>
    private static string? HostOf(string address)
    {
        var rest = address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? address[7..]
            : address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? address[8..] : null;
        if (rest is null) return null;
        var authority = rest.Split('/')[0];
        var host = authority.StartsWith('[') ? authority[..(authority.IndexOf(']') + 1)]
            : authority.Contains(':') ? authority[..authority.LastIndexOf(':')] : authority;
        return host.Length == 0 ? null : host;
    }

    /// <summary>localhost, 127.0.0.0/8 and ::1; a wildcard (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>) is every address, so not loopback.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
