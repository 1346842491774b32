using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Import;
using Paperboy.Web;

namespace Paperboy.Demo;

/// <summary>
/// The sample papers behind <c>paperboy serve --demo</c>: real papers (titles, abstracts, authors and arXiv ids as
/// published) from a Hugging Face Daily Papers page, with made-up feed days, submitters and counts. Days are stored
/// as "days before today", so the demo always shows a current feed (with a gap, as weekends leave).
/// </summary>
public static class DemoData
{
    private const string Resource = "Paperboy.Demo.sample-papers.json";

    public static IReadOnlyList<DemoPaper> Load()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The sample papers ({Resource}) are missing from the build.");
        return JsonSerializer.Deserialize(stream, DemoJsonContext.Default.ListDemoPaper)
            ?? throw new InvalidOperationException("The sample papers file is empty.");
    }

    /// <summary>The sample papers as records, placed on days counted back from <paramref name="today"/>.</summary>
    public static List<PaperRecord> Records(DateOnly today, TimeZoneInfo zone) =>
        Load().Select(d =>
        {
            var day = today.AddDays(-d.DaysAgo);
            var local = day.ToDateTime(TimeOnly.ParseExact(d.SubmittedAt, "HH:mm", CultureInfo.InvariantCulture));
            return new PaperRecord
            {
                ArxivId = d.ArxivId, Version = d.Version, Title = d.Title, Abstract = d.Abstract, Authors = d.Authors,
                Categories = d.Categories, PublishedAt = d.PublishedAt, GithubRepo = d.GithubRepo, ProjectPage = d.ProjectPage,
                Comment = d.Comment,
                Daily = new DailyRecord
                {
                    Day = day,
                    SubmittedAt = TimeZoneInfo.ConvertTimeToUtc(local, zone),
                    SubmittedBy = d.SubmittedBy,
                    SubmitterFullname = d.SubmitterFullname,
                    Upvotes = d.Upvotes,
                    CommentCount = d.Comments,
                },
            };
        }).ToList();

    /// <summary>The demo's administrator, so a newcomer can try voting, commenting and moderation at once.</summary>
    public const string DemoUser = "demo";
    public const string DemoPassword = "demo-password";

    /// <summary>Writes the sample papers through the same writer every import uses, and adds the demo administrator.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var site = scope.ServiceProvider.GetRequiredService<SiteOptions>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var writer = new PaperWriter(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        await writer.WriteAsync(Records(site.Today(clock), site.Zone), ct: ct);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var demo = new User { UserName = DemoUser, Email = "demo@example.org", EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(demo, DemoPassword);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await RoleSetup.GrantAsync(scope.ServiceProvider, demo, Roles.Admin);
    }
}

public sealed record DemoPaper(
    string ArxivId, int Version, string Title, string Abstract, List<string> Authors, List<string> Categories,
    DateTime? PublishedAt, string? GithubRepo, string? ProjectPage, string? Comment,
    int DaysAgo, string SubmittedAt, string SubmittedBy, string SubmitterFullname, int Upvotes, int Comments);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<DemoPaper>))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
