using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// An immutable array with structural equality. Arrays in the model must compare by content, or
/// the incremental pipeline would see every parse as a change and regenerate every time.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    public static EquatableArray<T> Empty => default;

    public int Count => _items?.Length ?? 0;

    /// <summary>A copy of the items.</summary>
    public T[] ToArray() => _items is null ? Array.Empty<T>() : (T[])_items.Clone();

    public T this[int index] => _items![index];

    /// <summary>Copies <paramref name="length"/> items from <paramref name="sourceIndex"/> on into <paramref name="destination"/>.</summary>
    public void CopyTo(int sourceIndex, T[] destination, int destinationIndex, int length) =>
        Array.Copy(_items ?? Array.Empty<T>(), sourceIndex, destination, destinationIndex, length);

    public bool Equals(EquatableArray<T> other)
    {
        T[] left = _items ?? Array.Empty<T>();
        T[] right = other._items ?? Array.Empty<T>();
        if (ReferenceEquals(left, right))
        {
            // The pipeline passes a model file's bytes along by reference: a step that re-runs on an
            // edit elsewhere compares megabytes of embedded weights in O(1).
            return true;
        }

        if (left.Length != right.Length)
        {
            return false;
        }

        if (typeof(T) == typeof(byte))
        {
            return System.MemoryExtensions.SequenceEqual<byte>((byte[])(object)left, (byte[])(object)right);
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in _items ?? Array.Empty<T>())
        {
            hash = unchecked(hash * 31 + (item?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);

    public static EquatableArray<T> ToEquatableArray<T>(this ImmutableArray<T> items)
        where T : IEquatable<T> => new(items);
}
