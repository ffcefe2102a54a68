using System.Text;
using System.Xml;
using MiniExcelLibs;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>How an import file was read: its text encoding, or an Excel workbook.</summary>
public enum ImportFileFormat
{
    Utf8,
    Utf8Bom,
    Utf16LittleEndian,
    Utf16BigEndian,
    Gb18030,
    Xlsx,
}

/// <summary>Why an import file was refused before any preview.</summary>
public enum ImportFileRefusal
{
    /// <summary>Neither UTF-8 nor GB18030, or GB18030 that decodes to control characters (not text).</summary>
    UnknownEncoding,

    /// <summary>A UTF-16 file (by its BOM) whose bytes do not decode.</summary>
    BadUtf16,

    /// <summary>A .xlsx file (by name or by its ZIP signature) that cannot be read as a workbook.</summary>
    BadWorkbook,
}

/// <summary>An import file read: the CSV text the planner reads, and how it was read; or why it was refused.</summary>
public sealed record ImportFileText(string? Text, ImportFileFormat Format, ImportFileRefusal? Refusal, string? Detail = null)
{
    /// <summary>True when <see cref="Text"/> holds the file's CSV text.</summary>
    public bool IsRead => Refusal is null;
}

/// <summary>
/// Reads the published list's file as bytes, in one place for the upload page and the <c>import-directory</c>
/// command. A .xlsx workbook (named so, or starting with the ZIP signature) is read from its first sheet, the first row
/// being the CSV's header, and turned into CSV text, so that the same parsing and planning
/// (<see cref="DirectoryImport.Parse"/>) check it. Any other file is text, its encoding detected by this rule: a BOM
/// first (UTF-8, UTF-16 LE, UTF-16 BE); else a strict UTF-8 decode that succeeds is UTF-8; else a strict GB18030 decode
/// (GB18030 includes GBK and GB2312, what Excel on Chinese Windows writes as "CSV (逗号分隔)") that succeeds and gives
/// no control characters other than tab, CR and LF is GB18030; else the file is refused.
/// </summary>
public static class ImportFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding StrictGb18030 = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        // The code page encodings ship with .NET but must be registered before use; this runs once, with the type.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Reads <paramref name="bytes"/>, named <paramref name="fileName"/> (only its extension counts; may be null).</summary>
    public static ImportFileText Read(byte[] bytes, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var isZip = bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        if (isZip || string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ReadWorkbook(bytes);
        }

        return Decode(bytes);
    }

    /// <summary>Decodes text by the rule of this class; a BOM is not part of the text returned.</summary>
    public static ImportFileText Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Strict(StrictUtf8, bytes, 3, ImportFileFormat.Utf8Bom, ImportFileRefusal.UnknownEncoding);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2, ImportFileFormat.Utf16LittleEndian, ImportFileRefusal.BadUtf16);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2, ImportFileFormat.Utf16BigEndian, ImportFileRefusal.BadUtf16);
        }

        var utf8 = Strict(StrictUtf8, bytes, 0, ImportFileFormat.Utf8, ImportFileRefusal.UnknownEncoding);
        if (utf8.IsRead)
        {
            return utf8;
        }

        var gb = Strict(StrictGb18030, bytes, 0, ImportFileFormat.Gb18030, ImportFileRefusal.UnknownEncoding);
        if (gb.IsRead && gb.Text!.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')))
        {
            return new ImportFileText(null, ImportFileFormat.Gb18030, ImportFileRefusal.UnknownEncoding, "control characters");
        }

        return gb;
    }

    private static ImportFileText Strict(Encoding encoding, byte[] bytes, int skip, ImportFileFormat format, ImportFileRefusal refusal)
    {
        try
        {
            return new ImportFileText(encoding.GetString(bytes, skip, bytes.Length - skip), format, null);
        }
        catch (DecoderFallbackException e)
        {
            return new ImportFileText(null, format, refusal, $"invalid byte at offset {skip + e.Index}");
        }
        catch (ArgumentException e)
        {
            // An odd number of bytes in UTF-16 is reported as a plain ArgumentException by some decoders.
            return new ImportFileText(null, format, refusal, e.Message);
        }
    }

    /// <summary>
    /// The first sheet as CSV: every cell quoted, numbers in invariant culture (a phone typed as a number stays its
    /// digits), dates as yyyy-MM-dd, rows with no value skipped; reading stops one row past <see cref="DirectoryImport.MaxRows"/>.
    /// </summary>
    private static ImportFileText ReadWorkbook(byte[] bytes)
    {
        var csv = new StringBuilder();
        var read = 0;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                var cells = row.Values.Select(Cell).ToList();
                while (cells.Count > 0 && cells[^1].Length == 0)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                if (cells.Count == 0)
                {
                    continue;
                }

                // The header and one row beyond the most a list may have: enough for the parser to refuse the file.
                if (++read > DirectoryImport.MaxRows + 2)
                {
                    break;
                }

                csv.AppendJoin(',', cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append('\n');
            }
        }
        // Not a ZIP: InvalidDataException; a ZIP without a sheet: InvalidOperationException; a broken part: XmlException.
        // MiniExcel reports other damage by whatever its parsing meets, and an uploaded file is untrusted: each is a refusal.
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or InvalidOperationException or NotSupportedException
                                   or KeyNotFoundException or FormatException or NullReferenceException or ArgumentException or IndexOutOfRangeException)
        {
            return new ImportFileText(null, ImportFileFormat.Xlsx, ImportFileRefusal.BadWorkbook, e.Message);
        }

        return new ImportFileText(csv.ToString(), ImportFileFormat.Xlsx, null);
    }

    /// <summary>The format's name in English, for the command's output (the page shows its own, localised).</summary>
    public static string Describe(ImportFileFormat format) => format switch
    {
        ImportFileFormat.Utf8 => "UTF-8",
        ImportFileFormat.Utf8Bom => "UTF-8 with BOM",
        ImportFileFormat.Utf16LittleEndian => "UTF-16 LE",
        ImportFileFormat.Utf16BigEndian => "UTF-16 BE",
        ImportFileFormat.Gb18030 => "GB18030 (GBK)",
        _ => "Excel workbook (.xlsx)",
    };

    /// <summary>Why a file was refused, in English, for the command's output.</summary>
    public static string Describe(ImportFileRefusal refusal) => refusal switch
    {
        ImportFileRefusal.BadUtf16 => "the file starts with a UTF-16 byte order mark but does not decode as UTF-16",
        ImportFileRefusal.BadWorkbook => "the file is not a readable .xlsx workbook",
        _ => "the file is neither UTF-8 nor GB18030 (GBK) text; save it as CSV UTF-8 or as an Excel workbook (.xlsx)",
    };

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
