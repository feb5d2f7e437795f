using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Data;

/// <summary>
/// Reads IDX files, the format of the MNIST database: a big-endian header (magic number
/// <c>0x000008DD</c> where <c>08</c> means unsigned bytes and <c>DD</c> is the number of
/// dimensions, then each dimension as a 32-bit big-endian integer) followed by the data. Image
/// files have magic <c>0x00000803</c> (count, rows, columns) and label files <c>0x00000801</c>
/// (count). gzip-compressed files (starting with the bytes 1F 8B) are decompressed on the fly;
/// plain files work too.
/// </summary>
/// <remarks>
/// <para>
/// A malformed file throws <see cref="InvalidDataException"/> whose message starts with the file
/// name and the byte offset of the problem, for example
/// <c>images.gz, byte 1,016: the file ends early: expected 7,840,000 pixel bytes after the 16-byte header, found 1,000.</c>
/// In a gzip file, offsets count decompressed bytes, and the message says so:
/// <c>images.gz, byte 1,016 (decompressed): …</c>.
/// </para>
/// <para>
/// A header is never trusted for an allocation: the data buffer is as large as the header claims
/// only when a seekable (uncompressed) stream holds that many bytes; otherwise (gzip, a stream that
/// cannot seek) it grows while the data arrives, so a file that claims more than it has fails with
/// "the file ends early" after allocating at most about twice what it holds.
/// </para>
/// </remarks>
public static class IdxReader
{
    private const int ImageMagic = 0x00000803;
    private const int LabelMagic = 0x00000801;

