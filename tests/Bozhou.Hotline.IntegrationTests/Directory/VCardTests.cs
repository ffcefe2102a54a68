using System.Text;

namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class VCardTests(DemoDirectorySite site) : IClassFixture<DemoDirectorySite>
{
    [Fact]
    public async Task The_vcard_is_a_UTF8_vCard_3_with_the_Chinese_name_unit_title_mobile_and_office_number()
    {
        using var client = site.Factory.CreateClient();
        var id = await site.Factory.CadreIdAsync("冯海涛");

        using var response = await client.GetAsync(new Uri($"/directory/cadres/{id}/vcard", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var card = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/vcard; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("冯海涛.vcf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n", card, StringComparison.Ordinal);
        Assert.EndsWith("\r\nEND:VCARD\r\n", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", card.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = card.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains("N:冯;海涛;;;", lines);
        Assert.Contains("FN:冯海涛", lines);
        Assert.Contains("ORG:亳州市交通运输局", lines);
        Assert.Contains("TITLE:市交通运输局局长", lines);
        Assert.Contains("TEL;TYPE=CELL:+8613800000009", lines);
        Assert.Contains("TEL;TYPE=WORK:+865585000009", lines);
    }

    [Fact]
    public async Task In_English_the_vcard_escapes_the_commas_and_semicolons_of_the_English_title_and_duties()
    {
        using var client = await site.Factory.EnglishClientAsync();
        var id = await site.Factory.CadreIdAsync("冯海涛");

        var card = await client.GetStringAsync(new Uri($"/directory/cadres/{id}/vcard", UriKind.Relative));
        var lines = card.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");

        Assert.Contains(@"TITLE:Director\, Bozhou Municipal Transport Bureau", lines);
        var note = Assert.Single(lines, l => l.StartsWith("NOTE:", StringComparison.Ordinal));
        Assert.Contains(@"stops and transfer points\, taxis", note, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[^\\][,;]", note["NOTE:".Length..]);
        Assert.Contains("FN:冯海涛", lines);
    }
}
