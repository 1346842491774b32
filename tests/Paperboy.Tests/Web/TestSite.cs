using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Web;

namespace Paperboy.Tests.Web;

/// <summary>
/// The real web application on a fresh test database, served in memory, with a fake clock. Tests talk to it
/// over HTTP only; they seed data through <see cref="PaperWriter"/>, the door every import uses.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    /// <summary>"Now" for every test unless it says otherwise: the afternoon of 2025-06-04 in New York.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2025, 6, 4, 18, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public HttpClient Client { get; }
    private readonly WebApplication _app;
    private readonly bool _ownsDatabase;

    private TestSite(TestDatabase database, FakeTimeProvider clock, WebApplication app, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        Clock = clock;
        _app = app;
        Client = app.GetTestClient();
    }

    /// <summary>The application's services, for arranging what the site itself cannot (roles, a ban).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The in-memory server, for clients that keep cookies (<see cref="WebSession"/>).</summary>
    public TestServer Server => _app.GetTestServer();

    /// <summary>
    /// Starts the site; <paramref name="settings"/> are configuration keys such as <c>Paperboy:Accounts:RequireConfirmedEmail</c>.
    /// Given another site's <paramref name="database"/>, the new site is a second node (or the same one restarted) and
    /// leaves the database to its owner. <paramref name="services"/> may replace the site's services with test doubles.
    /// </summary>
    public static async Task<TestSite> StartAsync(Engine engine, DateTimeOffset? now = null,
        IReadOnlyDictionary<string, string?>? settings = null, TestDatabase? database = null,
        Action<IServiceCollection>? services = null)
    {
        var owns = database is null;
        database ??= await TestDatabase.CreateAsync(engine);
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var app = WebApp.Build([], database.Data, database.Options, b =>
        {
            b.WebHost.UseTestServer();
            b.Services.AddSingleton<TimeProvider>(clock);
            // Loading an embedding model costs a second and a few hundred MB: only search tests that ask for it do.
            // Digests go out when a test runs a round itself, not on the server's own schedule.
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Paperboy:Search:Embed"] = "false",
                ["Paperboy:Digests:Send"] = "false",
            });
            if (settings is not null) b.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(b.Services);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestSite(database, clock, app, owns);
    }

    public async Task SeedAsync(params PaperRecord[] records)
    {
        await using var db = Database.CreateContext();
        await new PaperWriter(db).WriteAsync(records, ct: TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url, TestContext.Current.CancellationToken);

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A paper on the feed of <paramref name="day"/>; the rest of its fields are plausible defaults.</summary>
    public static PaperRecord Paper(string id, DateOnly day, int upvotes, string? title = null, DateTime? publishedAt = null,
        List<string>? authors = null, int version = 1) => new()
    {
        ArxivId = id,
        Version = version,
        Title = title ?? $"Paper {id}",
        Abstract = $"The abstract of paper {id}.",
        Authors = authors ?? ["Ada Lovelace", "Alan Turing"],
        Categories = ["cs.LG", "stat.ML"],
        PublishedAt = publishedAt ?? day.AddDays(-2).ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc),
        Daily = new DailyRecord
        {
            Day = day,
            SubmittedAt = day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            SubmittedBy = "ada",
            SubmitterFullname = "Ada L.",
            Upvotes = upvotes,
            CommentCount = 1,
        },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
    }
}
