using System.Globalization;

namespace Paperboy.Community.Comments;

/// <summary>"5 minutes ago" for the eye, beside an exact <c>&lt;time datetime&gt;</c> for machines and tooltips.</summary>
public static class RelativeTime
{
    public static string Ago(DateTime utc, DateTimeOffset now)
    {
        var span = now.UtcDateTime - DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        // A clock a little behind another node's still says "just now", never "in 2 seconds".
        if (span < TimeSpan.FromMinutes(1)) return "just now";
        if (span < TimeSpan.FromHours(1)) return Unit((int)span.TotalMinutes, "minute");
        if (span < TimeSpan.FromDays(1)) return Unit((int)span.TotalHours, "hour");
        if (span < TimeSpan.FromDays(30)) return Unit((int)span.TotalDays, "day");
        return "on " + Absolute(utc);
    }

    /// <summary>The machine-readable instant for the datetime attribute.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Absolute(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("MMM d, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Unit(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")} ago";
}
