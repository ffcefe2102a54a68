using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Insight;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bozhou.Hotline.Bench;

/// <summary>
/// <c>dotnet Bozhou.Hotline.Bench.dll terms [--count 100000] [--seed 8]</c>: the rising terms' figure of issue 24 item 1
/// ("100,000 descriptions analysed in under 30 s on one core"). Generates <c>--count</c> varied descriptions (a place,
/// a matter, how long, what the caller asks, in random order and wording), then times <see cref="TermExtractor.Extract"/>
/// over all of them with jieba's HMM off (the product's setting) and on. With <c>--database</c> it also times the
/// background pass itself (<see cref="TermIndex.IndexPendingAsync"/>: read, segment, write the rows) over every appeal
/// of the configured database, as a bench seed left it. Run it pinned to one core: <c>taskset -c 0</c>.
/// </summary>
public static class TermsBench
{
    private static readonly string[] Places =
    [
        "谯城区花戏楼街道", "谯城区薛阁街道", "汤陵街道", "涡阳县城关街道", "涡阳县义门镇", "蒙城县庄周街道", "蒙城县双涧镇", "利辛县城关镇",
        "利辛县阚疃镇", "古井镇", "十八里镇", "魏武大道", "芍花路", "光明路", "健康路", "亳州南站附近", "康美中药城", "涡河北岸",
    ];

    private static readonly string[] Subjects =
    [
        "小区", "我们村", "单元楼", "菜市场", "学校门口", "路口", "公交站台", "工地", "饭店", "医院门诊", "企业", "老旧小区", "安置房小区",
    ];

    private static readonly string[] Matters =
    [
        "供暖不热，室内温度只有十几度", "停水，没有提前通知", "停电好几次", "路灯坏了，晚上很黑", "下水道堵塞，污水外溢", "噪声扰民，晚上无法休息",
        "油烟直排，窗户不敢开", "占道经营，车辆无法通行", "道路坑洼，下雨积水", "物业费上涨，业主不同意", "拖欠工资，老板联系不上",
        "医保报销材料不清楚", "低保申请没有结果", "违章建筑影响采光", "垃圾清运不及时，气味难闻", "公交班次太少，等车很久",
        "燃气管道漏气，担心安全", "营业执照变更材料反复", "学区划分有疑问", "校车超载，孩子不安全",
    ];

    private static readonly string[] Durations = ["已经三天了", "一个多月了", "好几个星期", "今年以来多次出现", "从上周开始", "反复出现"];

    private static readonly string[] Asks =
    [
        "希望有关部门尽快处理。", "请求领导协调解决。", "希望给个答复。", "请督促相关单位整改。", "希望尽快恢复正常。", "请核实后告知处理结果。",
    ];

    public static async Task<int> RunAsync(IServiceProvider services, int count, int seed, bool database)
    {
        var random = new Random(seed);
        var descriptions = new string[count];
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Clear();
            if (random.NextDouble() < 0.3)
            {
                text.Append("你好，");
            }

            text.Append(Places[random.Next(Places.Length)]).Append(Subjects[random.Next(Subjects.Length)]).Append(Matters[random.Next(Matters.Length)]);
            text.Append('，').Append(Durations[random.Next(Durations.Length)]).Append('，');
            if (random.NextDouble() < 0.5)
            {
                text.Append("之前反映过，").Append(Subjects[random.Next(Subjects.Length)]).Append(Matters[random.Next(Matters.Length)]).Append('，');
            }

            text.Append(Asks[random.Next(Asks.Length)]);
            descriptions[i] = text.ToString();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"terms-bench: {count} descriptions, {descriptions.Average(d => d.Length):F1} characters on average; {Environment.ProcessorCount} processor(s) visible"));
        var load = Stopwatch.StartNew();
        var extractor = new TermExtractor();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"terms-bench: jieba dictionary loaded in {load.Elapsed.TotalSeconds:F2} s"));
        Time("HMM off (the product's setting)", extractor, descriptions);
        Time("HMM on", new TermExtractor { Hmm = true }, descriptions);
        Time("HMM off again (after the other run's JIT)", extractor, descriptions);

        if (database)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var appeals = await db.Appeals.CountAsync();
            var first = await db.Appeals.MinAsync(a => (DateTimeOffset?)a.LoggedAt) ?? DateTimeOffset.UtcNow;
            await db.AppealTerms.ExecuteDeleteAsync();
            var index = new TermIndex(db, extractor, new Core.Caching.KeptValueChanges(null, NullLogger<Core.Caching.KeptValueChanges>.Instance), NullLogger<TermIndex>.Instance);
            // "now" such that the kept days start at the first appeal: every seeded appeal is analysed.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var analysed = await index.IndexPendingAsync(first.AddDays(TrendRules.KeptDays));
            watch.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var rows = await db.AppealTerms.CountAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"terms-bench pass: {analysed} of {appeals} appeals analysed and stored ({rows} rows) in {watch.Elapsed.TotalSeconds:F1} s, {analysed / watch.Elapsed.TotalSeconds:F0} appeals/s; CPU time of this process {used.TotalSeconds:F1} s ({db.Database.ProviderName})"));
        }

        return 0;
    }

    private static void Time(string label, TermExtractor extractor, string[] descriptions)
    {
        // A warm-up over the first 5,000 (not timed), so that the JIT's tiering is not what is measured.
        foreach (var d in descriptions.Take(5_000))
        {
            extractor.Extract(d);
        }

        var keys = 0L;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var d in descriptions)
        {
            keys += extractor.Extract(d).Count;
        }

        watch.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"terms-bench {label}: {descriptions.Length} descriptions in {watch.Elapsed.TotalSeconds:F2} s ({used.TotalSeconds:F2} s CPU), {descriptions.Length / watch.Elapsed.TotalSeconds:F0} descriptions/s, {(double)keys / descriptions.Length:F1} keys each"));
    }
}
