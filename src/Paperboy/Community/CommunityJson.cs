using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Paperboy.Community.Comments;
using Paperboy.Community.Submissions;
using Paperboy.Community.Votes;
using Paperboy.Papers;

namespace Paperboy.Community;

/// <summary>
/// The JSON of the community API (votes, submissions, comments): camelCase names, times written as in the
/// Hugging Face shapes (UTC with milliseconds), nulls written out so that every documented field is always there.
/// Requests match field names in any case.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(HfDateTimeConverter)])]
[JsonSerializable(typeof(VoteAnswer))]
[JsonSerializable(typeof(SubmitRequest))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(ApiComment))]
[JsonSerializable(typeof(ApiCommentThread))]
public sealed partial class CommunityJson : JsonSerializerContext
{
    /// <summary>Non-ASCII text as UTF-8, as <see cref="HfJsonContext.Api"/> writes it.</summary>
    public static CommunityJson Api => s_api ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    private static CommunityJson? s_api;
}
