using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Paperboy.Data;

// Used only by `dotnet ef migrations add` to generate each provider's migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteDbContext>();
        DataServices.ConfigureSqlite(b, "Data Source=design.db");
        return new SqliteDbContext(b.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresDbContext>();
        DataServices.ConfigurePostgres(b, "Host=localhost;Database=paperboy_design");
        return new PostgresDbContext(b.Options);
    }
}
