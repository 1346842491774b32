using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Paperboy.Data;

namespace Paperboy.Community.Accounts;

public static class AccountServices
{
    /// <summary>User names appear in URLs (<c>/users/{name}</c>): letters, digits, '-' and '_' only.</summary>
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    public const int MinUserName = 2;
    public const int MaxUserName = 32;
    public const int MinPassword = 8;

    public static IServiceCollection AddPaperboyAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AccountOptions>().Bind(config.GetSection(AccountOptions.Section))
            .Validate(o => o.MaxFailedSignIns > 0 && o.LockoutMinutes > 0, "Paperboy:Accounts lockout settings must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccountOptions>>().Value);
        services.AddIdentity<User, Role>(o =>
            {
                // Length over composition rules, as NIST SP 800-63B recommends.
                o.Password.RequiredLength = MinPassword;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = UserNameCharacters;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        // Read when first needed, so that configuration added after this call (tests, hosts) still counts.
        services.AddOptions<IdentityOptions>().Configure<AccountOptions>((o, accounts) =>
        {
            o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            o.SignIn.RequireConfirmedEmail = accounts.RequireConfirmedEmail;
        });
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "paperboy.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = true;
        });
        // A ban or a password change reaches every signed-in browser within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<AccountMail>();
        services.AddScoped<Members>();
        return services;
    }
}
