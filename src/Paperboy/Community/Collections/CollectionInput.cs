namespace Paperboy.Community.Collections;

/// <summary>The limits of <see cref="CollectionRules"/> as sentences for the forms.</summary>
public static class CollectionInput
{
    public static string? NameAndDescriptionError(string? name, string? description)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "Give the collection a name.";
        if (trimmed.Length > CollectionRules.MaxName)
            return $"A collection's name has at most {CollectionRules.MaxName} characters; this one has {trimmed.Length}.";
        if ((description?.Trim().Length ?? 0) > CollectionRules.MaxDescription)
            return $"A description has at most {CollectionRules.MaxDescription:N0} characters; this one has {description!.Trim().Length:N0}.";
        return null;
    }

    public static string? NoteError(string? note) =>
        (note?.Trim().Length ?? 0) > CollectionRules.MaxNote
            ? $"A note has at most {CollectionRules.MaxNote:N0} characters; this one has {note!.Trim().Length:N0}."
            : null;
}
