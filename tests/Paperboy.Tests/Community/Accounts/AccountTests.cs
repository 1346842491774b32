using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paperboy.Community.Accounts;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Accounts;

public sealed partial class AccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SignUp_SignsIn_StoresAHashedPassword_AndMailsAConfirmationLinkThatWorks(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var ada = new WebSession(site);

        using var signedUp = await ada.SignUpAsync("ada", "ada@example.org");

        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.Contains("/users/ada", await ada.GetStringAsync("/papers"));
        await using (var db = site.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "ada", Ct);
            Assert.False(user.EmailConfirmed);
            Assert.DoesNotContain(WebSession.Password, user.PasswordHash);
            Assert.StartsWith("AQAAAA", user.PasswordHash); // Identity's versioned PBKDF2 format
        }
        var mail = Assert.Single(Mailbox(site));
        Assert.Equal("ada@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Confirm", mail.Subject);
        Assert.NotNull(mail.HtmlBody);

        using var confirmed = await ada.GetAsync(LinkIn(mail));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Email confirmed", await confirmed.Content.ReadAsStringAsync(Ct));
        await using (var db = site.Database.CreateContext())
            Assert.True((await db.Users.SingleAsync(u => u.UserName == "ada", Ct)).EmailConfirmed);
    }

    [Fact]
    public async Task Confirmation_WithATamperedToken_IsA400Page()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var ada = new WebSession(site);
        await ada.SignUpAsync("ada");
        var link = LinkIn(Assert.Single(Mailbox(site)));

        using var response = await ada.GetAsync(link.Replace("token=", "token=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("a", "ada@example.org", "correct horse battery", "2 to 32 characters")]
    [InlineData("ada lovelace", "ada@example.org", "correct horse battery", "letters, digits")]
    [InlineData("<script>", "ada@example.org", "correct horse battery", "letters, digits")]
    [InlineData("ada", "not-an-address", "correct horse battery", "not an email address")]
    [InlineData("ada", "ada@example.org", "short", "8 to 200 characters")]
    public async Task SignUp_WithBadInput_Is400_WithTheReason(string name, string email, string password, string reason)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        using var response = await visitor.SignUpAsync(name, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(reason, html);
        Assert.DoesNotContain("<script>", html);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SignUp_WithATakenNameOrEmail_IsRefused(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using (var first = new WebSession(site)) await first.SignUpAsync("ada", "ada@example.org");
        using var second = new WebSession(site);

        using var sameName = await second.SignUpAsync("ADA", "other@example.org");
        using var sameEmail = await second.SignUpAsync("grace", "Ada@Example.org");

        Assert.Equal(HttpStatusCode.BadRequest, sameName.StatusCode);
        Assert.Contains("That user name is taken", await sameName.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, sameEmail.StatusCode);
        Assert.Contains("exists already", await sameEmail.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SignIn_ByNameOrEmail_AndSignOut()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using (var member = await WebSession.MemberAsync(site, "ada")) { }
        using var ada = new WebSession(site);

        using var byEmail = await ada.SignInAsync("ada@example.org");
        Assert.Equal(HttpStatusCode.Redirect, byEmail.StatusCode);
        Assert.Contains("Sign out", await ada.GetStringAsync("/papers"));

        using var signedOut = await ada.PostFormAsync("/papers", "/account/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("Sign in", await ada.GetStringAsync("/papers"));
        Assert.DoesNotContain("Sign out", await ada.GetStringAsync("/papers"));
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSo_WithoutSayingWhichPartWasWrong()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using (await WebSession.MemberAsync(site, "ada")) { }
        using var visitor = new WebSession(site);

        using var wrongPassword = await visitor.SignInAsync("ada", "not the password");
        using var unknownUser = await visitor.SignInAsync("nobody", "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Contains("Wrong user name or password", await wrongPassword.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Wrong user name or password", await unknownUser.Content.ReadAsStringAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RepeatedFailedSignIns_LockTheAccount_UntilAPasswordReset(Engine engine)
    {
        // The per-address rate limit would stop the attempts first: every test visitor has the same address.
        await using var site = await TestSite.StartAsync(engine,
            settings: new Dictionary<string, string?> { ["Paperboy:RateLimits:SignIn:Permits"] = "100" });
        using (await WebSession.MemberAsync(site, "ada")) { }
        using var attacker = new WebSession(site);
        for (var i = 0; i < 5; i++)
            (await attacker.SignInAsync("ada", $"guess {i} guess")).Dispose();

        using var rightPassword = await attacker.SignInAsync("ada");

        Assert.Equal(HttpStatusCode.BadRequest, rightPassword.StatusCode);
        Assert.Contains("locked for 15 more minutes", await rightPassword.Content.ReadAsStringAsync(Ct));

        using var ada = new WebSession(site);
        using var asked = await ada.PostFormAsync("/account/forgot", "/account/forgot", [new("Email", "ada@example.org")]);
        Assert.Contains("reset link is on its way", await asked.Content.ReadAsStringAsync(Ct));
        var reset = LinkIn(Assert.Single(Mailbox(site), m => m.Subject?.Contains("Reset") == true));
        using var changed = await ada.PostFormAsync(reset, reset, [new("Password", "a brand new passphrase")]);
        Assert.Contains("Your password is changed", await changed.Content.ReadAsStringAsync(Ct));

        using var oldPassword = await ada.SignInAsync("ada");
        using var newPassword = await ada.SignInAsync("ada", "a brand new passphrase");
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownAddress_AnswersTheSame_AndSendsNothing()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        using var response = await visitor.PostFormAsync("/account/forgot", "/account/forgot", [new("Email", "nobody@example.org")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("reset link is on its way", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(Mailbox(site));
    }

    [Fact]
    public async Task WhenConfirmationIsRequired_SignInWaitsForTheLink()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite,
            settings: new Dictionary<string, string?> { ["Paperboy:Accounts:RequireConfirmedEmail"] = "true" });
        using var ada = new WebSession(site);

        using var signedUp = await ada.SignUpAsync("ada");
        Assert.Equal("/account/check-mail", signedUp.Headers.Location?.OriginalString);
        using var early = await ada.SignInAsync("ada");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Confirm your email address first", await early.Content.ReadAsStringAsync(Ct));

        (await ada.GetAsync(LinkIn(Assert.Single(Mailbox(site))))).Dispose();
        using var after = await ada.SignInAsync("ada");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Forms_PostedWithoutTheAntiforgeryToken_Are400()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        using var signUp = await visitor.PostWithoutTokenAsync("/account/signup",
            [new("Form.UserName", "ada"), new("Form.Email", "ada@example.org"), new("Form.Password", WebSession.Password)]);
        using var signIn = await visitor.PostWithoutTokenAsync("/account/signin", [new("Form.Name", "ada"), new("Form.Password", "x")]);

        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Fact]
    public async Task SignIn_IsRateLimited_With429AndRetryAfter()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Paperboy:RateLimits:SignIn:Permits"] = "3",
            ["Paperboy:RateLimits:SignIn:WindowSeconds"] = "60",
        });
        using var visitor = new WebSession(site);
        var token = await visitor.TokenAsync("/account/signin");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await visitor.Client.PostAsync("/account/signin", new FormUrlEncodedContent(
                [new("Form.Name", "ada"), new("Form.Password", "wrong wrong"), new("__RequestVerificationToken", token)]), Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Contains("Too many requests", await last.Content.ReadAsStringAsync(Ct));
        last.Dispose();
    }

    [Fact]
    public async Task SignUp_CanBeClosed()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite,
            settings: new Dictionary<string, string?> { ["Paperboy:Accounts:AllowSignUp"] = "false" });
        using var visitor = new WebSession(site);

        using var page = await visitor.GetAsync("/account/signup");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    internal static List<MimeMessage> Mailbox(TestSite site)
    {
        var folder = Path.Combine(site.Database.Data.Path, "mail");
        return !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>The site-relative link in a message's plain text.</summary>
    internal static string LinkIn(MimeMessage mail)
    {
        var url = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        return url.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
