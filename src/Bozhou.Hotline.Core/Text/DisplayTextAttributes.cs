namespace Bozhou.Hotline.Core.Text;

/// <summary>
/// A text shown on one line (a name, a position, a ticket number): stored as <see cref="DisplayText.SingleLine"/>
/// leaves it. On an entity's property the database interceptor applies it; on a form's input property or a page
/// handler's parameter the model binder does, so that validation sees what will be stored.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class SingleLineAttribute : Attribute;

/// <summary>
/// A string property that is not text for people to read (a ciphertext, a hash, an id, JSON, an id list): stored
/// exactly as given. Every other string property of the product's entities is cleaned as
/// <see cref="DisplayText.FreeText"/> on save.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class NotDisplayTextAttribute : Attribute;
