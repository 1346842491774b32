namespace Paperboy.Community.Collections;

/// <summary>A user's named list of papers at <c>/collections/{user}/{slug}</c>, public or private.</summary>
public sealed class Collection
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsPublic { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A paper in a collection, with the owner's note about it.</summary>
public sealed class CollectionItem
{
    public long CollectionId { get; set; }
    public long PaperId { get; set; }
    public string? Note { get; set; }
    public DateTime AddedAt { get; set; }
}
