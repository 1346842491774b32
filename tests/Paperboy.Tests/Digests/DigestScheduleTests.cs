using Paperboy.Digests;

namespace Paperboy.Tests.Digests;

/// <summary>When a digest is due, in the subscriber's time zone, and which feed days it covers.</summary>
public class DigestScheduleTests
{
    private static Subscription Sub(int hour = 8, string zone = "UTC", DigestFrequency frequency = DigestFrequency.Daily, bool skipWeekends = false) =>
        new() { Email = "a@example.org", NormalizedEmail = "a@example.org", Token = "t", Hour = hour, TimeZone = zone, Frequency = frequency, SkipWeekends = skipWeekends };

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Wednesday 26 November 2026. Before the hour, yesterday's digest (covering Monday) is the latest due.
    [InlineData("2026-11-26T07:59:00", 8, "UTC", "daily:2026-11-24", "2026-11-24", "2026-11-24")]
    [InlineData("2026-11-26T08:00:00", 8, "UTC", "daily:2026-11-25", "2026-11-25", "2026-11-25")]
    // 07:30 UTC is 08:30 in Paris (UTC+1 in November): due there, not in New York (02:30).
    [InlineData("2026-11-26T07:30:00", 8, "Europe/Paris", "daily:2026-11-25", "2026-11-25", "2026-11-25")]
    [InlineData("2026-11-26T07:30:00", 8, "America/New_York", "daily:2026-11-24", "2026-11-24", "2026-11-24")]
    public void Daily_IsDueAtTheSubscribersHour_AndCoversTheDayBefore(string now, int hour, string zone, string key, string first, string last)
    {
        var period = DigestSchedule.LatestDue(Sub(hour, zone), Utc(now));

        Assert.Equal(key, period.Key);
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (period.FirstDay, period.LastDay));
    }

    [Fact]
    public void WithoutWeekendMail_MondayCoversFridayToSunday_AndSaturdayHasFridaysDigest()
    {
        var sub = Sub(skipWeekends: true);

        var monday = DigestSchedule.LatestDue(sub, Utc("2026-11-30T09:00:00"));
        var saturday = DigestSchedule.LatestDue(sub, Utc("2026-11-28T09:00:00"));
        var friday = DigestSchedule.LatestDue(sub, Utc("2026-11-27T09:00:00"));

        Assert.Equal((new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 29)), (monday.FirstDay, monday.LastDay));
        Assert.Equal(friday.Key, saturday.Key);
        Assert.Equal((new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)), (friday.FirstDay, friday.LastDay));
    }

    [Fact]
    public void Weekly_IsDueOnMondays_AndCoversTheSevenDaysBefore()
    {
        var sub = Sub(frequency: DigestFrequency.Weekly);

        var thursday = DigestSchedule.LatestDue(sub, Utc("2026-11-26T12:00:00"));
        var monday = DigestSchedule.LatestDue(sub, Utc("2026-11-30T08:00:00"));

        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), (thursday.FirstDay, thursday.LastDay));
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)), (monday.FirstDay, monday.LastDay));
        Assert.NotEqual(thursday.Key, monday.Key);
    }

    [Fact]
    public void AnUnknownTimeZone_CountsAsUtc()
    {
        var period = DigestSchedule.LatestDue(Sub(zone: "Mars/Olympus"), Utc("2026-11-26T08:00:00"));

        Assert.Equal("daily:2026-11-25", period.Key);
    }
}
