namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// An action the appeal's rules do not allow in its present state. <see cref="Code"/> names the rule;
/// the web app turns it into a message in the user's language.
/// </summary>
public sealed class AppealRuleException : Exception
{
    public AppealRuleException()
    {
        Code = "Appeal.Rule";
    }

    public AppealRuleException(string code)
        : base(code)
    {
        Code = code;
    }

    public AppealRuleException(string code, Exception innerException)
        : base(code, innerException)
    {
        Code = code;
    }

    public string Code { get; }

    public const string Closed = "Appeal.Rule.Closed";
    public const string TransferLimit = "Appeal.Rule.TransferLimit";
    public const string TransferToSelf = "Appeal.Rule.TransferToSelf";
    public const string TransferPending = "Appeal.Rule.TransferPending";
    public const string NoTransferPending = "Appeal.Rule.NoTransferPending";
    public const string NotReplied = "Appeal.Rule.NotReplied";
    public const string ScoreRange = "Appeal.Rule.ScoreRange";
    public const string TicketRequired = "Appeal.Rule.TicketRequired";
    public const string TextRequired = "Appeal.Rule.TextRequired";
    public const string ExtensionOnce = "Appeal.Rule.ExtensionOnce";
    public const string ExtensionNotAwaitingReply = "Appeal.Rule.ExtensionNotAwaitingReply";
    public const string ExtensionNotLater = "Appeal.Rule.ExtensionNotLater";
    public const string ExtensionAfterDue = "Appeal.Rule.ExtensionAfterDue";
    public const string ExtensionTooFar = "Appeal.Rule.ExtensionTooFar";
    public const string ExtensionNotPending = "Appeal.Rule.ExtensionNotPending";
    public const string ExtensionLapsed = "Appeal.Rule.ExtensionLapsed";
    public const string DuplicateOfItself = "Appeal.Rule.DuplicateOfItself";
    public const string DuplicateOriginalClosed = "Appeal.Rule.DuplicateOriginalClosed";
}
