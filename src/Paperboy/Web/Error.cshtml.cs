using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperboy.Web;

/// <summary>
/// The page behind every error status of the site: the exception handler re-executes /error, status code pages
/// re-execute /error/{code}. It never shows the exception; the log has it.
/// </summary>
[IgnoreAntiforgeryToken] // a failed POST is re-executed here as a POST
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Show(code);
    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (failure is not null && StorageErrors.Reason(failure) is not null)
        {
            Code = Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            (Title, Message) = StorageErrors.Wording(Request);
            return;
        }
        Code = failure is not null || code is null or < 400 or > 599 ? StatusCodes.Status500InternalServerError : code.Value;
        Response.StatusCode = Code;
        (Title, Message) = Code switch
        {
            404 => ("Page not found", "There is no page at this address. The paper may not be on this site yet."),
            400 => ("Bad request", "The address is not one this site understands."),
            405 => ("Not allowed", "This page cannot be used that way."),
            >= 500 => ("Something went wrong", "The site could not answer this request. Please try again in a moment."),
            _ => ("Request failed", "The site could not answer this request."),
        };
    }
}
