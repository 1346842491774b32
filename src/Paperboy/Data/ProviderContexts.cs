using Microsoft.EntityFrameworkCore;

namespace Paperboy.Data;

/// <summary>SQLite flavour of <see cref="AppDbContext"/>; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL flavour of <see cref="AppDbContext"/>; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);
