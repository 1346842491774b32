namespace Paperboy.Community.Accounts;

/// <summary>Section <c>Paperboy:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Paperboy:Accounts";

    /// <summary>
    /// Whether a member must confirm their email address before signing in. Off by default so that a small
    /// instance without outgoing mail still works; the confirmation mail is always sent.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; }

    /// <summary>Whether anyone may sign up; when off, only <c>paperboy user create</c> adds members.</summary>
    public bool AllowSignUp { get; set; } = true;

    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
}
