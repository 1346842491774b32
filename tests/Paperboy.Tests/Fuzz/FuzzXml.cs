using System.Text;
using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// Atom and OAI-PMH documents built from their parts: well-formed by default, with field values that range from
/// ordinary to hostile, and sometimes a part that breaks the document on purpose (raw markup, a DTD).
/// </summary>
public static class FuzzXml
{
    /// <summary>Markup and declarations to splice into XML: entities (billion laughs, external), deep nesting, odd encodings.</summary>
    public static readonly string[] Tokens =
    [
        "<", ">", "/>", "</", "&", "&amp;", "&lt;", "&#0;", "&#x1;", "&#xD800;", "&#x10FFFF;", "&#99999999999;", "&#x;", "&undefined;",
        "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>", "\"", "'", "=", " xmlns=\"\"", " xmlns:a=\"\"", " a=\"1\" a=\"2\"",
        " xmlns=\"http://www.w3.org/2005/Atom\"", " xmlns=\"http://www.openarchives.org/OAI/2.0/\"", "xml:lang=\"en\"",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>",
        "&lol3;", "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;",
        "<!DOCTYPE foo SYSTEM \"http://127.0.0.1:1/evil.dtd\">", "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
        "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"ebcdic-cp-us\"?>", "<?xml version=\"1.0\" encoding=\"nope\"?>",
        "<?xml version=\"1.0\" encoding=\"utf-7\"?>", "\uFEFF", "\u0000", "\uFFFF", "\U0001F600", "\u202E",
        string.Concat(Enumerable.Repeat("<a>", 2000)) + string.Concat(Enumerable.Repeat("</a>", 2000)),
        string.Concat(Enumerable.Repeat("<a>", 500)),
        string.Concat(Enumerable.Repeat("<a>", 20_000)) + string.Concat(Enumerable.Repeat("</a>", 20_000)),
        "<entry>", "</entry>", "<id>", "</id>", "<title>", "</title>", "<author>", "<name>", "</name>", "</author>",
        "<record>", "</record>", "<header status=\"deleted\">", "<metadata>", "</metadata>", "<header>", "</header>",
        "<resumptionToken completeListSize=\"99999999999999999999\" cursor=\"-1\">t</resumptionToken>",
        "<error code=\"badArgument\">bad</error>", "<version version=\"v0\">", "<version version=\"v99999999999\">",
        "http://arxiv.org/abs/2501.00001v2", "2501.00001v0", "hep-th/9901001", "http://arxiv.org/api/errors#x",
        "9999-12-31T23:59:59-14:00", "Wed, 31 Feb 2008 21:06:41 GMT", "99999999999999999999",
    ];

    /// <summary>Text as XML character data. Characters XML forbids become character references, which a parser must refuse.</summary>
    public static string Escape(string s)
    {
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { b.Append(c).Append(s[++i]); continue; }
            b.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' or '\n' or '\r' => c.ToString(),
                _ when c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' => $"&#x{(int)c:X};",
                _ => c.ToString(),
            });
        }
        return b.ToString();
    }

    /// <summary>Element content: escaped text mostly, sometimes CDATA, child elements or raw (unescaped) text.</summary>
    private static readonly Gen<int> ContentKind = Gen.Frequency<int>((12, 0), (1, 1), (1, 2), (1, 3));

    private static string Content(string s, int kind) => kind switch
    {
        0 => Escape(s),
        1 => $"<![CDATA[{s.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]>",
        2 => $"<b>{Escape(s)}</b>tail",
        _ => s,
    };

    /// <summary>An element with a value, sometimes empty or absent (weights 8 : 1 : <paramref name="absent"/>).</summary>
    public static Gen<string> Element(string name, Gen<string> value, int absent = 1) => Gen.Frequency<string>(
        (8, Gen.Select(value, ContentKind, (v, kind) => $"<{name}>{Content(v, kind)}</{name}>")),
        (absent, Gen.Const("")),
        (1, Gen.Const($"<{name}/>")));

    /// <summary>Mostly the usual kind of value, sometimes any text at all.</summary>
    public static Gen<string> Value(Gen<string> usual) => Gen.Frequency<string>((6, usual), (2, FuzzText.Text));

    /// <summary>The parts one after another, mostly in the given order and sometimes shuffled: readers must not depend on it.</summary>
    public static Gen<string> Children(params Gen<string>[] parts) =>
        Gen.Select(All(parts), Gen.Int[0, 3], Gen.Int, (ps, shuffle, seed) =>
        {
            var list = shuffle == 0 ? [.. ps.OrderBy(p => HashCode.Combine(p, seed))] : ps;
            return string.Concat(list.Where(p => p.Length > 0).Select(p => "\n    " + p));
        });

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<List<T>> All<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(() => new List<T>()), (acc, g) => Gen.Select(acc, g, (list, x) => { list.Add(x); return list; }));
}
