using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// A column of a CSV file, chosen by its 0-based index or by its name in the header. An
/// <see cref="int"/> or a <see cref="string"/> converts to it implicitly, so options read
/// <c>LabelColumn = 4</c> or <c>LabelColumn = "species"</c>.
/// </summary>
public readonly struct CsvColumn : IEquatable<CsvColumn>
{
    /// <summary>The column at a 0-based index.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public CsvColumn(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
        Name = null;
    }

    /// <summary>The column with this header name (compared ordinally, after trimming white space).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public CsvColumn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Index = -1;
        Name = name.Trim();
    }

    /// <summary>The 0-based index, or −1 when the column is chosen by <see cref="Name"/>.</summary>
    public int Index { get; }

    /// <summary>The header name, or null when the column is chosen by <see cref="Index"/>.</summary>
    public string? Name { get; }

    /// <summary>The column at a 0-based index.</summary>
    public static CsvColumn FromIndex(int index) => new(index);

    /// <summary>The column with this header name.</summary>
    public static CsvColumn FromName(string name) => new(name);

    /// <summary>The column at a 0-based index.</summary>
    public static implicit operator CsvColumn(int index) => new(index);

    /// <summary>The column with this header name.</summary>
    public static implicit operator CsvColumn(string name) => new(name);

    /// <summary>Whether two values choose the same column in the same way.</summary>
    public static bool operator ==(CsvColumn left, CsvColumn right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(CsvColumn left, CsvColumn right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(CsvColumn other) => Index == other.Index && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CsvColumn other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>"index 4" or "'species'".</summary>
    public override string ToString() =>
        Name is null ? "index " + Index.ToString(CultureInfo.InvariantCulture) : "'" + Name + "'";
}
