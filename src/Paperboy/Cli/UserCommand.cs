using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Paperboy.Community.Accounts;
using Paperboy.Web;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy user create NAME --email E [--admin | --moderator] [--password-stdin]</c>: adds a member from the
/// command line, the way the first administrator comes to exist. Without <c>--password-stdin</c> a random
/// password is made and printed once.
/// </summary>
public static class UserCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "User name (letters, digits, '-' and '_')" };
        var email = new Option<string>("--email") { Description = "Email address", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator" };
        var moderator = new Option<bool>("--moderator") { Description = "Make the user a moderator" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var create = new Command("create", "Create a member, already confirmed") { name, email, admin, moderator, passwordStdin };
        create.SetAction(async (r, ct) =>
        {
            var password = r.GetValue(passwordStdin) ? Console.In.ReadLine() ?? "" : RandomPassword();
            var app = WebApp.Build([], CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
            await WebApp.MigrateAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var user = new User
            {
                UserName = r.GetValue(name), Email = r.GetValue(email), EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors) Console.Error.WriteLine($"error: {Wording.Identity(e)}");
                return ExitCodes.Usage;
            }
            var role = r.GetValue(admin) ? Roles.Admin : r.GetValue(moderator) ? Roles.Moderator : null;
            if (role is not null) await RoleSetup.GrantAsync(scope.ServiceProvider, user, role);
            Console.WriteLine($"Created {user.UserName} <{user.Email}>{(role is null ? "" : $" as {role}")}.");
            if (!r.GetValue(passwordStdin)) Console.WriteLine($"Password: {password}  (shown once; change it after signing in)");
            return ExitCodes.Ok;
        });
        return new Command("user", "Manage members") { create };
    }

    private static string RandomPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
