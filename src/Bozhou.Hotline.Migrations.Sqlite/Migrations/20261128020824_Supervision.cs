using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
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
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    CallsLogged = table.Column<int>(type: "INTEGER", nullable: false),
                    CallAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CallsAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbacksDue = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbacksOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstContactsDue = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstContactsOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    RepliesDue = table.Column<int>(type: "INTEGER", nullable: false),
                    RepliesOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingsSatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Interviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DrawnIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RedrawReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpotCheckRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InterviewCaseAppeals",
                columns: table => new
                {
                    InterviewCaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Checker = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CheckerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
