using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Profiles;

public class SettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Page = "/account/settings";

    /// <summary>The link in the newest mail of the pickup folder that was sent to <paramref name="to"/>.</summary>
    private static string LinkMailedTo(TestSite site, string to, string path)
    {
        var folder = Path.Combine(site.Database.Data.Path, "mail");
        var mail = Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).Last(m => m.Contains("To: " + to) || m.Contains("<" + to + ">"));
        var link = Regex.Match(mail.Replace("=\r\n", "").Replace("=\n", ""), $@"http://localhost{Regex.Escape(path)}\?[^\s""<]+").Value;
        Assert.False(string.IsNullOrEmpty(link), "no link in the mail");
        return System.Net.WebUtility.HtmlDecode(link.Replace("=3D", "=")).Replace("http://localhost", "");
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ChangeEmail_MailsTheNewAddress_AndTheLinkMovesTheAccount(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var asked = await alice.PostAsync(Page + "?handler=email", new() { ["email"] = "alice@new.example" });
        await using (var db = site.Database.CreateContext())
            Assert.Equal("alice@example.org", await db.Users.Select(u => u.Email).SingleAsync(Ct));
        var link = LinkMailedTo(site, "alice@new.example", "/account/confirm-email");
        var confirmed = await alice.GetStringAsync(link);
        var settings = await alice.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("We mailed a link to alice@new.example.", asked.Body);
        Assert.Contains("Your account now uses alice@new.example.", confirmed);
        Assert.Contains("<strong>alice@new.example</strong> (confirmed).", settings);
        await using var after = site.Database.CreateContext();
        var stored = await after.Users.Select(u => new { u.Email, u.EmailConfirmed }).SingleAsync(Ct);
        Assert.Equal(("alice@new.example", true), (stored.Email, stored.EmailConfirmed));
    }

    [Fact]
    public async Task ChangeEmail_ToATakenOrBadAddress_Is400()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await MemberBrowser.SignUpAsync(site, "bob");

        var taken = await alice.PostAsync(Page + "?handler=email", new() { ["email"] = "bob@example.org" });
        var bad = await alice.PostAsync(Page + "?handler=email", new() { ["email"] = "not an address" });
        var noToken = await alice.PostAsync(Page + "?handler=email", new() { ["email"] = "alice@elsewhere.example" }, token: false);

        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Contains("An account with that email address exists already.", taken.Body);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("That is not an email address.", bad.Body);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ChangePassword_NeedsTheCurrentOne_AndTheNewOneSignsIn(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var wrong = await alice.PostAsync(Page + "?handler=password", new() { ["current"] = "not my password", ["password"] = "a brand new secret" });
        var changed = await alice.PostAsync(Page + "?handler=password", new() { ["current"] = "correct horse battery", ["password"] = "a brand new secret" });
        var stillSignedIn = await alice.GetAsync(Page);
        var fresh = MemberBrowser.Anonymous(site);
        var signIn = await fresh.PostAsync("/account/signin", new() { ["Form.Name"] = "alice", ["Form.Password"] = "a brand new secret" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("Your current password is not right.", wrong.Body);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Contains("Your password is changed.", changed.Body);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
    }

    [Fact]
    public async Task ResendConfirmation_MailsANewLink_UntilTheAddressIsConfirmed()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var resent = await alice.PostAsync(Page + "?handler=resend", []);
        var link = LinkMailedTo(site, "alice@example.org", "/account/confirm");
        await alice.GetStringAsync(link);
        var again = await alice.PostAsync(Page + "?handler=resend", []);

        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.Contains("We mailed a new confirmation link to alice@example.org.", resent.Body);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(site.Database.Data.Path, "mail"), "*.eml").Length);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("Your address is confirmed already.", again.Body);
    }

    [Fact]
    public async Task Settings_Anonymous_IsSentToSignIn()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);

        using var response = await MemberBrowser.Anonymous(site).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
    }
}
