using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SupervisionMobile",
                table: "SavedSettings",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EarlyWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    RecentFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BaselineFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecentSuccesses = table.Column<int>(type: "INTEGER", nullable: false),
                    RecentTrials = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineSuccesses = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineTrials = table.Column<int>(type: "INTEGER", nullable: false),
                    Z = table.Column<double>(type: "REAL", nullable: true),
                    P = table.Column<double>(type: "REAL", nullable: true),
                    Ratings = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DismissedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DismissedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DismissReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
