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
        services.AddOptions<SmtpOptions>().Bind(config.GetSection(SmtpOptions.Section))
            .Validate(o => o.Port is >= 1 and <= 65535, "Paperboy:Mail:Smtp:Port must be 1..65535")
            .Validate(o => Enum.IsDefined(o.Security), "Paperboy:Mail:Smtp:Security must be None, StartTls or SslOnConnect")
            .Validate(o => o.Connections is >= 1 and <= 32, "Paperboy:Mail:Smtp:Connections must be 1..32")
            .Validate(o => double.IsFinite(o.MessagesPerSecond) && o.MessagesPerSecond >= 0,
                "Paperboy:Mail:Smtp:MessagesPerSecond must be zero (no limit) or more")
            .Validate(o => o.TimeoutSeconds > 0, "Paperboy:Mail:Smtp:TimeoutSeconds must be positive")
            .Validate(o => string.IsNullOrEmpty(o.UserName) == string.IsNullOrEmpty(o.Password),
                "Paperboy:Mail:Smtp:UserName and Password go together: set both or neither")
            .ValidateOnStart();
        services.AddSingleton<IMailSender>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return string.IsNullOrEmpty(smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupFolderSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpMailSender>(sp, smtp);
        });
        return services;
    }
}
