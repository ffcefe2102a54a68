using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OverrideReason",
                table: "InterviewCases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OverrideReason",
                table: "InterviewCases");
        }
    }
}
