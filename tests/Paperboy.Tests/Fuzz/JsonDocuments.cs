using CsCheck;
using static Paperboy.Tests.Fuzz.FuzzJson;

namespace Paperboy.Tests.Fuzz;

/// <summary>Files for the three JSON readers: Kaggle snapshot lines, Hugging Face daily papers, daily arXiv listing lines.</summary>
public static class JsonDocuments
{
    private static readonly Gen<string> Title = Gen.Frequency<string>((6, FuzzText.PlainText), (2, FuzzText.Text));

    private static readonly Gen<string> SnapshotVersion = Object(
        StringField("version", Gen.Frequency<string>((6, Gen.Int[1, 9].Select(v => $"v{v}")), (1, Gen.OneOf("v0", "v", "1", "v99999999999", "v+1", "v\u0661")))),
        StringField("created", Gen.Frequency<string>((4, Gen.OneOf("Mon, 2 Apr 2007 19:18:42 GMT", "Tue, 10 Jul 2007 20:00:00 GMT")), (1, FuzzText.Time))));

    private static readonly Gen<string> ParsedAuthor = Gen.Frequency<string>(
        (6, FuzzText.PlainText.Array[0, 4].Select(parts => "[" + string.Join(", ", parts.Select(FuzzJson.String)) + "]")),
        (1, Any()));

    private static readonly Gen<string> SnapshotLine = Object(
        StringField("id", FuzzText.AnyId), StringField("submitter", FuzzText.Text),
        StringField("authors", Gen.Frequency<string>((3, Gen.Const("C. Bal\\'azs, E. L. Berger (ANL), and C.-P. Yuan")), (2, FuzzText.Text))),
        StringField("title", Title), StringField("comments", FuzzText.Text), StringField("journal-ref", FuzzText.Text),
        StringField("doi", FuzzText.Text), StringField("categories", Gen.OneOf("hep-ph", "math.CO cs.CG", "", "  ")),
        Field("license", Gen.Const("null")), StringField("abstract", FuzzText.Text),
        Field("versions", ArrayOf(SnapshotVersion, 3)), StringField("update_date", FuzzText.Day),
        Field("authors_parsed", ArrayOf(ParsedAuthor, 3)));

    /// <summary>JSON lines, with blank lines, CRLF endings and a byte order mark now and then.</summary>
    private static Gen<string> Lines(Gen<string> line) =>
        Gen.Select(line.Array[0, 5], Gen.OneOf("\n", "\r\n", "\n\n", "\n \t\n"), Gen.OneOf("", "", "", "\uFEFF"), Gen.Bool,
            (lines, newline, bom, endsWithNewline) => bom + string.Join(newline, lines) + (endsWithNewline ? newline : ""));

    public static readonly Gen<string> Snapshot = Lines(SnapshotLine);

    private static readonly Gen<string> HfUser = Object(
        StringField("user", FuzzText.Text), StringField("fullname", FuzzText.Text), StringField("avatarUrl", FuzzText.Text), Field("isPro", Gen.Const("false")));

    private static readonly Gen<string> HfAuthor = Object(
        StringField("_id", Gen.Const("66540321d200a2ecdf784ffe")), StringField("name", Title), Field("hidden", Gen.OneOf("false", "true")), Field("user", HfUser));

    private static readonly Gen<string> HfPaper = Object(
        StringField("id", FuzzText.AnyId), Field("authors", ArrayOf(HfAuthor, 3)), StringField("publishedAt", FuzzText.Time),
        StringField("submittedOnDailyAt", FuzzText.Time), StringField("title", Title), StringField("summary", FuzzText.Text),
        Field("upvotes", Gen.Frequency<string>((4, Gen.Int[0, 500].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.OneOf("-1", "1.0", "1e2", "2147483648")))),
        StringField("githubRepo", FuzzText.Text), StringField("projectPage", FuzzText.Text), Field("submittedOnDailyBy", HfUser));

    private static readonly Gen<string> HfEntry = Object(
        Field("paper", HfPaper), StringField("publishedAt", FuzzText.Time), StringField("title", Title), StringField("summary", FuzzText.Text),
        Field("numComments", Gen.Int[0, 50].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Field("submittedBy", HfUser), StringField("_archive_date", FuzzText.Day));

    /// <summary>A whole <c>/api/daily_papers</c> answer (a JSON array) or archive lines, with the file name the reader takes a day from.</summary>
    public static readonly Gen<(string Name, string Text)> HfDaily = Gen.Select(
        Gen.Frequency<string>((2, ArrayOf(HfEntry, 4).Select(a => " \n" + a)), (2, Lines(HfEntry)), (1, Gen.Const("[]"))),
        Gen.OneOf("2025-06-02.json", "page.json", "2025-02-30.json", "archive.jsonl"),
        (text, name) => (name, text));

    private static readonly Gen<string> DailyLine = Object(
        StringField("id", FuzzText.AnyId), StringField("title", Title), Field("authors", ArrayOf(Title.Select(FuzzJson.String), 3)),
        Field("categories", ArrayOf(Gen.OneOf("cs.LG", "cs.CL", "", " ").Select(FuzzJson.String), 3)), StringField("comment", FuzzText.Text),
        StringField("abstract", FuzzText.Text), StringField("listed", FuzzText.Day),
        Field("upvotes", Gen.Frequency<string>((1, Gen.Const((string)null!)), (1, Gen.Int[0, 99].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))))),
        StringField("submittedBy", FuzzText.Text));

    public static readonly Gen<string> DailyArxiv = Lines(DailyLine);
}
