using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// Greyscale images read from an IDX file: <see cref="Count"/> images of <see cref="Rows"/> ×
/// <see cref="Columns"/> unsigned bytes, image after image, each row-major.
/// </summary>
public sealed class IdxImages
{
    /// <summary>Wraps the given pixels (used, not copied).</summary>
    /// <param name="pixels"><paramref name="count"/> × <paramref name="rows"/> × <paramref name="columns"/> bytes.</param>
    /// <param name="count">The number of images, zero or more.</param>
    /// <param name="rows">The height of an image, at least 1.</param>
    /// <param name="columns">The width of an image, at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// The length of <paramref name="pixels"/> is not count × rows × columns, or one image has more
    /// pixels than an array can hold.
    /// </exception>
    public IdxImages(byte[] pixels, int count, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if ((long)rows * columns > Array.MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"An image of {rows} × {columns} pixels has more pixels than an array can hold ({Array.MaxLength})."),
                nameof(rows));
        }

        long expected = (long)count * rows * columns;
        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected count × rows × columns = {count} × {rows} × {columns} = {expected} pixels, but there are {pixels.Length}."),
                nameof(pixels));
        }

        Pixels = pixels;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Every pixel, 0 (background) to 255, image after image, each row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The height of an image in pixels.</summary>
    public int Rows { get; }

    /// <summary>The width of an image in pixels.</summary>
    public int Columns { get; }

    /// <summary>The number of pixels of one image, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>, row-major.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<byte> ImageOf(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                string.Create(CultureInfo.InvariantCulture, $"The index must be in [0, {Count}), but it is {index}."));
        }

        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }
}
