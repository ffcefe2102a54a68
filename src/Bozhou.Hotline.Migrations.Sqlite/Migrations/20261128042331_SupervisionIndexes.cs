using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_FlaggedForSupervision_Status_ClosedAt",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_Status_ReplyDueAt",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt_Status",
                table: "Appeals",
                columns: new[] { "FirstContactAt", "FirstContactDueAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Flagged_Status_ClosedAt",
                table: "Appeals",
                columns: new[] { "Status", "ClosedAt" },
                filter: "\"FlaggedForSupervision\"");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_ReplyDueAt_TopicKind_LoggedAt",
                table: "Appeals",
                columns: new[] { "Status", "ReplyDueAt", "TopicKind", "LoggedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt_Status",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_Flagged_Status_ClosedAt",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_Status_ReplyDueAt_TopicKind_LoggedAt",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt",
                table: "Appeals",
                columns: new[] { "FirstContactAt", "FirstContactDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FlaggedForSupervision_Status_ClosedAt",
                table: "Appeals",
                columns: new[] { "FlaggedForSupervision", "Status", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_ReplyDueAt",
                table: "Appeals",
                columns: new[] { "Status", "ReplyDueAt" });
        }
    }
}
