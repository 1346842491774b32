using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperboy.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "counters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "harvest_checkpoints",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResumptionToken = table.Column<string>(type: "TEXT", nullable: true),
                    PagesDone = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordsDone = table.Column<long>(type: "INTEGER", nullable: false),
                    Completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_harvest_checkpoints", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArxivId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Abstract = table.Column<string>(type: "TEXT", nullable: false),
                    Authors = table.Column<string>(type: "TEXT", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryCategory = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", nullable: true),
                    JournalRef = table.Column<string>(type: "TEXT", nullable: true),
                    Doi = table.Column<string>(type: "TEXT", nullable: true),
                    GithubRepo = table.Column<string>(type: "TEXT", nullable: true),
                    ProjectPage = table.Column<string>(type: "TEXT", nullable: true),
                    ChangeNumber = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_papers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "daily_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmitterFullname = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmitterAvatarUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Upvotes = table.Column<int>(type: "INTEGER", nullable: false),
                    CommentCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_daily_entries_papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "counters",
                columns: new[] { "Name", "Value" },
                values: new object[] { "paper_changes", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_daily_entries_Day_Upvotes",
                table: "daily_entries",
                columns: new[] { "Day", "Upvotes" });

            migrationBuilder.CreateIndex(
                name: "IX_daily_entries_PaperId",
                table: "daily_entries",
                column: "PaperId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_papers_ArxivId",
                table: "papers",
                column: "ArxivId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_papers_ChangeNumber",
                table: "papers",
                column: "ChangeNumber");

            migrationBuilder.CreateIndex(
                name: "IX_papers_PublishedAt",
                table: "papers",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counters");

            migrationBuilder.DropTable(
                name: "daily_entries");

            migrationBuilder.DropTable(
                name: "harvest_checkpoints");

            migrationBuilder.DropTable(
                name: "papers");
        }
    }
}
