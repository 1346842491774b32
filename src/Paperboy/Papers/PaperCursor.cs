using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Paperboy.Papers;

/// <summary>
/// The opaque cursor of <c>/api/papers</c>: the last paper row id of a page, sealed with the site's data-protection
/// keys. Sealing lets the API tell a cursor it issued from one made up or mangled (400, not a silent jump), and the
/// keys live in the database, so a cursor outlives a restart and works on every node.
/// </summary>
public sealed class PaperCursor(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Paperboy.Api.PapersCursor.v1");

    public string Issue(long lastPaperId)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastPaperId);
        return WebEncoders(_protector.Protect(bytes));
    }

    public bool TryRead(string cursor, out long lastPaperId)
    {
        lastPaperId = 0;
        try
        {
            var bytes = _protector.Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(cursor));
            if (bytes.Length != 8) return false;
            lastPaperId = BinaryPrimitives.ReadInt64BigEndian(bytes);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static string WebEncoders(byte[] bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes);
}
