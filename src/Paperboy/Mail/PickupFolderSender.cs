using MimeKit;
using Paperboy.Data;

namespace Paperboy.Mail;

/// <summary>
/// Writes each message as an <c>.eml</c> file, for local use and tests: any mail client opens them. The file is
/// written under a temporary name and renamed, so a reader never sees half a message.
/// </summary>
public sealed class PickupFolderSender(MailOptions options, DataFolder data, TimeProvider clock) : IMailSender
{
    public string Folder => Path.IsPathRooted(options.PickupFolder)
        ? options.PickupFolder
        : Path.Combine(data.Path, options.PickupFolder);

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Folder, "." + name + ".tmp");
        await using (var file = File.Create(temp))
            await message.WriteToAsync(file, ct);
        File.Move(temp, Path.Combine(Folder, name));
    }
}
