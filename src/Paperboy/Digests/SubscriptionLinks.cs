using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Paperboy.Mail;

namespace Paperboy.Digests;

/// <summary>
/// The absolute links of a subscription: confirm, manage, unsubscribe. Mail has no request to take the
/// site's address from, so it is <c>Paperboy:Mail:PublicUrl</c>, else the request's, else the address this server
/// listens on (right for a single local server; set PublicUrl behind a proxy).
/// </summary>
public sealed class SubscriptionLinks(MailOptions mail, IServiceProvider services)
{
    public string Origin(HttpRequest? request = null)
    {
        if (!string.IsNullOrEmpty(mail.PublicUrl)) return mail.PublicUrl.TrimEnd('/');
        if (request is not null) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost:5000").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost")
            .Replace("://+", "://localhost").TrimEnd('/');
    }

    public string Confirm(Subscription s, HttpRequest? request = null) => Link(request, "/digests/confirm", s);
    public string Manage(Subscription s, HttpRequest? request = null) => Link(request, "/digests/manage", s);
    public string Unsubscribe(Subscription s, HttpRequest? request = null) => Link(request, "/digests/unsubscribe", s);

    private string Link(HttpRequest? request, string path, Subscription s) =>
        QueryHelpers.AddQueryString(Origin(request) + path, new Dictionary<string, string?>
        {
            ["id"] = s.Id.ToString(CultureInfo.InvariantCulture),
            ["token"] = s.Token,
        });
}
