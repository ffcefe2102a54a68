using Bozhou.Hotline.Core.Audit;

namespace Bozhou.Hotline.UnitTests.Audit;

public class AuditDetailsTests
{
    [Theory]
    [InlineData("ended", "Ended", new string[0], null)]
    [InlineData("delegation removed", "DelegationRemoved", new string[0], null)]
    [InlineData(Bozhou.Hotline.Core.Workspace.AppealViewQuery.PhoneAndNameShownOnCallPage, "PhoneAndNameShownToCall", new string[0], null)]
    [InlineData("new post, after Cadre:81", "NewPostAfter", new[] { "Cadre:81" }, null)]
    [InlineData("notice loaded; deadlines moved: 4 on 3 open appeals", "Calendar", new[] { "notice loaded", "4", "3" }, null)]
    [InlineData("12 appeal(s) closed on or before 2025-03-01 16:00:00Z purged of personal data", "Purged", new[] { "12", "2025-03-01 16:00:00" }, null)]
    [InlineData("Not sent: the same text went to 138****0000 within 10 minutes.", "SmsDuplicate", new[] { "138****0000", "10" }, null)]
    [InlineData("Not sent: 138****0000 has had its 10 texts today (China time).", "SmsDailyLimit", new[] { "138****0000", "10" }, null)]
    [InlineData("Confidential caller's phone shown to call back; reason: 回电\n核实", "PhoneShownToCallBack", new string[0], "回电\n核实")]
    [InlineData("Interview out of the ladder's order for appeals 4,5; reason: 情节严重", "LadderOverride", new[] { "Interview", "4,5" }, "情节严重")]
    [InlineData("directory imported from 名单.csv (SHA-256 0a1b)", "DirectoryImported", new[] { "名单.csv", "0a1b" }, null)]
    [InlineData("3 rows; filter status all; phones masked", "ExportQueue", new[] { "3", "status all" }, null)]
    [InlineData("2026-03; ranked by AnswerRate; jurisdiction all; 12 rows", "ExportScorecard", new[] { "2026-03", "AnswerRate", "all", "12" }, null)]
    public void A_sentence_the_app_writes_is_read_as_its_code_its_values_and_the_persons_reason(string details, string code, string[] values, string? reason)
    {
        var read = AuditDetails.Read(details)!;

        Assert.Equal(code, read.Code);
        Assert.Equal(values, read.Values);
        Assert.Equal(reason, read.Reason);
    }

    [Fact]
    public void Details_the_app_never_wrote_are_kept_as_stored_without_a_code()
    {
        var read = AuditDetails.Read("ended early by hand")!;

        Assert.Null(read.Code);
        Assert.Equal(["ended early by hand"], read.Values);
        Assert.Null(AuditDetails.Read("  "));
    }
}
