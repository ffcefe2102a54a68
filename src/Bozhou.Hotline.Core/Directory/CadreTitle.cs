namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// How a cadre is named in one line of Chinese: unit, position and name, the unit once. A published position often
/// carries its unit already ("市数据资源局局长" in 市数据资源局), so the unit is put before it only when it does not.
/// </summary>
public static class CadreTitle
{
    /// <summary>The unit and position: "市数据资源局局长" from ("市数据资源局", "局长") and from ("市数据资源局", "市数据资源局局长") alike.</summary>
    public static string Post(string? unit, string? position)
    {
        var u = (unit ?? "").Trim();
        var p = (position ?? "").Trim();
        return u.Length == 0 || p.StartsWith(u, StringComparison.Ordinal) ? p : u + p;
    }

    /// <summary>Unit, position and name, the unit once: "市数据资源局局长张伟".</summary>
    public static string Full(string? unit, string? position, string? name) => Post(unit, position) + (name ?? "").Trim();
}
