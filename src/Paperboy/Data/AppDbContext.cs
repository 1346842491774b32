using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Paperboy.Import;
using Paperboy.Papers;

namespace Paperboy.Data;

/// <summary>
/// The one database context. Each provider has a subclass only so that each keeps its own migrations
/// (<see cref="SqliteDbContext"/>, <see cref="PostgresDbContext"/>); feature code asks for this type.
/// </summary>
public class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<DailyEntry> DailyEntries => Set<DailyEntry>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<HarvestCheckpoint> HarvestCheckpoints => Set<HarvestCheckpoint>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Paper>(e =>
        {
            e.ToTable("papers");
            e.HasIndex(p => p.ArxivId).IsUnique();
            e.HasIndex(p => p.ChangeNumber);
            e.HasIndex(p => p.PublishedAt);
            e.Property(p => p.ArxivId).HasMaxLength(64);
            e.Property(p => p.PrimaryCategory).HasMaxLength(64);
            // Lists are stored as JSON text on both providers, so that raw-SQL bulk import writes one format.
            e.Property(p => p.Authors).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.Property(p => p.Categories).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.Ignore(p => p.AbsUrl);
            e.Ignore(p => p.PdfUrl);
        });
        b.Entity<DailyEntry>(e =>
        {
            e.ToTable("daily_entries");
            e.HasIndex(d => d.PaperId).IsUnique();
            e.HasIndex(d => new { d.Day, d.Upvotes });
            e.HasOne(d => d.Paper).WithOne().HasForeignKey<DailyEntry>(d => d.PaperId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.SubmittedBy).HasMaxLength(200);
            e.Property(d => d.SubmitterFullname).HasMaxLength(200);
            e.Property(d => d.SubmitterAvatarUrl).HasMaxLength(500);
        });
        b.Entity<Counter>(e =>
        {
            e.ToTable("counters");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(64);
            e.HasData(new Counter { Name = Counter.PaperChanges, Value = 0 });
        });
        b.Entity<HarvestCheckpoint>(e =>
        {
            e.ToTable("harvest_checkpoints");
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(500);
        });
    }
}

/// <summary>A named counter row; <see cref="PaperChanges"/> hands out <see cref="Paper.ChangeNumber"/>s.</summary>
public sealed class Counter
{
    public const string PaperChanges = "paper_changes";
    public required string Name { get; set; }
    public long Value { get; set; }
}

public static class StringListJson
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> Converter =
        new(v => Serialize(v), v => Deserialize(v));

    public static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
        v => v.ToList());

    public static string Serialize(List<string> v) => JsonSerializer.Serialize(v, JsonContext.Default.ListString);
    public static List<string> Deserialize(string v) =>
        string.IsNullOrEmpty(v) ? [] : JsonSerializer.Deserialize(v, JsonContext.Default.ListString) ?? [];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
