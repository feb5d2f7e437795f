using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NetGen.Data;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// NetGen.Data (docs/data.md): CSV and IDX loading (good files and every kind of malformed input,
/// with the exact location in the message), seeded shuffling and splitting, the scalers (fitted on
/// the training split only), one-hot and arg-max, and the real data shipped with the samples.
/// </summary>
public sealed class DataTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-data-tests-" + Guid.NewGuid().ToString("N"));

    public DataTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string TempFile(string name, byte[] contents)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    // =====================================================================================
    // CSV: good files
    // =====================================================================================

    private static DataSet Csv(string text, CsvOptions? options = null) =>
        CsvReader.Load(new StringReader(text), "test.csv", options);

    private static string CsvError(string text, CsvOptions? options = null, string name = "bad.csv") =>
        Assert.Throws<InvalidDataException>(() => CsvReader.Load(new StringReader(text), name, options)).Message;

    private static void AssertRegression(DataSet data)
    {
        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(1, data.TargetCount);
        Assert.Equal(new[] { 1f, 2f, 4f, 5f }, data.Features);
        Assert.Equal(new[] { 3f, 6f }, data.Targets);
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void CsvWithHeaderDefaultsToRegressionOnTheLastColumn() =>
        AssertRegression(Csv("a,b,y\n1,2,3\n4,5,6\n"));

    [Fact]
    public void CsvWithoutHeaderReadsEveryLineAsData() =>
        AssertRegression(Csv("1,2,3\n4,5,6", new CsvOptions { HasHeader = false }));

    [Theory]
    [InlineData("a,b,y\r\n1,2,3\r\n4,5,6\r\n")]       // CRLF
    [InlineData("a,b,y\r1,2,3\r4,5,6\r")]             // CR
    [InlineData("a,b,y\n1,2,3\r\n4,5,6")]             // mixed, no final line break
    [InlineData("a,b,y\n1,2,3\n4,5,6\n\n\n")]         // blank trailing lines
    [InlineData("a,b,y\r\n1,2,3\r\n\r\n4,5,6\r\n  \r\n")] // blank and white-space lines anywhere
    [InlineData("\uFEFFa,b,y\n1,2,3\n4,5,6\n")]       // a byte order mark
    [InlineData("a,b,y\n 1 , 2,3 \n4,\"5\",\"6\"\n")] // white space around numbers, quoted numbers
    public void CsvLineEndingsBlankLinesBomAndQuotedNumbers(string text) => AssertRegression(Csv(text));

    [Fact]
    public void CsvNumbersUseTheInvariantCulture()
    {
        DataSet data = Csv("x,y\n-1.5e-3,+2.25\n1E3,.5\n");
        Assert.Equal(new[] { -0.0015f, 1000f }, data.Features);
        Assert.Equal(new[] { 2.25f, 0.5f }, data.Targets);
    }

    [Fact]
    public void CsvSemicolonDelimiterWithClassification()
    {
        DataSet data = Csv("x;y;kind\n1.5;2;b\n3;4;a\n", new CsvOptions { Delimiter = ';', Classification = true });
        Assert.Equal(new[] { 1.5f, 2f, 3f, 4f }, data.Features);
        Assert.Equal(new[] { "a", "b" }, data.ClassNames);
        Assert.Equal(new[] { 0f, 1f, 1f, 0f }, data.Targets);
    }

    [Fact]
    public void CsvTabDelimiter()
    {
        DataSet data = Csv("x\ty\n1\t2\n", new CsvOptions { Delimiter = '\t' });
        Assert.Equal(new[] { 1f }, data.Features);
        Assert.Equal(new[] { 2f }, data.Targets);
    }

    [Fact]
    public void CsvQuotedFieldsHoldDelimitersQuotesAndLineBreaks()
    {
        const string text =
            "\"length, cm\",\"width\",\"class\"\n" +
            "1,2,\"setosa, small\"\n" +
            "3,4,\"the \"\"big\"\" one\"\n" +
            "5,6,\"two\r\nlines\"\n" +
            "7,8,\"\"\"\"\n";
        DataSet data = Csv(text, new CsvOptions { Classification = true, LabelColumn = "class" });
        Assert.Equal(4, data.Count);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f }, data.Features);
        // Ordinal order: '"' (0x22) < 's' < 't'.
        Assert.Equal(new[] { "\"", "setosa, small", "the \"big\" one", "two\r\nlines" }, data.ClassNames);
        Assert.Equal(1, Labels.ArgMax(data.TargetsOf(0)));
        Assert.Equal(2, Labels.ArgMax(data.TargetsOf(1)));
        Assert.Equal(3, Labels.ArgMax(data.TargetsOf(2)));
        Assert.Equal(0, Labels.ArgMax(data.TargetsOf(3)));
    }

    [Fact]
    public void CsvLineNumbersCountLineBreaksInsideQuotedFields()
    {
        // The record on line 2 spans lines 2-4; the bad number is on line 5.
        string message = CsvError("x,name\n1,\"a\nb\nc\"\nzz,d\n", new CsvOptions { Classification = true });
        Assert.Equal("bad.csv, line 5, column 1 (x): 'zz' is not a number.", message);
    }

    [Fact]
    public void CsvLabelColumnByNameAndByIndexLeavesTheOtherColumnsAsFeaturesInFileOrder()
    {
        const string text = "a,label,b,c\n1,10,2,3\n4,20,5,6\n";
        DataSet byName = Csv(text, new CsvOptions { LabelColumn = "label" });
        DataSet byIndex = Csv(text, new CsvOptions { LabelColumn = 1 });
        foreach (DataSet data in new[] { byName, byIndex })
        {
            Assert.Equal(3, data.FeatureCount);
            Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, data.Features);
            Assert.Equal(new[] { 10f, 20f }, data.Targets);
        }

        DataSet first = Csv(text, new CsvOptions { LabelColumn = CsvColumn.FromIndex(0) });
        Assert.Equal(new[] { 1f, 4f }, first.Targets);
        DataSet noHeader = Csv("1,10,2\n4,20,5\n", new CsvOptions { HasHeader = false, LabelColumn = 1 });
        Assert.Equal(new[] { 1f, 2f, 4f, 5f }, noHeader.Features);
        Assert.Equal(new[] { 10f, 20f }, noHeader.Targets);
    }

    [Fact]
    public void CsvHeaderNamesAndLabelsAreTrimmed()
    {
        DataSet data = Csv(" x , kind \n1, cat \n2,dog\n3,cat\n", new CsvOptions { Classification = true, LabelColumn = "kind" });
        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
        Assert.Equal(new[] { 1f, 0f, 0f, 1f, 1f, 0f }, data.Targets);
    }

    [Fact]
    public void CsvClassificationSortsClassNamesOrdinallyOrNumerically()
    {
        DataSet words = Csv("x,c\n1,b\n2,a\n3,c\n4,a\n5,B\n", new CsvOptions { Classification = true });
        Assert.Equal(new[] { "B", "a", "b", "c" }, words.ClassNames);
        Assert.Equal(new[] { 2, 1, 3, 1, 0 }, Labels.ArgMax(words.Targets, 4));

        DataSet numbers = Csv("x,c\n1,10\n2,2\n3,1\n4,-1\n", new CsvOptions { Classification = true });
        Assert.Equal(new[] { "-1", "1", "2", "10" }, numbers.ClassNames);
        Assert.Equal(new[] { 3, 2, 1, 0 }, Labels.ArgMax(numbers.Targets, 4));

        // One non-integer name: ordinal order for all.
        DataSet mixed = Csv("x,c\n1,10\n2,2\n3,x\n", new CsvOptions { Classification = true });
        Assert.Equal(new[] { "10", "2", "x" }, mixed.ClassNames);
    }

    [Fact]
    public void CsvClassNamesOptionFixesTheOrderAndKeepsAbsentClasses()
    {
        var options = new CsvOptions { Classification = true, ClassNames = new[] { "virginica", "setosa", "versicolor" } };
        DataSet data = Csv("x,species\n1,setosa\n2,virginica\n", options);
        Assert.Equal(new[] { "virginica", "setosa", "versicolor" }, data.ClassNames);
        Assert.Equal(3, data.TargetCount);
        Assert.Equal(new[] { 0f, 1f, 0f, 1f, 0f, 0f }, data.Targets);
    }

    [Fact]
    public void CsvMultiOutputRegressionByTargetColumns()
    {
        const string text = "y2,a,y1,b\n10,1,20,2\n30,3,40,4\n";
        DataSet data = Csv(text, new CsvOptions { TargetColumns = new CsvColumn[] { "y1", 0 } });
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(2, data.TargetCount);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features);
        Assert.Equal(new[] { 20f, 10f, 40f, 30f }, data.Targets);
    }

    [Fact]
    public void CsvLoadsFromAPathWithABomAndNamesOnlyTheFileInMessages()
    {
        byte[] bom = Encoding.UTF8.GetPreamble();
        string good = TempFile("bom.csv", bom.Concat(Encoding.UTF8.GetBytes("a,b\r\n1,2\r\n")).ToArray());
        // With a BOM, the first header name is still "a".
        DataSet data = CsvReader.Load(good, new CsvOptions { LabelColumn = "a" });
        Assert.Equal(new[] { 2f }, data.Features);
        Assert.Equal(new[] { 1f }, data.Targets);

        string bad = TempFile("broken.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n3\n"));
        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Load(bad));
        Assert.Equal("broken.csv, line 3: expected 2 fields, found 1.", e.Message);
    }

    // =====================================================================================
    // CSV: malformed input, with the exact location
    // =====================================================================================

    private const string IrisHeader = "sepal_length,sepal_width,petal_length,petal_width,species\n";
    private const string IrisRow = "5.1,3.5,1.4,0.2,setosa\n";

    private static string IrisLike(int goodRows, string badRow) =>
        IrisHeader + string.Concat(Enumerable.Repeat(IrisRow, goodRows)) + badRow + IrisRow;

    [Fact]
    public void CsvWrongFieldCountNamesTheLine()
    {
        Assert.Equal("file.csv, line 7: expected 5 fields, found 4.",
            CsvError(IrisLike(5, "5.1,3.5,1.4,setosa\n"), new CsvOptions { Classification = true }, "file.csv"));
        Assert.Equal("bad.csv, line 3: expected 5 fields, found 6.",
            CsvError(IrisLike(1, "5.1,3.5,1.4,0.2,setosa,x\n"), new CsvOptions { Classification = true }));
        // Without a header the first record sets the count.
        Assert.Equal("bad.csv, line 2: expected 3 fields, found 2.",
            CsvError("1,2,3\n4,5\n", new CsvOptions { HasHeader = false }));
    }

    [Fact]
    public void CsvNonNumericValueNamesLineColumnAndHeader()
    {
        Assert.Equal("file.csv, line 12, column 3 (petal_length): 'abc' is not a number.",
            CsvError(IrisLike(10, "5.1,3.5,abc,0.2,setosa\n"), new CsvOptions { Classification = true }, "file.csv"));
        Assert.Equal("bad.csv, line 2, column 1: 'x' is not a number.",
            CsvError("1,2\nx,3\n", new CsvOptions { HasHeader = false }));
        Assert.StartsWith("bad.csv, line 2, column 2 (b): missing value (the field is empty).", CsvError("a,b,y\n1,,3\n"), StringComparison.Ordinal);
        Assert.Equal("bad.csv, line 2, column 3 (y): '3,5' is not a number.", CsvError("a,b,y\n1,2,\"3,5\"\n"));
        // A regression label is a number too.
        Assert.Equal("bad.csv, line 3, column 3 (y): 'setosa' is not a number.", CsvError("a,b,y\n1,2,3\n1,2,setosa\n"));
    }

    [Theory]
    [InlineData("NaN", "NaN marks a missing or undefined value, and one NaN in training data makes every later loss and parameter NaN; fill in or drop such rows before loading, or list it in CsvOptions.MissingValues to load it as missing and fill it in with a SimpleImputer")]
    [InlineData("nan", "NaN marks a missing or undefined value, and one NaN in training data makes every later loss and parameter NaN; fill in or drop such rows before loading, or list it in CsvOptions.MissingValues to load it as missing and fill it in with a SimpleImputer")]
    [InlineData("Infinity", "an infinite value would make every later loss and parameter NaN; fill in or drop such rows before loading")]
    [InlineData("-Infinity", "an infinite value would make every later loss and parameter NaN; fill in or drop such rows before loading")]
    [InlineData("1e39", "it is beyond the range of a float (±3.4028235E+38)")]
    [InlineData("-1e400", "it is beyond the range of a float (±3.4028235E+38)")]
    public void CsvNonFiniteValuesAreRejected(string value, string reason) =>
        Assert.Equal($"bad.csv, line 2, column 1 (a): '{value}' is not a finite number: {reason}.", CsvError($"a,y\n{value},1\n"));

    [Fact]
    public void CsvLongValuesAreShortenedInMessages()
    {
        string value = new('z', 100);
        Assert.Equal($"bad.csv, line 2, column 1 (a): '{new string('z', 40)}…' is not a number.", CsvError($"a,y\n{value},1\n"));
    }

    [Fact]
    public void CsvUnterminatedQuoteNamesWhereItOpened()
    {
        Assert.Equal("bad.csv, line 3, column 2: a quoted field starts here but its closing quote is missing (the file ends inside it).",
            CsvError("a,b,y\n1,2,3\n4,\"5,6\n7,8,9\n"));
    }

    [Fact]
    public void CsvQuoteInsideAnUnquotedFieldIsAnError()
    {
        Assert.Equal("bad.csv, line 2, column 2: a quote inside an unquoted field (enclose the field in quotes and write the quote as \"\").",
            CsvError("a,b,y\n1,2\"5,3\n"));
    }

    [Fact]
    public void CsvTextAfterAClosingQuoteIsAnError()
    {
        Assert.Equal("bad.csv, line 2, column 3: unexpected character 'x' after the closing quote of a quoted field (a quote inside a quoted field is written \"\").",
            CsvError("a,b,y\n1,2,\"3\"x\n"));
    }

    [Fact]
    public void CsvLabelColumnNotInTheHeader()
    {
        Assert.Equal("bad.csv, line 1: the header has no column named 'kind' (the columns are: a, b, species).",
            CsvError("a,b,species\n1,2,x\n", new CsvOptions { Classification = true, LabelColumn = "kind" }));
        // The header line is the first non-blank line.
        Assert.Equal("bad.csv, line 3: the header has no column named 'Species' (the columns are: a, species).",
            CsvError("\n\na,species\n1,x\n", new CsvOptions { LabelColumn = "Species" }));
    }

    [Fact]
    public void CsvAmbiguousHeaderName() =>
        Assert.Equal("bad.csv, line 1: the header has more than one column named 'x' (columns 1 and 3); choose the target column by index.",
            CsvError("x,a,x\n1,2,3\n", new CsvOptions { LabelColumn = "x" }));

    [Fact]
    public void CsvLabelIndexOutOfRange() =>
        Assert.Equal("bad.csv, line 1: the target column index 3 (0-based) is out of range; the file has 3 columns.",
            CsvError("a,b,y\n1,2,3\n", new CsvOptions { LabelColumn = 3 }));

    [Fact]
    public void CsvTargetChosenTwice() =>
        Assert.Equal("bad.csv, line 1, column 3 (y): the column is chosen as a target twice.",
            CsvError("a,b,y\n1,2,3\n", new CsvOptions { TargetColumns = new CsvColumn[] { "y", 2 } }));

    [Fact]
    public void CsvWithoutFeatureColumns() =>
        Assert.Equal("bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken.",
            CsvError("y\n1\n"));

    [Theory]
    [InlineData("", "bad.csv, line 1: the file is empty.")]
    [InlineData("\uFEFF", "bad.csv, line 1: the file is empty.")]
    [InlineData("\n\r\n  \n", "bad.csv, line 1: the file is empty (it holds only blank lines).")]
    public void CsvEmptyFile(string text, string expected)
    {
        Assert.Equal(expected, CsvError(text));
        Assert.Equal(expected, CsvError(text, new CsvOptions { HasHeader = false }));
    }

    [Fact]
    public void CsvEmptyFileFromDisk()
    {
        string path = TempFile("empty.csv", Array.Empty<byte>());
        Assert.Equal("empty.csv, line 1: the file is empty.", Assert.Throws<InvalidDataException>(() => CsvReader.Load(path)).Message);
    }

    [Fact]
    public void CsvHeaderWithoutRows() =>
        Assert.Equal("bad.csv, line 2: the file has a header but no data rows.", CsvError("a,b,y\n\n"));

    [Fact]
    public void CsvEmptyClassLabel() =>
        Assert.Equal("bad.csv, line 3, column 2 (kind): the class label is empty.",
            CsvError("x,kind\n1,a\n2, \n", new CsvOptions { Classification = true }));

    [Fact]
    public void CsvUnknownClassWhenClassNamesAreGiven() =>
        Assert.Equal("bad.csv, line 3, column 2 (kind): 'rose' is not one of the 2 class names (setosa, virginica).",
            CsvError("x,kind\n1,setosa\n2,rose\n", new CsvOptions { Classification = true, ClassNames = new[] { "setosa", "virginica" } }));

    [Fact]
    public void CsvContradictoryOptionsAreArgumentErrors()
    {
        void Throws(CsvOptions options, string fragment)
        {
            var e = Assert.Throws<ArgumentException>(() => Csv("a,b\n1,2\n", options));
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        Throws(new CsvOptions { HasHeader = false, LabelColumn = "b" }, "'b' is chosen by name, but HasHeader is false");
        Throws(new CsvOptions { LabelColumn = 1, TargetColumns = new CsvColumn[] { 0 } }, "either LabelColumn or TargetColumns");
        Throws(new CsvOptions { Classification = true, TargetColumns = new CsvColumn[] { 0 } }, "TargetColumns is for regression");
        Throws(new CsvOptions { TargetColumns = Array.Empty<CsvColumn>() }, "TargetColumns is empty");
        Throws(new CsvOptions { ClassNames = new[] { "a" } }, "Classification is false");
        Throws(new CsvOptions { Classification = true, ClassNames = new[] { "a", "a" } }, "'a' is listed twice");
        Throws(new CsvOptions { Classification = true, ClassNames = new[] { " a" } }, "no white space around it");
        Throws(new CsvOptions { Delimiter = '"' }, "U+0022");
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsvColumn(-1));
        Assert.Throws<ArgumentException>(() => new CsvColumn(" "));
    }

    // =====================================================================================
    // IDX
    // =====================================================================================

    private static byte[] Idx(uint magic, int[] dimensions, byte[] data)
    {
        var bytes = new List<byte>();
        void Add(uint value) => bytes.AddRange(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
        Add(magic);
        foreach (int d in dimensions)
        {
            Add((uint)d);
        }

        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static readonly byte[] SmallPixels = Enumerable.Range(0, 3 * 2 * 3).Select(i => (byte)(i * 15)).ToArray();
    private static readonly byte[] SmallImages = Idx(0x803, new[] { 3, 2, 3 }, SmallPixels);
    private static readonly byte[] SmallLabels = Idx(0x801, new[] { 3 }, new byte[] { 2, 0, 1 });

    private static void AssertSmallImages(IdxImages images)
    {
        Assert.Equal(3, images.Count);
        Assert.Equal(2, images.Rows);
        Assert.Equal(3, images.Columns);
        Assert.Equal(6, images.PixelsPerImage);
        Assert.Equal(SmallPixels, images.Pixels);
        Assert.Equal(SmallPixels[6..12], images.ImageOf(1).ToArray());
    }

    /// <summary>A stream that cannot seek, like a network or pipe stream.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 5)); // short reads
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void IdxReadsPlainAndGzipFromSeekableAndForwardOnlyStreams(bool gzip, bool forwardOnly)
    {
        byte[] images = gzip ? Gzip(SmallImages) : SmallImages;
        byte[] labels = gzip ? Gzip(SmallLabels) : SmallLabels;
        Stream Open(byte[] bytes) => forwardOnly ? new ForwardOnlyStream(bytes) : new MemoryStream(bytes);
        AssertSmallImages(IdxReader.ReadImages(Open(images), "images"));
        Assert.Equal(new byte[] { 2, 0, 1 }, IdxReader.ReadLabels(Open(labels), "labels"));
    }

    [Fact]
    public void IdxReadsFromTheStreamsCurrentPosition()
    {
        var stream = new MemoryStream(new byte[] { 9, 9 }.Concat(Gzip(SmallImages)).ToArray());
        stream.Position = 2;
        AssertSmallImages(IdxReader.ReadImages(stream, "images"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxReadsFilesAndLoadsMnistStyleDataSets(bool gzip)
    {
        string images = TempFile("images.idx", gzip ? Gzip(SmallImages) : SmallImages);
        string labels = TempFile("labels.idx", gzip ? Gzip(SmallLabels) : SmallLabels);
        AssertSmallImages(IdxReader.ReadImages(images));
        Assert.Equal(new byte[] { 2, 0, 1 }, IdxReader.ReadLabels(labels));

        DataSet data = IdxReader.LoadMnist(images, labels, classCount: 3);
        Assert.Equal(3, data.Count);
        Assert.Equal(6, data.FeatureCount);
        Assert.Equal(3, data.TargetCount);
        Assert.Equal(SmallPixels.Select(b => b / 255f).ToArray(), data.Features);
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f }, data.Targets);
        Assert.Equal(new[] { "0", "1", "2" }, data.ClassNames);
        Assert.Equal(255f / 255f, data.Features[17]);

        DataSet fromStreams = IdxReader.LoadMnist(new MemoryStream(File.ReadAllBytes(images)), "i", new MemoryStream(File.ReadAllBytes(labels)), "l");
        Assert.Equal(10, fromStreams.TargetCount);
        Assert.Equal(data.Features, fromStreams.Features);
    }

    private static string ImagesError(byte[] bytes, string name = "images.idx") =>
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(bytes), name)).Message;

    private static string LabelsError(byte[] bytes, string name = "labels.idx") =>
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(bytes), name)).Message;

    [Fact]
    public void IdxWrongMagic()
    {
        Assert.Equal("images.idx, byte 0: the magic number is 0x12345678, so this is not an IDX file; an IDX image file starts with 0x00000803.",
            ImagesError(Idx(0x12345678, new[] { 1, 1, 1 }, new byte[] { 0 })));
        Assert.Equal("labels.idx, byte 0: the magic number is 0x504B0304, so this is not an IDX file; an IDX label file starts with 0x00000801.",
            LabelsError(new byte[] { 0x50, 0x4B, 3, 4, 0, 0, 0, 0 }));
    }

    [Fact]
    public void IdxLabelFileGivenAsImagesAndViceVersa()
    {
        Assert.Equal("images.idx, byte 3: the file has 1 dimension, but an IDX image file has 3 (is it the label file?); expected the magic number 0x00000803.",
            ImagesError(SmallLabels));
        Assert.Equal("labels.idx, byte 3: the file has 3 dimensions, but an IDX label file has 1 (is it the image file?); expected the magic number 0x00000801.",
            LabelsError(SmallImages));
        Assert.Equal("labels.idx, byte 3: the file has 2 dimensions, but an IDX label file has 1; expected the magic number 0x00000801.",
            LabelsError(Idx(0x802, new[] { 1, 1 }, new byte[] { 0 })));
    }

    [Fact]
    public void IdxUnsupportedDataType()
    {
        Assert.Equal("images.idx, byte 2: the data type 0x0D (32-bit float) is not supported; this reader supports 0x08 (unsigned byte).",
            ImagesError(Idx(0xD03, new[] { 1, 1, 1 }, new byte[4])));
        Assert.Equal("labels.idx, byte 2: the data type byte is 0x42, which is not an IDX data type; this reader supports 0x08 (unsigned byte).",
            LabelsError(Idx(0x4201, new[] { 1 }, new byte[1])));
    }

    [Fact]
    public void IdxEmptyAndTruncatedHeader()
    {
        Assert.Equal("images.idx, byte 0: the file is empty.", ImagesError(Array.Empty<byte>()));
        Assert.Equal("images.idx, byte 3: the file ends inside the 4-byte magic number (it has 3 bytes).", ImagesError(new byte[] { 0, 0, 8 }));
        Assert.Equal("images.idx, byte 10: the file ends inside the 16-byte header (it has 10 bytes).", ImagesError(SmallImages[..10]));
        Assert.Equal("labels.idx, byte 6: the file ends inside the 8-byte header (it has 6 bytes).", LabelsError(SmallLabels[..6]));
        // A valid gzip stream of zero bytes (what `printf '' | gzip` writes).
        byte[] emptyGzip = { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        Assert.Equal("labels.idx, byte 0 (decompressed): the file is empty.", LabelsError(emptyGzip));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxTruncatedDataGivesExpectedAndFoundCounts(bool gzip)
    {
        byte[] file = Idx(0x803, new[] { 10_000, 28, 28 }, new byte[1000]);
        Assert.Equal($"train.gz, byte 1,016{(gzip ? " (decompressed)" : "")}: the file ends early: expected 7,840,000 pixel bytes after the 16-byte header (10,000 images of 28 × 28), found 1,000.",
            ImagesError(gzip ? Gzip(file) : file, "train.gz"));
        byte[] labels = Idx(0x801, new[] { 5 }, new byte[] { 1, 2 });
        Assert.Equal($"labels.idx, byte 10{(gzip ? " (decompressed)" : "")}: the file ends early: expected 5 label bytes after the 8-byte header (5 labels), found 2.",
            LabelsError(gzip ? Gzip(labels) : labels));
    }

    [Fact]
    public void IdxExtraBytesAfterTheData()
    {
        Assert.Equal("images.idx, byte 34: 2 bytes follow the data; the header says 3 images of 2 × 3, 18 pixel bytes.",
            ImagesError(SmallImages.Concat(new byte[] { 1, 2 }).ToArray()));
        Assert.Equal("labels.idx, byte 11: 1 byte follow the data; the header says 3 labels, 3 label bytes.",
            LabelsError(SmallLabels.Concat(new byte[] { 7 }).ToArray()));
    }

    [Fact]
    public void IdxImagesWithoutPixels() =>
        Assert.Equal("images.idx, byte 12: an image of 2 × 0 pixels has no pixels.", ImagesError(Idx(0x803, new[] { 1, 2, 0 }, Array.Empty<byte>())));

    [Fact]
    public void IdxHugeDimension() =>
        Assert.Equal("images.idx, byte 8: dimension 2 is 4,294,967,295, too large to read.",
            ImagesError(Idx(0x803, new[] { 1, -1, 1 }, Array.Empty<byte>())));

    [Fact]
    public void IdxCorruptAndTruncatedGzip()
    {
        // Random bytes where the deflate data should be: the gzip stream itself is invalid.
        byte[] compressed = Gzip(Idx(0x803, new[] { 100, 28, 28 }, Enumerable.Range(0, 78_400).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        byte[] corrupt = (byte[])compressed.Clone();
        var random = new SeededRandom(5);
        for (int i = 10; i < corrupt.Length - 8; i++)
        {
            corrupt[i] = (byte)random.NextInt32(256);
        }

        string message = ImagesError(corrupt, "corrupt.gz");
        Assert.StartsWith("corrupt.gz, byte 0 (decompressed): the gzip data is corrupt (decompression failed reading from this offset on): ", message, StringComparison.Ordinal);

        // Cut in the middle: the decompressed data ends early.
        string truncated = ImagesError(compressed[..(compressed.Length / 2)], "cut.gz");
        Assert.Matches(@"^cut\.gz, byte [0-9,]+ \(decompressed\): the file ends early: expected 78,400 pixel bytes after the 16-byte header \(100 images of 28 × 28\), found [0-9,]+\.$", truncated);
    }

    [Fact]
    public void MnistImageAndLabelCountsMustMatch()
    {
        string images = TempFile("images.idx", SmallImages);
        string labels = TempFile("labels.idx", Idx(0x801, new[] { 2 }, new byte[] { 0, 1 }));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.LoadMnist(images, labels));
        Assert.Equal("labels.idx, byte 4: the file has 2 labels, but images.idx has 3 images; they must match one to one.", e.Message);
    }

    [Fact]
    public void MnistLabelMustBeBelowTheClassCount()
    {
        string images = TempFile("images.idx", SmallImages);
        string labels = TempFile("labels.idx.gz", Gzip(Idx(0x801, new[] { 3 }, new byte[] { 0, 1, 7 })));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.LoadMnist(images, labels, classCount: 5));
        Assert.Equal("labels.idx.gz, byte 10 (decompressed): label 7 of sample 2 is not below the class count 5.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.LoadMnist(images, labels, classCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.LoadMnist(images, labels, classCount: 257));
    }

    [Fact]
    public void IdxMissingFile() =>
        Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(Path.Combine(_directory, "missing.idx")));

    // =====================================================================================
    // DataSet: construction, subsets, shuffle and split
    // =====================================================================================

    /// <summary>Row i has features (i, −i) and target 10·i, so every row is identifiable.</summary>
    private static DataSet Numbered(int count, string[]? classNames = null)
    {
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[(2 * i) + 1] = -i;
            targets[i] = 10 * i;
        }

        return new DataSet(features, targets, count, 2, 1, classNames);
    }

    private static int[] Ids(DataSet data)
    {
        var ids = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.FeaturesOf(i);
            Assert.Equal(-row[0], row[1]);                    // features stayed together
            Assert.Equal(10 * row[0], data.TargetsOf(i)[0]);  // and with their target
            ids[i] = (int)row[0];
        }

        return ids;
    }

    [Fact]
    public void DataSetValidatesLengthsNamingExpectedAndActual()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataSet(new float[7], new float[2], 2, 4, 1));
        Assert.Equal("features", e.ParamName);
        Assert.Contains("count × featureCount = 2 × 4 = 8 values, but it holds 7", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new DataSet(new float[8], new float[5], 2, 4, 3));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("2 × 3 = 6 values, but it holds 5", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new DataSet(new float[8], new float[6], 2, 4, 3, new[] { "a", "b" }));
        Assert.Equal("classNames", e.ParamName);
        Assert.Contains("Expected 3 class names", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataSet(new float[0], new float[0], 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataSet(new float[0], new float[0], -1, 1, 0));
        Assert.Throws<ArgumentNullException>(() => new DataSet(null!, new float[0], 0, 1, 0));
    }

    [Fact]
    public void DataSetRowsAndTheirBounds()
    {
        DataSet data = Numbered(3);
        Assert.Equal(new[] { 2f, -2f }, data.FeaturesOf(2).ToArray());
        Assert.Equal(new[] { 20f }, data.TargetsOf(2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.FeaturesOf(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.TargetsOf(-1));
    }

    [Fact]
    public void SubsetCopiesTheChosenRowsInOrder()
    {
        DataSet data = Numbered(5, null);
        DataSet subset = data.Subset(new[] { 4, 1, 1 });
        Assert.Equal(new[] { 4, 1, 1 }, Ids(subset));
        subset.Features[0] = 99;
        Assert.Equal(4f, data.Features[8]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(new[] { 0, 5 }));
        Assert.Contains("rows[1] is 5", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, data.Subset(ReadOnlySpan<int>.Empty).Count);
    }

    [Fact]
    public void ShuffleIsDeterministicAndAPermutation()
    {
        DataSet data = Numbered(100);
        int[] a = Ids(data.Shuffle(42));
        int[] b = Ids(data.Shuffle(42));
        int[] c = Ids(data.Shuffle(43));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(Enumerable.Range(0, 100).ToArray(), a);
        Assert.Equal(Enumerable.Range(0, 100), a.OrderBy(x => x));
        Assert.Equal(Enumerable.Range(0, 100), c.OrderBy(x => x));
        Assert.Equal(Enumerable.Range(0, 100).ToArray(), Ids(data)); // the original is unchanged

        // The order is SeededRandom's Fisher–Yates shuffle of 0…n−1, identical on every machine.
        int[] expected = Enumerable.Range(0, 100).ToArray();
        new SeededRandom(42).Shuffle(expected.AsSpan());
        Assert.Equal(expected, a);
        // Golden order, computed independently (SplitMix64 + Lemire + Fisher–Yates in Python).
        Assert.Equal(new[] { 9, 5, 8, 6, 1, 2, 4, 7, 0, 3 }, Ids(Numbered(10).Shuffle(7)));
    }

    [Theory]
    [InlineData(150, 0.8, 120)]
    [InlineData(5, 0.5, 3)]       // 2.5 rounds up
    [InlineData(10, 0.25, 3)]     // 2.5 rounds up
    [InlineData(10, 0.24, 2)]
    [InlineData(7, 0.0, 0)]
    [InlineData(7, 1.0, 7)]
    [InlineData(0, 0.5, 0)]
    public void SplitSizesAndNoRowLostOrDuplicated(int count, double fraction, int expectedTrain)
    {
        DataSet data = Numbered(count);
        (DataSet train, DataSet test) = data.Split(fraction, seed: 3);
        Assert.Equal(expectedTrain, train.Count);
        Assert.Equal(count - expectedTrain, test.Count);
        Assert.Equal(Enumerable.Range(0, count), Ids(train).Concat(Ids(test)).OrderBy(x => x));
        // Split is Shuffle then cut.
        Assert.Equal(Ids(data.Shuffle(3)), Ids(train).Concat(Ids(test)));
    }

    [Theory]
    [InlineData(150, 0.7, 0.15, 105, 23, 22)]   // 22.5 rounds up
    [InlineData(150, 0.8, 0.2, 120, 30, 0)]
    [InlineData(10, 0.6, 0.2, 6, 2, 2)]
    [InlineData(1, 0.5, 0.5, 1, 0, 0)]          // 1 + 1 > 1: validation gets what is left
    [InlineData(3, 0.5, 0.5, 2, 1, 0)]
    [InlineData(9, 0, 0, 0, 0, 9)]
    public void ThreeWaySplitSizes(int count, double trainFraction, double validationFraction, int train, int validation, int test)
    {
        DataSet data = Numbered(count);
        var split = data.Split(trainFraction, validationFraction, seed: 11);
        Assert.Equal(train, split.Train.Count);
        Assert.Equal(validation, split.Validation.Count);
        Assert.Equal(test, split.Test.Count);
        int[] all = Ids(split.Train).Concat(Ids(split.Validation)).Concat(Ids(split.Test)).ToArray();
        Assert.Equal(Ids(data.Shuffle(11)), all);
        Assert.Equal(Ids(data.Split(trainFraction, 11).Train), Ids(split.Train));
    }

    [Fact]
    public void SplitIsDeterministicPerSeed()
    {
        DataSet data = Numbered(50);
        Assert.Equal(Ids(data.Split(0.8, 1).Train), Ids(data.Split(0.8, 1).Train));
        Assert.NotEqual(Ids(data.Split(0.8, 1).Train), Ids(data.Split(0.8, 2).Train));
        var a = data.Split(0.6, 0.2, 9);
        var b = data.Split(0.6, 0.2, 9);
        Assert.Equal(Ids(a.Validation), Ids(b.Validation));
        Assert.Equal(Ids(a.Test), Ids(b.Test));
    }

    [Fact]
    public void SplitRejectsBadFractions()
    {
        DataSet data = Numbered(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(-0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(1.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(double.NaN, 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(0.7, 0.4, 0));
        Assert.Contains("must not exceed 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(10, data.Split(0.7, 0.3, 0).Train.Count + data.Split(0.7, 0.3, 0).Validation.Count);
    }

    [Fact]
    public void ClassNamesAreCarriedAlong()
    {
        var features = new float[] { 1, 2, 3, 4 };
        DataSet data = new(features, Labels.OneHot(new[] { 0, 1, 1, 0 }, 2), 4, 1, 2, new[] { "no", "yes" });
        var (train, test) = data.Split(0.5, 1);
        Assert.Equal(new[] { "no", "yes" }, train.ClassNames);
        Assert.Equal(new[] { "no", "yes" }, test.ClassNames);
        Assert.Equal(new[] { "no", "yes" }, data.Shuffle(2).ClassNames);
        Assert.Equal(new[] { "no", "yes" }, StandardScaler.Fit(data).Transform(data).ClassNames);
        Assert.Equal(new[] { "no", "yes" }, MinMaxScaler.Fit(data).Transform(data).ClassNames);
        Assert.Null(Numbered(3).Split(0.5, 1).Train.ClassNames);
    }

    // =====================================================================================
    // Scalers
    // =====================================================================================

    [Fact]
    public void StandardScalerUsesMeanAndPopulationStandardDeviation()
    {
        // Column 0: 1, 2, 3, 4 (mean 2.5, σ = √1.25); column 1: 10, 10, 10, 10 (constant).
        var features = new float[] { 1, 10, 2, 10, 3, 10, 4, 10 };
        var data = new DataSet(features, new float[] { 5, 6, 7, 8 }, 4, 2, 1);
        StandardScaler scaler = StandardScaler.Fit(data);
        Assert.Equal(2, scaler.FeatureCount);
        Assert.Equal(new[] { 2.5, 10.0 }, scaler.Mean);
        Assert.Equal(Math.Sqrt(1.25), scaler.StandardDeviation[0], 15);
        Assert.Equal(1.0, scaler.StandardDeviation[1]);   // constant column → σ = 1

        DataSet scaled = scaler.Transform(data);
        // Computed in double, rounded to float once.
        double s = Math.Sqrt(1.25);
        Assert.Equal(new[] { (float)(-1.5 / s), 0f, (float)(-0.5 / s), 0f, (float)(0.5 / s), 0f, (float)(1.5 / s), 0f }, scaled.Features);
        Assert.Equal(new float[] { 5, 6, 7, 8 }, scaled.Targets);       // targets unchanged
        Assert.Equal(1f, data.Features[0]);                               // the input is unchanged
        Assert.NotSame(data.Targets, scaled.Targets);

        Span<float> one = stackalloc float[] { 4.5f, 3f };
        scaler.TransformInPlace(one);
        Assert.Equal((float)(2 / s), one[0]);
        Assert.Equal(-7f, one[1]);                                        // (3 − 10) / 1
    }

    /// <summary>Training rows around 0 with σ ≈ 1; test rows around <paramref name="shift"/> (for leak tests).</summary>
    private static (DataSet Train, DataSet Test) ShiftedSets(float shift)
    {
        var random = new SeededRandom(17);
        float[] Make(int n, float offset) => Enumerable.Range(0, n * 3).Select(_ => offset + ((random.NextSingle() * 2f) - 1f) * 1.7f).ToArray();
        return (new DataSet(Make(400, 0f), new float[400], 400, 3, 1), new DataSet(Make(100, shift), new float[100], 100, 3, 1));
    }

    private static double ColumnMean(DataSet data, int column) =>
        Enumerable.Range(0, data.Count).Average(i => (double)data.FeaturesOf(i)[column]);

    [Fact]
    public void StandardScalerFittedOnTrainOnlyDoesNotLeakTestStatistics()
    {
        (DataSet train, DataSet test) = ShiftedSets(shift: 5f);
        var scaler = StandardScaler.Fit(train);
        train = scaler.Transform(train);
        test = scaler.Transform(test);
        for (int j = 0; j < 3; j++)
        {
            Assert.InRange(ColumnMean(train, j), -1e-6, 1e-6);
            double variance = Enumerable.Range(0, train.Count).Average(i => Math.Pow(train.FeaturesOf(i)[j], 2));
            Assert.InRange(variance, 1 - 1e-5, 1 + 1e-5);
            // The test set is standardised with the training statistics, so its shift stays visible:
            // its mean is ≈ 5 / σ_train ≈ 5 (σ of uniform[−1.7, 1.7] ≈ 0.98), far from 0.
            Assert.InRange(ColumnMean(test, j), 4.5, 5.8);
        }
    }

    [Fact]
    public void MinMaxScalerFittedOnTrainOnlyDoesNotLeakOrClip()
    {
        (DataSet train, DataSet test) = ShiftedSets(shift: 5f);
        var scaler = MinMaxScaler.Fit(train);
        train = scaler.Transform(train);
        test = scaler.Transform(test);
        Assert.Equal(0f, train.Features.Min(), 6);
        Assert.Equal(1f, train.Features.Max(), 6);
        Assert.True(test.Features.Max() > 2f, "values outside the training range are not clipped");
        Assert.InRange(ColumnMean(test, 0), 1.8, 2.2);   // (5 + 1.7) / 3.4 ≈ 1.97
    }

    [Fact]
    public void MinMaxScalerMapsToTheRangeAndConstantColumnsToTheMinimum()
    {
        var data = new DataSet(new float[] { 2, 7, 4, 7, 6, 7 }, new float[3], 3, 2, 1);
        MinMaxScaler unit = MinMaxScaler.Fit(data);
        Assert.Equal(new[] { 2.0, 7.0 }, unit.DataMinimum);
        Assert.Equal(new[] { 6.0, 7.0 }, unit.DataMaximum);
        Assert.Equal(new[] { 0f, 0f, 0.5f, 0f, 1f, 0f }, unit.Transform(data).Features);

        MinMaxScaler symmetric = MinMaxScaler.Fit(data, -1f, 1f);
        Assert.Equal(new[] { -1f, -1f, 0f, -1f, 1f, -1f }, symmetric.Transform(data).Features);
        Span<float> outside = stackalloc float[] { 8f, 100f };
        symmetric.TransformInPlace(outside);
        Assert.Equal(2f, outside[0]);
        Assert.Equal(-1f, outside[1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxScaler.Fit(data, 1f, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxScaler.Fit(data, float.NaN, 1f));
    }

    [Fact]
    public void ScalersRejectAWidthThatDiffersFromTheFit()
    {
        DataSet four = new(new float[8], new float[2], 2, 4, 1);
        DataSet three = new(new float[6], new float[2], 2, 3, 1);
        var e = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(four).Transform(three));
        Assert.StartsWith("The scaler was fitted on 4 features, but the data set has 3.", e.Message, StringComparison.Ordinal);
        Assert.Equal("data", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(four).Transform(three));
        Assert.Contains("fitted on 4 features, but the data set has 3", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(four).TransformInPlace(new float[6]));
        Assert.Contains("whole rows of 4 features", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(four).TransformInPlace(new float[5]));
    }

    [Fact]
    public void ScalersRejectEmptyAndNonFiniteData()
    {
        Assert.Throws<ArgumentException>(() => StandardScaler.Fit(ReadOnlySpan<float>.Empty, 2));
        Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(new float[3], 2));
        var e = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(new float[] { 1, 2, float.NaN, 4 }, 2));
        Assert.Contains("feature 0 (0-based)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(new float[] { 1, 2, 3, float.PositiveInfinity }, 2));
        Assert.Contains("Feature 1 (0-based) of row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalersCanBeRebuiltFromSavedStatistics()
    {
        DataSet data = Numbered(5);
        StandardScaler fitted = StandardScaler.Fit(data);
        var restored = new StandardScaler(fitted.Mean, fitted.StandardDeviation);
        Assert.Equal(fitted.Transform(data).Features, restored.Transform(data).Features);
        Assert.Throws<ArgumentException>(() => new StandardScaler(new[] { 0.0 }, new[] { 0.0 }));
        Assert.Throws<ArgumentException>(() => new StandardScaler(new[] { 0.0 }, new[] { 1.0, 1.0 }));

        MinMaxScaler range = MinMaxScaler.Fit(data, -1, 1);
        var restoredRange = new MinMaxScaler(range.DataMinimum, range.DataMaximum, -1, 1);
        Assert.Equal(range.Transform(data).Features, restoredRange.Transform(data).Features);
        Assert.Throws<ArgumentException>(() => new MinMaxScaler(new[] { 2.0 }, new[] { 1.0 }));
    }

    // =====================================================================================
    // Labels
    // =====================================================================================

    [Fact]
    public void OneHotAndItsValidation()
    {
        Assert.Equal(new[] { 0f, 1f, 0f, 1f, 0f, 0f, 0f, 0f, 1f }, Labels.OneHot(new[] { 1, 0, 2 }, 3));
        Assert.Empty(Labels.OneHot(ReadOnlySpan<int>.Empty, 3));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Labels.OneHot(new[] { 0, 1, 3 }, 3));
        Assert.StartsWith("labels[2] is 3; a label must be in [0, 3) for 3 classes.", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Labels.OneHot(new[] { -1 }, 3));
        Assert.StartsWith("labels[0] is -1;", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Labels.OneHot(new[] { 0 }, 0));
    }

    [Fact]
    public void ArgMaxTakesTheFirstOnTiesAndSkipsNaN()
    {
        Assert.Equal(2, Labels.ArgMax(new[] { 0.1f, 0.2f, 0.7f }));
        Assert.Equal(1, Labels.ArgMax(new[] { 0f, 5f, 5f, 1f }));
        Assert.Equal(0, Labels.ArgMax(new[] { 3f }));
        Assert.Equal(1, Labels.ArgMax(new[] { float.NaN, -1f, -2f }));
        Assert.Equal(0, Labels.ArgMax(new[] { 1f, float.NaN, 0f }));
        Assert.Equal(0, Labels.ArgMax(new[] { float.NaN, float.NaN }));
        Assert.Equal(1, Labels.ArgMax(new[] { float.NegativeInfinity, -1e30f }));
        Assert.Throws<ArgumentException>(() => Labels.ArgMax(ReadOnlySpan<float>.Empty));

        Assert.Equal(new[] { 1, 0, 2 }, Labels.ArgMax(new[] { 0f, 1f, 0f, 9f, 9f, 1f, 0f, 0f, 0.5f }, 3));
        Assert.Equal(new[] { 2, 0, 1 }, Labels.ArgMax(Labels.OneHot(new[] { 2, 0, 1 }, 4), 4));
        var e = Assert.Throws<ArgumentException>(() => Labels.ArgMax(new float[7], 3));
        Assert.Contains("width 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Labels.ArgMax(new float[3], 0));
    }

    // =====================================================================================
    // The real data shipped with the samples
    // =====================================================================================

    internal static string SampleData(params string[] parts)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
            {
                return Path.Combine(new[] { directory.FullName, "Samples", "NetGen.Samples", "data" }.Concat(parts).ToArray());
            }
        }

        throw new InvalidOperationException($"NetGen.sln not found above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void LoadsTheShippedIrisCsv()
    {
        DataSet iris = CsvReader.Load(SampleData("iris.csv"), new CsvOptions { Classification = true, LabelColumn = "species" });
        Assert.Equal(150, iris.Count);
        Assert.Equal(4, iris.FeatureCount);
        Assert.Equal(3, iris.TargetCount);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, iris.ClassNames);
        Assert.Equal(new[] { 50, 50, 50 }, Labels.ArgMax(iris.Targets, 3).GroupBy(k => k).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, iris.FeaturesOf(0).ToArray());
        double[] means = { 5.8433, 3.0573, 3.7580, 1.1993 };   // data/README.md, as R's summary(iris)
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(means[j], ColumnMean(iris, j), 4);
        }

        // The same values as the sample's own loader, and the same class order as its outputs.
        (float[] features, float[] oneHot, int count) = IrisSample.Load();
        Assert.Equal(count, iris.Count);
        Assert.Equal(features, iris.Features);
        Assert.Equal(oneHot, iris.Targets);
        Assert.Equal(IrisSample.Species, iris.ClassNames);

        // The documented pipeline: split (120/30), fit on train, apply to both.
        var (train, test) = iris.Split(0.8, seed: 2024);
        Assert.Equal(120, train.Count);
        Assert.Equal(30, test.Count);
        var scaler = StandardScaler.Fit(train);
        train = scaler.Transform(train);
        test = scaler.Transform(test);
        Assert.InRange(ColumnMean(train, 2), -1e-6, 1e-6);
        Assert.NotEqual(0.0, ColumnMean(test, 2), 3);
    }

    [Fact]
    public void TheDocumentedIrisPipelineTrains()
    {
        // docs/data.md's Iris example, as written there.
        DataSet iris = CsvReader.Load(SampleData("iris.csv"),
            new CsvOptions { Classification = true, LabelColumn = "species" });
        var (train, test) = iris.Split(trainFraction: 0.8, seed: 2024);
        var scaler = StandardScaler.Fit(train);
        train = scaler.Transform(train);
        test = scaler.Transform(test);

        var net = new IrisNet();
        for (int epoch = 0; epoch < 60; epoch++)
        {
            DataSet shuffled = train.Shuffle(seed: epoch);
            for (int start = 0; start < shuffled.Count; start += IrisNet.BatchSize)
            {
                int n = Math.Min(IrisNet.BatchSize, shuffled.Count - start);
                net.TrainBatch(shuffled.Features.AsSpan(start * shuffled.FeatureCount, n * shuffled.FeatureCount),
                               shuffled.Targets.AsSpan(start * shuffled.TargetCount, n * shuffled.TargetCount), n);
            }
        }

        var output = new float[IrisNet.OutputSize];
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            net.Predict(test.FeaturesOf(i), output);
            correct += Labels.ArgMax(output) == Labels.ArgMax(test.TargetsOf(i)) ? 1 : 0;
        }

        Assert.True(correct >= 28, $"{correct} of {test.Count} test flowers");
        net.Predict(test.FeaturesOf(0), output);
        Assert.Contains(iris.ClassNames![Labels.ArgMax(output)], IrisSample.Species);
    }

    [Fact]
    public void LoadsTheShippedMnistDigits()
    {
        string imagesPath = SampleData("mnist", "mnist-images-idx3-ubyte.gz");
        string labelsPath = SampleData("mnist", "mnist-labels-idx1-ubyte.gz");
        IdxImages images = IdxReader.ReadImages(imagesPath);
        Assert.Equal(10_000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        Assert.Equal(10_000, labels.Length);
        Assert.Equal(3, labels[0]);
        Assert.Equal(812, labels.Take(8000).Count(l => l == 0));
        // Class counts of all 10,000 (data/mnist/README.md).
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 },
            Enumerable.Range(0, 10).Select(k => labels.Count(l => l == k)));

        DataSet mnist = IdxReader.LoadMnist(imagesPath, labelsPath);
        Assert.Equal(10_000, mnist.Count);
        Assert.Equal(784, mnist.FeatureCount);
        Assert.Equal(10, mnist.TargetCount);
        Assert.Equal(3, Labels.ArgMax(mnist.TargetsOf(0)));
        Assert.Equal(812, Labels.ArgMax(mnist.Targets.AsSpan(0, 8000 * 10), 10).Count(k => k == 0));
        Assert.Equal(0f, mnist.Features.Min());
        Assert.Equal(1f, mnist.Features.Max());
        Assert.Equal(images.Pixels[400] / 255f, mnist.Features[400]);
    }

    // =====================================================================================
    // Hostile input (issue 15): NULs and control characters, lying headers, sizes past an array
    // =====================================================================================

    [Theory]
    [InlineData("4\0", "the control character U+0000 (NUL) at position 2")]
    [InlineData("4\0\0", "the control character U+0000 (NUL) at position 2")]
    [InlineData("\04", "the control character U+0000 (NUL) at position 1")]
    [InlineData("4\05", "the control character U+0000 (NUL) at position 2")]
    [InlineData("4\v", "the control character U+000B at position 2")]
    [InlineData("\f4", "the control character U+000C at position 1")]
    [InlineData("4\n", "the control character U+000A at position 2")]
    [InlineData("\u00014", "the control character U+0001 at position 1")]
    [InlineData("4\u007F", "the control character U+007F at position 2")]
    public void CsvFieldsWithControlCharactersAreRefused(string value, string problem)
    {
        // float.Parse takes "4\0", "4\v" and "4\n" (quoted) for 4; a NUL usually means a binary or UTF-16 file.
        string hint = value.Contains('\0') ? " (a NUL usually means the file is binary or UTF-16; CsvReader reads UTF-8)" : "";
        string escaped = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        Assert.Equal($"bad.csv, line 3, column 2 (b): '{escaped}' is not a number: it has {problem}{hint}.",
            CsvError($"a,b,y\n1,2,3\n1,\"{value}\",3\n"));
    }

    [Fact]
    public void CsvNumbersMayHaveSpacesAndTabsAround() =>
        Assert.Equal(new[] { 1f, 2f, -0.5f, 4f }, Csv("a,b,y\n 1 ,\t2\t,3\n-.5, +4e0 ,6\n").Features);

    [Fact]
    public void CsvClassLabelsWithControlCharactersAreRefused()
    {
        var options = new CsvOptions { Classification = true };
        Assert.Equal(@"bad.csv, line 3, column 2 (kind): the class label 'setosa\u0000' has the control character U+0000 (NUL) at position 7 (a NUL usually means the file is binary or UTF-16; CsvReader reads UTF-8).",
            CsvError("a,kind\n1,setosa\n2,setosa\0\n", options));
        Assert.Equal(@"bad.csv, line 2, column 2 (kind): the class label 'a\u0007b' has the control character U+0007 at position 2.",
            CsvError("a,kind\n1,a\u0007b\n", options));
    }

    private static string ManyClasses(int count)
    {
        var text = new StringBuilder("x,label\n");
        for (int i = 0; i < count; i++)
        {
            text.Append("0,c").Append(i).Append('\n');
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(46_341, "2,147,488,281")]   // count × classes overflowed int to a negative size: OverflowException
    [InlineData(65_537, "4,295,098,369")]   // ... wrapped to 131,073: IndexOutOfRangeException
    public void CsvWithMoreOneHotTargetsThanAnArrayHoldsIsInvalidData(int rows, string product)
    {
        Assert.Equal($"big.csv, column 2 (label): {rows:N0} rows × {rows:N0} classes are {product} one-hot target values, more than an array can hold (2,147,483,591); is column 2 really a class label? For a numeric target, leave Classification false.",
            CsvError(ManyClasses(rows), new CsvOptions { Classification = true }, "big.csv"));
    }

    public static IEnumerable<object[]> LyingLabelHeaders() =>
        from count in new[] { int.MaxValue, 1_000_000_000 }
        from kind in new[] { "seekable", "forward-only", "gzip" }
        select new object[] { count, kind };

    [Theory]
    [MemberData(nameof(LyingLabelHeaders))]
    public void AnIdxHeaderClaimingMoreThanTheFileHoldsIsInvalidDataBeforeAnyLargeAllocation(int count, string kind)
    {
        // An 8-byte label file whose header claims 2³¹−1 (or 10⁹) labels: the old reader allocated
        // the claimed size before reading (OutOfMemoryException, or 1 GB for nothing).
        byte[] file = Idx(0x801, new[] { count }, Array.Empty<byte>());
        Stream stream = kind switch
        {
            "seekable" => new MemoryStream(file),
            "forward-only" => new ForwardOnlyStream(file),
            _ => new MemoryStream(Gzip(file)),
        };
        string decompressed = kind == "gzip" ? " (decompressed)" : "";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(stream, "labels.idx"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"labels.idx, byte 8{decompressed}: the file ends early: expected {count:N0} label bytes after the 8-byte header ({count:N0} labels), found 0.", error.Message);
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated");

        // The same for an image file that has 1,000 of the 10⁹ pixels it claims.
        byte[] images = Idx(0x803, new[] { 1_000_000, 1_000, 1 }, new byte[1000]);
        stream = kind switch
        {
            "seekable" => new MemoryStream(images),
            "forward-only" => new ForwardOnlyStream(images),
            _ => new MemoryStream(Gzip(images)),
        };
        before = GC.GetAllocatedBytesForCurrentThread();
        error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(stream, "images.idx"));
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"images.idx, byte 1,016{decompressed}: the file ends early: expected 1,000,000,000 pixel bytes after the 16-byte header (1,000,000 images of 1000 × 1), found 1,000.", error.Message);
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void AnIdxFileThatHoldsWhatItClaimsIsReadFromEveryKindOfStream()
    {
        // 300,000 labels: more than one read chunk, so a forward-only or gzip stream grows its buffer.
        byte[] labels = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31 % 10)).ToArray();
        byte[] file = Idx(0x801, new[] { labels.Length }, labels);
        Assert.Equal(labels, IdxReader.ReadLabels(new MemoryStream(file), "l"));
        Assert.Equal(labels, IdxReader.ReadLabels(new ForwardOnlyStream(file), "l"));
        Assert.Equal(labels, IdxReader.ReadLabels(new MemoryStream(Gzip(file)), "l"));
        Assert.Equal("l, byte 300,008 (decompressed): 1 byte follow the data; the header says 300,000 labels, 300,000 label bytes.",
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(Gzip(file.Append((byte)1).ToArray())), "l")).Message);
    }

    [Fact]
    public void AnIdxImageOfMorePixelsThanAnArrayHoldsIsInvalidDataEvenWithNoImages() =>
        // 0 images of 65,536 × 65,536: rows × columns wrapped to 0 pixels per image.
        Assert.Equal("images.idx, byte 8: an image of 65,536 × 65,536 pixels is 4,294,967,296 bytes, more than an array can hold (2,147,483,591).",
            ImagesError(Idx(0x803, new[] { 0, 65_536, 65_536 }, Array.Empty<byte>())));

    [Fact]
    public void MnistWithMoreOneHotTargetsThanAnArrayHoldsIsInvalidData()
    {
        // 8,388,608 images of 1 × 1 pixel and as many labels, 256 classes: 2³¹ one-hot targets
        // (OverflowException before). 16 MB of zeros, a few KB gzipped.
        const int count = 8_388_608;
        byte[] images = Gzip(Idx(0x803, new[] { count, 1, 1 }, new byte[count]));
        byte[] labels = Gzip(Idx(0x801, new[] { count }, new byte[count]));
        var error = Assert.Throws<InvalidDataException>(() =>
            IdxReader.LoadMnist(new MemoryStream(images), "images.gz", new MemoryStream(labels), "labels.gz", classCount: 256));
        Assert.Equal("labels.gz: 8,388,608 labels × 256 classes are 2,147,483,648 one-hot target values, more than an array can hold (2,147,483,591); use fewer samples or fewer classes.",
            error.Message);
    }

    [Fact]
    public void SubsetAndOneHotLargerThanAnArrayAreArgumentErrors()
    {
        var wide = new DataSet(new float[65_536], new float[1], 1, 65_536, 1);
        foreach (int rows in new[] { 32_768, 65_537 }) // 2³¹ (OverflowException before) and a size that wrapped to 65,536
        {
            var e = Assert.Throws<ArgumentException>(() => wide.Subset(new int[rows]));
            Assert.Equal("rows", e.ParamName);
            Assert.Equal($"{rows:N0} rows × 65,536 features are {(long)rows * 65_536:N0} values, more than an array can hold (2,147,483,591). (Parameter 'rows')", e.Message);
        }

        var oneHot = Assert.Throws<ArgumentException>(() => Labels.OneHot(new int[65_537], 65_537));
        Assert.Equal("labels", oneHot.ParamName);
        Assert.Equal("65,537 labels × 65,537 classes are 4,295,098,369 one-hot values, more than an array can hold (2,147,483,591). (Parameter 'labels')", oneHot.Message);
    }
}
