namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>What the shared timeline partial (<c>_Timeline</c>) shows: the events in order, and the cadres they name (id → cadre).</summary>
public sealed record TimelineModel(IReadOnlyList<AppealEvent> Events, IReadOnlyDictionary<int, CadreOption> Cadres);
