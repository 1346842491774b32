namespace Paperboy.Bench.Corpus;

/// <summary>
/// Which days the corpus lists papers on and how many each: weekdays (arXiv lists none at weekends) ending on
/// <see cref="LastDay"/>, a few hundred papers a day, varying from day to day like the real listings. Small
/// enough to hold whole (one number a day), so the papers themselves can be streamed in day order.
/// </summary>
public sealed class CorpusPlan
{
    /// <summary>The last weekday before the real listings begin (2025-03-18), so the two corpora list on different days.</summary>
    public static readonly DateOnly LastDay = new(2025, 3, 14);

    /// <summary>Five-digit ids start in January 2015; earlier months had four digits.</summary>
    public static readonly DateOnly FirstDay = new(2015, 1, 1);

    public const int PapersPerDay = 250;

    /// <summary>arXiv's five-digit numbers end at 99999; a month must hold the papers of all its days.</summary>
    public const long MaxPapers = 5_000_000;

    // Day-to-day spread of the real listings: the middle half lies within about 0.8x-1.35x of the median.
    private const double DaySigma = 0.45;

    public IReadOnlyList<DateOnly> Days { get; }
    public IReadOnlyList<int> Papers { get; }

    private CorpusPlan(DateOnly[] days, int[] papers) { Days = days; Papers = papers; }

    public static CorpusPlan Create(long papers, ulong seed)
    {
        if (papers is < 1 or > MaxPapers) throw new ArgumentOutOfRangeException(nameof(papers), $"between 1 and {MaxPapers:N0} papers");
        var weekdays = Weekdays(FirstDay, LastDay);
        var dayCount = (int)Math.Min(weekdays.Count, (papers + PapersPerDay - 1) / PapersPerDay);
        var days = weekdays.Skip(weekdays.Count - dayCount).ToArray();

        // Each day gets one paper, and the rest is shared out in proportion to a log-normal weight, so the
        // total is exact whatever the draws.
        var rng = Rng.For(seed, 0xDA75);
        var weights = days.Select(_ => Math.Exp(DaySigma * rng.NextGaussian())).ToArray();
        var sum = weights.Sum();
        var rest = papers - dayCount;
        var counts = weights.Select(w => 1 + (int)Math.Floor(rest * w / sum)).ToArray();
        for (var left = papers - counts.Sum(c => (long)c); left > 0; left--) counts[rng.Next(dayCount)]++;
        return new CorpusPlan(days, counts);
    }

    private static List<DateOnly> Weekdays(DateOnly from, DateOnly to)
    {
        var list = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) list.Add(d);
        return list;
    }
}

/// <summary>
/// Hands out new-style arXiv ids (<c>YYMM.NNNNN</c>) in increasing order: a listing day's papers take the
/// month of that day. A month's numbers are a random sorted sample from 1 up to about three times the month's
/// papers (the real listings are a third or less of arXiv's submissions), skipping ids the real listings use.
/// </summary>
public sealed class IdAllocator(CorpusPlan plan, IReadOnlyDictionary<int, HashSet<int>> taken, ulong seed)
{
    private const int MaxNumber = 99_999;
    private const int Spread = 3;

    private int _month = -1;
    private int[] _numbers = [];
    private int _next;

    /// <summary>The next id for a paper listed on <paramref name="day"/>: its YYMM and its five-digit number.</summary>
    public (int Yymm, int Number) Next(DateOnly day)
    {
        var yymm = day.Year % 100 * 100 + day.Month;
        if (yymm != _month) StartMonth(yymm);
        return (yymm, _numbers[_next++]);
    }

    /// <summary>The ids of the <paramref name="papers"/> papers listed on <paramref name="day"/>.</summary>
    public (int Yymm, int Number)[] Take(DateOnly day, int papers)
    {
        var ids = new (int, int)[papers];
        for (var i = 0; i < papers; i++) ids[i] = Next(day);
        return ids;
    }

    public static string Format((int Yymm, int Number) id) => $"{id.Yymm:D4}.{id.Number:D5}";

    private void StartMonth(int yymm)
    {
        _month = yymm;
        _next = 0;
        var papers = 0;
        for (var i = 0; i < plan.Days.Count; i++)
            if (plan.Days[i].Year % 100 * 100 + plan.Days[i].Month == yymm) papers += plan.Papers[i];
        var skip = taken.GetValueOrDefault(yymm) ?? [];
        var range = (int)Math.Min(MaxNumber, (long)papers * Spread + skip.Count);
        var free = range - skip.Count(n => n <= range);
        if (free < papers)
            throw new InvalidOperationException($"month {yymm:D4} needs {papers:N0} ids, only {free:N0} are free below {MaxNumber}");

        // Selection sampling (Knuth's algorithm S): each free number is taken with the chance that leaves exactly
        // the right count, and the result comes out sorted.
        var rng = Rng.For(seed, 0x1D00_0000UL + (ulong)yymm);
        _numbers = new int[papers];
        var chosen = 0;
        var seen = 0;
        for (var n = 1; n <= range && chosen < papers; n++)
        {
            if (skip.Contains(n)) continue;
            if ((free - seen) * rng.NextDouble() < papers - chosen) _numbers[chosen++] = n;
            seen++;
        }
    }
}
