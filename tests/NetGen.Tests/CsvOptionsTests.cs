using System;
using System.IO;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// CSV files the way people hold them (docs/data.md): leading lines to skip (scikit-learn's metadata
/// line), comment lines, missing values (an error naming line and column by default, NaN when listed
/// in <see cref="CsvOptions.MissingValues"/>), <see cref="SimpleImputer"/> with hand-computed means and
/// medians, and the delimiter hint for a file that reads as one column.
/// </summary>
public sealed class CsvOptionsTests
{
    private const string MissingHint =
        " To load missing values as NaN and fill them in, set CsvOptions.MissingValues (for example to CsvOptions.CommonMissingValues) and fit a SimpleImputer on the training rows; or fill in or remove the row.";

    private const string TargetHint =
        "; a row without its target cannot be used for training or evaluation, and targets are never imputed: remove the row or fill in its target.";

    private static DataSet Csv(string text, CsvOptions? options = null) =>
        CsvReader.Load(new StringReader(text), "test.csv", options);

    private static string CsvError(string text, CsvOptions? options = null) =>
        Assert.Throws<InvalidDataException>(() => CsvReader.Load(new StringReader(text), "bad.csv", options)).Message;

    // ---- SkipLines ----

    [Fact]
    public void SkipLinesReadsAScikitLearnBundledFile()
    {
        // sklearn/datasets/data/iris.csv starts with "150,4,setosa,versicolor,virginica": rows,
        // features and class names, then rows of 4 features and a class index, without a header.
        const string Text = "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n";
        DataSet data = Csv(Text, new CsvOptions { SkipLines = 1, HasHeader = false, Classification = true });
        Assert.Equal(4, data.Count);
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f, 4.9f, 3.0f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f, 6.3f, 3.3f, 6.0f, 2.5f }, data.Features);
        Assert.Equal(new[] { "0", "1", "2" }, data.ClassNames);
        Assert.Equal(new[] { 1f, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 }, data.Targets);

        // Line numbers count the skipped line.
        Assert.Equal("bad.csv, line 3, column 2: 'x' is not a number.",
            CsvError("150,4,a,b,c\n5.1,3.5,1.4,0.2,0\n4.9,x,1.4,0.2,0\n", new CsvOptions { SkipLines = 1, HasHeader = false, Classification = true }));
    }

    [Fact]
    public void SkipLinesComeBeforeTheHeaderAndIgnoreQuotes()
    {
        // The skipped lines may hold anything, an unbalanced quote included; CRLF and CR end lines too.
        DataSet data = Csv("exported by \"tool\r\nsecond line\ra,b,y\n1,2,3\n", new CsvOptions { SkipLines = 2 });
        Assert.Equal((1, 2, 1), (data.Count, data.FeatureCount, data.TargetCount));
        Assert.Equal(new[] { 1f, 2f }, data.Features);
        Assert.Equal(new[] { 3f }, data.Targets);
        Assert.Equal("bad.csv, line 4, column 1 (a): 'z' is not a number.", CsvError("meta\n\na,y\nz,1\n", new CsvOptions { SkipLines = 1 }));
    }

    [Fact]
    public void SkipLinesBeyondTheFileAndNegativeValues()
    {
        Assert.Equal("bad.csv, line 1: the file holds nothing after the 1 line skipped (SkipLines = 3).", CsvError("only\n", new CsvOptions { SkipLines = 3 }));
        Assert.Equal("bad.csv, line 1: the file holds nothing after the 2 lines skipped (SkipLines = 2).", CsvError("a\nb\n", new CsvOptions { SkipLines = 2 }));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CsvOptions { SkipLines = -1 });
        Assert.Equal("SkipLines", error.ParamName);
        Assert.StartsWith("SkipLines must be zero or more, but it is -1.", error.Message, StringComparison.Ordinal);
    }

    // ---- CommentPrefix ----

    [Fact]
    public void CommentLinesAreSkippedAnywhere()
    {
        const string Text = "# exported 2026-12-07\na,y\n1,2\n# a \"quoted\" remark, with a comma\n3,4\n#\n";
        DataSet data = Csv(Text, new CsvOptions { CommentPrefix = '#' });
        Assert.Equal(new[] { 1f, 3f }, data.Features);
        Assert.Equal(new[] { 2f, 4f }, data.Targets);

        // Line numbers count comment lines; a '#' that does not start a line is data.
        Assert.Equal("bad.csv, line 4, column 1 (a): 'x' is not a number.", CsvError("#c\na,y\n#c\nx,4\n", new CsvOptions { CommentPrefix = '#' }));
        Assert.Equal("bad.csv, line 2, column 1 (a): '1#2' is not a number.", CsvError("a,y\n1#2,4\n", new CsvOptions { CommentPrefix = '#' }));
        Assert.Equal("bad.csv, line 1: the file is empty (it holds only blank and comment lines).", CsvError("# nothing\n\n#\n", new CsvOptions { CommentPrefix = '#' }));
    }

    [Fact]
    public void ACommentPrefixCannotBeTheDelimiterAQuoteOrALineBreak()
    {
        foreach ((char prefix, char delimiter) in new[] { (',', ','), ('"', ','), ('\n', ','), (';', ';') })
        {
            var error = Assert.Throws<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvOptions { CommentPrefix = prefix, Delimiter = delimiter }));
            Assert.StartsWith($"The comment prefix cannot be U+{(int)prefix:X4} (a quote, a line break or the delimiter).", error.Message, StringComparison.Ordinal);
        }
    }

    // ---- Missing values ----

    [Fact]
    public void AMissingFeatureIsAnErrorNamingLineAndColumnByDefault()
    {
        Assert.Equal("bad.csv, line 3, column 1 (x): missing value (the field is empty)." + MissingHint, CsvError("x,y\n1,2\n,3\n"));
        Assert.Equal("bad.csv, line 2, column 2 (b): missing value (the field is empty)." + MissingHint, CsvError("a,b,y\n1,  ,3\n"));
        Assert.Equal("bad.csv, line 2, column 2: missing value (the field is empty)." + MissingHint, CsvError("1,2,3\n4,,6\n", new CsvOptions { HasHeader = false }));
        Assert.Equal(
            "bad.csv, line 2, column 1 (x): 'NA' is not a number. If 'NA' marks a missing value, list it in CsvOptions.MissingValues (for example CsvOptions.CommonMissingValues) to load it as missing, then fill it in with a SimpleImputer fitted on the training rows.",
            CsvError("x,y\nNA,2\n"));
        Assert.Equal(
            "bad.csv, line 2, column 1 (x): 'nan' is not a finite number: NaN marks a missing or undefined value, and one NaN in training data makes every later loss and parameter NaN; "
            + "fill in or drop such rows before loading, or list it in CsvOptions.MissingValues to load it as missing and fill it in with a SimpleImputer.",
            CsvError("x,y\nnan,2\n"));
    }

    [Fact]
    public void ListedMissingValuesLoadAsNaN()
    {
        DataSet data = Csv("a,b,y\n1,NA,10\n,4,20\n3,?,30\n5, nan ,40\n6,None,50\n", new CsvOptions { MissingValues = CsvOptions.CommonMissingValues });
        Assert.Equal(new[] { 1f, float.NaN, float.NaN, 4f, 3f, float.NaN, 5f, float.NaN, 6f, float.NaN }, data.Features);
        Assert.Equal(new[] { 10f, 20f, 30f, 40f, 50f }, data.Targets);

        // Only what is listed: "-999" is missing here, "NA" is not, and neither is an empty field.
        var options = new CsvOptions { MissingValues = new[] { "-999" } };
        Assert.Equal(new[] { 1f, float.NaN }, Csv("a,b,y\n1, -999 ,2\n", options).Features);
        Assert.StartsWith("bad.csv, line 2, column 2 (b): 'NA' is not a number. If 'NA' marks a missing value", CsvError("a,b,y\n1,NA,2\n", options), StringComparison.Ordinal);
        Assert.Equal(
            "bad.csv, line 2, column 2 (b): missing value (the field is empty), and CsvOptions.MissingValues does not list \"\": add it to load empty fields as missing (NaN), then fill them in with a SimpleImputer fitted on the training rows.",
            CsvError("a,b,y\n1,,2\n", options));
    }

    [Fact]
    public void AMissingTargetIsAlwaysAnError()
    {
        Assert.Equal("bad.csv, line 2, column 2 (y): the target is missing (the field is empty)" + TargetHint, CsvError("a,y\n1,\n"));
        var options = new CsvOptions { MissingValues = CsvOptions.CommonMissingValues };
        Assert.Equal("bad.csv, line 3, column 2 (y): the target is missing ('NA' is listed in CsvOptions.MissingValues)" + TargetHint, CsvError("a,y\n1,2\n3,NA\n", options));
        Assert.Equal("bad.csv, line 2, column 2 (y): the target is missing (the field is empty)" + TargetHint, CsvError("a,y\n1,\n", options));
        Assert.Equal("bad.csv, line 2, column 1 (kind): the target is missing ('?' is listed in CsvOptions.MissingValues)" + TargetHint,
            CsvError("kind,a\n?,1\n", new CsvOptions { MissingValues = CsvOptions.CommonMissingValues, Classification = true, LabelColumn = "kind" }));
    }

    [Fact]
    public void MissingValuesMustBeTrimmedAndNotNull()
    {
        foreach (string[] list in new[] { new[] { " NA" }, new[] { "NA", null! } })
        {
            var error = Assert.Throws<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvOptions { MissingValues = list }));
            Assert.StartsWith("Every entry of MissingValues must be non-null and have no white space around it", error.Message, StringComparison.Ordinal);
        }
    }

    // ---- Delimiter hint ----

    [Fact]
    public void AFileThatReadsAsOneColumnGetsADelimiterHint()
    {
        Assert.Equal(
            "bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken. Its first line holds 2 ';' and no ',': if ';' separates the fields, set CsvOptions.Delimiter = ';'.",
            CsvError("a;b;y\n1;2;3\n"));
        Assert.Equal(
            "bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken. Its first line holds 3 '\\t' and no ',': if '\\t' separates the fields, set CsvOptions.Delimiter = '\\t'.",
            CsvError("1\t2\t3\t4\n", new CsvOptions { HasHeader = false }));
        Assert.Equal(
            "bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken. Its first line holds 2 ',' and no ';': if ',' separates the fields, set CsvOptions.Delimiter = ','.",
            CsvError("a,b,y\n1,2,3\n", new CsvOptions { Delimiter = ';' }));
        Assert.Equal(
            "bad.csv, line 1: the header has no column named 'species' (the columns are: a;b;species). Its first line holds 2 ';' and no ',': if ';' separates the fields, set CsvOptions.Delimiter = ';'.",
            CsvError("a;b;species\n1;2;x\n", new CsvOptions { Classification = true, LabelColumn = "species" }));
        Assert.Equal(
            "bad.csv, line 1: the target column index 4 (0-based) is out of range; the file has 1 column. Its first line holds 4 '|' and no ',': if '|' separates the fields, set CsvOptions.Delimiter = '|'.",
            CsvError("a|b|c|d|y\n1|2|3|4|5\n", new CsvOptions { LabelColumn = 4 }));

        // Spaces only when nothing else looks like a separator (scikit-learn's linnerud_exercise.csv).
        Assert.Equal(
            "bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken. Its first line holds 2 ' ' and no ',': if ' ' separates the fields, set CsvOptions.Delimiter = ' '.",
            CsvError("Chins Situps Jumps\n5 162 60\n"));
        Assert.EndsWith("Its first line holds 1 ';' and no ',': if ';' separates the fields, set CsvOptions.Delimiter = ';'.", CsvError("petal length;kind\n1;a\n"), StringComparison.Ordinal);

        // One column with nothing that looks like a separator: no hint.
        Assert.Equal("bad.csv, line 1: the file has 1 column and no feature column is left once the target column is taken.", CsvError("y\n1\n"));
    }

    // ---- SimpleImputer ----

    /// <summary>
    /// Five rows of two features. Column 0: 1, NaN, 4, 10, NaN (mean 15/3 = 5, median 4);
    /// column 1: 2, 3, NaN, 5, 9 (mean 19/4 = 4.75, median (3 + 5)/2 = 4).
    /// </summary>
    private static DataSet WithGaps() => new(
        new[] { 1f, 2f, float.NaN, 3f, 4f, float.NaN, 10f, 5f, float.NaN, 9f },
        new[] { 0f, 1f, 2f, 3f, 4f },
        5,
        2,
        1);

    [Theory]
    [InlineData(ImputationStrategy.Mean, 5.0, 4.75)]
    [InlineData(ImputationStrategy.Median, 4.0, 4.0)]
    public void TheImputerFillsInTheMeanOrTheMedianOfTheTrainingRows(ImputationStrategy strategy, double fill0, double fill1)
    {
        DataSet train = WithGaps();
        var imputer = SimpleImputer.Fit(train, strategy);
        Assert.Equal(new[] { fill0, fill1 }, imputer.FillValues);
        Assert.Equal(2, imputer.FeatureCount);

        DataSet filled = imputer.Transform(train);
        Assert.Equal(new[] { 1f, 2f, (float)fill0, 3f, 4f, (float)fill1, 10f, 5f, (float)fill0, 9f }, filled.Features);
        Assert.Equal(train.Targets, filled.Targets);
        Assert.NotSame(train.Targets, filled.Targets);
        Assert.True(float.IsNaN(train.Features[2])); // the input is unchanged

        // Other splits get the training statistics, not their own.
        var test = new DataSet(new[] { float.NaN, float.NaN, 100f, 200f }, new[] { 0f, 1f }, 2, 2, 1);
        Assert.Equal(new[] { (float)fill0, (float)fill1, 100f, 200f }, imputer.Transform(test).Features);
    }

    [Fact]
    public void TheMeanIsComputedInDoubleAndRoundedOnce()
    {
        // 1, 2, 2 and a gap: the mean is 5/3 in double, written as the float nearest to it.
        var data = new DataSet(new[] { 1f, 2f, float.NaN, 2f }, new float[4], 4, 1, 1);
        var imputer = SimpleImputer.Fit(data);
        Assert.Equal(5.0 / 3, imputer.FillValues[0]);
        Assert.Equal(new[] { 1f, 2f, (float)(5.0 / 3), 2f }, imputer.Transform(data).Features);

        // Median of an odd count: the middle value after sorting.
        Assert.Equal(2.0, SimpleImputer.Fit(data, ImputationStrategy.Median).FillValues[0]);
    }

    [Fact]
    public void AConstantImputerAndOneFromSavedValues()
    {
        var constant = SimpleImputer.Fit(WithGaps(), ImputationStrategy.Constant, fillValue: -1);
        Assert.Equal(new[] { -1.0, -1.0 }, constant.FillValues);
        Assert.Equal(new[] { 1f, 2f, -1f, 3f, 4f, -1f, 10f, 5f, -1f, 9f }, constant.Transform(WithGaps()).Features);

        var saved = new SimpleImputer(new[] { 5.0, 4.75 });
        Assert.Equal(SimpleImputer.Fit(WithGaps()).Transform(WithGaps()).Features, saved.Transform(WithGaps()).Features);

        float[] row = { float.NaN, 7f };
        saved.TransformInPlace(row);
        Assert.Equal(new[] { 5f, 7f }, row);
    }

    [Fact]
    public void AFileWithGapsLoadsImputesAndScales()
    {
        DataSet data = Csv("a,b,y\n1,,0\n3,4,1\n,8,0\n", new CsvOptions { MissingValues = CsvOptions.CommonMissingValues });
        var imputer = SimpleImputer.Fit(data);
        Assert.Equal(new[] { 2.0, 6.0 }, imputer.FillValues);
        DataSet filled = imputer.Transform(data);
        Assert.Equal(new[] { 1f, 6f, 3f, 4f, 2f, 8f }, filled.Features);
        Assert.Equal(new[] { 2.0, 6.0 }, StandardScaler.Fit(filled).Mean);
    }

    [Fact]
    public void ScalersFittedOnMissingValuesPointToTheImputer()
    {
        const string Hint = " Missing values load as NaN (CsvOptions.MissingValues): fill them in first with a SimpleImputer fitted on the training rows.";
        Assert.StartsWith("The mean of feature 0 (0-based) is NaN: the column holds a NaN or infinite value." + Hint,
            Assert.Throws<ArgumentException>(() => StandardScaler.Fit(WithGaps())).Message, StringComparison.Ordinal);
        Assert.StartsWith("Feature 0 (0-based) of row 1 is NaN; a scaler can only be fitted on finite values." + Hint,
            Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(WithGaps())).Message, StringComparison.Ordinal);
        var infinite = new DataSet(new[] { 1f, float.PositiveInfinity }, new float[2], 2, 1, 1);
        Assert.StartsWith("Feature 0 (0-based) of row 1 is Infinity; a scaler can only be fitted on finite values. (Parameter",
            Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit(infinite)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImputerErrorsSayWhatIsWrong()
    {
        var allMissing = new DataSet(new[] { 1f, float.NaN, 2f, float.NaN }, new float[2], 2, 2, 1);
        Assert.StartsWith("Feature 1 (0-based) is missing in all 2 rows, so its mean is undefined: drop the column, or use ImputationStrategy.Constant.",
            Assert.Throws<ArgumentException>(() => SimpleImputer.Fit(allMissing)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Feature 1 (0-based) is missing in all 2 rows, so its median is undefined",
            Assert.Throws<ArgumentException>(() => SimpleImputer.Fit(allMissing, ImputationStrategy.Median)).Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 0.0, 0.0 }, SimpleImputer.Fit(allMissing, ImputationStrategy.Constant, 0).FillValues);

        var infinite = new DataSet(new[] { 1f, float.PositiveInfinity }, new float[2], 2, 1, 1);
        Assert.StartsWith("Feature 0 (0-based) of row 1 is Infinity; an imputer fills in missing values (NaN) and cannot fit on infinite ones.",
            Assert.Throws<ArgumentException>(() => SimpleImputer.Fit(infinite)).Message, StringComparison.Ordinal);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SimpleImputer.Fit(WithGaps(), ImputationStrategy.Constant));
        Assert.Equal("fillValue", error.ParamName);
        Assert.StartsWith("ImputationStrategy.Constant needs a finite fillValue, but it is NaN.", error.Message, StringComparison.Ordinal);
        var given = Assert.Throws<ArgumentException>(() => SimpleImputer.Fit(WithGaps(), ImputationStrategy.Median, 0.5));
        Assert.StartsWith("fillValue (0.5) is only for ImputationStrategy.Constant; with Median each column's value comes from the data.", given.Message, StringComparison.Ordinal);
        Assert.Equal("strategy", Assert.Throws<ArgumentOutOfRangeException>(() => SimpleImputer.Fit(WithGaps(), (ImputationStrategy)9)).ParamName);

        var wide = new DataSet(new float[3], new float[1], 1, 3, 1);
        Assert.StartsWith("The imputer was fitted on 2 features, but the data set has 3.",
            Assert.Throws<ArgumentException>(() => SimpleImputer.Fit(WithGaps()).Transform(wide)).Message, StringComparison.Ordinal);
        Assert.StartsWith("The fill value of feature 1 (0-based) must be finite, but it is NaN.",
            Assert.Throws<ArgumentException>(() => new SimpleImputer(new[] { 1.0, double.NaN })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SimpleImputer(Array.Empty<double>()));
    }
}
