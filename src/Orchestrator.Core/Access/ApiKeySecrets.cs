using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Core.Access;

/// <summary>
/// Making and checking keys. A key is 32 random bytes (base64url) behind a recognisable prefix. Only its SHA-256 is
/// stored: with 256 bits of entropy a fast hash is enough, since there is nothing to guess from.
/// </summary>
public static class ApiKeySecrets
{
    public const string Marker = "ork_";
    public const int PrefixLength = 10;

    public static string Generate() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    /// <summary>Names are what journals carry for the key's holder: short, no spaces.</summary>
    public static string? CheckName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')
            ? null
            : $"'{name}' cannot name a key: use 1 to 64 letters, digits, '-', '_', '.' or '@' (e.g. ci-bot)";
}
