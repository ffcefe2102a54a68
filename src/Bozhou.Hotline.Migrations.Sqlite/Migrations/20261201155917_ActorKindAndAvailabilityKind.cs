using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActorKindAndAvailabilityKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AvailabilityKind",
                table: "Cadres",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorFor",
                table: "AppealEvents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorKind",
                table: "AppealEvents",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Rows written before the kinds were stored: the actor text and the availability sentence become data,
            // by the rule of EventActor.FromText (the supervision office's own steps read as the office).
            migrationBuilder.Sql("""
                UPDATE "AppealEvents" SET "ActorKind" = CASE
                    WHEN "Actor" = '来电人' THEN 'Caller'
                    WHEN "Actor" = '系统' THEN 'System'
                    WHEN "Actor" LIKE '_%（代%）' THEN 'Staff'
                    WHEN "Kind" IN ('Reminder', 'Interview', 'Referral', 'ExtensionDecided') THEN 'Office'
                    ELSE 'Cadre' END;
                """);
            migrationBuilder.Sql("""
                UPDATE "AppealEvents" SET
                    "ActorFor" = substr("Actor", instr("Actor", '（代') + 2, length("Actor") - instr("Actor", '（代') - 2),
                    "Actor" = substr("Actor", 1, instr("Actor", '（代') - 1)
                WHERE "ActorKind" = 'Staff';
                """);
            migrationBuilder.Sql("""UPDATE "AppealEvents" SET "Actor" = '' WHERE "ActorKind" IN ('Caller', 'System');""");
            migrationBuilder.Sql("""
                UPDATE "Cadres" SET
                    "AvailabilityKind" = CASE WHEN "AvailabilityNote" LIKE '在开会%' THEN 'InMeeting' ELSE 'Other' END,
                    "AvailabilityNote" = CASE
                        WHEN "AvailabilityNote" LIKE '在开会%' THEN NULL
                        WHEN "AvailabilityNote" LIKE '%，__:__后回电' THEN substr("AvailabilityNote", 1, length("AvailabilityNote") - 9)
                        ELSE "AvailabilityNote" END
                WHERE "AvailabilityNote" IS NOT NULL AND "AvailabilityNote" <> '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "AppealEvents" SET "Actor" = CASE "ActorKind"
                    WHEN 'Caller' THEN '来电人'
                    WHEN 'System' THEN '系统'
                    ELSE "Actor" || COALESCE('（代' || "ActorFor" || '）', '') END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Cadres" SET "AvailabilityNote" = CASE "AvailabilityKind"
                    WHEN 'InMeeting' THEN '在开会' WHEN 'Away' THEN '外出办事' ELSE "AvailabilityNote" END
                WHERE "AvailabilityKind" IS NOT NULL;
                """);
            migrationBuilder.DropColumn(
                name: "AvailabilityKind",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "ActorFor",
                table: "AppealEvents");

            migrationBuilder.DropColumn(
                name: "ActorKind",
                table: "AppealEvents");
        }
    }
}
