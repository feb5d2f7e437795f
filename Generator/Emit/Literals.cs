using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>C# literals written with the invariant culture, so output never depends on the build machine's locale.</summary>
internal static class Literals
{
    /// <summary>A float literal that parses back to exactly <paramref name="value"/> (shortest form when it round-trips).</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.Parse(text, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }

        if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0)
        {
            text += ".0";
        }

        return text + "f";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for comments and docs, a few significant digits.</summary>
    public static string Short(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>A C# string literal.</summary>
    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
