namespace Paperboy.Web;

/// <summary>Section <c>Paperboy:Site</c>.</summary>
public sealed class SiteOptions
{
    public const string Section = "Paperboy:Site";

    public string Name { get; set; } = "Paperboy";

    /// <summary>
    /// The time zone in which a "day" of the feed starts, as an IANA id. Hugging Face uses America/New_York:
    /// a paper submitted at 23:30 New York time on Monday is on Monday's feed, whatever the server's clock says.
    /// </summary>
    public string TimeZone { get; set; } = "America/New_York";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Today in the site's time zone.</summary>
    public DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