    /// <summary>Reads an image file (magic <c>0x00000803</c>), plain or gzip.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is malformed; the message has file name and byte offset.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static IdxImages ReadImages(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ReadImages(stream, Path.GetFileName(path));
    }

    /// <summary>Reads an image file (magic <c>0x00000803</c>), plain or gzip, from a stream (not disposed).</summary>
    /// <param name="stream">The file's bytes, read from the current position to the end.</param>
    /// <param name="name">The name that error messages give the file.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The data is malformed; the message has name and byte offset.</exception>
    public static IdxImages ReadImages(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var input = new IdxInput(stream, name);
        int[] dimensions = input.ReadHeader(ImageMagic, "image", "label");
        int count = dimensions[0], rows = dimensions[1], columns = dimensions[2];
        if (rows == 0 || columns == 0)
        {
            throw input.Error(rows == 0 ? 8 : 12, Invariant($"an image of {rows} × {columns} pixels has no pixels."));
        }

        long pixelsPerImage = (long)rows * columns;
        if (pixelsPerImage > Array.MaxLength)
        {
            throw input.Error(8, Invariant($"an image of {rows:N0} × {columns:N0} pixels is {pixelsPerImage:N0} bytes, more than an array can hold ({Array.MaxLength:N0})."));
        }

        long size = (long)count * rows * columns;
        if (size > Array.MaxLength)
        {
            throw input.Error(4, Invariant($"{count:N0} images of {rows} × {columns} pixels are {size:N0} bytes, more than an array can hold."));
        }

        byte[] pixels = input.ReadData(size, "pixel", Invariant($"{count:N0} images of {rows} × {columns}"));
        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads a label file (magic <c>0x00000801</c>), plain or gzip: one byte per sample.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is malformed; the message has file name and byte offset.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ReadLabels(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a label file (magic <c>0x00000801</c>), plain or gzip, from a stream (not disposed).</summary>
    /// <param name="stream">The file's bytes, read from the current position to the end.</param>
    /// <param name="name">The name that error messages give the file.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The data is malformed; the message has name and byte offset.</exception>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return ReadLabels(stream, name, out _);
    }

    private static byte[] ReadLabels(Stream stream, string name, out bool gzip)
    {
        using var input = new IdxInput(stream, name);
        gzip = input.IsGzip;
        int count = input.ReadHeader(LabelMagic, "label", "image")[0];
        return input.ReadData(count, "label", Invariant($"{count:N0} labels"));
    }

    private static byte[] ReadLabels(string path, out bool gzip)
    {
        using FileStream stream = File.OpenRead(path);
        return ReadLabels(stream, Path.GetFileName(path), out gzip);
    }

    /// <summary>
    /// Loads MNIST-style images and labels as a data set: each image's pixels scaled to [0, 1]
    /// (byte / 255f) as its features, row-major, and its label one-hot as its targets;
    /// <see cref="DataSet.ClassNames"/> are "0", "1", … .
    /// </summary>
    /// <param name="imagesPath">The image file (<c>…-idx3-ubyte</c>, plain or .gz).</param>
    /// <param name="labelsPath">The label file (<c>…-idx1-ubyte</c>, plain or .gz).</param>
    /// <param name="classCount">The number of classes; every label must be below it.</param>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not in [1, 256].</exception>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, the two hold different numbers of samples, a label is not below
    /// <paramref name="classCount"/> (the message has file name and byte offset), or the one-hot
    /// targets (samples × <paramref name="classCount"/>) would not fit in one array.
    /// </exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static DataSet LoadMnist(string imagesPath, string labelsPath, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        CheckClassCount(classCount);
        IdxImages images = ReadImages(imagesPath);
        byte[] labels = ReadLabels(labelsPath, out bool gzip);
        return ToDataSet(images, Path.GetFileName(imagesPath), labels, Path.GetFileName(labelsPath), gzip, classCount);
    }

    /// <summary>
    /// As <see cref="LoadMnist(string, string, int)"/>, from two streams (not disposed), for example
    /// embedded resources.
    /// </summary>
    /// <param name="images">The image file's bytes.</param>
    /// <param name="imagesName">The name that error messages give the image file.</param>
    /// <param name="labels">The label file's bytes.</param>
    /// <param name="labelsName">The name that error messages give the label file.</param>
    /// <param name="classCount">The number of classes; every label must be below it.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not in [1, 256].</exception>
    /// <exception cref="InvalidDataException">As for the paths.</exception>
    public static DataSet LoadMnist(Stream images, string imagesName, Stream labels, string labelsName, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(imagesName);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(labelsName);
        CheckClassCount(classCount);
        IdxImages imageData = ReadImages(images, imagesName);
        byte[] labelData = ReadLabels(labels, labelsName, out bool gzip);
        return ToDataSet(imageData, imagesName, labelData, labelsName, gzip, classCount);
    }

    private static DataSet ToDataSet(IdxImages images, string imagesName, byte[] labels, string labelsName, bool labelsGzip, int classCount)
    {
        string decompressed = labelsGzip ? " (decompressed)" : "";
        long targetCount = (long)labels.Length * classCount;
        if (targetCount > Array.MaxLength)
        {
            throw new InvalidDataException(Invariant(
                $"{labelsName}: {labels.Length:N0} labels × {classCount} classes are {targetCount:N0} one-hot target values, more than an array can hold ({Array.MaxLength:N0}); use fewer samples or fewer classes."));
        }

        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(Invariant(
                $"{labelsName}, byte 4{decompressed}: the file has {labels.Length:N0} labels, but {imagesName} has {images.Count:N0} images; they must match one to one."));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidDataException(Invariant(
                    $"{labelsName}, byte {8L + i:N0}{decompressed}: label {labels[i]} of sample {i:N0} is not below the class count {classCount}."));
            }
        }

        Span<float> scale = stackalloc float[256];
        for (int b = 0; b < 256; b++)
        {
            scale[b] = b / 255f;
        }

        byte[] pixels = images.Pixels;
        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = scale[pixels[i]];
        }

        var targets = new float[targetCount];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[(i * classCount) + labels[i]] = 1f;
        }

        var classNames = new string[classCount];
        for (int k = 0; k < classCount; k++)
        {
            classNames[k] = k.ToString(CultureInfo.InvariantCulture);
        }

        return new DataSet(features, targets, images.Count, images.PixelsPerImage, classCount, classNames);
    }

    private static void CheckClassCount(int classCount)
    {
        if (classCount is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount,
                Invariant($"The class count must be in [1, 256] (labels are bytes), but it is {classCount}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The decompressed bytes of one IDX file, with the offset of the next byte.</summary>
    private sealed class IdxInput : IDisposable
    {
        /// <summary>The first buffer of data read from a stream whose length is unknown.</summary>
        private const int FirstChunk = 64 * 1024;

        private readonly string _name;
        private readonly Stream _stream;
        private readonly bool _gzip;
        private long _offset;
        private int _headerSize;

        public IdxInput(Stream source, string name)
        {
            _name = name;
            Span<byte> start = stackalloc byte[2];
            int got;
            if (source.CanSeek)
            {
                long position = source.Position;
                got = source.ReadAtLeast(start, 2, throwOnEndOfStream: false);
                source.Position = position;
                _stream = source;
            }
            else
            {
                got = source.ReadAtLeast(start, 2, throwOnEndOfStream: false);
                _stream = new PrefixStream(start[..got].ToArray(), source);
            }

            _gzip = got == 2 && start[0] == 0x1F && start[1] == 0x8B;
            if (_gzip)
            {
                _stream = new GZipStream(_stream, CompressionMode.Decompress, leaveOpen: true);
            }
        }

        public bool IsGzip => _gzip;

        public InvalidDataException Error(long offset, string message) =>
            new(Location(offset) + message);

        private string Location(long offset) =>
            Invariant($"{_name}, byte {offset:N0}{(_gzip ? " (decompressed)" : "")}: ");

        /// <summary>Reads and checks the magic number and the dimensions.</summary>
        public int[] ReadHeader(int magic, string kind, string otherKind)
        {
            int dimensionCount = magic & 0xFF;
            _headerSize = 4 + (4 * dimensionCount);
            Span<byte> header = stackalloc byte[_headerSize];
            int got = Read(header[..4]);
            if (got < 4)
            {
                throw Error(got, got == 0
                    ? "the file is empty."
                    : Invariant($"the file ends inside the 4-byte magic number (it has {got} byte{(got == 1 ? "" : "s")})."));
            }

            if (header[0] != 0 || header[1] != 0)
            {
                throw Error(0, Invariant($"the magic number is 0x{header[0]:X2}{header[1]:X2}{header[2]:X2}{header[3]:X2}, so this is not an IDX file; an IDX {kind} file starts with 0x{magic:X8}."));
            }

            if (header[2] != 0x08)
            {
                throw Error(2, DescribeType(header[2]));
            }

            if (header[3] != dimensionCount)
            {
                string hint = header[3] == (kind == "image" ? 1 : 3) ? Invariant($" (is it the {otherKind} file?)") : "";
                throw Error(3, Invariant($"the file has {header[3]} dimension{(header[3] == 1 ? "" : "s")}, but an IDX {kind} file has {dimensionCount}{hint}; expected the magic number 0x{magic:X8}."));
            }

            got = Read(header[4..]);
            if (got < _headerSize - 4)
            {
                throw Error(4 + got, Invariant($"the file ends inside the {_headerSize}-byte header (it has {4 + got} bytes)."));
            }

            var dimensions = new int[dimensionCount];
            for (int d = 0; d < dimensionCount; d++)
            {
                uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4 + (4 * d), 4));
                if (value > int.MaxValue)
                {
                    throw Error(4 + (4 * d), Invariant($"dimension {d + 1} is {value:N0}, too large to read."));
                }

                dimensions[d] = (int)value;
            }

            return dimensions;
        }

        /// <summary>
        /// Reads exactly <paramref name="size"/> data bytes and checks that nothing follows. The
        /// header's <paramref name="size"/> is not trusted: a seekable plain stream must hold that
        /// many bytes before they are allocated; any other stream is read into a buffer that grows
        /// with the data, so an allocation is never much larger than what has been read.
        /// </summary>
        public byte[] ReadData(long size, string what, string headerSays)
        {
            bool knownLength = !_gzip && _stream.CanSeek;
            long available = knownLength ? Math.Max(0, _stream.Length - _stream.Position) : long.MaxValue;
            if (available < size)
            {
                throw EndsEarly(size, available, what, headerSays);
            }

            byte[] data;
            int got;
            if (knownLength && size <= Array.MaxLength)
            {
                data = new byte[size];
                got = Read(data);
            }
            else if (knownLength)
            {
                throw TooLarge(size, what, headerSays);
            }
            else
            {
                data = ReadGrowing((int)Math.Min(size, Array.MaxLength), out got);
                if (got == Array.MaxLength && size > got)
                {
                    throw TooLarge(size, what, headerSays);
                }
            }

            if (got < size)
            {
                throw EndsEarly(size, got, what, headerSays);
            }

            long extra = 0;
            Span<byte> rest = stackalloc byte[4096];
            for (int n; (n = Read(rest)) > 0;)
            {
                extra += n;
            }

            if (extra > 0)
            {
                throw Error(_headerSize + size, Invariant(
                    $"{extra:N0} byte{(extra == 1 ? "" : "s")} follow the data; the header says {headerSays}, {size:N0} {what} bytes."));
            }

            return data;
        }

        private InvalidDataException TooLarge(long size, string what, string headerSays) =>
            Error(4, Invariant($"the header says {headerSays}, {size:N0} {what} bytes, more than an array can hold ({Array.MaxLength:N0})."));

        private InvalidDataException EndsEarly(long size, long got, string what, string headerSays) =>
            Error(_headerSize + got, Invariant(
                $"the file ends early: expected {size:N0} {what} bytes after the {_headerSize}-byte header ({headerSays}), found {got:N0}."));

        /// <summary>
        /// Reads up to <paramref name="size"/> bytes into a buffer that starts at
        /// <see cref="FirstChunk"/> bytes and doubles only when full, so a header that claims more
        /// than the stream holds costs at most about twice the bytes that are there.
        /// </summary>
        private byte[] ReadGrowing(int size, out int got)
        {
            var buffer = new byte[Math.Min(size, FirstChunk)];
            got = 0;
            while (true)
            {
                got += Read(buffer.AsSpan(got));
                if (got < buffer.Length || got == size)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min(size, 2L * buffer.Length));
            }
        }

        public void Dispose()
        {
            if (_gzip)
            {
                _stream.Dispose();
            }
        }

        private int Read(Span<byte> buffer)
        {
            int got;
            try
            {
                got = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e) when (_gzip)
            {
                throw new InvalidDataException(
                    Location(_offset) + "the gzip data is corrupt (decompression failed reading from this offset on): " + e.Message, e);
            }

            _offset += got;
            return got;
        }

        private static string DescribeType(byte type)
        {
            string? known = type switch
            {
                0x09 => "signed byte",
                0x0B => "16-bit integer",
                0x0C => "32-bit integer",
                0x0D => "32-bit float",
                0x0E => "64-bit float",
                _ => null,
            };
            return known is null
                ? Invariant($"the data type byte is 0x{type:X2}, which is not an IDX data type; this reader supports 0x08 (unsigned byte).")
                : Invariant($"the data type 0x{type:X2} ({known}) is not supported; this reader supports 0x08 (unsigned byte).");
        }
    }

    /// <summary>A non-seekable stream with the bytes already read from it put back in front.</summary>
    private sealed class PrefixStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly Stream _inner;
        private int _position;

        public PrefixStream(byte[] prefix, Stream inner)
        {
            _prefix = prefix;
            _inner = inner;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < _prefix.Length && buffer.Length > 0)
            {
                int n = Math.Min(buffer.Length, _prefix.Length - _position);
                _prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return _inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
