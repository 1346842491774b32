using CsCheck;
using static Paperboy.Tests.Fuzz.FuzzXml;

namespace Paperboy.Tests.Fuzz;

/// <summary>arXiv API answers (<c>export.arxiv.org/api/query</c>) with zero to four entries, each field sometimes odd or missing.</summary>
public static class AtomDocuments
{
    private static readonly Gen<string> Attribute = Gen.Frequency<string>((6, Gen.OneOf("cs.LG", "hep-th", "math.GT", "stat.ML")), (1, FuzzText.Text));

    private static readonly Gen<string> Author = Gen.Select(Element("name", Value(FuzzText.PlainText), absent: 0),
        Gen.Frequency<string>((3, Gen.Const("")), (1, Element("arxiv:affiliation", FuzzText.Text))),
        (name, affiliation) => $"<author>{name}{affiliation}</author>");

    private static readonly Gen<string> Category = Attribute.Select(t => $"<category term=\"{Escape(t)}\" scheme=\"http://arxiv.org/schemas/atom\"/>");

    private static readonly Gen<string> Link = Gen.Frequency<string>(
        (2, Gen.Const("<link href=\"http://arxiv.org/abs/2501.00001v1\" rel=\"alternate\" type=\"text/html\"/>")),
        (2, Gen.OneOf("10.1103/PhysRevD.76.013009", "10.1/%E0%A4%A", "%", "", "a b").Select(d => $"<link title=\"doi\" href=\"https://doi.org/{Escape(d)}\" rel=\"related\"/>")),
        (1, FuzzText.Text.Select(t => $"<link href=\"{Escape(t)}\"/>")));

    private static readonly Gen<string> Entry = Gen.Select(
        Gen.Select(Element("id", Value(FuzzText.AnyId.Select(id => id.StartsWith("http", StringComparison.Ordinal) ? id : "http://arxiv.org/abs/" + id))),
            Element("title", Value(FuzzText.PlainText)), Element("summary", FuzzText.Text), Element("published", FuzzText.Time), Element("updated", FuzzText.Time),
            (id, title, summary, published, updated) => new[] { id, title, summary, published, updated }),
        Gen.Select(Author.List[0, 4], Category.List[0, 3], Link.List[0, 2],
            Gen.Frequency<string>((2, Attribute.Select(t => $"<arxiv:primary_category term=\"{Escape(t)}\"/>")), (1, Gen.Const(""))),
            (authors, categories, links, primary) => authors.Concat(categories).Concat(links).Append(primary).ToArray()),
        Gen.Select(Element("arxiv:comment", FuzzText.Text, 3), Element("arxiv:journal_ref", FuzzText.Text, 3), Element("arxiv:doi", FuzzText.Text, 3),
            (comment, journal, doi) => new[] { comment, journal, doi }),
        (a, b, c) => a.Concat(b).Concat(c).ToArray())
        .SelectMany(parts => Children([.. parts.Select(p => Gen.Const(p))]))
        .Select(children => $"\n  <entry>{children}\n  </entry>");

    private static readonly Gen<string> Prolog = Gen.Frequency<string>(
        (8, Gen.Const("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")), (2, Gen.Const("")), (1, Gen.OneOf(FuzzXml.Tokens)));

    /// <summary>A feed in arXiv's layout; its entries are mostly well-formed, sometimes with raw markup in a field.</summary>
    public static readonly Gen<string> Feed = Gen.Select(Prolog, Entry.Array[0, 4], Gen.Int[0, 30], (prolog, entries, total) =>
        prolog + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\" " +
        "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">\n  <title type=\"html\">ArXiv Query</title>\n" +
        $"  <opensearch:totalResults>{total}</opensearch:totalResults>" + string.Concat(entries) + "\n</feed>\n");
}
