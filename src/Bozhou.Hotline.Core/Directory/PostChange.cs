namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// A cadre moving to another post (职务变动). The old record ends the day before the change and a new
/// record starts on it, so that appeals logged against the old post keep pointing to it.
/// </summary>
public static class PostChange
{
    /// <summary>
    /// Ends <paramref name="current"/> yesterday (China date <paramref name="today"/> minus one) and returns
    /// the new record, holding the same person's details, superior and topic tags, from today.
    /// </summary>
    public static Cadre Apply(Cadre current, int departmentId, string position, string positionEn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.PostEnd is { } ended && ended < today)
        {
            throw new InvalidOperationException($"Cadre {current.Id}'s post already ended on {ended:yyyy-MM-dd}.");
        }

        if (current.PostStart >= today)
        {
            throw new InvalidOperationException($"Cadre {current.Id}'s post starts on {current.PostStart:yyyy-MM-dd}; correct it instead of changing it.");
        }

        current.PostEnd = today.AddDays(-1);
        return new Cadre
        {
            Name = current.Name,
            NamePinyin = current.NamePinyin,
            Position = position.Trim(),
            PositionEn = positionEn.Trim(),
            Duties = current.Duties,
            DutiesEn = current.DutiesEn,
            Mobile = current.Mobile,
            OfficePhone = current.OfficePhone,
            DepartmentId = departmentId,
            ProtocolOrder = current.ProtocolOrder,
            SuperiorId = current.SuperiorId,
            Topics = [.. current.Topics.Select(t => new CadreTopic { TopicId = t.TopicId })],
            PostStart = today,
        };
    }

    /// <summary>Whether the post may change today: it is held and did not start today.</summary>
    public static bool CanChange(Cadre cadre, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return cadre.PostStart < today && (cadre.PostEnd is null || cadre.PostEnd >= today);
    }
}
