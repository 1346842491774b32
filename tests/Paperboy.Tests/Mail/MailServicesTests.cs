using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperboy.Mail;
using Paperboy.Tests.Community.Accounts;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Mail;

public sealed class MailServicesTests
{
    [Fact]
    public async Task WithoutAnSmtpHost_MailGoesToThePickupFolder()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        Assert.IsType<PickupFolderSender>(site.Services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public async Task WithAnSmtpHost_TheSiteMailsThroughIt()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: smtp.Settings);
        using var ada = new WebSession(site);

        await ada.SignUpAsync("ada", "ada@example.org");

        Assert.IsType<SmtpMailSender>(site.Services.GetRequiredService<IMailSender>());
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal(["ada@example.org"], mail.Recipients);
        Assert.Contains("Confirm", mail.Message.Subject);
        Assert.Empty(AccountTests.Mailbox(site));
    }

    [Theory]
    [InlineData("Port", "0", "Port must be 1..65535")]
    [InlineData("Port", "70000", "Port must be 1..65535")]
    [InlineData("Security", "Auto", "Security")]
    [InlineData("Connections", "0", "Connections must be 1..32")]
    [InlineData("Connections", "33", "Connections must be 1..32")]
    [InlineData("MessagesPerSecond", "-1", "MessagesPerSecond must be zero (no limit) or more")]
    [InlineData("TimeoutSeconds", "0", "TimeoutSeconds must be positive")]
    [InlineData("UserName", "paperboy", "UserName and Password go together")]
    public void BadSmtpSettings_AreRefused_WithAMessageNamingThem(string key, string value, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paperboy:Mail:Smtp:Host"] = "smtp.example.org",
            [$"Paperboy:Mail:Smtp:{key}"] = value,
        }).Build();
        using var services = new ServiceCollection().AddPaperboyMail(config).BuildServiceProvider();

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);

        Assert.Contains(expected, failure.Message);
        Assert.Contains("Paperboy:Mail:Smtp", failure.Message);
    }
}
