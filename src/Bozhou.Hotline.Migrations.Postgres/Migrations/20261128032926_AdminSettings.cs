using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdminSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EndedOn",
                table: "Jurisdictions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SavedSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Clocks_CallbackWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Clocks_FirstContactWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Clocks_MaxTransfers = table.Column<int>(type: "integer", nullable: false),
                    Clocks_QuietHoursEnd = table.Column<int>(type: "integer", nullable: false),
                    Clocks_QuietHoursStart = table.Column<int>(type: "integer", nullable: false),
                    Clocks_RatingWindowDays = table.Column<int>(type: "integer", nullable: false),
                    Clocks_ReplyConsultationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Clocks_ReplyOtherWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Clocks_TransferAcceptWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Sms_InMeeting = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false),
                    Sms_PassedOn = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false),
                    Sms_Reminder = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false),
                    Sms_TextDetails = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSettings", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "EndedOn",
                table: "Jurisdictions");
        }
    }
}
