using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Operations;

/// <summary>Section <c>Paperboy:Metrics</c>: whether <c>/metrics</c> is served, and to whom.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Paperboy:Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A secret a scraper from elsewhere sends as <c>Authorization: Bearer TOKEN</c>. Empty: only local
    /// requests are answered. Set it from the environment, not appsettings.json.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>
    /// Whether a request may read the metrics. A local request (from a loopback address, or on a connection with
    /// no IP address such as a Unix socket) may, unless it carries <c>X-Forwarded-For</c> or <c>Forwarded</c>:
    /// a reverse proxy on the same machine makes every visitor look local, and such a proxy says whom it is
    /// forwarding. Anyone else needs the token.
    /// </summary>
    public bool Allows(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        var forwarded = context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded");
        if ((remote is null || IPAddress.IsLoopback(remote)) && !forwarded) return true;
        if (Token.Length == 0) return false;
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..].Trim()), Encoding.UTF8.GetBytes(Token));
    }
}
