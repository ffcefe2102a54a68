using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SiteFooter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Footer_GovernmentSiteId",
                table: "SavedSettings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Footer_IcpFiling",
                table: "SavedSettings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Footer_PublicSecurityFiling",
                table: "SavedSettings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Footer_Sponsor",
                table: "SavedSettings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Footer_SponsorEn",
                table: "SavedSettings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Footer_GovernmentSiteId",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Footer_IcpFiling",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Footer_PublicSecurityFiling",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Footer_Sponsor",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Footer_SponsorEn",
                table: "SavedSettings");
        }
    }
}
