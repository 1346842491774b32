using MimeKit;
using Paperboy.Data;

namespace Paperboy.Mail;

/// <summary>
/// Writes each message as an <c>.eml</c> file, for local use and tests: any mail client opens them. The file is
/// written under a temporary name and renamed, so a reader never sees half a message. A disk that refuses the file
/// is a transient <see cref="MailDeliveryException"/>: the message can be written once there is room again.
/// </summary>
public sealed class PickupFolderSender(MailOptions options, DataFolder data, TimeProvider clock) : IMailSender
{
    public string Folder => Path.IsPathRooted(options.PickupFolder)
        ? options.PickupFolder
        : Path.Combine(data.Path, options.PickupFolder);

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Folder, "." + name + ".tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var file = File.Create(temp))
                await message.WriteToAsync(file, ct);
            File.Move(temp, Path.Combine(Folder, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException(MailFailureKind.Transient, $"could not write {name} to {Folder}: {e.Message}", inner: e);
        }
        finally
        {
            // Only left behind by a failed or cancelled write; a leftover is harmless (no reader takes .tmp files).
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
