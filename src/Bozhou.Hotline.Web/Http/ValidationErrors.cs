using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Bozhou.Hotline.Web.Http;

/// <summary>The one way a validator's verdict reaches a page: as model-state errors under the input's prefix.</summary>
public static class ValidationErrors
{
    /// <summary>
    /// Copies <paramref name="result"/>'s errors into <paramref name="modelState"/> as "<paramref name="prefix"/>.Property",
    /// the keys the form's tag helpers read; returns whether the input was valid.
    /// </summary>
    public static bool AddErrors(this ModelStateDictionary modelState, ValidationResult result, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }

        return result.IsValid;
    }
}
