using System.Runtime.CompilerServices;

namespace Paperboy.Tests.Support;

/// <summary>
/// Every in-memory site a test starts watches files (appsettings.json, the stylesheet behind
/// <c>asp-append-version</c>) through inotify, and ASP.NET Core never releases those watchers when the site stops.
/// A whole run starts hundreds of sites, which would exhaust the per-user limit of inotify instances (often
/// 128, shared with everything else the user runs) and fail tests at random. Polling watchers use none.
/// </summary>
internal static class PollingFileWatchers
{
    [ModuleInitializer]
    internal static void Use() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
