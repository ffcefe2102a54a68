using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The published list uploaded, previewed and applied. Between preview and apply the file (its text, name and hash)
/// travels in a hidden field protected with Data Protection (an hour's lifetime), so it cannot be altered; applying
/// plans it again against the directory as it then stands. An uploaded file is read as bytes by
/// <see cref="ImportFileReader"/> (its encoding detected, or a .xlsx workbook turned into CSV); pasted text is taken as
/// it is. The cadres of the listed jurisdictions missing from the file end only when ticked one by one in the separate
/// ending step, and beyond a quarter of a jurisdiction's posts only with their number typed.
/// </summary>
public class ImportModel(DirectoryImporter importer, IDataProtectionProvider protection, IStringLocalizer<AdminResource> a) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Bozhou.Hotline.Admin.DirectoryImport").ToTimeLimitedDataProtector();

    public ImportPlan? Plan { get; private set; }

    public string? Protected { get; private set; }

    /// <summary>How the uploaded file was read (null for pasted text), shown with the preview.</summary>
    public ImportFileFormat? Format { get; private set; }

    /// <summary>The missing cadres ticked for ending when the apply was refused, to tick them again.</summary>
    public IReadOnlyCollection<int> Ending { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, string? pasted, CancellationToken cancellationToken)
    {
        var csv = pasted;
        var source = pasted is null ? null : ImportSource.Pasted(pasted);
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
            source = ImportSource.Of(Path.GetFileName(upload.FileName), bytes.ToArray());
        }

        if (string.IsNullOrWhiteSpace(csv) || source is null)
        {
            ModelState.AddModelError("", a["Import.NoFile"]);
            return Page();
        }

        Plan = await importer.PlanAsync(csv, cancellationToken);
        Protected = Plan.IsValid ? Seal(new Upload(csv, source.FileName, source.Sha256)) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(
        [FromForm(Name = "Protected")] string? token, [FromForm(Name = "End")] int[]? end, [FromForm(Name = "EndCount")] string? endCount, CancellationToken cancellationToken)
    {
        Upload upload;
        try
        {
            upload = Unseal(token ?? "");
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException or InvalidDataException)
        {
            ModelState.AddModelError("", a["Import.Expired"]);
            return Page();
        }

        Plan = await importer.PlanAsync(upload.Csv, cancellationToken);
        Protected = token;
        if (!Plan.IsValid)
        {
            return Page();
        }

        var typed = int.TryParse(endCount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : (int?)null;
        Ending = end ?? [];
        switch (DirectoryImporter.CheckEnding(Plan, Ending, typed, out var ending))
        {
            case EndingProblem.NotMissing:
                ModelState.AddModelError("", a["Import.EndingChanged"]);
                return Page();
            case EndingProblem.CountNotConfirmed:
                ModelState.AddModelError("EndCount", a["Import.EndCountNeeded", ending.Count]);
                return Page();
        }

        try
        {
            await importer.ApplyAsync(Plan, ending, new ImportSource(upload.FileName, upload.Sha256), cancellationToken);
        }
        catch (DirectoryChangedException)
        {
            ModelState.AddModelError("", a["Import.ChangedSincePreview"]);
            Plan = null;
            Protected = null;
            return Page();
        }

        this.Flash(a["Import.Done", Plan.Added.Count, Plan.Changed.Count, Plan.Replaced.Count + ending.Count]);
        return RedirectToPage("/Admin/ImportHistory");
    }

    /// <summary>
    /// The hidden field's value: the upload as UTF-8 JSON (Chinese not escaped: six bytes a character otherwise), Brotli-
    /// compressed, then protected for an hour, in base64url. Posted back, it stays well within the form's 4 MB value
    /// limit and the proxy's body limit for any file up to <see cref="MaxBytes"/> (escaped and uncompressed, a 1.9 MB list
    /// of Chinese text made a field of almost 5 MB, and the apply answered 400).
    /// </summary>
    private string Seal(Upload upload)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(upload, SealJson);
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(json);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(compressed.ToArray(), TimeSpan.FromHours(1)));
    }

    /// <exception cref="CryptographicException">Not protected by this page, or expired.</exception>
    /// <exception cref="FormatException">Not base64url.</exception>
    /// <exception cref="InvalidDataException">Not Brotli.</exception>
    /// <exception cref="JsonException">Not an upload.</exception>
    private Upload Unseal(string token)
    {
        var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out _);
        using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<Upload>(brotli, SealJson) ?? throw new JsonException("no upload");
    }

    private static readonly JsonSerializerOptions SealJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What the hidden field carries from the preview to the apply.</summary>
    private sealed record Upload(string Csv, string FileName, string Sha256);
}
