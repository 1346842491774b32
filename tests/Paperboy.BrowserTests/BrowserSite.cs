using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Paperboy.Community.Accounts;
using Paperboy.Community.Comments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paperboy.Data;
using Paperboy.Import;
using Paperboy.Web;

namespace Paperboy.BrowserTests;

/// <summary>
/// The real site on a loopback port with a fresh SQLite database, and a headless Debian Chromium driven by
/// Playwright. The clock is the real one: the browser judges cookie expiry by it. One per test, so tests never
/// see each other's data; Chromium starts once for all of them (<see cref="Chromium"/>).
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    public WebApplication App { get; }
    public string BaseUrl { get; }
    public string DataPath { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    private BrowserSite(WebApplication app, string baseUrl, string dataPath, IBrowserContext context, IPage page)
    {
        App = app; BaseUrl = baseUrl; DataPath = dataPath; Context = context; Page = page;
    }

    public static async Task<BrowserSite> StartAsync(ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 900,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var browser = await Chromium.GetAsync();
        var data = Directory.CreateTempSubdirectory("paperboy-browser-").FullName;
        var app = WebApp.Build(["--urls", "http://127.0.0.1:0"], new DataFolder(data), new DatabaseOptions(), b =>
        {
            // The embedding model only runs where a test asks for it: loading it costs every other test a core.
            var merged = new Dictionary<string, string?> { ["Paperboy:Search:Embed"] = "false" };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) merged[key] = value;
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(b.Configuration, merged);
        });
        await WebApp.MigrateAsync(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        // The port chosen by the system, now that the server listens.
        var url = app.Urls.First();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        return new BrowserSite(app, url, data, context, page);
    }

    /// <summary>Today in the site's time zone, the day new submissions land on.</summary>
    public DateOnly Today => App.Services.GetRequiredService<SiteOptions>().Today(TimeProvider.System);

    public async Task SeedAsync(params PaperRecord[] records)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await new PaperWriter(scope.ServiceProvider.GetRequiredService<AppDbContext>()).WriteAsync(records);
    }

    public const string Password = "correct horse battery";

    /// <summary>A member made directly through Identity (the sign-up page has its own test).</summary>
    public async Task CreateMemberAsync(string name, string? role = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = name, Email = $"{name}@example.org", EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (role is not null) await RoleSetup.GrantAsync(scope.ServiceProvider, user, role);
    }

    /// <summary>Signs in through the real form.</summary>
    public async Task SignInAsync(string name)
    {
        await Page.GotoAsync("/account/signin");
        await Page.GetByLabel("User name or email").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Comments written through the service the comment form calls (Markdown rendered and sanitised there).</summary>
    public async Task PostCommentsAsync(string userName, string arxivId, IEnumerable<string> bodies)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = db.Users.Single(u => u.UserName == userName).Id;
        var paperId = db.Papers.Single(p => p.ArxivId == arxivId).Id;
        var comments = scope.ServiceProvider.GetRequiredService<CommentService>();
        foreach (var body in bodies)
            Assert.NotNull(await comments.PostAsync(userId, paperId, null, body, CancellationToken.None));
    }

    /// <summary>A screenshot kept as test output in test-results/screenshots/NAME.png at the repository root.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots.Folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, name + ".png"), FullPage = false });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    public static PaperRecord Paper(string id, DateOnly day, int upvotes, string? title = null, string? abstractText = null) => new()
    {
        ArxivId = id,
        Version = 1,
        Title = title ?? $"Paper {id}",
        Abstract = abstractText ?? $"The abstract of paper {id}, which studies something worth reading about.",
        Authors = ["Ada Lovelace", "Alan Turing"],
        Categories = ["cs.LG", "cs.CL"],
        PublishedAt = day.AddDays(-1).ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc),
        Daily = new DailyRecord
        {
            Day = day,
            SubmittedAt = day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            SubmittedBy = "grace",
            Upvotes = upvotes,
        },
    };
}

public static class Screenshots
{
    /// <summary>$PAPERBOY_SCREENSHOTS, else test-results/screenshots beside the solution.</summary>
    public static string Folder => Environment.GetEnvironmentVariable("PAPERBOY_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(FindRoot(), "test-results", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Paperboy.slnx"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
