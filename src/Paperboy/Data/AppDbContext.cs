using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Paperboy.Community.Accounts;
using Paperboy.Community.Collections;
using Paperboy.Community.Comments;
using Paperboy.Community.Moderation;
using Paperboy.Community.Tokens;
using Paperboy.Community.Votes;
using Paperboy.Digests;
using Paperboy.Import;
using Paperboy.Operations.Leases;
using Paperboy.Papers;
using Paperboy.Recommendations;
using Paperboy.Search.Indexing;

namespace Paperboy.Data;

/// <summary>
/// The one database context. Each provider has a subclass only so that each keeps its own migrations
/// (<see cref="SqliteDbContext"/>, <see cref="PostgresDbContext"/>); feature code asks for this type.
/// </summary>
public partial class AppDbContext(DbContextOptions options) : IdentityDbContext<User, Role, long>(options), IDataProtectionKeyContext
{
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<DailyEntry> DailyEntries => Set<DailyEntry>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<HarvestCheckpoint> HarvestCheckpoints => Set<HarvestCheckpoint>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<CollectionItem> CollectionItems => Set<CollectionItem>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PaperEmbedding> Embeddings => Set<PaperEmbedding>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<DigestOutboxEntry> DigestOutbox => Set<DigestOutboxEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<PaperMark> PaperMarks => Set<PaperMark>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>The keys that protect sign-in cookies and form tokens, shared by every node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        ConfigureAccounts(b);
        ConfigureCommunity(b);
        ConfigureDigests(b);
        ConfigureInterests(b);
        b.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(ApiTokenService.MaxName);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Scopes).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        b.Entity<JobLease>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(l => l.Job);
            e.Property(l => l.Job).HasMaxLength(JobLease.MaxJob);
            e.Property(l => l.Holder).HasMaxLength(JobLease.MaxHolder);
        });
        b.Entity<PaperEmbedding>(e =>
        {
            e.ToTable("paper_embeddings");
            e.HasKey(v => new { v.PaperId, v.Model });
            e.HasIndex(v => new { v.Model, v.ChangeNumber });
            e.Property(v => v.Model).HasMaxLength(64);
            e.HasOne<Paper>().WithMany().HasForeignKey(v => v.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
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
            // Bulk import writes rows with raw SQL that does not name the community columns.
            e.Property(d => d.LocalUpvotes).HasDefaultValue(0);
            e.Property(d => d.LocalComments).HasDefaultValue(0);
            e.Property(d => d.Trending).HasDefaultValue(0.0);
            e.HasIndex(d => d.Trending);
            e.HasIndex(d => d.SubmitterId);
            // The API's ?submitter= lists one submitter's entries by day.
            e.HasIndex(d => new { d.SubmittedBy, d.Day });
            e.HasOne<User>().WithMany().HasForeignKey(d => d.SubmitterId).OnDelete(DeleteBehavior.SetNull);
            e.Ignore(d => d.TotalUpvotes);
            e.Ignore(d => d.TotalComments);
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

public partial class AppDbContext
{
    /// <summary>Identity's tables under the same naming as the rest of the schema.</summary>
    private static void ConfigureAccounts(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.BanReason).HasMaxLength(500);
            e.Ignore(u => u.IsBanned);
        });
        b.Entity<Role>(e =>
        {
            e.ToTable("roles");
            // The two roles exist from the first migration, so no two processes ever race to create them.
            e.HasData(
                new Role { Id = 1, Name = Community.Accounts.Roles.Admin, NormalizedName = Community.Accounts.Roles.Admin.ToUpperInvariant(), ConcurrencyStamp = "role-admin" },
                new Role { Id = 2, Name = Community.Accounts.Roles.Moderator, NormalizedName = Community.Accounts.Roles.Moderator.ToUpperInvariant(), ConcurrencyStamp = "role-moderator" });
        });
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<long>>().ToTable("user_roles");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<long>>().ToTable("user_claims");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<long>>().ToTable("user_logins");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<long>>().ToTable("user_tokens");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<long>>().ToTable("role_claims");
    }

    private static void ConfigureCommunity(ModelBuilder b)
    {
        b.Entity<Vote>(e =>
        {
            e.ToTable("votes");
            e.HasKey(v => new { v.UserId, v.PaperId });
            e.HasIndex(v => v.PaperId);
            e.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Paper>().WithMany().HasForeignKey(v => v.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Comment>(e =>
        {
            e.ToTable("comments");
            e.HasIndex(c => new { c.PaperId, c.CreatedAt });
            e.HasIndex(c => new { c.UserId, c.CreatedAt });
            e.Property(c => c.Body).HasMaxLength(CommentRules.MaxLength);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Paper>().WithMany().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(c => c.IsVisible);
        });
        b.Entity<Collection>(e =>
        {
            e.ToTable("collections");
            e.HasIndex(c => new { c.UserId, c.Slug }).IsUnique();
            e.Property(c => c.Slug).HasMaxLength(80);
            e.Property(c => c.Name).HasMaxLength(CollectionRules.MaxName);
            e.Property(c => c.Description).HasMaxLength(CollectionRules.MaxDescription);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CollectionItem>(e =>
        {
            e.ToTable("collection_items");
            e.HasKey(i => new { i.CollectionId, i.PaperId });
            e.Property(i => i.Note).HasMaxLength(CollectionRules.MaxNote);
            e.HasOne<Collection>().WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Paper>().WithMany().HasForeignKey(i => i.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.At);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(256);
            e.Property(a => a.Reason).HasMaxLength(1000);
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

public partial class AppDbContext
{
    private static void ConfigureDigests(ModelBuilder b)
    {
        b.Entity<Subscription>(e =>
        {
            e.ToTable("subscriptions");
            e.HasIndex(s => s.NormalizedEmail).IsUnique();
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.Status);
            e.Property(s => s.Email).HasMaxLength(DigestRules.MaxEmail);
            e.Property(s => s.NormalizedEmail).HasMaxLength(DigestRules.MaxEmail);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.Token).HasMaxLength(64);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Categories).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.Property(s => s.Searches).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.Property(s => s.Authors).HasConversion(StringListJson.Converter, StringListJson.Comparer);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<DigestOutboxEntry>(e =>
        {
            e.ToTable("digest_outbox");
            e.HasIndex(o => new { o.SubscriptionId, o.Period }).IsUnique();
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });
            e.Property(o => o.Period).HasMaxLength(32);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.ClaimedBy).HasMaxLength(100);
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.HasOne<Subscription>().WithMany().HasForeignKey(o => o.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public partial class AppDbContext
{
    /// <summary>What members follow and mark, read by the recommendations (<see cref="SignalReader"/>).</summary>
    private static void ConfigureInterests(ModelBuilder b)
    {
        b.Entity<Follow>(e =>
        {
            e.ToTable("follows");
            e.HasKey(f => new { f.UserId, f.Kind, f.Key });
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.Value).HasMaxLength(FollowTarget.MaxAuthor);
            e.Property(f => f.Key).HasMaxLength(FollowTarget.MaxAuthor);
            e.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PaperMark>(e =>
        {
            e.ToTable("paper_marks");
            e.HasKey(m => new { m.UserId, m.PaperId });
            e.HasIndex(m => m.PaperId);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Paper>().WithMany().HasForeignKey(m => m.PaperId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
