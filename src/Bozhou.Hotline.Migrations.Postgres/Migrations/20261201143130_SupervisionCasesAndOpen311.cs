using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DuplicateOfAppealId",
                table: "Appeals",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtensionDecidedAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtensionDecisionDueAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "Appeals",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtensionRequestedAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtensionRequestedDueAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionStatus",
                table: "Appeals",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "Appeals",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "Appeals",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlaceDescription",
                table: "Appeals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReplyDueBeforeExtensionAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyPrefix = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestsPerMinute = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
