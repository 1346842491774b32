using System.Globalization;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>Which list a feed page shows: one day, one ISO week, one month, or every entry by trending score.</summary>
public enum FeedKind { Day, Week, Month, Trending }

/// <summary>
/// The days a feed page covers, <see cref="From"/> up to but not including <see cref="Until"/>, and how the page
/// writes and links to them: <c>2025-06-02</c>, <c>2025-W23</c> (ISO 8601 week: Monday to Sunday, week 1 holds the
/// year's first Thursday), <c>2025-06</c>. <see cref="Trending"/> covers every day.
/// </summary>
public sealed partial record FeedPeriod(FeedKind Kind, DateOnly From, DateOnly Until)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly FeedPeriod Trending = new(FeedKind.Trending, DateOnly.MinValue, DateOnly.MaxValue);

    public bool Bounded => Kind != FeedKind.Trending;

    public static FeedPeriod Day(DateOnly day) => new(FeedKind.Day, day, day.AddDays(1));

    /// <summary>The ISO week that holds <paramref name="day"/>.</summary>
    public static FeedPeriod Week(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new(FeedKind.Week, monday, monday.AddDays(7));
    }

    public static FeedPeriod Month(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(FeedKind.Month, first, first.AddMonths(1));
    }

    /// <summary>The period of <paramref name="kind"/> that holds <paramref name="day"/>.</summary>
    public static FeedPeriod Of(FeedKind kind, DateOnly day) => kind switch
    {
        FeedKind.Day => Day(day),
        FeedKind.Week => Week(day),
        FeedKind.Month => Month(day),
        _ => Trending,
    };

    public bool Contains(DateOnly day) => day >= From && day < Until;

    /// <summary>The last day of the period (inclusive).</summary>
    public DateOnly Last => Until.AddDays(-1);

    /// <summary>How the period is written in its address: <c>2025-06-02</c>, <c>2025-W23</c>, <c>2025-06</c>.</summary>
    public string Key => Kind switch
    {
        FeedKind.Day => From.ToString("yyyy-MM-dd", Invariant),
        FeedKind.Week => $"{ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue)):D2}",
        FeedKind.Month => From.ToString("yyyy-MM", Invariant),
        _ => "trending",
    };

    public string Url => Kind switch
    {
        FeedKind.Day => PaperLinks.Day(From),
        FeedKind.Week => "/papers/week/" + Key,
        FeedKind.Month => "/papers/month/" + Key,
        _ => "/papers/trending",
    };

    /// <summary>A heading: "Monday, June 2, 2025", "Week 23 of 2025", "June 2025", "Trending".</summary>
    public string Title => Kind switch
    {
        FeedKind.Day => Display.LongDay(From),
        FeedKind.Week => $"Week {ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue))} of {ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))}",
        FeedKind.Month => From.ToString("MMMM yyyy", Invariant),
        _ => "Trending",
    };

    /// <summary>A short label for links and titles: "Jun 2, 2025", "Jun 2 – Jun 8, 2025", "June 2025".</summary>
    public string Label => Kind switch
    {
        FeedKind.Day => Display.Day(From),
        FeedKind.Week => From.Year == Last.Year
            ? $"{From.ToString("MMM d", Invariant)} – {Last.ToString("MMM d, yyyy", Invariant)}"
            : $"{Display.Day(From)} – {Display.Day(Last)}",
        FeedKind.Month => From.ToString("MMMM yyyy", Invariant),
        _ => "Trending",
    };

    /// <summary>What a period is called in navigation: "day", "week", "month".</summary>
    public string Noun => Kind switch { FeedKind.Day => "day", FeedKind.Week => "week", FeedKind.Month => "month", _ => "list" };

    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out day);

    /// <summary><c>yyyy-Www</c> with a week that exists in that ISO year (W53 only in long years).</summary>
    public static bool TryParseWeek(string? text, out FeedPeriod week)
    {
        week = Trending;
        var m = text is null ? null : WeekPattern().Match(text);
        if (m is not { Success: true }) return false;
        var year = int.Parse(m.Groups[1].Value, Invariant);
        var number = int.Parse(m.Groups[2].Value, Invariant);
        if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = Week(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)));
        return true;
    }

    public static bool TryParseMonth(string? text, out FeedPeriod month)
    {
        month = Trending;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var first)
            || first.Year > 9998 || text!.Length != 7)
            return false;
        month = Month(first);
        return true;
    }

    [GeneratedRegex(@"^([0-9]{4})-W([0-9]{2})$")]
    private static partial Regex WeekPattern();
}
