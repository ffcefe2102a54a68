using System.Text;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>A cadre's card as a vCard 3.0 file, to save in the phone's contacts. Only for a post held today.</summary>
[OutputCache(PolicyName = DirectoryCache.PolicyName)]
public class VCardModel(DirectoryReader reader) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var cadre = await reader.CadreAsync(id, cancellationToken);
        if (cadre is null || !cadre.HoldsPostOn(reader.Today))
        {
            return NotFound();
        }

        var english = DirectoryCulture.IsEnglish;
        var (family, given) = ChineseName.Split(cadre.Name);
        var card = VCardWriter.Write(new VCardContact(
            FullName: cadre.Name,
            FamilyName: family,
            GivenName: given,
            Organization: cadre.Department.Name(english),
            Title: cadre.PositionIn(english),
            Mobile: cadre.Mobile,
            OfficePhone: cadre.OfficePhone,
            Note: cadre.DutiesIn(english),
            SortString: cadre.NamePinyin));
        return File(Encoding.UTF8.GetBytes(card), VCardWriter.ContentType, FileName(cadre));
    }

    /// <summary>The cadre's name as the file name, with anything a file system would refuse left out.</summary>
    private static string FileName(Cadre cadre)
    {
        var name = new string([.. cadre.Name.Where(char.IsLetter)]);
        return (name.Length > 0 ? name : $"cadre-{cadre.Id}") + ".vcf";
    }
}
