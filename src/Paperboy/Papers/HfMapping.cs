using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Papers;

/// <summary>Maps a <see cref="PaperView"/> to Hugging Face's JSON shapes.</summary>
public static class HfMapping
{
    public static HfDailyPaper ToDailyPaper(PaperView v) => new(
        ToPaper(v),
        // Hugging Face's top-level publishedAt is the same instant written as New York wall time with a "Z"
        // (07:23Z becomes 03:23Z); Paperboy sends the true instant, as in paper.publishedAt.
        v.PublishedAt,
        v.Title,
        v.Abstract,
        Thumbnail: null,
        NumComments: v.Feed?.CommentCount ?? 0,
        SubmittedBy: v.Feed?.SubmittedBy is { } user
            ? new HfSubmitter(HfId("user", user), v.Feed.SubmitterAvatarUrl, v.Feed.SubmitterFullname ?? user, user,
                "user", IsPro: false, IsHf: false, IsMod: false)
            : null,
        IsAuthorParticipating: false);

    public static HfPaper ToPaper(PaperView v) => new(
        v.ArxivId,
        v.Authors.Select((name, i) => new HfAuthor(HfId("author", $"{v.ArxivId}#{i}"), name, Hidden: false)).ToList(),
        v.PublishedAt,
        v.Feed?.SubmittedAt,
        v.Title,
        v.Feed?.SubmittedBy is { } user
            ? new HfUser(HfId("user", user), v.Feed.SubmitterAvatarUrl, IsPro: false, v.Feed.SubmitterFullname ?? user, user, "user", user)
            : null,
        v.Abstract,
        v.Feed?.Upvotes ?? 0,
        v.ProjectPage,
        v.GithubRepo,
        new PaperboyExtra(v.Version, v.Categories, v.AbsUrl, v.PdfUrl, v.Feed?.Day, v.UpdatedAt, v.Comment, v.JournalRef, v.Doi));

    /// <summary>
    /// A stable stand-in for a Hugging Face object id (24 hex digits) where Paperboy has no such id: the same
    /// author position or user name always gets the same value, and it means nothing beyond that.
    /// </summary>
    public static string HfId(string kind, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + key)).AsSpan(0, 12));
}
