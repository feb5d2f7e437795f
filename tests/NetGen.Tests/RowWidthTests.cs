using System;
using System.Linq;
using NetGen.Metrics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Every runtime entry point that takes rows of data (the trainer, the metrics) checks their width
    /// exactly: flat arrays must hold exactly count × InputSize features and count × OutputSize
    /// targets, so data with one column too many is an error, not a silently shifted data set.
    /// </summary>
    public class RowWidthTests
    {
        private const int WineRows = 178;
        private const int CancerRows = 569;

        /// <summary><paramref name="rows"/> rows of <paramref name="width"/> values in [0, 1).</summary>
        private static float[] Rows(int rows, int width, long seed)
        {
            var random = new SeededRandom(seed);
            float[] values = new float[rows * width];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.NextSingle();
            }

            return values;
        }

        /// <summary>One-hot targets: row r is of class r mod <paramref name="classes"/>.</summary>
        private static float[] OneHot(int rows, int classes)
        {
            float[] targets = new float[rows * classes];
            for (int r = 0; r < rows; r++)
            {
                targets[r * classes + r % classes] = 1;
            }

            return targets;
        }

        [Fact]
        public void WineRowsOf13FeaturesAreRefusedByA12InputNetwork()
        {
            // The reproduction of issue 15: the wine data (13 features, 3 classes) given to a network
            // declared with 12 inputs trained and reported an accuracy, because 178 × 13 ≥ 178 × 12.
            var network = new RowWidth.Wine12();
            float[] before = network.Parameters.ToArray();
            float[] features = Rows(WineRows, 13, seed: 1);
            float[] targets = OneHot(WineRows, 3);

            var error = Assert.Throws<ArgumentException>(() => new Trainer(network).Fit(features, targets, WineRows));
            Assert.Equal("features", error.ParamName);
            Assert.Equal(
                "Expected features.Length = count (178) × InputSize (12) = 2136, but it is 2314: 13 values per row, and Wine12 takes 12 inputs. "
                + "Each row must hold exactly InputSize (12) features: check which columns are features and which are targets, or declare the network with 13 inputs. (Parameter 'features')",
                error.Message);
            Assert.Equal(before, network.Parameters.ToArray());
            Assert.Equal(0, network.Step);

            error = Assert.Throws<ArgumentException>(() => Classification.Accuracy(network, features, targets, WineRows));
            Assert.Equal("features", error.ParamName);
            Assert.StartsWith("Expected features.Length = count (178) × InputSize (12) = 2136, but it is 2314: 13 values per row", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OneHotTargetsAreRefusedByAOneOutputNetwork()
        {
            // The second reproduction: a breast-cancer CSV read with Classification = true has one-hot
            // targets (2 columns); a 1-output sigmoid network trained on them with no error.
            var network = new RowWidth.Cancer1();
            float[] features = Rows(CancerRows, 30, seed: 2);
            float[] targets = OneHot(CancerRows, 2);

            var error = Assert.Throws<ArgumentException>(() => new Trainer(network).Fit(features, targets, CancerRows));
            Assert.Equal("targets", error.ParamName);
            Assert.Equal(
                "Expected targets.Length = count (569) × OutputSize (1) = 569, but it is 1138: 2 values per row, and Cancer1 has 1 output. "
                + "A network with one output takes one target per row (0 or 1 for a sigmoid), not one-hot classes: read the label as a number (CsvOptions.Classification = false), or give the output layer 2 units. (Parameter 'targets')",
                error.Message);
            Assert.Equal(0, network.Step);
        }

        public static TheoryData<string> EntryPoints() => new()
        {
            "Fit", "Fit validation", "Evaluate", "Accuracy", "Confusion", "Regression.Evaluate",
        };

        /// <summary>Calls one entry point with 10 rows on <see cref="RowWidth.Wine12"/> (12 inputs, 3 outputs).</summary>
        private static void Call(string entryPoint, RowWidth.Wine12 network, float[] features, float[] targets, int count)
        {
            float[] goodFeatures = Rows(10, 12, seed: 3);
            float[] goodTargets = OneHot(10, 3);
            switch (entryPoint)
            {
                case "Fit":
                    new Trainer(network).Fit(features, targets, count);
                    break;
                case "Fit validation":
                    new Trainer(network).Fit(goodFeatures, goodTargets, 10, features, targets, count);
                    break;
                case "Evaluate":
                    new Trainer(network).Evaluate(features, targets, count);
                    break;
                case "Accuracy":
                    Classification.Accuracy(network, features, targets, count);
                    break;
                case "Confusion":
                    Classification.Confusion(network, features, targets, count);
                    break;
                default:
                    Regression.Evaluate(network, features, targets, count);
                    break;
            }
        }

        private static string Prefix(string entryPoint, string name) =>
            entryPoint == "Fit validation" ? "validation" + char.ToUpperInvariant(name[0]) + name[1..] : name;

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void EveryEntryPointRefusesAFeatureColumnTooMany(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, Rows(10, 13, 4), OneHot(10, 3), 10));
            string name = Prefix(entryPoint, "features");
            string count = entryPoint == "Fit validation" ? "validationCount" : "count";
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith($"Expected {name}.Length = {count} (10) × InputSize (12) = 120, but it is 130: 13 values per row, and Wine12 takes 12 inputs.", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, network.Step);
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void EveryEntryPointRefusesATargetColumnTooMany(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, Rows(10, 12, 4), OneHot(10, 4), 10));
            string name = Prefix(entryPoint, "targets");
            string count = entryPoint == "Fit validation" ? "validationCount" : "count";
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith($"Expected {name}.Length = {count} (10) × OutputSize (3) = 30, but it is 40: 4 values per row, and Wine12 has 3 outputs.", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, network.Step);
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void EveryEntryPointRefusesMoreValuesThanCountRows(string entryPoint)
        {
            // One value more than count rows: not a whole number of rows, so no row width explains it.
            var network = new RowWidth.Wine12();
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, Rows(10, 12, 4), new float[31], 10));
            string name = Prefix(entryPoint, "targets");
            string count = entryPoint == "Fit validation" ? "validationCount" : "count";
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith($"Expected {name}.Length = {count} (10) × OutputSize (3) = 30, but it is 31, which is not {count} whole rows.", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void EveryEntryPointRefusesFewerValuesThanCountRows(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, Rows(9, 12, 4), OneHot(10, 3), 10));
            Assert.Equal(Prefix(entryPoint, "features"), error.ParamName);
            Assert.Contains("= 120, but it is 108", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void EveryEntryPointRefusesACountBelowOne(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(entryPoint, network, Rows(10, 12, 4), OneHot(10, 3), 0));
            Assert.Equal(entryPoint == "Fit validation" ? "validationCount" : "count", error.ParamName);
        }

        [Fact]
        public void ValidationArraysWithAValidationCountOfZeroAreRefused()
        {
            // Validation rows with validationCount = 0 used to be ignored without a word.
            var network = new RowWidth.Wine12();
            float[] features = Rows(10, 12, 5);
            float[] targets = OneHot(10, 3);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network).Fit(features, targets, 10, features, targets, 0));
            Assert.Equal("validationCount", error.ParamName);
            Assert.StartsWith("validationCount is 0, but validationFeatures holds 120 values: pass the number of validation rows, or null arrays for no validation.", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, network.Step);

            // Null arrays (or empty ones) with 0 mean no validation.
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 1 }).Fit(features, targets, 10, null, null, 0);
            Assert.Null(result.History[0].ValidationLoss);
        }

        // ---- DataSet overloads: the set knows its widths, which must be the network's ----

        public static TheoryData<string> DataSetEntryPoints() => new()
        {
            "Fit", "Fit validation", "Evaluate", "Accuracy", "Confusion", "Regression.Evaluate",
        };

        private static void Call(string entryPoint, RowWidth.Wine12 network, Data.DataSet data)
        {
            var good = new Data.DataSet(Rows(10, 12, seed: 3), OneHot(10, 3), 10, 12, 3);
            switch (entryPoint)
            {
                case "Fit":
                    new Trainer(network).Fit(data);
                    break;
                case "Fit validation":
                    new Trainer(network).Fit(good, data);
                    break;
                case "Evaluate":
                    new Trainer(network).Evaluate(data);
                    break;
                case "Accuracy":
                    Classification.Accuracy(network, data);
                    break;
                case "Confusion":
                    Classification.Confusion(network, data);
                    break;
                default:
                    Regression.Evaluate(network, data);
                    break;
            }
        }

        private static string DataName(string entryPoint) => entryPoint switch
        {
            "Fit" => "training",
            "Fit validation" => "validation",
            _ => "data",
        };

        [Theory]
        [MemberData(nameof(DataSetEntryPoints))]
        public void DataSetsOfAnotherFeatureCountAreRefused(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var wine = new Data.DataSet(Rows(WineRows, 13, 7), OneHot(WineRows, 3), WineRows, 13, 3);
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, wine));
            string name = DataName(entryPoint);
            Assert.Equal(name, error.ParamName);
            Assert.Equal(
                $"{name} has 13 features per row (FeatureCount), but Wine12 takes 12 inputs (InputSize). "
                + $"Each row must hold exactly InputSize (12) features: check which columns are features and which are targets, or declare the network with 13 inputs. (Parameter '{name}')",
                error.Message);
            Assert.Equal(0, network.Step);
        }

        [Theory]
        [MemberData(nameof(DataSetEntryPoints))]
        public void DataSetsOfAnotherTargetCountAreRefused(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var data = new Data.DataSet(Rows(10, 12, 8), OneHot(10, 2), 10, 12, 2, new[] { "no", "yes" });
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, data));
            string name = DataName(entryPoint);
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith($"{name} has 2 targets per row (TargetCount), but Wine12 has 3 outputs (OutputSize). Each row must hold exactly OutputSize (3) targets", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, network.Step);
        }

        [Theory]
        [MemberData(nameof(DataSetEntryPoints))]
        public void EmptyDataSetsAndNullAreRefused(string entryPoint)
        {
            var network = new RowWidth.Wine12();
            var empty = new Data.DataSet(Array.Empty<float>(), Array.Empty<float>(), 0, 12, 3);
            string name = DataName(entryPoint);
            var error = Assert.Throws<ArgumentException>(() => Call(entryPoint, network, empty));
            Assert.Equal(name, error.ParamName);
            Assert.StartsWith($"{name} has no rows", error.Message, StringComparison.Ordinal);
            if (entryPoint != "Fit validation") // a null validation set means no validation
            {
                Assert.Equal(name, Assert.Throws<ArgumentNullException>(() => Call(entryPoint, network, null!)).ParamName);
            }
        }

        [Fact]
        public void OneHotTargetsInADataSetAreRefusedByAOneOutputNetwork()
        {
            var network = new RowWidth.Cancer1();
            var cancer = new Data.DataSet(Rows(CancerRows, 30, 9), OneHot(CancerRows, 2), CancerRows, 30, 2, new[] { "benign", "malignant" });
            var error = Assert.Throws<ArgumentException>(() => new Trainer(network).Fit(cancer));
            Assert.Equal(
                "training has 2 targets per row (TargetCount), but Cancer1 has 1 output (OutputSize). "
                + "A network with one output takes one target per row (0 or 1 for a sigmoid), not one-hot classes: read the label as a number (CsvOptions.Classification = false), or give the output layer 2 units. (Parameter 'training')",
                error.Message);
        }

        [Fact]
        public void DataSetOverloadsAreTheFlatOnes()
        {
            var data = new Data.DataSet(Rows(40, 12, 10), OneHot(40, 3), 40, 12, 3, new[] { "a", "b", "c" });
            var (train, validation) = data.Split(0.75, seed: 1);
            var viaSets = new RowWidth.Wine12();
            var viaArrays = new RowWidth.Wine12();
            var options = new TrainerOptions { Epochs = 3, Seed = 5 };
            TrainingResult a = new Trainer(viaSets, options).Fit(train, validation);
            TrainingResult b = new Trainer(viaArrays, options).Fit(train.Features, train.Targets, train.Count, validation.Features, validation.Targets, validation.Count);
            Assert.Equal(b.History.Select(e => (e.TrainingLoss, e.ValidationLoss, e.ValidationAccuracy)), a.History.Select(e => (e.TrainingLoss, e.ValidationLoss, e.ValidationAccuracy)));
            Assert.Equal(viaArrays.Parameters.ToArray(), viaSets.Parameters.ToArray());
            Assert.Null(new Trainer(new RowWidth.Wine12(), options).Fit(train).History[0].ValidationLoss);

            Assert.Equal(new Trainer(viaArrays).Evaluate(validation.Features, validation.Targets, validation.Count), new Trainer(viaSets).Evaluate(validation));
            Assert.Equal(Classification.Accuracy(viaArrays, validation.Features, validation.Targets, validation.Count), Classification.Accuracy(viaSets, validation));
            ConfusionMatrix confusion = Classification.Confusion(viaSets, validation);
            Assert.Equal(new[] { "a", "b", "c" }, confusion.ClassNames);
            Assert.Equal(validation.Count, confusion.Total);
            Assert.Equal(Regression.Evaluate(viaArrays, validation.Features, validation.Targets, validation.Count), Regression.Evaluate(viaSets, validation));
        }

        [Fact]
        public void ExactRowsAreAccepted()
        {
            var network = new RowWidth.Wine12();
            float[] features = Rows(10, 12, 6);
            float[] targets = OneHot(10, 3);
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 2 }).Fit(features, targets, 10, features, targets, 10);
            Assert.Equal(2, result.History.Count);
            Assert.Equal(2 * 1, network.Step); // 10 rows, BatchSize 16: one batch an epoch
            Assert.InRange(Classification.Accuracy(network, features, targets, 10), 0f, 1f);
            Assert.Equal(10, Classification.Confusion(network, features, targets, 10).Total);
            Assert.True(Regression.Evaluate(network, features, targets, 10).MeanSquaredError > 0);
        }
    }
}

namespace NetGen.Tests.RowWidth
{
    /// <summary>A wine classifier declared with one input too few (the data has 13 features).</summary>
    [Network(Inputs = 12, Seed = 150)][Dense(8, Activation.Tanh)][Dense(3, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, BatchSize = 16)]
    public partial class Wine12 { }

    /// <summary>A breast-cancer classifier with one sigmoid output: one 0/1 target per row.</summary>
    [Network(Inputs = 30, Seed = 151)][Dense(1, Activation.Sigmoid)]
    [Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 16)]
    public partial class Cancer1 { }
}
