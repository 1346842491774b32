using Microsoft.AspNetCore.Identity;

namespace Paperboy.Community.Accounts;

public static class RoleSetup
{
    /// <summary>Gives <paramref name="user"/> a role, creating the role on first use.</summary>
    public static async Task GrantAsync(IServiceProvider services, User user, string role)
    {
        var roles = services.GetRequiredService<RoleManager<Role>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new Role(role));
        var users = services.GetRequiredService<UserManager<User>>();
        if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
    }
}
