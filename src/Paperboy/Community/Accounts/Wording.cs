using Microsoft.AspNetCore.Identity;

namespace Paperboy.Community.Accounts;

/// <summary>Identity's error codes in the site's own words.</summary>
public static class Wording
{
    public static string Identity(IdentityError e) => e.Code switch
    {
        "DuplicateUserName" => "That user name is taken.",
        "DuplicateEmail" => "An account with that email address exists already. Sign in, or reset its password.",
        "InvalidUserName" => "A user name uses letters, digits, '-' and '_' only.",
        "InvalidEmail" => "That is not an email address.",
        "PasswordTooShort" => $"A password has at least {AccountServices.MinPassword} characters.",
        "PasswordRequiresUniqueChars" => "Use a password with more different characters.",
        "InvalidToken" => "This link is not valid any more. Ask for a new one.",
        _ => e.Description,
    };
}
