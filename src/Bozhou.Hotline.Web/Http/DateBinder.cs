using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Binds every <see cref="DateOnly"/> a page reads from its address or a form one way: a date in
/// <see cref="SupportedDates"/> binds; any other value (not a date, or a date such as 0001-01-01 or 9999-12-31
/// at whose ends the China-time conversions overflow) stays unbound, as if absent, with a model error and a
/// notice on the page saying it was left out. Registered first among the binder providers, so no page can
/// receive a date it cannot compute with.
/// </summary>
public sealed class DateBinder : IModelBinder, IModelBinderProvider
{
    /// <inheritdoc />
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.ModelType;
        return (Nullable.GetUnderlyingType(type) ?? type) == typeof(DateOnly) ? this : null;
    }

    /// <inheritdoc />
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var value = bindingContext.ValueProvider.GetValue(name);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(name, value);
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        var culture = value.Culture ?? CultureInfo.InvariantCulture;
        var parsed = DateOnly.TryParse(text, culture, DateTimeStyles.None, out var date);
        if (parsed && SupportedDates.Contains(date))
        {
            bindingContext.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }

        var localizer = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var message = !parsed
            ? localizer["Query.DateInvalid", QueryNotices.Shown(text)].Value
            : localizer["Query.DateOutOfRange", Format(date), Format(SupportedDates.First), Format(SupportedDates.Last)].Value;
        bindingContext.ModelState.TryAddModelError(name, message);
        QueryNotices.Add(bindingContext.HttpContext, message);
        return Task.CompletedTask;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
