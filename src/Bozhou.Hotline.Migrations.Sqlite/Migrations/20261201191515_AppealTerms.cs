using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AppealTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppealTerms",
                columns: table => new
                {
                    AppealId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<byte>(type: "INTEGER", nullable: false),
                    LoggedDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealTerms", x => new { x.AppealId, x.Key });
                    table.ForeignKey(
                        name: "FK_AppealTerms_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppealTerms_CadreId_LoggedDay",
                table: "AppealTerms",
                columns: new[] { "CadreId", "LoggedDay" });

            migrationBuilder.CreateIndex(
                name: "IX_AppealTerms_LoggedDay",
                table: "AppealTerms",
                column: "LoggedDay");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealTerms");
        }
    }
}
