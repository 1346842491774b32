using CsCheck;
using static Paperboy.Tests.Fuzz.FuzzXml;

namespace Paperboy.Tests.Fuzz;

/// <summary>OAI-PMH ListRecords pages in the three metadata formats arXiv serves (and one it does not), or an error answer.</summary>
public static class OaiDocuments
{
    private static readonly Gen<string> Words = Value(Gen.OneOf("cs.LG", "hep-th math.GT", "cs.CL cs.AI", "quant-ph"));

    private static readonly Gen<string> Id = Value(FuzzText.AnyId);

    private static readonly Gen<string> Arxiv = Gen.Select(
        Gen.Select(Element("id", Id), Element("created", FuzzText.Day), Element("updated", FuzzText.Day, 3), Element("title", Value(FuzzText.PlainText)),
            (id, created, updated, title) => new[] { id, created, updated, title }),
        Gen.Select(Element("keyname", Value(FuzzText.PlainText)), Element("forenames", FuzzText.Text), Element("suffix", FuzzText.Text, 4),
            (k, f, s) => $"<author>{k}{f}{s}</author>").List[0, 3].Select(a => $"<authors>{string.Concat(a)}</authors>"),
        Gen.Select(Element("categories", Words), Element("comments", FuzzText.Text), Element("journal-ref", FuzzText.Text, 3),
            Element("doi", FuzzText.Text, 3), Element("abstract", FuzzText.Text), (a, b, c, d, e) => new[] { a, b, c, d, e }),
        (a, authors, b) => a.Append(authors).Concat(b).ToArray())
        .SelectMany(parts => Children([.. parts.Select(p => Gen.Const(p))]))
        .Select(c => $"<arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\">{c}</arXiv>");

    private static readonly Gen<string> RawVersion = Gen.Select(
        Gen.Frequency<string>((6, Gen.Int[1, 5].Select(v => $"v{v}")), (1, Gen.OneOf("v0", "1", "v", "v99999999999", "v-1", "")), (1, FuzzText.Text)),
        Element("date", Gen.Frequency<string>((4, Gen.Const("Wed, 23 Jan 2008 21:06:41 GMT")), (1, FuzzText.Time), (1, FuzzText.Text))),
        (v, date) => $"<version version=\"{Escape(v)}\">{date}<size>10kb</size></version>");

    private static readonly Gen<string> ArxivRaw = Gen.Select(Element("id", Id), RawVersion.List[0, 3], Element("title", Value(FuzzText.PlainText)),
        Element("authors", Gen.Frequency<string>((3, Gen.Const("A. One (Oxford, (UK)), B. Two and C. Three, Jr.")), (2, FuzzText.Text))),
        Element("categories", Words), Element("abstract", FuzzText.Text),
        (id, versions, title, authors, categories, abs) => $"<arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\">{id}{string.Concat(versions)}{title}{authors}{categories}{abs}</arXivRaw>");

    private static readonly Gen<string> DcIdentifier = Gen.Frequency<string>(
        (3, FuzzText.AnyId.Select(id => id.StartsWith("http", StringComparison.Ordinal) ? id : "http://arxiv.org/abs/" + id)),
        (1, Gen.OneOf("doi:10.1103/PhysRevD.76.013009", "doi:", "Phys.Rev.D76:013009,2007", "https://example.org/")), (1, FuzzText.Text));

    private static readonly Gen<string> DublinCore = Gen.Select(
        Element("dc:title", Value(FuzzText.PlainText)),
        Element("dc:creator", Gen.Frequency<string>((3, Gen.OneOf("Bal\u00E1zs, C.", "Callan, Jr., Curtis G", "D0 Collaboration", ".")), (1, FuzzText.Text))).List[0, 3],
        Element("dc:subject", Gen.Frequency<string>((3, Gen.OneOf("Computer Science - Robotics", "Quantum Physics", "68T07")), (1, FuzzText.Text))).List[0, 3],
        Element("dc:description", Gen.Frequency<string>((2, FuzzText.Text), (1, FuzzText.Text.Select(t => "Comment:" + t)))).List[0, 3],
        Element("dc:date", FuzzText.Day).List[0, 3],
        Element("dc:identifier", DcIdentifier).List[0, 3],
        (title, creators, subjects, descriptions, dates, ids) =>
            "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
            title + string.Concat(creators) + string.Concat(subjects) + string.Concat(descriptions) + string.Concat(dates) + string.Concat(ids) +
            "</oai_dc:dc>");

    private static readonly Gen<string> Metadata = Gen.Frequency<string>(
        (4, Arxiv), (4, ArxivRaw), (4, DublinCore), (1, Gen.Const("<other xmlns=\"urn:x\"><id>2501.00001</id></other>")), (1, Gen.Const("")));

    private static readonly Gen<string> Record = Gen.Select(
        Gen.Frequency<string>((8, Gen.Const("")), (1, Gen.Const(" status=\"deleted\"")), (1, FuzzText.Text.Select(t => $" status=\"{Escape(t)}\""))),
        Element("identifier", Gen.Frequency<string>((4, FuzzText.AnyId.Select(id => "oai:arXiv.org:" + id)), (1, FuzzText.Text))),
        Metadata, Gen.Int[0, 8],
        (status, identifier, metadata, shape) =>
            $"\n<record><header{status}>{identifier}<datestamp>2023-03-07</datestamp><setSpec>cs</setSpec></header>" +
            (shape == 0 ? "" : $"<metadata>{metadata}</metadata>") + "</record>");

    private static readonly Gen<string> Token = Gen.Frequency<string>(
        (3, Gen.Const("")),
        (3, Gen.Select(Gen.Long[-5, 2_000_000], Gen.Long[-5, 2_000_000], (size, cursor) => $"<resumptionToken completeListSize=\"{size}\" cursor=\"{cursor}\">436115|5001</resumptionToken>")),
        (1, FuzzText.Text.Select(t => $"<resumptionToken completeListSize=\"{Escape(t)}\">{Escape(t)}</resumptionToken>")));

    private static readonly Gen<string> Body = Gen.Frequency<string>(
        (8, Gen.Select(Record.Array[0, 4], Token, (records, token) => $"<ListRecords>{string.Concat(records)}{token}</ListRecords>")),
        (1, FuzzText.Text.Select(t => $"<error code=\"badArgument\">{Escape(t)}</error>")),
        (1, Gen.Const("<error/><error code=\"noRecordsMatch\"></error>")));

    public static readonly Gen<string> Page = Body.Select(body =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">" +
        "<responseDate>2023-03-07T10:00:00Z</responseDate><request verb=\"ListRecords\">http://export.arxiv.org/oai2</request>" +
        body + "\n</OAI-PMH>\n");
}
