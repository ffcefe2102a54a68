namespace Bozhou.Hotline.IntegrationTests.Appeals;

public class AppealPlaceTests
{
    [Fact]
    public async Task The_form_stores_where_the_matter_is_with_its_coordinates()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        var code = await client.LogAppealAsync(factory, directory,
            ("Input.Place", "  谯城区汤陵路 88 号门口 "), ("Input.Latitude", "33.8446"), ("Input.Longitude", "115.7787"));

        var appeal = await factory.LoadAppealAsync(code);
        Assert.Equal(("谯城区汤陵路 88 号门口", 33.8446, 115.7787), (appeal.PlaceDescription, appeal.Latitude!.Value, appeal.Longitude!.Value));
    }

    [Fact]
    public async Task A_form_without_a_place_stores_none()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        var appeal = await factory.LoadAppealAsync(await client.LogAppealAsync(factory, directory));

        Assert.Equal((null, null, null), (appeal.PlaceDescription, appeal.Latitude, appeal.Longitude));
    }

    [Theory]
    [InlineData("90.5", "115.7", "Latitude", "纬度应为 -90 至 90 之间的数字")]
    [InlineData("33.8", "181", "Longitude", "经度应为 -180 至 180 之间的数字")]
    [InlineData("北纬33度", "115.7", "Latitude", "纬度应为 -90 至 90 之间的数字")]
    [InlineData("33.8", "", "Longitude", "经度和纬度需同时填写")]
    public async Task Coordinates_out_of_range_or_unpaired_get_a_message_and_store_nothing(string latitude, string longitude, string field, string message)
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        using var response = await client.SubmitAppealAsync(factory, directory, ("Input.Latitude", latitude), ("Input.Longitude", longitude));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent.Trim());
        Assert.Equal(0, (await factory.CountRowsAsync()).Appeals);
    }
}
