using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Appeals_AwaitingReply_Due",
                table: "Appeals",
                columns: new[] { "ReplyDueAt", "Id" },
                filter: "\"Status\" IN ('Logged', 'Contacted', 'Transferred', 'Reopened')");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_MissedCalls_Due",
                table: "Appeals",
                columns: new[] { "CallbackDueAt", "Id" },
                filter: "\"Status\" IN ('Logged', 'Contacted', 'Transferred', 'Reopened', 'Replied') AND \"CallbackDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_NoFirstContact_Due",
                table: "Appeals",
                columns: new[] { "FirstContactDueAt", "Id" },
                filter: "\"FirstContactAt\" IS NULL AND \"Status\" IN ('Logged', 'Contacted', 'Transferred', 'Reopened', 'Replied')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_AwaitingReply_Due",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_MissedCalls_Due",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_NoFirstContact_Due",
                table: "Appeals");
        }
    }
}
