using System.Text;

namespace Paperboy.Bench.Corpus;

/// <summary>
/// The pool of users who put papers on the daily feed. Handles are made from name parts the way people pick
/// them (<c>ChunjiangGe</c>, <c>akhaliq</c>, <c>wei-zhang</c>, <c>liu42</c>). Activity is shaped like Hugging
/// Face's feed: one curator submits about one paper in seven, and everyone else follows a flat Zipf law (over
/// two years there, 3,500 users shared 7,000 submissions, the second busiest with 1%).
/// </summary>
public sealed class Submitters
{
    public const int DefaultPoolSize = 5000;
    private const double CuratorShare = 0.15;
    private const double ZipfExponent = 0.6;

    private readonly Distribution<JsonText> _users;

    public Submitters(CorpusModel model, ulong seed, int poolSize = DefaultPoolSize)
    {
        var rng = Rng.For(seed, 0x5EED_05E5);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var weighted = new List<(JsonText, double)>(poolSize);
        for (var rank = 0; names.Count < poolSize; rank++)
        {
            var handle = Handle(model.GivenNames.Sample(rng).Text, model.FamilyNames.Sample(rng).Text, rng);
            if (handle.Length < 2) handle = "user" + rank;
            // A taken handle gets digits, as sign-up forms suggest.
            while (!names.Add(handle)) handle += rng.Next(10);
            weighted.Add((JsonText.Of(handle), 1.0 / Math.Pow(names.Count, ZipfExponent)));
        }
        var others = weighted.Skip(1).Sum(u => u.Item2);
        weighted[0] = (weighted[0].Item1, others * CuratorShare / (1 - CuratorShare));
        _users = new Distribution<JsonText>(weighted);
    }

    public JsonText Sample(Rng rng) => _users.Sample(rng);

    private static string Handle(string given, string family, Rng rng)
    {
        var g = Ascii(given.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "");
        var f = Ascii(family);
        return rng.Next(5) switch
        {
            0 => g + f,
            1 => (g.Length > 0 ? g[..1] : "") + f.ToLowerInvariant(),
            2 => $"{g}-{f}".Trim('-').ToLowerInvariant(),
            3 => g.ToLowerInvariant() + rng.Next(1, 100),
            _ => f + g[..Math.Min(g.Length, 3)],
        };
    }

    private static string Ascii(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
        return sb.ToString();
    }
}
