namespace Paperboy.Community.Collections;

public static class CollectionRules
{
    public const int MaxName = 100;
    public const int MaxDescription = 2_000;
    public const int MaxNote = 2_000;
}
