using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Takes the framework's client-side validation attributes (<c>data-val</c>, <c>data-val-*</c>) off every field the
/// <c>asp-for</c> tag helpers write. No client validation script is shipped: every form is checked on the server and
/// answered in the reader's language, while these attributes carry the framework's own English ("The Kind field is
/// required.") into Chinese pages. The message placeholders (<c>data-valmsg-for</c>) stay: they hold the server's
/// messages.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class NoClientValidationTagHelper : TagHelper
{
    /// <summary>After the framework's input, select and textarea tag helpers (order 0), which write the attributes.</summary>
    public override int Order => 1000;

    /// <summary>Removes the attributes from the written field.</summary>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var attribute in output.Attributes.Where(a => a.Name == "data-val" || a.Name.StartsWith("data-val-", StringComparison.Ordinal)).ToList())
        {
            output.Attributes.Remove(attribute);
        }
    }
}
