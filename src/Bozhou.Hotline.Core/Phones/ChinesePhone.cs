using PhoneNumbers;

namespace Bozhou.Hotline.Core.Phones;

/// <summary>
/// Chinese phone numbers as people type them ("138 0558 1234", "0558-5123456", "+86 138…", and in a Chinese input
/// method's full-width forms, "１３９－０５５８－１２３４"), validated with libphonenumber (region CN) and kept in E.164.
/// </summary>
public static class ChinesePhone
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

    public static string LastFour(string e164)
    {
        var digits = NationalDigits(e164);
        return digits[^4..];
    }
}
