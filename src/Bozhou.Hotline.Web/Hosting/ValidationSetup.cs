using Bozhou.Hotline.Web.Pages.Appeals;

namespace Bozhou.Hotline.Web.Hosting;

public static class ValidationSetup
{
    /// <summary>
    /// The one validation convention of every page: MVC binds typed inputs and words its own binding errors from the
    /// shared resources (Chinese or English, by the request's culture); each input's FluentValidation validator is found
    /// once in this assembly and injected as <see cref="IValidator{T}"/>.
    /// </summary>
    public static WebApplicationBuilder AddValidation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();

        // Built once: its rules read the directory through IntakeDirectory, not a request's DbContext, and word their
        // messages when they run. The others word theirs as they are built, so they are built per request, in its culture.
        builder.Services.AddSingleton<IValidator<NewAppealInput>, NewAppealInputValidator>();
        builder.Services.AddValidatorsFromAssemblyContaining<NewAppealInputValidator>(
            ServiceLifetime.Scoped, filter: v => v.ValidatorType != typeof(NewAppealInputValidator));
        return builder;
    }

    /// <summary>MVC's model-binding messages read from <see cref="SharedResource"/> each time one is shown, in the request's culture.</summary>
    private sealed class LocalizedBindingMessages(IStringLocalizer<SharedResource> t) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => t["Binding.ValueInvalid", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["Binding.ValueInvalid", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => t["Binding.Invalid"]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Binding.Invalid"]);
            messages.SetValueIsInvalidAccessor(value => t["Binding.ValueInvalid", value]);
            messages.SetValueMustBeANumberAccessor(_ => t["Binding.Number"]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Binding.Number"]);
            messages.SetValueMustNotBeNullAccessor(_ => t["Binding.Required"]);
            messages.SetMissingBindRequiredValueAccessor(_ => t["Binding.Required"]);
            messages.SetMissingKeyOrValueAccessor(() => t["Binding.Required"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => t["Binding.BodyRequired"]);
        }
    }
}
