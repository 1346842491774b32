using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Community.Collections;
using Paperboy.Community.Profiles;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Syndication;

/// <summary>The feeds of what members make: a public collection, and the papers a member submitted.</summary>
public static class MemberFeeds
{
    /// <summary>
    /// <c>/feeds/collections/{user}/{slug}.atom</c>: a public collection, most recently added first. A private
    /// collection is a 404 with the same words as one that does not exist, to anyone (a feed reader sends no
    /// cookie, and a feed's address gets shared), so the feed never tells that it exists.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CollectionAsync(string user, string slug,
        [AsParameters] FeedArgs args, AppDbContext db, CollectionService collections, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var owner = await PublicMember.FindAsync(db, user, ct);
        var collection = owner is null ? null : await collections.FindAsync(owner.Id, slug, ct);
        if (owner is null || collection is not { IsPublic: true })
            return FeedProblems.NotFound($"There is no public collection '{slug}' of a member named '{user}'.");
        var papers = (await collections.PapersAsync(collection.Id, ct)).Take(limit).Select(p => p.Paper).ToList();
        return args.Write(format, new PaperFeed(FeedLinks.Collection(owner.UserName, collection.Slug, collection.Name),
            collection.Description ?? $"Papers {owner.UserName} collected in “{collection.Name}”, most recently added first.",
            CollectionLinks.Collection(owner.UserName, collection.Slug), papers));
    }

    /// <summary><c>/feeds/users/{user}/submitted.atom</c>: the papers a member put on the feed, most recent first.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SubmittedAsync(string user,
        [AsParameters] FeedArgs args, AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        if (await PublicMember.FindAsync(db, user, ct) is not { } member)
            return FeedProblems.NotFound($"There is no member named '{user}'.");
        var papers = await ProfileQueries.SubmittedAsync(db, member.Id, 0, limit, ct);
        return args.Write(format, new PaperFeed(FeedLinks.Submitted(member.UserName),
            $"The papers {member.UserName} put on the feed, most recent first.",
            $"/users/{Uri.EscapeDataString(member.UserName)}?list=submitted", papers));
    }
}
