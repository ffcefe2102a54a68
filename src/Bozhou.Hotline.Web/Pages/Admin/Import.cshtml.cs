using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The published list uploaded, previewed and applied. Between preview and apply the file travels in a hidden
/// field protected with Data Protection (an hour's lifetime), so it cannot be altered; applying plans it again
/// against the directory as it then stands. An uploaded file is read as bytes by <see cref="ImportFileReader"/>
/// (its encoding detected, or a .xlsx workbook turned into CSV); pasted text is taken as it is.
/// </summary>
public class ImportModel(DirectoryImporter importer, IDataProtectionProvider protection, IStringLocalizer<AdminResource> a) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Bozhou.Hotline.Admin.DirectoryImport").ToTimeLimitedDataProtector();

    public ImportPlan? Plan { get; private set; }

    public string? Protected { get; private set; }

    /// <summary>How the uploaded file was read (null for pasted text), shown with the preview.</summary>
    public ImportFileFormat? Format { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, string? pasted, CancellationToken cancellationToken)
    {
        var csv = pasted;
        if (upload is { Length: > 0 })
        {
            if (upload.Length > MaxBytes)
            {
                ModelState.AddModelError("", a["Import.TooLarge"]);
                return Page();
            }

            using var bytes = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(bytes, cancellationToken);
            var read = ImportFileReader.Read(bytes.ToArray(), upload.FileName);
            if (!read.IsRead)
            {
                ModelState.AddModelError("", a["Import.Refused." + read.Refusal]);
                return Page();
            }

            csv = read.Text;
            Format = read.Format;
        }

        if (string.IsNullOrWhiteSpace(csv))
        {
            ModelState.AddModelError("", a["Import.NoFile"]);
            return Page();
        }

        Plan = await importer.PlanAsync(csv, cancellationToken);
        Protected = Plan.IsValid ? _protector.Protect(csv, TimeSpan.FromHours(1)) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync([FromForm(Name = "Protected")] string? token, CancellationToken cancellationToken)
    {
        string csv;
        try
        {
            csv = _protector.Unprotect(token ?? "");
        }
        catch (CryptographicException)
        {
            ModelState.AddModelError("", a["Import.Expired"]);
            return Page();
        }

        Plan = await importer.PlanAsync(csv, cancellationToken);
        if (!Plan.IsValid)
        {
            return Page();
        }

        await importer.ApplyAsync(Plan, cancellationToken);
        this.Flash(a["Import.Done", Plan.Added.Count, Plan.Changed.Count, Plan.Ended.Count]);
        return RedirectToPage("/Admin/Cadres/Index");
    }
}
