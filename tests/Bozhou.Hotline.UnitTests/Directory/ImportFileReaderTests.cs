using System.Text;
using MiniExcelLibs;

namespace Bozhou.Hotline.UnitTests.Directory;

public class ImportFileReaderTests
{
    private const string Text = "jurisdiction,department,name,position,duties,mobile,office_phone,order\n市直,市政府,李明,副市长,\"分管教育、卫生健康，联系市妇联\",13905580000,,2\n";

    private static Encoding Gbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK");
    }

    public static TheoryData<string, ImportFileFormat> Encodings => new()
    {
        { "utf-8", ImportFileFormat.Utf8 },
        { "utf-8-bom", ImportFileFormat.Utf8Bom },
        { "utf-16le", ImportFileFormat.Utf16LittleEndian },
        { "utf-16be", ImportFileFormat.Utf16BigEndian },
        { "gbk", ImportFileFormat.Gb18030 },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Each_accepted_encoding_is_detected_and_decodes_to_the_same_text_without_its_bom(string name, ImportFileFormat expected)
    {
        var bytes = name switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(Text),
            "utf-8-bom" => [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(Text)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Text)],
            _ => Gbk().GetBytes(Text),
        };

        var read = ImportFileReader.Read(bytes, "名录.csv");

        Assert.Equal((Text, expected, (ImportFileRefusal?)null), (read.Text, read.Format, read.Refusal));
    }

    [Fact]
    public void Ascii_alone_is_read_as_utf8_not_gb18030()
    {
        Assert.Equal(ImportFileFormat.Utf8, ImportFileReader.Decode("a,b\n1,2\n"u8.ToArray()).Format);
    }

    [Fact]
    public void Bytes_that_are_neither_utf8_nor_gb18030_are_refused()
    {
        byte[] bytes = [.. "name\n"u8.ToArray(), 0x80, 0xFF, 0x81, 0x20, 0xFF];

        var read = ImportFileReader.Read(bytes, "名录.csv");

        Assert.Equal((null, ImportFileRefusal.UnknownEncoding), (read.Text, read.Refusal));
        Assert.False(read.IsRead);
    }

    [Fact]
    public void Gb18030_that_decodes_to_control_characters_is_not_taken_for_text()
    {
        byte[] bytes = [.. Gbk().GetBytes("亳州市,市政府"), 0x01, 0x02, (byte)'\n'];

        var read = ImportFileReader.Decode(bytes);

        Assert.Equal((ImportFileFormat.Gb18030, ImportFileRefusal.UnknownEncoding), (read.Format, read.Refusal));
    }

    [Fact]
    public void A_utf16_bom_over_an_odd_or_broken_body_is_refused_as_bad_utf16()
    {
        byte[] bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]; // a lone high surrogate, then "A"

        Assert.Equal(ImportFileRefusal.BadUtf16, ImportFileReader.Decode(bytes).Refusal);
    }

    [Fact]
    public void The_first_sheet_of_a_workbook_becomes_quoted_csv_with_numbers_as_their_digits_and_blank_rows_dropped()
    {
        using var stream = new MemoryStream();
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["name"] = "李明", ["duties"] = "分管教育、卫生健康，\n联系\"市妇联\"", ["mobile"] = 13905580000L, ["order"] = 2 },
            new() { ["name"] = null, ["duties"] = null, ["mobile"] = null, ["order"] = null },
        };
        stream.SaveAs(rows, excelType: ExcelType.XLSX);

        var read = ImportFileReader.Read(stream.ToArray(), "名录.xlsx");

        Assert.Equal(ImportFileFormat.Xlsx, read.Format);
        Assert.Equal("\"name\",\"duties\",\"mobile\",\"order\"\n\"李明\",\"分管教育、卫生健康，\n联系\"\"市妇联\"\"\",\"13905580000\",\"2\"\n", read.Text);
    }

    private static byte[] ZipOf(string entry, string content)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
        {
            writer.Write(content);
        }

        return stream.ToArray();
    }

    [Fact]
    public void A_damaged_workbook_is_refused_as_a_bad_workbook()
    {
        byte[] zipStart = [(byte)'P', (byte)'K', 3, 4, 0x14, 0, 0, 0, 1, 2, 3];

        Assert.Equal(ImportFileRefusal.BadWorkbook, ImportFileReader.Read(zipStart, "名录.csv").Refusal);
        Assert.Equal(ImportFileRefusal.BadWorkbook, ImportFileReader.Read("not a workbook"u8.ToArray(), "名录.xlsx").Refusal);
        Assert.Equal(ImportFileRefusal.BadWorkbook, ImportFileReader.Read(ZipOf("readme.txt", "not a sheet"), "名录.xlsx").Refusal);
        Assert.Equal(ImportFileRefusal.BadWorkbook, ImportFileReader.Read(ZipOf("xl/workbook.xml", "<workbook"), "名录.xlsx").Refusal);
    }
}
