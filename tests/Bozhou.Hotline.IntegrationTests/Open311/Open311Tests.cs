using System.Text.Json;
using Bozhou.Hotline.Core.Open311;
using Bozhou.Hotline.IntegrationTests.Workspace;
using Bozhou.Hotline.Web.Pages.Open311;

namespace Bozhou.Hotline.IntegrationTests.Open311;

/// <summary>Open311 GeoReport v2 over HTTP on SQLite, checked against the specification's element names.</summary>
public class Open311Tests
{
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];

    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime",
    ];

    private static async Task<Open311Kit> KitAsync()
    {
        var kit = new Open311Kit(new HotlineFactory());
        await kit.SeedAsync();
        // A second jurisdiction, with no cadre of the world in it, and a retired topic.
        await kit.Data.QueryAsync(db =>
        {
            db.Jurisdictions.Add(new Jurisdiction { Code = TestWorld.Qiaocheng.Code, NameZh = TestWorld.Qiaocheng.NameZh, NameEn = TestWorld.Qiaocheng.NameEn, Order = 2 });
            db.Topics.Add(new Topic { Code = "retired", NameZh = "已停用类别", NameEn = "Retired", Order = 30, IsActive = false });
            return db.SaveChangesAsync();
        });
        return kit;
    }

    [Fact]
    public async Task Discovery_and_services_answer_in_json_and_xml_with_the_specification_names()
    {
        using var kit = await KitAsync();

        var (jsonDiscovery, body) = await kit.GetAsync("/open311/v2/discovery.json");
        Assert.Equal("application/json", jsonDiscovery.Content.Headers.ContentType!.MediaType);
        var discovery = Open311Kit.Json(body);
        var endpoint = Assert.Single(discovery.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal("http://localhost/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.False(string.IsNullOrEmpty(discovery.GetProperty("key_service").GetString()));
        var (xmlDiscovery, xmlBody) = await kit.GetAsync("/open311/v2/discovery.xml");
        Assert.Equal("text/xml", xmlDiscovery.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["text/xml", "application/json"], Open311Kit.Xml(xmlBody).Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));

        var services = Open311Kit.Json((await kit.GetAsync("/open311/v2/services.json")).Body).EnumerateArray().ToList();
        Assert.Equal(["transport", "policy", "other"], services.Select(s => s.GetProperty("service_code").GetString()));
        Assert.All(services, s => Assert.Equal(ServiceFields, s.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("交通出行", services[0].GetProperty("service_name").GetString());
        Assert.Equal(JsonValueKind.False, services[0].GetProperty("metadata").ValueKind);
        Assert.Equal("realtime", services[0].GetProperty("type").GetString());
        Assert.Equal("交通出行,Transport", services[0].GetProperty("keywords").GetString());
        Assert.Equal("咨询", services[1].GetProperty("group").GetString());

        var xml = Open311Kit.Xml((await kit.GetAsync("/open311/v2/services.xml?jurisdiction_id=city", "en")).Body);
        Assert.Equal("services", xml.Name.LocalName);
        var first = xml.Elements("service").First();
        Assert.Equal(ServiceFields, first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("Transport", "false", "realtime"), (first.Element("service_name")!.Value, first.Element("metadata")!.Value, first.Element("type")!.Value));

        var (unknown, unknownBody) = await kit.GetAsync("/open311/v2/services.xml?jurisdiction_id=atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal([(404, "未找到辖区 jurisdiction_id“atlantis”")], Open311Kit.Errors("xml", unknownBody));
        Assert.Equal(HttpStatusCode.NotFound, (await kit.GetAsync("/open311/v2/services.yaml")).Response.StatusCode);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_post_with_a_key_logs_the_appeal_as_the_form_does_and_answers_its_tracking_code(string format)
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync();

        var (response, body) = await kit.PostAsync(format, kit.ValidPost(key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (id, notice, accountId) = format == "json"
            ? Open311Kit.Json(body).EnumerateArray().Single() is var j
                ? (j.GetProperty("service_request_id").GetString()!, j.GetProperty("service_notice").GetString()!, j.GetProperty("account_id").ValueKind.ToString())
                : default
            : Open311Kit.Xml(body) is var x && x.Name.LocalName == "service_requests" && x.Elements("request").Single() is var r
                ? (r.Element("service_request_id")!.Value, r.Element("service_notice")!.Value, r.Element("account_id")!.IsEmpty ? "Null" : "set")
                : default;
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(id, out _));
        Assert.Contains(id, notice, StringComparison.Ordinal);
        Assert.Equal("Null", accountId);
        var appeal = await kit.Data.QueryAsync(db => db.Appeals.AsNoTracking().Include(a => a.CallAttempts).Include(a => a.Events).SingleAsync(a => a.TrackingCode == id));
        Assert.Equal((kit.World.LiId, kit.World.TransportTopicId, AppealStatus.Logged), (appeal.CadreId, appeal.TopicId, appeal.Status));
        Assert.Equal(("谯城区汤陵路与光明路交叉口", 33.8446, 115.7787), (appeal.PlaceDescription, appeal.Latitude!.Value, appeal.Longitude!.Value));
        Assert.Equal("139****1234", appeal.CallerPhoneMasked);
        Assert.True(appeal.ConsentToContact);
        Assert.False(appeal.Confidential);
        // No call time given: the post is the call, and nobody has answered it yet, so a callback is owed.
        Assert.Equal((kit.Factory.Clock.GetUtcNow(), CallOutcome.NotAnswered),
            (Assert.Single(appeal.CallAttempts).At, appeal.CallAttempts[0].Outcome));
        Assert.NotNull(appeal.CallbackDueAt);
        Assert.Equal(EventActor.Caller, Assert.Single(appeal.Events).By);

        var (one, oneBody) = await kit.GetAsync($"/open311/v2/requests/{id}.{format}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var fields = format == "json"
            ? Open311Kit.Json(oneBody).EnumerateArray().Single().EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString())
            : Open311Kit.Xml(oneBody).Elements("request").Single().Elements().ToDictionary(e => e.Name.LocalName, e => e.IsEmpty ? null : e.Value);
        Assert.Equal(RequestFields, fields.Keys);
        Assert.Equal(id, fields["service_request_id"]);
        Assert.Equal("open", fields["status"]);
        Assert.Null(fields["status_notes"]);
        Assert.Equal(("transport", "交通出行"), (fields["service_code"], fields["service_name"]));
        Assert.Equal("市直 · 市政府", fields["agency_responsible"]);
        Assert.Equal("2026-03-02T10:00:00+08:00", fields["requested_datetime"]);
        Assert.Equal("2026-03-02T10:00:00+08:00", fields["updated_datetime"]);
        Assert.Equal(Open311Documents.DateTime(appeal.ReplyDueAt), fields["expected_datetime"]);
        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task Posts_without_a_key_with_a_revoked_key_or_over_the_key_rate_get_the_specified_error_and_store_nothing()
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync("限速两次的测试系统", perMinute: 2);
        var revoked = await kit.IssueKeyAsync("已停用的系统");
        using (var admin = await kit.Data.SignInAsync(WorkspaceWorld.AdminEmail))
        {
            var page = await admin.GetPageAsync("/admin/api-clients");
            var row = page.QuerySelectorAll("#api-clients tr[data-client-id]").Single(r => r.TextContent.Contains("已停用的系统", StringComparison.Ordinal));
            using var revoking = await admin.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form.revoke-key")!);
            Assert.Equal(HttpStatusCode.Redirect, revoking.StatusCode);
        }

        var (missing, missingBody) = await kit.PostAsync("json", kit.ValidPost(key, ("api_key", null)));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal([(403, "未提供 api_key，无法提交诉求")], Open311Kit.Errors("json", missingBody));

        var (refused, refusedBody) = await kit.PostAsync("xml", kit.ValidPost(revoked), "en-GB,en;q=0.9,zh-CN;q=0.5");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal([(403, "The api_key is invalid or has been revoked")], Open311Kit.Errors("xml", refusedBody));

        var (wrong, _) = await kit.PostAsync("json", kit.ValidPost(key + "x"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

        // Every post with a valid key counts, a refused one too: two invalid posts use up this minute's two.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await kit.PostAsync("json", kit.ValidPost(key, ("phone", "12345")))).Response.StatusCode);
        }

        var (limited, limitedBody) = await kit.PostAsync("json", kit.ValidPost(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal([(429, "提交过于频繁：该密钥每分钟最多提交 2 次，请稍后再试")], Open311Kit.Errors("json", limitedBody));
        Assert.Equal(0, await kit.AppealCountAsync());

        kit.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await kit.PostAsync("json", kit.ValidPost(key))).Response.StatusCode);
        Assert.Equal(1, await kit.AppealCountAsync());
        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task Each_invalid_parameter_gets_its_specified_error_and_stores_nothing()
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync(perMinute: 100);
        (string Parameter, string? Value, int Code, string Description)[] cases =
        [
            ("service_code", null, 400, "未提供 service_code（诉求类别）"),
            ("service_code", "parking", 404, "未找到诉求类别 service_code“parking”"),
            ("service_code", "retired", 404, "未找到诉求类别 service_code“retired”"),
            ("jurisdiction_id", "atlantis", 404, "未找到辖区 jurisdiction_id“atlantis”"),
            ("jurisdiction_id", "qiaocheng", 400, "cadre_id：该干部不属于辖区“qiaocheng”"),
            ("cadre_id", null, 400, "cadre_id："),
            ("cadre_id", "99999", 400, "cadre_id："),
            ("description", null, 400, "description："),
            ("description", new string('路', Appeal.DescriptionMaxLength + 1), 400, "description："),
            ("phone", null, 400, "phone："),
            ("phone", "12345", 400, "phone："),
            ("consent", null, 400, "consent："),
            ("consent", "maybe", 400, "consent：应为 true 或 false"),
            ("confidential", "yes", 400, "confidential：应为 true 或 false"),
            ("lat", "91", 400, "lat：纬度应为 -90 至 90 之间的数字"),
            ("long", "east", 400, "long：经度应为 -180 至 180 之间的数字"),
            ("lat", null, 400, "lat：经度和纬度需同时填写"),
            ("address_string", new string('路', AppealPlace.DescriptionMaxLength + 1), 400, "address_string："),
            ("caller_type", "Enterprise", 400, "enterprise_name："),
            ("call_outcome", "Hung", 400, "call_outcome："),
            ("called_at", "yesterday", 400, "called_at："),
            ("called_at", "2026-03-03T10:00:00+08:00", 400, "called_at："),
            ("last_name", new string('欧', 51), 400, "last_name："),
        ];

        foreach (var (parameter, value, code, description) in cases)
        {
            var (response, body) = await kit.PostAsync("json", kit.ValidPost(key, (parameter, value)));

            Assert.True(code == (int)response.StatusCode, $"{parameter}={value}: {(int)response.StatusCode} {body}");
            var error = Assert.Single(Open311Kit.Errors("json", body));
            Assert.Equal(code, error.Code);
            Assert.StartsWith(description, error.Description, StringComparison.Ordinal);
        }

        Assert.Equal(0, await kit.AppealCountAsync());
        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task Errors_are_described_in_English_when_Accept_Language_prefers_it()
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync();

        var (response, body) = await kit.PostAsync("xml", kit.ValidPost(key, ("phone", "12345"), ("description", null)), "en-US,en;q=0.8");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Open311Kit.Errors("xml", body);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(400, e.Code));
        Assert.StartsWith("phone: ", errors[0].Description, StringComparison.Ordinal);
        Assert.StartsWith("description: ", errors[1].Description, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", e.Description));
        Assert.Equal(0, await kit.AppealCountAsync());
    }

    [Fact]
    public async Task A_confidential_appeal_is_never_listed_nor_returned()
    {
        using var kit = await KitAsync();
        var open = await kit.Data.AddAppealAsync(kit.World.LiId);
        var secret = await kit.Data.AddAppealAsync(kit.World.LiId, confidential: true);
        var codes = await kit.Data.QueryAsync(db => db.Appeals.OrderBy(a => a.Id).Select(a => a.TrackingCode).ToListAsync());

        foreach (var format in new[] { "json", "xml" })
        {
            var all = (await kit.GetAsync($"/open311/v2/requests.{format}")).Body;
            var byId = (await kit.GetAsync($"/open311/v2/requests.{format}?service_request_id={codes[0]},{codes[1]}")).Body;
            var open311Status = (await kit.GetAsync($"/open311/v2/requests.{format}?status=open&service_code=transport")).Body;
            foreach (var body in new[] { all, byId, open311Status })
            {
                Assert.Contains(codes[0], body, StringComparison.Ordinal);
                Assert.DoesNotContain(codes[1], body, StringComparison.Ordinal);
            }

            var (one, oneBody) = await kit.GetAsync($"/open311/v2/requests/{codes[1]}.{format}");
            Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
            Assert.Equal([(404, $"未找到诉求“{codes[1]}”")], Open311Kit.Errors(format, oneBody));
        }

        Assert.True(open < secret);
        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task Requests_are_filtered_by_service_code_dates_and_status_and_bad_filters_get_errors()
    {
        using var kit = await KitAsync();
        var now = kit.Factory.Clock.GetUtcNow();
        await kit.Data.AddAppealAsync(kit.World.LiId, at: now.AddDays(-2));
        await kit.Data.AddAppealAsync(kit.World.LiId, topicId: kit.World.PolicyTopicId, at: now.AddDays(-1),
            then: (a, clock) => a.Reply(ReplyKind.Resolved, "已答复：政策已解读。", null, "李明", null, clock, now.AddDays(-1)));
        await kit.Data.AddAppealAsync(kit.World.LiId, at: now.AddDays(-120));

        static List<string> Codes(string body) => [.. Open311Kit.Json(body).EnumerateArray().Select(r => r.GetProperty("service_code").GetString()! + ":" + r.GetProperty("status").GetString())];

        Assert.Equal(["policy:closed", "transport:open"], Codes((await kit.GetAsync("/open311/v2/requests.json")).Body));
        Assert.Equal(["policy:closed"], Codes((await kit.GetAsync("/open311/v2/requests.json?status=closed")).Body));
        Assert.Equal(["transport:open"], Codes((await kit.GetAsync("/open311/v2/requests.json?service_code=transport")).Body));
        // 120 days back is outside the default 90 days, inside dates that ask for it.
        Assert.Equal(["transport:open"], Codes((await kit.GetAsync("/open311/v2/requests.json?start_date=2025-10-01T00:00:00Z&end_date=2025-12-31T00:00:00%2B08:00&status=open,closed")).Body));
        Assert.Empty(Codes((await kit.GetAsync("/open311/v2/requests.json?jurisdiction_id=qiaocheng")).Body));

        var (bad, badBody) = await kit.GetAsync("/open311/v2/requests.xml?start_date=soon&status=pending");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal([(400, "start_date 不是有效的 ISO 8601 时间"), (400, "status 只能为 open 或 closed")], Open311Kit.Errors("xml", badBody));
        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task An_appeal_posted_through_Open311_and_replied_to_in_the_workspace_shows_the_reply_and_is_closed()
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync();
        var (_, body) = await kit.PostAsync("json", kit.ValidPost(key));
        var code = Open311Kit.Json(body)[0].GetProperty("service_request_id").GetString()!;
        var id = await kit.Data.QueryAsync(db => db.Appeals.Where(a => a.TrackingCode == code).Select(a => a.Id).SingleAsync());

        kit.Factory.Clock.Advance(TimeSpan.FromHours(3));
        using (var li = await kit.Data.SignInAsync(WorkspaceWorld.LiEmail))
        {
            var workspace = await WorkspacePages.AppealAsync(li, id);
            Assert.Contains("谯城区汤陵路与光明路交叉口", workspace.QuerySelector("#place")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("(33.8446, 115.7787)", workspace.QuerySelector("#coordinates")!.TextContent.Trim());
            using var reply = await WorkspacePages.PostAsync(li, id, "reply-form",
                ("Reply.Kind", "Resolved"), ("Reply.Text", "已协调交警部门当天修复信号灯，路口通行恢复正常。"), ("Reply.TicketNumber", ""));
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        foreach (var format in new[] { "json", "xml" })
        {
            var (response, answer) = await kit.GetAsync($"/open311/v2/requests/{code}.{format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (status, notes, updated, expected) = format == "json"
                ? Open311Kit.Json(answer)[0] is var j
                    ? (j.GetProperty("status").GetString(), j.GetProperty("status_notes").GetString(), j.GetProperty("updated_datetime").GetString(), j.GetProperty("expected_datetime").ValueKind.ToString())
                    : default
                : Open311Kit.Xml(answer).Element("request") is { } r
                    ? (r.Element("status")!.Value, r.Element("status_notes")!.Value, r.Element("updated_datetime")!.Value, r.Element("expected_datetime")!.IsEmpty ? "Null" : "set")
                    : default;
            Assert.Equal("closed", status);
            Assert.Equal("已协调交警部门当天修复信号灯，路口通行恢复正常。", notes);
            Assert.Equal("2026-03-02T13:00:00+08:00", updated);
            Assert.Equal("Null", expected);
        }

        kit.AssertNoCallerData();
    }

    [Fact]
    public async Task The_OpenAPI_description_names_every_Open311_endpoint_and_nothing_else()
    {
        using var kit = await KitAsync();

        var (response, body) = await kit.GetAsync("/openapi/open311.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = Open311Kit.Json(body).GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(m => m.Name).ToList());
        Assert.Equal(["/open311/v2/discovery.{format}", "/open311/v2/services.{format}", "/open311/v2/requests.{format}", "/open311/v2/requests/{id}.{format}"], paths.Keys);
        Assert.Equal(["get", "post"], paths["/open311/v2/requests.{format}"]);
        var post = Open311Kit.Json(body).GetProperty("paths").GetProperty("/open311/v2/requests.{format}").GetProperty("post");
        var form = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema").GetRawText();
        foreach (var name in new[] { "api_key", "service_code", "cadre_id", "phone", "consent", "address_string", "lat", "long" })
        {
            Assert.Contains($"\"{name}\"", form, StringComparison.Ordinal);
        }

        Assert.Equal(["200", "400", "403", "404", "429"], post.GetProperty("responses").EnumerateObject().Select(r => r.Name));
    }

    [Fact]
    public async Task A_key_is_shown_once_kept_as_a_hash_and_issuing_and_revoking_are_audited()
    {
        using var kit = await KitAsync();
        var key = await kit.IssueKeyAsync("亳州市民服务小程序", perMinute: 12);

        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        var client = await kit.Data.QueryAsync(db => db.ApiClients.SingleAsync());
        Assert.Equal(("亳州市民服务小程序", 12, key[..ApiKeys.ShownPrefixLength]), (client.Name, client.RequestsPerMinute, client.KeyPrefix));
        Assert.Equal(64, client.KeyHash.Length);
        Assert.DoesNotContain(key, client.KeyHash, StringComparison.Ordinal);
        using var admin = await kit.Data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/api-clients");
        Assert.Null(page.QuerySelector("#issued-key"));
        Assert.DoesNotContain(key, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        using var revoking = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"tr[data-client-id='{client.Id}'] form.revoke-key")!);
        Assert.Equal(HttpStatusCode.Redirect, revoking.StatusCode);
        var audit = await kit.Data.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == $"ApiClient:{client.Id}").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["API key issued", "API key revoked"], audit.Select(e => e.Details));
        Assert.Equal("admin@test.local", audit[0].UserName);
        Assert.All(audit, e => Assert.DoesNotContain(client.KeyHash, (e.Before ?? "") + e.After, StringComparison.Ordinal));
        Assert.NotNull((await kit.Data.QueryAsync(db => db.ApiClients.SingleAsync())).RevokedAt);

        using var cadre = await kit.Data.SignInAsync(WorkspaceWorld.LiEmail);
        using var refused = await cadre.GetAsync(new Uri("/admin/api-clients", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_key_needs_a_name_and_a_rate_within_range()
    {
        using var kit = await KitAsync();
        using var admin = await kit.Data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/api-clients");

        using var response = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#issue-key")!,
            Html.Fields(("Input.Name", " "), ("Input.RequestsPerMinute", (ApiClient.MaxRequestsPerMinute + 1).ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Html.ParseAsync(response);
        Assert.Equal(["请填写接入单位或系统名称", "每分钟提交次数应在 1 至 600 之间"], answer.QuerySelectorAll("#errors li").Select(li => li.TextContent.Trim()));
        Assert.Null(answer.QuerySelector("#issued-key"));
        Assert.Equal(0, await kit.Data.QueryAsync(db => db.ApiClients.CountAsync()));
    }

    [Fact]
    public async Task On_PostgreSQL_two_instances_share_a_key_rate_and_the_posted_appeal_reads_back()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var kit = new Open311Kit(new HotlineFactory().UsePostgres(database.ConnectionString));
        await kit.SeedAsync();
        var key = await kit.IssueKeyAsync("两台实例共用的密钥", perMinute: 2);
        using var other = kit.Factory.WithWebHostBuilder(_ => { });
        using var otherClient = other.CreateClient(new() { AllowAutoRedirect = false });

        var (first, body) = await kit.PostAsync("json", kit.ValidPost(key));
        using var second = await otherClient.PostAsync(new Uri("/open311/v2/requests.xml", UriKind.Relative),
            new FormUrlEncodedContent(kit.ValidPost(key)), TestContext.Current.CancellationToken);
        await kit.KeepAsync(second);
        var (third, _) = await kit.PostAsync("json", kit.ValidPost(key));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode, third.StatusCode));
        Assert.Equal(2, await kit.AppealCountAsync());
        var code = Open311Kit.Json(body)[0].GetProperty("service_request_id").GetString()!;
        var appeal = await kit.Data.QueryAsync(db => db.Appeals.AsNoTracking().SingleAsync(a => a.TrackingCode == code));
        Assert.Equal(("谯城区汤陵路与光明路交叉口", 33.8446, 115.7787), (appeal.PlaceDescription, appeal.Latitude!.Value, appeal.Longitude!.Value));
        using var read = await otherClient.GetAsync(new Uri($"/open311/v2/requests.json?service_request_id={code}", UriKind.Relative), TestContext.Current.CancellationToken);
        await kit.KeepAsync(read);
        var request = Open311Kit.Json(await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).EnumerateArray().Single();
        Assert.Equal(("open", "市直 · 市政府"), (request.GetProperty("status").GetString(), request.GetProperty("agency_responsible").GetString()));
        kit.AssertNoCallerData();
    }
}
