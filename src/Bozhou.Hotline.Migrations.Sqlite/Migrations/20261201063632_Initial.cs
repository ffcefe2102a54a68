using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bozhou.Hotline.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

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
                name: "CalendarDays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Occasion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResultLocation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => x.Key);
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
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jurisdictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SavedSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Clocks_CallbackWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_FirstContactWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_MaxTransfers = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_QuietHoursEnd = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_QuietHoursStart = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_RatingWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_ReplyConsultationWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_ReplyOtherWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Clocks_TransferAcceptWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Sms_InMeeting = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    Sms_PassedOn = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    Sms_Reminder = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    Sms_TextDetails = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSettings", x => x.Id);
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
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    CadreId = table.Column<int>(type: "INTEGER", nullable: true),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
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

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_AppealId_At",
                table: "AppealEvents",
                columns: new[] { "AppealId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvents_At",
                table: "AppealEvents",
                column: "At");

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
                name: "IX_Appeals_AwaitingReply_Due",
                table: "Appeals",
                columns: new[] { "ReplyDueAt", "Id" },
                filter: "\"Status\" IN ('Logged', 'Contacted', 'Transferred', 'Reopened')");

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
                name: "IX_Appeals_FirstContactAt_FirstContactDueAt_Status",
                table: "Appeals",
                columns: new[] { "FirstContactAt", "FirstContactDueAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Flagged_Status_ClosedAt",
                table: "Appeals",
                columns: new[] { "Status", "ClosedAt" },
                filter: "\"FlaggedForSupervision\"");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_HandlerCadreId_Status",
                table: "Appeals",
                columns: new[] { "HandlerCadreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_LoggedAt",
                table: "Appeals",
                column: "LoggedAt");

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
                name: "IX_Appeals_Status_ReplyDueAt_TopicKind_LoggedAt",
                table: "Appeals",
                columns: new[] { "Status", "ReplyDueAt", "TopicKind", "LoggedAt" });

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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CadreId",
                table: "AspNetUsers",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

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
                name: "IX_DailyCadreStats_CadreId_Date",
                table: "DailyCadreStats",
                columns: new[] { "CadreId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Departments_JurisdictionId_Order",
                table: "Departments",
                columns: new[] { "JurisdictionId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_SubmittedAt",
                table: "FormSubmissions",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewCaseAppeals_AppealId",
                table: "InterviewCaseAppeals",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewCases_CadreId_HeldOn",
                table: "InterviewCases",
                columns: new[] { "CadreId", "HeldOn" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Code",
                table: "Topics",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_LastSeenAt",
                table: "UserSessions",
                column: "LastSeenAt");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealEvents");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CadreDelegations");

            migrationBuilder.DropTable(
                name: "CadreTopics");

            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "CallAttempts");

            migrationBuilder.DropTable(
                name: "DailyCadreStats");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropTable(
                name: "InterviewCaseAppeals");

            migrationBuilder.DropTable(
                name: "SavedSettings");

            migrationBuilder.DropTable(
                name: "SmsMessages");

            migrationBuilder.DropTable(
                name: "SpotCheckCalls");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "InterviewCases");

            migrationBuilder.DropTable(
                name: "SpotCheckRounds");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "Cadres");

            migrationBuilder.DropTable(
                name: "Departments");

            migrationBuilder.DropTable(
                name: "Jurisdictions");
        }
    }
}
