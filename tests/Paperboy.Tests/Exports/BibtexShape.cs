using System.Text;

namespace Paperboy.Tests.Exports;

/// <summary>
/// Reads a .bib file as BibTeX itself does: an entry starts at an @ outside every entry, a braced field value ends
/// at the brace that balances its opening one (a backslash escapes nothing), and an author list splits at "and"
/// outside braces. Fails the test on anything BibTeX would stumble on.
/// </summary>
public static class BibtexShape
{
    public sealed record Entry(string Type, string Key, Dictionary<string, string> Fields);

    public static List<Entry> Entries(string bib)
    {
        var entries = new List<Entry>();
        var i = 0;
        while ((i = bib.IndexOf('@', i)) >= 0)
        {
            var open = bib.IndexOf('{', i);
            var type = bib[(i + 1)..open];
            var comma = bib.IndexOf(',', open);
            var key = bib[(open + 1)..comma];
            Assert.Matches("^[a-z0-9]+$", key);
            var fields = new Dictionary<string, string>();
            i = comma + 1;
            while (true)
            {
                i = SkipSpace(bib, i);
                if (bib[i] == '}') { i++; break; }
                var eq = bib.IndexOf('=', i);
                var name = bib[i..eq].Trim();
                Assert.Matches("^[A-Za-z]+$", name);
                i = SkipSpace(bib, eq + 1);
                Assert.Equal('{', bib[i]);
                var (value, end) = Braced(bib, i);
                Assert.True(fields.TryAdd(name, value), $"field {name} twice in {key}");
                i = SkipSpace(bib, end);
                if (bib[i] == ',') i++;
            }
            entries.Add(new Entry(type, key, fields));
        }
        return entries;
    }

    /// <summary>Names of an author field, split where BibTeX splits them.</summary>
    public static List<string> SplitNames(string authors)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < authors.Length; i++)
        {
            depth += authors[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0 && string.CompareOrdinal(authors, i, " and ", 0, 5) == 0)
            {
                names.Add(authors[start..i]);
                start = i + 5;
            }
        }
        names.Add(authors[start..]);
        return names;
    }

    private static (string Value, int End) Braced(string bib, int open)
    {
        var depth = 0;
        var sb = new StringBuilder();
        for (var i = open; i < bib.Length; i++)
        {
            var c = bib[i];
            Assert.False(c == '\n', "a field value spans lines");
            if (c == '{') depth++;
            if (c == '}') depth--;
            if (depth == 0) return (sb.ToString(), i + 1);
            if (i > open) sb.Append(c);
        }
        Assert.Fail("a field value never closes");
        return ("", 0);
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }
}
