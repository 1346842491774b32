namespace Paperboy.Digests;

/// <summary>
/// When a subscription's digest is due and which feed days it covers. A digest becomes due at the subscriber's
/// hour in their time zone, on day D: a daily one covers the feed days since the previous due day up to D − 1
/// (one day, or Friday to Sunday on a Monday for someone without weekend mail); a weekly one, due on Mondays,
/// covers the seven days before.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The latest period due at <paramref name="now"/> (on a weekend-free subscriber's Saturday, Friday's).</summary>
    public static DigestPeriod LatestDue(Subscription s, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var due = DateOnly.FromDateTime(local.Date);
        if (local.Hour < s.Hour) due = due.AddDays(-1);
        if (s.Frequency == DigestFrequency.Weekly)
        {
            while (due.DayOfWeek != DayOfWeek.Monday) due = due.AddDays(-1);
            return DigestPeriod.Weekly(due.AddDays(-1));
        }
        if (s.SkipWeekends)
            while (IsWeekend(due)) due = due.AddDays(-1);
        var previous = due.AddDays(-1);
        if (s.SkipWeekends)
            while (IsWeekend(previous)) previous = previous.AddDays(-1);
        // The period ends the day before the digest; it starts where the previous digest's ended.
        var last = due.AddDays(-1);
        var first = previous;
        return first == last ? DigestPeriod.Daily(last) : new DigestPeriod(DigestPeriod.Daily(last).Key, first, last);
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
