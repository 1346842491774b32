using System.Text;

namespace Paperboy.Bench.Corpus;

/// <summary>
/// The pool of users who put papers on the daily feed. Handles are made from name parts the way people pick
/// them (<c>ChunjiangGe</c>, <c>akhaliq</c>, <c>wei-zhang</c>, <c>liu42</c>), and activity follows a Zipf law:
/// a few users submit a large share, most submit once or twice, as on Hugging Face.
/// </summary>
public sealed class Submitters
{
    public const int DefaultPoolSize = 3000;
    private const double ZipfExponent = 1.1;

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
