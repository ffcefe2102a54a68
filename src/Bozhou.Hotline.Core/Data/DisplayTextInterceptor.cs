using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// The one place where text is made fit to display before it is stored, whichever path wrote it: a form, the
/// directory import, a command, a background service. On every save, each string property of the product's own
/// entities (and of their complex properties) that is added or changed is cleaned with <see cref="DisplayText"/>:
/// as a single line where the property is marked <see cref="SingleLineAttribute"/>, as free text otherwise, and
/// left alone where it is marked <see cref="NotDisplayTextAttribute"/> (ciphertexts, hashes, ids, JSON).
/// Properties declared by framework types (Identity's stamps and hashes, the Data Protection keys' XML) are
/// never touched.
/// </summary>
public sealed class DisplayTextInterceptor : SaveChangesInterceptor
{
    /// <summary>The interceptor holds no state: one instance serves every context.</summary>
    public static DisplayTextInterceptor Instance { get; } = new();

    private static readonly Assembly Product = typeof(DisplayTextInterceptor).Assembly;

    private static readonly ConcurrentDictionary<PropertyInfo, TextKind> Kinds = new();

    private enum TextKind
    {
        Verbatim,
        Free,
        SingleLine,
    }

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clean(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clean(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Cleans the text of the added and modified entities <paramref name="context"/> tracks.</summary>
    public static void Clean(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Entries() detects changes first, so a property set since the last save counts as modified.
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Metadata.ClrType.Assembly != Product)
            {
                continue;
            }

            var added = entry.State == EntityState.Added;
            foreach (var property in entry.Properties)
            {
                CleanProperty(property, added);
            }

            foreach (var complex in entry.ComplexProperties)
            {
                CleanComplex(complex, added);
            }
        }
    }

    private static void CleanComplex(ComplexPropertyEntry complex, bool added)
    {
        if (complex.CurrentValue is null)
        {
            return;
        }

        foreach (var property in complex.Properties)
        {
            CleanProperty(property, added);
        }

        foreach (var nested in complex.ComplexProperties)
        {
            CleanComplex(nested, added);
        }
    }

    private static void CleanProperty(PropertyEntry property, bool added)
    {
        if (property.Metadata.ClrType != typeof(string) || (!added && !property.IsModified) || property.CurrentValue is not string text)
        {
            return;
        }

        var cleaned = KindOf(property.Metadata) switch
        {
            TextKind.Free => DisplayText.FreeText(text),
            TextKind.SingleLine => DisplayText.SingleLine(text),
            _ => text,
        };
        if (!ReferenceEquals(cleaned, text))
        {
            property.CurrentValue = cleaned;
        }
    }

    // Shadow properties and those a framework type declares (IdentityUser's stamps and hashes) are not the product's text.
    private static TextKind KindOf(IReadOnlyPropertyBase property) =>
        property.PropertyInfo is { } info ? Kinds.GetOrAdd(info, static info => info.DeclaringType?.Assembly != Product
            || info.IsDefined(typeof(NotDisplayTextAttribute), inherit: true)
                ? TextKind.Verbatim
                : info.IsDefined(typeof(SingleLineAttribute), inherit: true) ? TextKind.SingleLine : TextKind.Free)
            : TextKind.Verbatim;
}
