using MimeKit;

namespace Paperboy.Digests;

/// <summary>What a subscription may hold, and how an address typed into a form is checked.</summary>
public static class DigestRules
{
    public const int MaxEmail = 254;
    public const int MaxItems = 20;
    public const int MaxItemLength = 200;

    /// <summary>A confirmation link works for this long.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// At most one confirmation message per address in this long, however often the form is sent: the form cannot
    /// be used to flood someone's inbox.
    /// </summary>
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromHours(1);

    public const string BadLink = "This link is not valid: it may be mistyped, or replaced by a newer one. Subscribe again for a new link.";

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>
    /// A bare address (<c>name@example.org</c>: no display name, no list, no line breaks) and its normalised form,
    /// or why it is not one.
    /// </summary>
    public static bool TryParseEmail(string? input, out string email, out string normalized, out string error)
    {
        email = normalized = "";
        var text = input?.Trim() ?? "";
        error = text switch
        {
            "" => "Enter an email address.",
            { Length: > MaxEmail } => $"An email address has at most {MaxEmail} characters.",
            _ when text.Any(char.IsControl) => "An email address cannot contain line breaks or control characters.",
            _ when !MailboxAddress.TryParse(Strict, text, out var box) || box.Address != text || !string.IsNullOrEmpty(box.Name)
                   || !text.Contains('@') || text.EndsWith('@') => $"“{text}” is not an email address.",
            _ => "",
        };
        if (error.Length > 0) return false;
        email = text;
        normalized = text.ToLowerInvariant();
        return true;
    }

    /// <summary>A list typed one item per line (categories, searches, authors), cleaned: or why it cannot be kept.</summary>
    public static bool TryParseList(string? input, string what, out List<string> items, out string error)
    {
        items = (input ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        error = items.Count > MaxItems ? $"At most {MaxItems} {what}."
            : items.FirstOrDefault(i => i.Length > MaxItemLength) is { } tooLong ? $"“{tooLong[..40]}…” is longer than {MaxItemLength} characters."
            : items.FirstOrDefault(i => i.Any(char.IsControl)) is not null ? $"The {what} cannot contain control characters."
            : "";
        return error.Length == 0;
    }

    /// <summary>A fresh link secret: 128 random bits, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares a link's secret with the stored one in constant time.</summary>
    public static bool TokenMatches(Subscription s, string? token) =>
        token is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(s.Token), System.Text.Encoding.UTF8.GetBytes(token));
}
