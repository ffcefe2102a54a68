namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The rules the administration forms share, each with its message from <see cref="AdminResource"/>.</summary>
internal static class AdminRules
{
    /// <summary>At most <paramref name="max"/> characters; the message says the limit (Form.TooLong).</summary>
    public static IRuleBuilderOptions<T, string?> AtMost<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<AdminResource> a, int max) =>
        rule.MaximumLength(max).WithMessage(a["Form.TooLong", max]);

    /// <summary>A list's short code (the key of URLs and imports): a letter, then up to 31 letters, digits or hyphens.</summary>
    public static IRuleBuilderOptions<T, string?> ListCode<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<AdminResource> a) =>
        rule.NotEmpty().WithMessage(a["Form.CodeRequired"]).Matches(Jurisdiction.CodePattern).WithMessage(a["Form.CodeRequired"]);

    /// <summary>A place in a list, or a cadre's protocol order: 0 to 999.</summary>
    public static IRuleBuilderOptions<T, int> ListOrder<T>(this IRuleBuilder<T, int> rule, IStringLocalizer<AdminResource> a) =>
        rule.InclusiveBetween(0, 999).WithMessage(a["Form.BadOrder"]);
}
