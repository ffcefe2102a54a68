using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryAppealsWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CadreId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Before = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Jurisdictions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jurisdictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: true),
                    ToPhoneCipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ToPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GatewayMessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Departments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Departments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Departments_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cadres",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NamePinyin = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PositionEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Duties = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DutiesEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OfficePhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuperiorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProtocolOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    PostStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PostEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AvailabilityNote = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AvailabilityUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cadres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cadres_Cadres_SuperiorId",
                        column: x => x.SuperiorId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cadres_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlerCadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CallerType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CallerNameCipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CallerPhoneCipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CallerPhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CallerPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Confidential = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentToContact = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LoggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CallbackDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstContactDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstContactAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplyDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplyKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ReplyText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TicketNumber12345 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TransferCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TransferAcceptDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FlaggedForSupervision = table.Column<bool>(type: "INTEGER", nullable: false),
                    RatingDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RatedResolved = table.Column<bool>(type: "INTEGER", nullable: true),
                    RatingScore = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PersonalDataPurgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appeals_Cadres_HandlerCadreId",
                        column: x => x.HandlerCadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appeals_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CadreDelegations",
                columns: table => new
                {
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreDelegations", x => new { x.StaffUserId, x.CadreId });
                    table.ForeignKey(
                        name: "FK_CadreDelegations_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CadreDelegations_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CadreTopics",
                columns: table => new
                {
                    CadreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreTopics", x => new { x.CadreId, x.TopicId });
                    table.ForeignKey(
                        name: "FK_CadreTopics_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CadreTopics_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppealEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsInternal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FromCadreId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToCadreId = table.Column<int>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppealEvents_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppealEvents_Cadres_FromCadreId",
                        column: x => x.FromCadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppealEvents_Cadres_ToCadreId",
                        column: x => x.ToCadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    LoggedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallAttempts_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CadreId",
                table: "AspNetUsers",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_AppealId_At",
                table: "AppealEvents",
                columns: new[] { "AppealId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_FromCadreId",
                table: "AppealEvents",
                column: "FromCadreId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_Kind_At",
                table: "AppealEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_ToCadreId",
                table: "AppealEvents",
                column: "ToCadreId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_CadreId",
                table: "Appeals",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_CallerPhoneHash",
                table: "Appeals",
                column: "CallerPhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_ClosedAt",
                table: "Appeals",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_HandlerCadreId_Status",
                table: "Appeals",
                columns: new[] { "HandlerCadreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_LoggedAt",
                table: "Appeals",
                column: "LoggedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_CallbackDueAt",
                table: "Appeals",
                columns: new[] { "Status", "CallbackDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_FirstContactDueAt",
                table: "Appeals",
                columns: new[] { "Status", "FirstContactDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_RatingDueAt",
                table: "Appeals",
                columns: new[] { "Status", "RatingDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Status_ReplyDueAt",
                table: "Appeals",
                columns: new[] { "Status", "ReplyDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_TopicId",
                table: "Appeals",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_TrackingCode",
                table: "Appeals",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_TransferAcceptDueAt",
                table: "Appeals",
                column: "TransferAcceptDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Subject_At",
                table: "AuditEntries",
                columns: new[] { "Subject", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreDelegations_CadreId",
                table: "CadreDelegations",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_DepartmentId_ProtocolOrder",
                table: "Cadres",
                columns: new[] { "DepartmentId", "ProtocolOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_PostEnd",
                table: "Cadres",
                column: "PostEnd");

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_SuperiorId",
                table: "Cadres",
                column: "SuperiorId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreTopics_TopicId",
                table: "CadreTopics",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_CallAttempts_AppealId_At",
                table: "CallAttempts",
                columns: new[] { "AppealId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CallAttempts_At",
                table: "CallAttempts",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_JurisdictionId_Order",
                table: "Departments",
                columns: new[] { "JurisdictionId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_Jurisdictions_Code",
                table: "Jurisdictions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_AppealId",
                table: "SmsMessages",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_Status_NextAttemptAt",
                table: "SmsMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Code",
                table: "Topics",
                column: "Code",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Cadres_CadreId",
                table: "AspNetUsers",
                column: "CadreId",
                principalTable: "Cadres",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Cadres_CadreId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "AppealEvents");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CadreDelegations");

            migrationBuilder.DropTable(
                name: "CadreTopics");

            migrationBuilder.DropTable(
                name: "CallAttempts");

            migrationBuilder.DropTable(
                name: "SmsMessages");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "Cadres");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "Departments");

            migrationBuilder.DropTable(
                name: "Jurisdictions");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CadreId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CadreId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "AspNetUsers");
        }
    }
}
