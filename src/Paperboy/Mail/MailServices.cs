using Microsoft.Extensions.Options;

namespace Paperboy.Mail;

public static class MailServices
{
    public static IServiceCollection AddPaperboyMail(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MailOptions>().Bind(config.GetSection(MailOptions.Section))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Paperboy:Mail:From is not an email address")
            .Validate(o => string.IsNullOrEmpty(o.PublicUrl) || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _),
                "Paperboy:Mail:PublicUrl is not an absolute URL")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton<IMailSender, PickupFolderSender>();
        return services;
    }
}
