using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ThreeRatesAndPublicStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PublicStatsEnabled",
                table: "SavedSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionsApproved",
                table: "DailyCadreStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionsRequested",
                table: "DailyCadreStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolutionAnswers",
                table: "DailyCadreStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SaidResolved",
                table: "DailyCadreStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The roll-ups are derived data and lack the new counts: they are dropped here and computed again, whole, at
            // the next start (DatabaseInitializer), or by the rebuild-stats command.
            migrationBuilder.Sql("DELETE FROM \"DailyCadreStats\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublicStatsEnabled",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "ExtensionsApproved",
                table: "DailyCadreStats");

            migrationBuilder.DropColumn(
                name: "ExtensionsRequested",
                table: "DailyCadreStats");

            migrationBuilder.DropColumn(
                name: "ResolutionAnswers",
                table: "DailyCadreStats");

            migrationBuilder.DropColumn(
                name: "SaidResolved",
                table: "DailyCadreStats");
        }
    }
}
