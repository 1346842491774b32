using Microsoft.Extensions.Time.Testing;
using Paperboy.Data;
using Paperboy.Mail;

namespace Paperboy.Tests.Mail;

public sealed class PickupFolderSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFolderThatCannotBeWritten_IsATransientFailure()
    {
        var blocker = Path.GetTempFileName(); // a file where the folder should be
        try
        {
            var sender = new PickupFolderSender(new MailOptions { PickupFolder = blocker }, new DataFolder(Path.GetTempPath()), new FakeTimeProvider());

            var failure = await Assert.ThrowsAsync<MailDeliveryException>(() =>
                sender.SendAsync(SmtpMailSenderTests.Message("ada@example.org"), Ct));

            Assert.Equal(MailFailureKind.Transient, failure.Kind);
            Assert.Null(failure.StatusCode);
            Assert.Contains(blocker, failure.Message);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
