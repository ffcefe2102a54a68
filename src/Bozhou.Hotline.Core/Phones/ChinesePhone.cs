using PhoneNumbers;

namespace Bozhou.Hotline.Core.Phones;

/// <summary>
/// Chinese phone numbers as people type them ("138 0558 1234", "0558-5123456", "+86 138…", and in a Chinese input
/// method's full-width forms, "１３９－０５５８－１２３４"), validated with libphonenumber (region CN) and kept in E.164.
/// </summary>
public static partial class ChinesePhone
{
    /// <summary>The longest input read as a phone number; a form's field must let this many characters through.</summary>
    public const int MaxInputLength = 32;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Parses a Chinese mobile or fixed-line number, after folding full-width forms (<see cref="TypedText.Fold"/>);
    /// false for anything else.
    /// </summary>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        input = TypedText.Fold(input);
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
        {
            return false;
        }

        try
        {
            var number = Util.Parse(input, "CN");
            if (number.CountryCode != 86 || !Util.IsValidNumberForRegion(number, "CN"))
            {
                return false;
            }

            var type = Util.GetNumberType(number);
            if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    public static bool IsMobile(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return Util.GetNumberType(Util.Parse(e164, "CN")) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    /// <summary>The national form for display and <c>tel:</c> links: "138 0558 1234", "0558 512 3456".</summary>
    public static string Display(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return Util.Format(Util.Parse(e164, "CN"), PhoneNumberFormat.NATIONAL);
    }

    /// <summary>The national digits only, e.g. "13805581234" or "05585123456".</summary>
    public static string NationalDigits(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return new string(Display(e164).Where(char.IsAsciiDigit).ToArray());
    }

    /// <summary>Masked as every public page shows it: the first 3 and last 4 digits, "138****5678".</summary>
    public static string Mask(string e164)
    {
        var digits = NationalDigits(e164);
        return digits.Length <= 7 ? new string('*', digits.Length) : $"{digits[..3]}****{digits[^4..]}";
    }

    /// <summary>
    /// <paramref name="text"/> with every phone number a citizen typed into it masked as <see cref="Mask"/> does
    /// ("请回电13805581234" → "请回电138****1234"), found by libphonenumber's matcher for region CN (mobiles, landlines with
    /// or without area code, +86, spaces and hyphens), and any other run of 7 or more digits (an ID card or account
    /// number) shown by its last 4 only ("**************123X" keeps the check character). For lists that show a
    /// description beside a masked phone (the rising terms' appeals), so that the description does not give it away.
    /// </summary>
    public static string MaskNumbersIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var match in Util.FindNumbers(text, "CN", PhoneNumberUtil.Leniency.VALID, long.MaxValue))
        {
            masked.Append(text, at, match.Start - at);
            var e164 = Util.Format(match.Number, PhoneNumberFormat.E164);
            masked.Append(Mask(e164));
            at = match.Start + match.Length;
        }

        masked.Append(text, at, text.Length - at);
        return LongDigitRun().Replace(masked.ToString(), m => new string('*', m.Length - 4) + m.Value[^4..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9０-９]{6,}[0-9０-９Xx]")]
    private static partial System.Text.RegularExpressions.Regex LongDigitRun();

    public static string LastFour(string e164)
    {
        var digits = NationalDigits(e164);
        return digits[^4..];
    }
}
