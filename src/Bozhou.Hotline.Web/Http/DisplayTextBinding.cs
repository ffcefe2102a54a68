using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Every string a form, query or route gives a page is cleaned as it is bound, with the rule the database applies
/// when it stores text (<see cref="DisplayText"/>): as free text, or as one line where the input property or
/// handler parameter is marked <see cref="SingleLineAttribute"/>. Validation therefore judges what will be stored:
/// a name of control characters alone is empty and refused as such, not stored as an empty name. Passwords
/// (<c>[DataType(DataType.Password)]</c>) are bound exactly as typed.
/// </summary>
public static class DisplayTextBinding
{
    /// <summary>Puts the cleaning binder in front of the framework's binder for simple types.</summary>
    public static IMvcBuilder AddDisplayTextBinding(this IMvcBuilder mvc)
    {
        ArgumentNullException.ThrowIfNull(mvc);
        return mvc.AddMvcOptions(o =>
        {
            var simple = o.ModelBinderProviders.Select((p, i) => (p, i)).First(x => x.p is SimpleTypeModelBinderProvider).i;
            o.ModelBinderProviders.Insert(simple, new Provider());
        });
    }

    private sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var metadata = context.Metadata;
            if (metadata.ModelType != typeof(string) || metadata.DataTypeName == nameof(DataType.Password))
            {
                return null;
            }

            var singleLine = metadata is DefaultModelMetadata { Attributes: var attributes } && attributes.Attributes.OfType<SingleLineAttribute>().Any();
            var inner = new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>());
            return new Binder(inner, singleLine);
        }
    }

    private sealed class Binder(IModelBinder inner, bool singleLine) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is not { IsModelSet: true, Model: string text })
            {
                return;
            }

            var cleaned = singleLine ? DisplayText.SingleLine(text) : DisplayText.FreeText(text);
            if (ReferenceEquals(cleaned, text))
            {
                return;
            }

            // The page shows the cleaned value again when it returns with errors.
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, cleaned, cleaned);
            var model = string.IsNullOrWhiteSpace(cleaned) && bindingContext.ModelMetadata.ConvertEmptyStringToNull ? null : cleaned;
            bindingContext.Result = ModelBindingResult.Success(model);
        }
    }
}
