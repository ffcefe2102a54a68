using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SmsCloseTheLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CadreId",
                table: "SmsMessages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Purpose",
                table: "SmsMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ToPhoneHash",
                table: "SmsMessages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_TextDetails",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(70)",
                oldMaxLength: 70);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_Reminder",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(70)",
                oldMaxLength: 70);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_PassedOn",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(70)",
                oldMaxLength: 70);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_InMeeting",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(70)",
                oldMaxLength: 70);

            migrationBuilder.AddColumn<string>(
                name: "Sms_CadreDigest",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CadreMissedCall",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CadreReopened",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CadreTransferReceived",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerClosedUnrated",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerFirstContact",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerLogged",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerReferred12345",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerReopened",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerRepliedExplained",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerRepliedResolved",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_CallerTransferred",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Sms_PublicBaseUrl",
                table: "SavedSettings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sms_Signature",
                table: "SavedSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "DeclinesSms",
                table: "Appeals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_ToPhoneHash_CreatedAt",
                table: "SmsMessages",
                columns: new[] { "ToPhoneHash", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SmsMessages_ToPhoneHash_CreatedAt",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "CadreId",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "ToPhoneHash",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Sms_CadreDigest",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CadreMissedCall",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CadreReopened",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CadreTransferReceived",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerClosedUnrated",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerFirstContact",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerLogged",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerReferred12345",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerReopened",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerRepliedExplained",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerRepliedResolved",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_CallerTransferred",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_PublicBaseUrl",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "Sms_Signature",
                table: "SavedSettings");

            migrationBuilder.DropColumn(
                name: "DeclinesSms",
                table: "Appeals");

            migrationBuilder.AlterColumn<string>(
                name: "Sms_TextDetails",
                table: "SavedSettings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_Reminder",
                table: "SavedSettings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_PassedOn",
                table: "SavedSettings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Sms_InMeeting",
                table: "SavedSettings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
