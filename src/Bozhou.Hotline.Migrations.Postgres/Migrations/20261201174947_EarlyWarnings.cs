using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EarlyWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sms_SupervisionAlert",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SupervisionMobile",
                table: "SavedSettings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EarlyWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    WindowEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecentFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    BaselineFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    RecentSuccesses = table.Column<int>(type: "integer", nullable: false),
                    RecentTrials = table.Column<int>(type: "integer", nullable: false),
                    BaselineSuccesses = table.Column<int>(type: "integer", nullable: false),
                    BaselineTrials = table.Column<int>(type: "integer", nullable: false),
                    Z = table.Column<double>(type: "double precision", nullable: true),
                    P = table.Column<double>(type: "double precision", nullable: true),
                    Ratings = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DismissedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DismissedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DismissedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DismissReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarlyWarnings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarnings_DismissedAt_RaisedAt",
                table: "EarlyWarnings",
                columns: new[] { "DismissedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarnings_Rule_SubjectId_WindowEnd",
                table: "EarlyWarnings",
                columns: new[] { "Rule", "SubjectId", "WindowEnd" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EarlyWarnings");

            migrationBuilder.DropColumn(
                name: "Sms_SupervisionAlert",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "SupervisionMobile",
                table: "SavedSettings");
        }
    }
}
