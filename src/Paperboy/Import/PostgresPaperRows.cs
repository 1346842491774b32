using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// PostgreSQL: every statement is a network round trip, so each kind of write is one statement for the whole
/// batch. New rows go in by binary COPY, the cheapest way in for the server too; changed rows are updated
/// from arrays bound as parameters (<c>UPDATE ... FROM unnest(...)</c>).
/// </summary>
internal sealed class PostgresPaperRows(DbConnection conn, DbTransaction tx) : PaperRows(conn, tx)
{
    private NpgsqlConnection Npgsql => (NpgsqlConnection)Conn;

    public override async Task InsertPapersAsync(List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        // Ids come from the column's identity sequence, shared with other writers; COPY returns nothing, so they
        // are drawn first, in one round trip. The sequence is looked up once: per row, the lookup cost more than
        // the COPY.
        await using (var ids = Sql.Command(Conn, Tx,
            "SELECT nextval(s.seq) FROM (SELECT pg_get_serial_sequence('papers', 'Id')::regclass AS seq) s " +
            "CROSS JOIN generate_series(1, @n) ORDER BY 1"))
        {
            Sql.Add(ids, "@n", papers.Count);
            await using var r = await ids.ExecuteReaderAsync(ct);
            foreach (var p in papers)
            {
                await r.ReadAsync(ct);
                p.Id = r.GetInt64(0);
            }
        }
        await using var copy = await Npgsql.BeginBinaryImportAsync(
            "COPY papers (\"Id\", \"ArxivId\", \"Version\", \"Title\", \"Abstract\", \"Authors\", \"Categories\", \"PrimaryCategory\", " +
            "\"PublishedAt\", \"UpdatedAt\", \"Comment\", \"JournalRef\", \"Doi\", \"GithubRepo\", \"ProjectPage\", \"ChangeNumber\") " +
            "FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in papers)
        {
            // Synchronous writes: they only fill Npgsql's buffer, which is sent as it fills.
            copy.StartRow();
            copy.Write(p.Id, NpgsqlDbType.Bigint);
            copy.Write(p.ArxivId, NpgsqlDbType.Text);
            copy.Write(p.Version, NpgsqlDbType.Integer);
            copy.Write(p.Title, NpgsqlDbType.Text);
            copy.Write(p.Abstract, NpgsqlDbType.Text);
            copy.Write(StringListJson.Serialize(p.Authors), NpgsqlDbType.Text);
            copy.Write(StringListJson.Serialize(p.Categories), NpgsqlDbType.Text);
            Text(copy, p.PrimaryCategory);
            Time(copy, p.PublishedAt);
            Time(copy, p.UpdatedAt);
            Text(copy, p.Comment);
            Text(copy, p.JournalRef);
            Text(copy, p.Doi);
            Text(copy, p.GithubRepo);
            Text(copy, p.ProjectPage);
            copy.Write(p.ChangeNumber, NpgsqlDbType.Bigint);
        }
        await copy.CompleteAsync(ct);
    }

    public override async Task UpdatePapersAsync(List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        await using var cmd = Sql.Command(Conn, Tx,
            "UPDATE papers AS p SET \"Version\" = u.v, \"Title\" = u.title, \"Abstract\" = u.abs, \"Authors\" = u.authors, " +
            "\"Categories\" = u.cats, \"PrimaryCategory\" = u.primary_cat, \"PublishedAt\" = u.published, \"UpdatedAt\" = u.updated, " +
            "\"Comment\" = u.comment, \"JournalRef\" = u.jref, \"Doi\" = u.doi, \"GithubRepo\" = u.github, " +
            "\"ProjectPage\" = u.page, \"ChangeNumber\" = u.change " +
            "FROM unnest(@id, @v, @title, @abs, @authors, @cats, @primary_cat, @published, @updated, @comment, @jref, @doi, " +
            "@github, @page, @change) AS u(id, v, title, abs, authors, cats, primary_cat, published, updated, comment, jref, " +
            "doi, github, page, change) WHERE p.\"ArxivId\" = u.id");
        var c = (NpgsqlCommand)cmd;
        Array(c, "id", NpgsqlDbType.Text, papers.Select(p => p.ArxivId));
        Array(c, "v", NpgsqlDbType.Integer, papers.Select(p => p.Version));
        Array(c, "title", NpgsqlDbType.Text, papers.Select(p => p.Title));
        Array(c, "abs", NpgsqlDbType.Text, papers.Select(p => p.Abstract));
        Array(c, "authors", NpgsqlDbType.Text, papers.Select(p => StringListJson.Serialize(p.Authors)));
        Array(c, "cats", NpgsqlDbType.Text, papers.Select(p => StringListJson.Serialize(p.Categories)));
        Array(c, "primary_cat", NpgsqlDbType.Text, papers.Select(p => p.PrimaryCategory));
        Array(c, "published", NpgsqlDbType.TimestampTz, papers.Select(p => Utc(p.PublishedAt)));
        Array(c, "updated", NpgsqlDbType.TimestampTz, papers.Select(p => Utc(p.UpdatedAt)));
        Array(c, "comment", NpgsqlDbType.Text, papers.Select(p => p.Comment));
        Array(c, "jref", NpgsqlDbType.Text, papers.Select(p => p.JournalRef));
        Array(c, "doi", NpgsqlDbType.Text, papers.Select(p => p.Doi));
        Array(c, "github", NpgsqlDbType.Text, papers.Select(p => p.GithubRepo));
        Array(c, "page", NpgsqlDbType.Text, papers.Select(p => p.ProjectPage));
        Array(c, "change", NpgsqlDbType.Bigint, papers.Select(p => p.ChangeNumber));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task InsertDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var copy = await Npgsql.BeginBinaryImportAsync(
            "COPY daily_entries (\"PaperId\", \"Day\", \"SubmittedAt\", \"SubmittedBy\", \"SubmitterFullname\", " +
            "\"SubmitterAvatarUrl\", \"Upvotes\", \"CommentCount\", \"Trending\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in entries)
        {
            copy.StartRow();
            copy.Write(e.PaperId, NpgsqlDbType.Bigint);
            copy.Write(e.Day, NpgsqlDbType.Date);
            Time(copy, e.SubmittedAt);
            Text(copy, e.SubmittedBy);
            Text(copy, e.SubmitterFullname);
            Text(copy, e.SubmitterAvatarUrl);
            copy.Write(e.Upvotes, NpgsqlDbType.Integer);
            copy.Write(e.CommentCount, NpgsqlDbType.Integer);
            copy.Write(e.Trending, NpgsqlDbType.Double);
        }
        await copy.CompleteAsync(ct);
    }

    public override async Task UpdateDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var cmd = Sql.Command(Conn, Tx,
            "UPDATE daily_entries AS d SET \"Day\" = u.day, \"SubmittedAt\" = u.at, \"SubmittedBy\" = u.by, " +
            "\"SubmitterFullname\" = u.fullname, \"SubmitterAvatarUrl\" = u.avatar, \"Upvotes\" = u.upvotes, " +
            "\"CommentCount\" = u.comments, \"Trending\" = u.trending " +
            "FROM unnest(@paper, @day, @at, @by, @fullname, @avatar, @upvotes, @comments, @trending) " +
            "AS u(paper, day, at, by, fullname, avatar, upvotes, comments, trending) WHERE d.\"PaperId\" = u.paper");
        var c = (NpgsqlCommand)cmd;
        Array(c, "paper", NpgsqlDbType.Bigint, entries.Select(e => e.PaperId));
        Array(c, "day", NpgsqlDbType.Date, entries.Select(e => e.Day));
        Array(c, "at", NpgsqlDbType.TimestampTz, entries.Select(e => Utc(e.SubmittedAt)!.Value));
        Array(c, "by", NpgsqlDbType.Text, entries.Select(e => e.SubmittedBy));
        Array(c, "fullname", NpgsqlDbType.Text, entries.Select(e => e.SubmitterFullname));
        Array(c, "avatar", NpgsqlDbType.Text, entries.Select(e => e.SubmitterAvatarUrl));
        Array(c, "upvotes", NpgsqlDbType.Integer, entries.Select(e => e.Upvotes));
        Array(c, "comments", NpgsqlDbType.Integer, entries.Select(e => e.CommentCount));
        Array(c, "trending", NpgsqlDbType.Double, entries.Select(e => e.Trending));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override string InList(string column, DbCommand cmd, IReadOnlyCollection<string> values)
    {
        Array((NpgsqlCommand)cmd, "list", NpgsqlDbType.Text, values);
        return $"\"{column}\" = ANY(@list)";
    }

    protected override string InList(string column, DbCommand cmd, IReadOnlyCollection<long> values)
    {
        Array((NpgsqlCommand)cmd, "list", NpgsqlDbType.Bigint, values);
        return $"\"{column}\" = ANY(@list)";
    }

    private static void Array<T>(NpgsqlCommand cmd, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    private static void Time(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(DateTime.SpecifyKind(value.Value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
    }
}
