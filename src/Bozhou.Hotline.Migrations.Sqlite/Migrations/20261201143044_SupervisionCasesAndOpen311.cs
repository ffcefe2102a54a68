using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionCasesAndOpen311 : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "DuplicateOfAppealId",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionDecidedAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionDecisionDueAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "Appeals",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionRequestedAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionRequestedDueAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionStatus",
                table: "Appeals",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "Appeals",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "Appeals",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlaceDescription",
                table: "Appeals",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReplyDueBeforeExtensionAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestsPerMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DuplicateOfAppealId",
                table: "Appeals",
                column: "DuplicateOfAppealId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_ExtensionStatus_ExtensionDecisionDueAt",
                table: "Appeals",
                columns: new[] { "ExtensionStatus", "ExtensionDecisionDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_KeyHash",
                table: "ApiClients",
                column: "KeyHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Appeals_Appeals_DuplicateOfAppealId",
                table: "Appeals",
                column: "DuplicateOfAppealId",
                principalTable: "Appeals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Appeals_Appeals_DuplicateOfAppealId",
                table: "Appeals");

            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_DuplicateOfAppealId",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_ExtensionStatus_ExtensionDecisionDueAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "OverrideReason",
                table: "InterviewCases");

            migrationBuilder.DropColumn(
                name: "DuplicateOfAppealId",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionDecidedAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionDecisionDueAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedDueAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ExtensionStatus",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "PlaceDescription",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ReplyDueBeforeExtensionAt",
                table: "Appeals");
        }
    }
}
