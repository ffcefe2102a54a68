using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyCadreStats",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    CallsLogged = table.Column<int>(type: "integer", nullable: false),
                    CallAttempts = table.Column<int>(type: "integer", nullable: false),
                    CallsAnswered = table.Column<int>(type: "integer", nullable: false),
                    CallbacksDue = table.Column<int>(type: "integer", nullable: false),
                    CallbacksOnTime = table.Column<int>(type: "integer", nullable: false),
                    FirstContactsDue = table.Column<int>(type: "integer", nullable: false),
                    FirstContactsOnTime = table.Column<int>(type: "integer", nullable: false),
                    RepliesDue = table.Column<int>(type: "integer", nullable: false),
                    RepliesOnTime = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    RatingsSatisfied = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyCadreStats", x => new { x.Date, x.CadreId });
                    table.ForeignKey(
                        name: "FK_DailyCadreStats_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InterviewCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Interviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewCases_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpotCheckRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    CandidateIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    DrawnIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DrawnByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RedrawReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpotCheckRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InterviewCaseAppeals",
                columns: table => new
                {
                    InterviewCaseId = table.Column<long>(type: "bigint", nullable: false),
                    AppealId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewCaseAppeals", x => new { x.InterviewCaseId, x.AppealId });
                    table.ForeignKey(
                        name: "FK_InterviewCaseAppeals_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InterviewCaseAppeals_InterviewCases_InterviewCaseId",
                        column: x => x.InterviewCaseId,
                        principalTable: "InterviewCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpotCheckCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Checker = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CheckerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpotCheckCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpotCheckCalls_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpotCheckCalls_SpotCheckRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "SpotCheckRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt",
                table: "Appeals",
                columns: new[] { "FirstContactAt", "FirstContactDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FlaggedForSupervision_Status_ClosedAt",
                table: "Appeals",
                columns: new[] { "FlaggedForSupervision", "Status", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_At",
                table: "AppealEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCadreStats_CadreId_Date",
                table: "DailyCadreStats",
                columns: new[] { "CadreId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewCaseAppeals_AppealId",
                table: "InterviewCaseAppeals",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewCases_CadreId_HeldOn",
                table: "InterviewCases",
                columns: new[] { "CadreId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SpotCheckCalls_CadreId_CalledAt",
                table: "SpotCheckCalls",
                columns: new[] { "CadreId", "CalledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SpotCheckCalls_CalledAt",
                table: "SpotCheckCalls",
                column: "CalledAt");

            migrationBuilder.CreateIndex(
                name: "IX_SpotCheckCalls_RoundId_CadreId",
                table: "SpotCheckCalls",
                columns: new[] { "RoundId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpotCheckRounds_Date_Id",
                table: "SpotCheckRounds",
                columns: new[] { "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SpotCheckRounds_Date_InForce",
                table: "SpotCheckRounds",
                column: "Date",
                unique: true,
                filter: "\"SupersededAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyCadreStats");

            migrationBuilder.DropTable(
                name: "InterviewCaseAppeals");

            migrationBuilder.DropTable(
                name: "SpotCheckCalls");

            migrationBuilder.DropTable(
                name: "InterviewCases");

            migrationBuilder.DropTable(
                name: "SpotCheckRounds");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_FlaggedForSupervision_Status_ClosedAt",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_AppealEvents_At",
                table: "AppealEvents");
        }
    }
}
