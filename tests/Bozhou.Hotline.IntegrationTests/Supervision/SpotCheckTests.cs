namespace Bozhou.Hotline.IntegrationTests.Supervision;

public class SpotCheckTests
{
    [Fact]
    public async Task Each_drawn_cadres_numbers_are_call_links_beside_the_outcome_form()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:SpotCheckSize", "3");
        var data = await SupervisionTestData.SeedAsync(factory);
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision/spot-checks");

        var drawn = await Html.ParseAsync(await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#draw-form")!, pageUrl: "/supervision/spot-checks"));

        var mobiles = await data.QueryAsync(db => db.Cadres.ToDictionaryAsync(c => c.Id, c => c.Mobile));
        var rows = drawn.QuerySelectorAll("#draw-table tbody tr");
        Assert.Equal(3, rows.Length);
        foreach (var row in rows)
        {
            var id = int.Parse(row.GetAttribute("data-cadre")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("tel:" + mobiles[id], row.QuerySelector("a.spot-call[data-kind='mobile']")!.GetAttribute("href"));
            Assert.NotNull(row.QuerySelector("form.record-form select[name='outcome']"));
        }
    }

    [Fact]
    public async Task The_day_has_one_draw_of_cadres_holding_posts_a_redraw_needs_a_reason_and_both_draws_are_kept()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:SpotCheckSize", "3");
        var data = await SupervisionTestData.SeedAsync(factory);
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/spot-checks");
        var drawn = await Html.ParseAsync(await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#draw-form")!, pageUrl: "/supervision/spot-checks"));

        Assert.Equal(3, drawn.QuerySelectorAll("#draw-table tbody tr").Length);
        Assert.NotNull(drawn.QuerySelector("#replay-ok"));
        var first = await data.QueryAsync(db => db.SpotCheckRounds.SingleAsync());
        Assert.Equal(new DateOnly(2026, 3, 2), first.Date);
        Assert.Equal(data.ServingCadres.Order(), first.Candidates); // the former cadre is not a candidate
        Assert.Equal(SpotCheckDraw.Draw(first.Candidates, 3, first.Seed), first.Drawn);
        Assert.Equal("督查员甲", first.DrawnBy);

        // No second draw without a reason: the form is gone, and a bare post changes nothing.
        Assert.Null(drawn.QuerySelector("#draw-form"));
        var redrawForm = drawn.QuerySelector<IHtmlFormElement>("#redraw-form")!;
        var refused = await Html.ParseAsync(await client.SubmitAsync(redrawForm, Html.Fields(("reason", "  ")), "/supervision/spot-checks"));
        Assert.Contains("写明理由", refused.QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await data.QueryAsync(db => db.SpotCheckRounds.CountAsync()));

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await client.SubmitAsync(redrawForm, Html.Fields(("reason", "抽中干部当日在外地参加培训，经主任批准重抽")), "/supervision/spot-checks");

        var rounds = await data.QueryAsync(db => db.SpotCheckRounds.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, rounds.Count);
        Assert.True(rounds[0].IsSuperseded);
        Assert.Equal(first.Seed, rounds[0].Seed);
        Assert.Equal(first.DrawnIds, rounds[0].DrawnIds);
        Assert.False(rounds[1].IsSuperseded);
        Assert.Equal("抽中干部当日在外地参加培训，经主任批准重抽", rounds[1].RedrawReason);
        Assert.Equal(SpotCheckDraw.Draw(rounds[1].Candidates, 3, rounds[1].Seed), rounds[1].Drawn);
        var history = await client.GetPageAsync("/supervision/spot-checks");
        Assert.Equal(2, history.QuerySelectorAll("#history tbody tr").Length);
        Assert.Contains("经主任批准重抽", history.QuerySelector($"#history tr[data-round='{rounds[1].Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(history.QuerySelector($"#history tr[data-round='{rounds[0].Id}'] .badge"));
    }

    [Fact]
    public async Task Each_dial_is_recorded_once_with_time_and_checker_and_feeds_the_spot_check_answer_rate()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:SpotCheckSize", "4");
        var data = await SupervisionTestData.SeedAsync(factory);
        using var client = factory.CreateClientAs("督查员乙", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision/spot-checks");
        page = await Html.ParseAsync(await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#draw-form")!, pageUrl: "/supervision/spot-checks"));
        var rows = page.QuerySelectorAll("#draw-table tbody tr").ToList();
        var outcomes = new[] { "Answered", "AnsweredByStaff", "CalledBackWithin30Minutes", "SwitchedOff" };

        for (var i = 0; i < rows.Count; i++)
        {
            var form = page.QuerySelector<IHtmlFormElement>($"#draw-table tr[data-cadre='{rows[i].GetAttribute("data-cadre")}'] form")!;
            page = await Html.ParseAsync(await client.SubmitAsync(form, Html.Fields(("outcome", outcomes[i]), ("calledAt", "09:3" + i)), "/supervision/spot-checks"));
        }

        var calls = await data.QueryAsync(db => db.SpotCheckCalls.OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(4, calls.Count);
        Assert.Equal(SupervisionTestData.China(2026, 3, 2, 9, 30), calls[0].CalledAt);
        Assert.All(calls, c => Assert.Equal("督查员乙", c.Checker));
        Assert.Equal(SpotCheckOutcome.SwitchedOff, calls[3].Outcome);
        // The outcome is kept as recorded: a second post for the same cadre is refused.
        var again = await client.PostAsync(new Uri("/supervision/spot-checks?handler=Record", UriKind.Relative), new FormUrlEncodedContent(
            [new("roundId", calls[0].RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("cadreId", calls[0].CadreId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("outcome", "NotAnswered"),
             new("__RequestVerificationToken", page.QuerySelector<IHtmlInputElement>("#redraw-form input[name='__RequestVerificationToken']")!.Value)]));
        Assert.Contains("不能修改", (await Html.ParseAsync(again)).QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SpotCheckOutcome.Answered, await data.QueryAsync(db => db.SpotCheckCalls.Where(c => c.Id == calls[0].Id).Select(c => c.Outcome).SingleAsync()));

        // Answered, by staff and called back within 30 minutes count as answered; switched off does not.
        var switchedOff = calls[3].CadreId;
        var rates = page.QuerySelector($"#spot-cadres tr[data-id='{switchedOff}'] .counts")!.TextContent;
        Assert.Equal("0 / 1", rates.Trim());
        var answeredCounts = calls.Take(3).Select(c => page.QuerySelector($"#spot-cadres tr[data-id='{c.CadreId}'] .counts")!.TextContent.Trim());
        Assert.All(answeredCounts, c => Assert.Equal("1 / 1", c));
    }

    [Fact]
    public async Task The_database_refuses_a_second_round_in_force_for_the_same_day()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SupervisionTestData.SeedAsync(factory);
        var day = new DateOnly(2026, 3, 2);
        SpotCheckRound Round() => new() { Date = day, Seed = 1, Size = 1, CandidateIds = "1", DrawnIds = "1", DrawnAt = factory.Clock.GetUtcNow(), DrawnBy = "x" };
        await data.QueryAsync(db => { db.SpotCheckRounds.Add(Round()); return db.SaveChangesAsync(); });

        await Assert.ThrowsAsync<DbUpdateException>(() => data.QueryAsync(db => { db.SpotCheckRounds.Add(Round()); return db.SaveChangesAsync(); }));

        // A superseded round beside it is fine: that is how a redraw is kept.
        await data.QueryAsync(db => { var r = Round(); r.SupersededAt = factory.Clock.GetUtcNow(); db.SpotCheckRounds.Add(r); return db.SaveChangesAsync(); });
        Assert.Equal(2, await data.QueryAsync(db => db.SpotCheckRounds.CountAsync()));
    }
}
