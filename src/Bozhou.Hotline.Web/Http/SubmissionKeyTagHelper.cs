using System.Security.Cryptography;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Gives every <c>&lt;form method="post"&gt;</c> a one-time submission key (128 random bits, hex), which
/// <see cref="SubmissionKeyFilter"/> stores with what the POST changes: a repeat of the same POST stores nothing new.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SubmissionKeyTagHelper : TagHelper
{
    /// <summary>After the framework's form tag helper, which adds the antiforgery token.</summary>
    public override int Order => 1000;

    /// <summary>Appends the hidden key field to a POST form; other forms are left as they are.</summary>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.AllAttributes.TryGetAttribute("method", out var method)
            || !string.Equals(method.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{SubmissionKeyFilter.FieldName}\" value=\"{key}\" />");
    }
}
