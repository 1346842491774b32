using System.Net;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Collections;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Collections;

public class CollectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 3);

    private static async Task<(HttpStatusCode Status, string Body, string? Location)> CreateAsync(MemberBrowser member, string name,
        string description = "", bool isPublic = true) =>
        await member.PostAsync($"/collections/{member.Name}", new()
        {
            ["Name"] = name, ["Description"] = description, ["IsPublic"] = isPublic ? "true" : "false",
        });

    private static Task<(HttpStatusCode Status, string Body, string? Location)> AddAsync(MemberBrowser member, long collection,
        string paper, string note = "", string? formPage = null) =>
        member.PostAsync("/collection-items", new() { ["collection"] = collection.ToString(), ["paper"] = paper, ["note"] = note },
            formPage: formPage ?? "/papers/" + paper);

    private static async Task<long> IdOfAsync(TestSite site, string slug)
    {
        await using var db = site.Database.CreateContext();
        return await db.Collections.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync(Ct);
    }

    private static async Task<TestSite> SiteWithPapersAsync(Engine engine, params string[] settings)
    {
        var site = await CommunitySite.StartAsync(engine, settings: settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Day, 5, "First paper"), TestSite.Paper("2506.00002", Day, 3, "Second paper"));
        return site;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Create_SlugComesFromTheName_AndIsUniquePerMember(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        var bob = await MemberBrowser.SignUpAsync(site, "bob");

        var first = await CreateAsync(alice, "Reading List");
        var second = await CreateAsync(alice, "reading list!");
        var third = await CreateAsync(alice, "Reading -- List");
        var accents = await CreateAsync(alice, "Diffusión & Flows, 2025");
        var nonLatin = await CreateAsync(alice, "論文");
        var bobs = await CreateAsync(bob, "Reading List");

        Assert.Equal("/collections/alice/reading-list", first.Location);
        Assert.Equal("/collections/alice/reading-list-2", second.Location);
        Assert.Equal("/collections/alice/reading-list-3", third.Location);
        Assert.Equal("/collections/alice/diffusion-flows-2025", accents.Location);
        Assert.Equal("/collections/alice/collection", nonLatin.Location);
        Assert.Equal("/collections/bob/reading-list", bobs.Location);
        var page = await MemberBrowser.Anonymous(site).GetStringAsync("/collections/alice/reading-list-2");
        Assert.Contains("<h1>reading list!</h1>", page);
    }

    [Fact]
    public void Slugs_AreLowerCaseAsciiWithSingleHyphens()
    {
        Assert.Equal("attention-is-all-you-need", CollectionSlugs.FromName("  Attention Is All You Need  "));
        Assert.Equal("cafe-creme", CollectionSlugs.FromName("Café—Crème"));
        Assert.Equal("ecole-strasse", CollectionSlugs.FromName("École Straße"));
        Assert.Equal("collection", CollectionSlugs.FromName("<>!?"));
        Assert.True(CollectionSlugs.FromName(new string('a', 200)).Length <= CollectionSlugs.MaxLength - 8);
        Assert.Equal("x-4", CollectionSlugs.Unique("x", new HashSet<string> { "x", "x-2", "x-3" }));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Items_AreAddedWithANote_NoteEdited_AndRemoved(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await CreateAsync(alice, "To read");
        var id = await IdOfAsync(site, "to-read");
        var paperPage = await alice.GetStringAsync("/papers/2506.00001");
        Assert.Contains("Save to collection", paperPage);
        Assert.Contains($"<option value=\"{id}\">To read</option>", paperPage);

        var added = await AddAsync(alice, id, "2506.00001", "Read section 3 first.");
        await AddAsync(alice, id, "2506.00002");
        var page = await MemberBrowser.Anonymous(site).GetStringAsync("/collections/alice/to-read");

        Assert.Equal((HttpStatusCode.Redirect, "/collections/alice/to-read"), (added.Status, added.Location));
        Assert.Contains("First paper", page);
        Assert.Contains("Second paper", page);
        Assert.Contains("<p class=\"collection-note\">Read section 3 first.</p>", page);
        Assert.DoesNotContain("Save note", page); // the tools are the owner's

        var noted = await alice.PostAsync("/collections/alice/to-read?handler=note", new() { ["paper"] = "2506.00001", ["note"] = "Skip it." },
            formPage: "/collections/alice/to-read");
        var removed = await alice.PostAsync("/collections/alice/to-read?handler=remove", new() { ["paper"] = "2506.00002" },
            formPage: "/collections/alice/to-read");
        page = await alice.GetStringAsync("/collections/alice/to-read");

        Assert.Equal(HttpStatusCode.Redirect, noted.Status);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Contains("<p class=\"collection-note\">Skip it.</p>", page);
        Assert.DoesNotContain("Second paper", page);
        await using var db = site.Database.CreateContext();
        Assert.Equal(1, await db.CollectionItems.CountAsync(i => i.CollectionId == id, Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Update_RenamesKeepsTheSlug_ChangesVisibility_AndDeleteRemovesIt(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await CreateAsync(alice, "Drafts");
        await AddAsync(alice, await IdOfAsync(site, "drafts"), "2506.00001");

        var updated = await alice.PostAsync("/collections/alice/drafts?handler=update",
            new() { ["name"] = "Best of June", ["description"] = "Papers worth it.", ["isPublic"] = "false" }, formPage: "/collections/alice/drafts");
        var ownerView = await alice.GetStringAsync("/collections/alice/drafts");
        using var hidden = await MemberBrowser.Anonymous(site).GetAsync("/collections/alice/drafts");
        var deleted = await alice.PostAsync("/collections/alice/drafts?handler=delete", [], formPage: "/collections/alice/drafts");
        using var gone = await alice.GetAsync("/collections/alice/drafts");

        Assert.Equal((HttpStatusCode.Redirect, "/collections/alice/drafts"), (updated.Status, updated.Location));
        Assert.Contains("<h1>Best of June</h1>", ownerView);
        Assert.Contains("Papers worth it.", ownerView);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/collections/alice"), (deleted.Status, deleted.Location));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.CollectionItems.AnyAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PrivateCollection_Is404ToOthers_AndListedOnlyForItsOwner(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        var bob = await MemberBrowser.SignUpAsync(site, "bob");
        await CreateAsync(alice, "Secret stash", isPublic: false);
        await CreateAsync(alice, "Open shelf");

        using var toBob = await bob.GetAsync("/collections/alice/secret-stash");
        using var toAnonymous = await MemberBrowser.Anonymous(site).GetAsync("/collections/alice/secret-stash");
        var toAlice = await alice.GetStringAsync("/collections/alice/secret-stash");
        var bobsList = await bob.GetStringAsync("/collections/alice");
        var alicesList = await alice.GetStringAsync("/collections/alice");
        var bobWrites = await bob.PostAsync("/collections/alice/secret-stash?handler=delete", [], formPage: "/collections/bob");

        Assert.Equal(HttpStatusCode.NotFound, toBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toAnonymous.StatusCode);
        Assert.Contains("<h1>Secret stash</h1>", toAlice);
        Assert.DoesNotContain("Secret stash", bobsList);
        Assert.Contains("Open shelf", bobsList);
        Assert.Contains("Secret stash", alicesList);
        Assert.Equal(HttpStatusCode.NotFound, bobWrites.Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task OthersCannotModifyACollection_403(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        var bob = await MemberBrowser.SignUpAsync(site, "bob");
        await CreateAsync(alice, "Mine");
        var id = await IdOfAsync(site, "mine");
        await AddAsync(alice, id, "2506.00001", "alice's note");
        const string Page = "/collections/alice/mine";
        // Alice's page shows bob no forms; his token (tied to him, not to a page) comes from his own list.
        const string Bobs = "/collections/bob";

        var rename = await bob.PostAsync(Page + "?handler=update", new() { ["name"] = "Bob's now", ["isPublic"] = "true" }, formPage: Bobs);
        var note = await bob.PostAsync(Page + "?handler=note", new() { ["paper"] = "2506.00001", ["note"] = "bob was here" }, formPage: Bobs);
        var remove = await bob.PostAsync(Page + "?handler=remove", new() { ["paper"] = "2506.00001" }, formPage: Bobs);
        var delete = await bob.PostAsync(Page + "?handler=delete", [], formPage: Bobs);
        var add = await AddAsync(bob, id, "2506.00002", formPage: Bobs);
        var create = await bob.PostAsync("/collections/alice", new() { ["Name"] = "Planted" }, formPage: "/collections/bob");

        Assert.All([rename, note, remove, delete, add, create], r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        Assert.Contains("Only the owner can change this collection.", rename.Body);
        await using var db = site.Database.CreateContext();
        var collection = await db.Collections.SingleAsync(Ct);
        Assert.Equal("Mine", collection.Name);
        Assert.Equal("alice's note", (await db.CollectionItems.SingleAsync(Ct)).Note);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BannedMember_CannotCreateOrAdd_403(Engine engine)
    {
        await using var site = await SiteWithPapersAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await CreateAsync(alice, "Mine");
        var id = await IdOfAsync(site, "mine");
        await alice.BanAsync();

        var create = await CreateAsync(alice, "Another");
        var add = await AddAsync(alice, id, "2506.00001");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (create.Status, add.Status));
        Assert.Contains("Your account is banned", create.Body);
        await using var db = site.Database.CreateContext();
        Assert.Equal(1, await db.Collections.CountAsync(Ct));
        Assert.False(await db.CollectionItems.AnyAsync(Ct));
    }

    [Fact]
    public async Task OverLongNameDescriptionOrNote_Is400WithAMessage_AndNoAntiforgeryTokenIs400()
    {
        await using var site = await SiteWithPapersAsync(Engine.Sqlite);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var longName = await CreateAsync(alice, new string('n', CollectionRules.MaxName + 1));
        var emptyName = await CreateAsync(alice, "   ");
        var longDescription = await CreateAsync(alice, "Fine", new string('d', CollectionRules.MaxDescription + 1));
        var exact = await CreateAsync(alice, new string('n', CollectionRules.MaxName));
        await CreateAsync(alice, "Notes");
        var longNote = await AddAsync(alice, await IdOfAsync(site, "notes"), "2506.00001", new string('x', CollectionRules.MaxNote + 1));
        var noToken = await alice.PostAsync("/collections/alice", new() { ["Name"] = "Sneaky" }, token: false);

        Assert.Equal(HttpStatusCode.BadRequest, longName.Status);
        Assert.Contains("A collection&#x27;s name has at most 100 characters; this one has 101.", longName.Body);
        Assert.Equal(HttpStatusCode.BadRequest, emptyName.Status);
        Assert.Contains("Give the collection a name.", emptyName.Body);
        Assert.Equal(HttpStatusCode.BadRequest, longDescription.Status);
        Assert.Contains("A description has at most 2,000 characters", longDescription.Body);
        Assert.Equal(HttpStatusCode.Redirect, exact.Status);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.Status);
        Assert.Contains("A note has at most 2,000 characters", longNote.Body);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        await using var db = site.Database.CreateContext();
        Assert.Equal(2, await db.Collections.CountAsync(Ct));
        Assert.False(await db.CollectionItems.AnyAsync(Ct));
    }

    [Fact]
    public async Task XssInNamesDescriptionsAndNotes_IsShownEncoded()
    {
        // Two writes per payload: more than the default limit of writes a minute.
        await using var site = await SiteWithPapersAsync(Engine.Sqlite, "Paperboy:RateLimits:Other:Permits=1000", "Paperboy:RateLimits:Other:WindowSeconds=60");
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        var anonymous = MemberBrowser.Anonymous(site);
        foreach (var payload in XssPayloads.All)
        {
            var created = await CreateAsync(alice, payload, description: payload);
            Assert.Equal(HttpStatusCode.Redirect, created.Status);
            var slug = created.Location!.Split('/')[^1];
            await AddAsync(alice, await IdOfAsync(site, slug), "2506.00001", payload);
            var page = await anonymous.GetStringAsync(created.Location);
            SafeHtml.AssertPageInert(page);
            Assert.Contains($"<h1>{HtmlEncoder.Default.Encode(payload)}</h1>", page);
            Assert.Contains($"<p class=\"collection-note\">{HtmlEncoder.Default.Encode(payload)}</p>", page);
        }
        SafeHtml.AssertPageInert(await anonymous.GetStringAsync("/collections/alice"));
        SafeHtml.AssertPageInert(await anonymous.GetStringAsync("/users/alice"));
        SafeHtml.AssertPageInert(await alice.GetStringAsync("/papers/2506.00001"));
    }
}
