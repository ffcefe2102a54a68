namespace Bozhou.Hotline.Core.Appeals;

/// <summary>Who made a timeline entry, stored as a kind so that each reader sees it in their own language.</summary>
public enum EventActorKind
{
    /// <summary>The citizen or enterprise who called (来电人 / the caller); no name is stored.</summary>
    Caller,

    /// <summary>The product's own clocks and sweeps (系统 / the system); no name is stored.</summary>
    System,

    /// <summary>A cadre acting on their own appeals, by name.</summary>
    Cadre,

    /// <summary>Staff acting for a cadre, by name, with the cadre's name in <see cref="EventActor.ForCadre"/>.</summary>
    Staff,

    /// <summary>The supervision office (督查室) or an administrator, by the user's name.</summary>
    Office,
}

/// <summary>
/// The actor of a timeline entry as data: its kind, the person's name (empty for the caller and the system) and, for
/// staff, the cadre they acted for. Pages render it in the reader's language; the names are people's names and stay as
/// they were written.
/// </summary>
/// <param name="Kind">Which kind of actor made the entry.</param>
/// <param name="Name">The person's display name; empty for <see cref="EventActorKind.Caller"/> and <see cref="EventActorKind.System"/>.</param>
/// <param name="ForCadre">For <see cref="EventActorKind.Staff"/>, the name of the cadre acted for; null otherwise.</param>
public readonly record struct EventActor(EventActorKind Kind, string Name, string? ForCadre = null)
{
    /// <summary>The longest stored name (the column's length).</summary>
    public const int NameMaxLength = 100;

    /// <summary>The caller (来电人).</summary>
    public static EventActor Caller { get; } = new(EventActorKind.Caller, "");

    /// <summary>The product's own clocks and sweeps (系统).</summary>
    public static EventActor System { get; } = new(EventActorKind.System, "");

    /// <summary>A cadre by name.</summary>
    public static EventActor Cadre(string name) => new(EventActorKind.Cadre, Cut(name));

    /// <summary>Staff by name, acting for the cadre named <paramref name="forCadre"/> (null when it is not known).</summary>
    public static EventActor Staff(string name, string? forCadre) => new(EventActorKind.Staff, Cut(name), forCadre is null ? null : Cut(forCadre));

    /// <summary>The supervision office or an administrator, by the user's name.</summary>
    public static EventActor Office(string name) => new(EventActorKind.Office, Cut(name));

    /// <summary>
    /// The actor a timeline text stored before the kind was kept stands for: "来电人" the caller, "系统" the system,
    /// "张秘书（代李明）" staff acting for 李明, any other name a cadre. The migration that added the kind converts the
    /// stored rows by the same rule (and reads names on the supervision office's own entries as the office).
    /// </summary>
    public static EventActor FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == AppealActors.Caller)
        {
            return Caller;
        }

        if (text == AppealActors.System)
        {
            return System;
        }

        var open = text.IndexOf("（代", StringComparison.Ordinal);
        return open > 0 && text.EndsWith('）')
            ? Staff(text[..open], text[(open + 2)..^1])
            : Cadre(text);
    }

    /// <summary>A name given as text (tests, the demo data) is read as <see cref="FromText"/> reads stored text.</summary>
    public static implicit operator EventActor(string text) => FromText(text);

    private static string Cut(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length <= NameMaxLength ? name : name[..NameMaxLength];
    }
}
