using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Community.Accounts;

public sealed class UserCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task UserCreate_MakesAConfirmedAdministrator_WhosePrintedPasswordWorks(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "user", "create", "root", "--email", "root@example.org", "--admin"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("Created root <root@example.org> as admin.", stdout);
        var password = Regex.Match(stdout, @"Password: (\S+)").Groups[1].Value;
        Assert.True(password.Length >= 16);
        await using var ctx = db.CreateContext();
        var user = await ctx.Users.SingleAsync(Ct);
        Assert.True(user.EmailConfirmed);
        var roles = await (from ur in ctx.UserRoles join r in ctx.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync(Ct);
        Assert.Equal([Roles.Admin], roles);
        var hasher = new PasswordHasher<User>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
    }

    [Fact]
    public async Task UserCreate_WithATakenName_ExitsWithAUsageError_AndAddsNobody()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        Assert.Equal(0, (await PaperboyProcess.RunAsync([.. db.CliArgs, "user", "create", "root", "--email", "root@example.org"])).ExitCode);

        var (code, _, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "user", "create", "root", "--email", "other@example.org"]);
        var (badCode, _, badStderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "user", "create", "no spaces", "--email", "x@example.org"]);

        Assert.Equal(2, code);
        Assert.Contains("error: That user name is taken.", stderr);
        Assert.Equal(2, badCode);
        Assert.Contains("letters, digits", badStderr);
        await using var ctx = db.CreateContext();
        Assert.Equal(1, await ctx.Users.CountAsync(Ct));
    }
}
