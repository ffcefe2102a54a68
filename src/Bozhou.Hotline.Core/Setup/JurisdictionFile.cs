using System.Text.RegularExpressions;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Text;
using CsvHelper;

namespace Bozhou.Hotline.Core.Setup;

/// <summary>
/// A city's own jurisdictions for <c>setup --jurisdictions FILE</c>, in place of Bozhou's five: a UTF-8 CSV (BOM or
/// none) with the header <c>code,name_zh,name_en</c>, one jurisdiction a row in protocol order (the city proper
/// first). The code is what the cadre list's <c>jurisdiction</c> column may give instead of the Chinese name.
/// </summary>
public static class JurisdictionFile
{
    /// <summary>The header's columns; <c>name_en</c> may be left empty.</summary>
    public static readonly string[] Columns = ["code", "name_zh", "name_en"];

    /// <summary>
    /// The jurisdictions of <paramref name="reader"/>, or the reasons it is refused (each with its row, 1 the first
    /// after the header): a missing column, a code that is not a letter followed by letters, digits or hyphens (32 at
    /// most), a missing or too long name, a code or Chinese name given twice, no rows. Codes are taken in lower case.
    /// </summary>
    public static (IReadOnlyList<JurisdictionDefinition> Jurisdictions, IReadOnlyList<string> Errors) Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var jurisdictions = new List<JurisdictionDefinition>();
        var errors = new List<string>();
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, leaveOpen: true);
        var missing = Columns.Except(csv.Headers.Select(h => h.Trim().ToLowerInvariant())).ToList();
        if (missing.Count > 0)
        {
            return ([], [$"the header must be {string.Join(",", Columns)}; missing: {string.Join(",", missing)}"]);
        }

        var row = 0;
        try
        {
            while (csv.Read())
            {
                row++;
                var code = DisplayText.SingleLine(csv.GetString("code")).ToLowerInvariant();
                var nameZh = DisplayText.SingleLine(csv.GetString("name_zh"));
                var nameEn = DisplayText.SingleLine(csv.GetString("name_en"));
                var rowErrors = new List<string>();
                if (!Regex.IsMatch(code, Jurisdiction.CodePattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    rowErrors.Add($"row {row}: code '{code}' must be a letter followed by letters, digits or hyphens (at most 32)");
                }
                else if (jurisdictions.Any(j => j.Code == code))
                {
                    rowErrors.Add($"row {row}: code '{code}' is given twice");
                }

                if (nameZh.Length is 0 or > Jurisdiction.MaxNameZh)
                {
                    rowErrors.Add($"row {row}: name_zh must be 1 to {Jurisdiction.MaxNameZh} characters");
                }
                else if (jurisdictions.Any(j => j.NameZh == nameZh))
                {
                    rowErrors.Add($"row {row}: name_zh '{nameZh}' is given twice");
                }

                if (nameEn.Length > Jurisdiction.MaxNameEn)
                {
                    rowErrors.Add($"row {row}: name_en must be at most {Jurisdiction.MaxNameEn} characters");
                }

                errors.AddRange(rowErrors);
                if (rowErrors.Count == 0)
                {
                    jurisdictions.Add(new JurisdictionDefinition(code, nameZh, nameEn));
                }
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add($"row {row + 1}: {e.Message}");
        }

        if (row == 0 && errors.Count == 0)
        {
            errors.Add("no rows");
        }

        return errors.Count > 0 ? ([], errors) : (jurisdictions, errors);
    }
}
