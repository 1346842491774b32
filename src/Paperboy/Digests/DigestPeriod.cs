using System.Globalization;
using Paperboy.Papers;

namespace Paperboy.Digests;

/// <summary>
/// The feed days a digest covers, <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive, in the site's time zone.
/// <see cref="Key"/> names it uniquely and stably (<c>daily:2026-11-26</c>, <c>weekly:2026-W47</c>): the outbox keeps
/// one message per subscription and key.
/// </summary>
public sealed record DigestPeriod(string Key, DateOnly FirstDay, DateOnly LastDay)
{
    public static DigestPeriod Daily(DateOnly day) =>
        new("daily:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day, day);

    /// <summary>The ISO week (Monday to Sunday) that holds <paramref name="anyDayInIsoWeek"/>, as the feed's week pages count it.</summary>
    public static DigestPeriod Weekly(DateOnly anyDayInIsoWeek)
    {
        var week = FeedPeriod.Week(anyDayInIsoWeek);
        return new("weekly:" + week.Key, week.From, week.Last);
    }

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>How subjects and headings name it: "Wed 26 Nov", "the week of 24 Nov", or "1 Nov to 30 Nov".</summary>
    public string Describe()
    {
        if (FirstDay == LastDay) return FirstDay.ToString("ddd d MMM", Invariant);
        if (FirstDay.DayOfWeek == DayOfWeek.Monday && LastDay == FirstDay.AddDays(6))
            return "the week of " + FirstDay.ToString("d MMM", Invariant);
        return $"{FirstDay.ToString("d MMM", Invariant)} to {LastDay.ToString("d MMM", Invariant)}";
    }

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}
