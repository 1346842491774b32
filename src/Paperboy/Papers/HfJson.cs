using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Paperboy.Papers;

// The JSON API speaks Hugging Face's field names and JSON types, so tools written for huggingface.co/papers
// work against Paperboy. Fields Hugging Face has and Paperboy cannot know (AI summaries and keywords, media,
// organizations, GitHub stars, follower counts, discussion ids) are left out rather than invented; what only
// Paperboy knows goes under "paperboy".

/// <summary>One item of <c>/api/daily_papers</c>.</summary>
public sealed record HfDailyPaper(
    HfPaper Paper,
    DateTime? PublishedAt,
    string Title,
    string Summary,
    // Paperboy renders no thumbnails; Hugging Face itself sends null for some papers, so clients handle it.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Thumbnail,
    int NumComments,
    HfSubmitter? SubmittedBy,
    bool IsAuthorParticipating);

/// <summary>The <c>paper</c> object, and the whole answer of <c>/api/papers/{id}</c>.</summary>
public sealed record HfPaper(
    string Id,
    List<HfAuthor> Authors,
    DateTime? PublishedAt,
    DateTime? SubmittedOnDailyAt,
    string Title,
    HfUser? SubmittedOnDailyBy,
    string Summary,
    int Upvotes,
    string? ProjectPage,
    string? GithubRepo,
    PaperboyExtra Paperboy);

public sealed record HfAuthor([property: JsonPropertyName("_id")] string Id, string Name, bool Hidden);

/// <summary><c>paper.submittedOnDailyBy</c>: Hugging Face's short user object.</summary>
public sealed record HfUser(
    [property: JsonPropertyName("_id")] string Id,
    string? AvatarUrl,
    bool IsPro,
    string Fullname,
    string User,
    string Type,
    string Name);

/// <summary>The top-level <c>submittedBy</c>: Hugging Face's longer user object.</summary>
public sealed record HfSubmitter(
    [property: JsonPropertyName("_id")] string Id,
    string? AvatarUrl,
    string Fullname,
    string Name,
    string Type,
    bool IsPro,
    bool IsHf,
    bool IsMod);

/// <summary>What Paperboy adds to Hugging Face's paper object, all in one place so no HF field is overloaded.</summary>
public sealed record PaperboyExtra(
    int Version,
    List<string> Categories,
    string AbsUrl,
    string PdfUrl,
    DateOnly? Day,
    DateTime? UpdatedAt,
    string? Comment,
    string? JournalRef,
    string? Doi);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(HfDateTimeConverter)])]
[JsonSerializable(typeof(List<HfDailyPaper>))]
[JsonSerializable(typeof(HfPaper))]
[JsonSerializable(typeof(List<HfPaper>))]
public sealed partial class HfJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Like Hugging Face, writes non-ASCII text as UTF-8 ("τ", "č") rather than \u escapes; characters that matter
    /// to HTML (&lt; &gt; &amp; ') are still escaped.
    /// </summary>
    public static HfJsonContext Api => s_api ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    private static HfJsonContext? s_api;
}

/// <summary>Hugging Face writes every time in UTC with milliseconds: <c>2025-05-30T17:59:01.000Z</c>.</summary>
public sealed class HfDateTimeConverter : System.Text.Json.Serialization.JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    // Stored times are UTC; SQLite hands them back without a kind, so only a Local kind needs converting.
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value)
            .ToString(Format, CultureInfo.InvariantCulture));
}
