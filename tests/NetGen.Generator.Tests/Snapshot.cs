using System;
using System.IO;
using System.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Exact-output checks against committed files under Snapshots/. A difference fails with the
/// first differing lines side by side, and the new output is written next to the snapshot as
/// *.received.txt. To accept a change, run the tests with NETGEN_UPDATE_SNAPSHOTS=1 and review
/// the diff of Snapshots/ before committing.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "NETGEN_UPDATE_SNAPSHOTS";

    public static void Match(string actual, string name)
    {
        string directory = Path.Combine(ProjectDirectory(), "Snapshots");
        string path = Path.Combine(directory, name);
        string received = Path.ChangeExtension(path, ".received.txt");
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(path))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot {path}. The output is in {received}; run the tests with {UpdateVariable}=1 to accept it.");
        }

        string expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"The output differs from {path}:\n{Diff(expected, actual)}\nThe new output is in {received}. If the change is intended, run the tests with {UpdateVariable}=1 and review the snapshot's diff.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    /// <summary>The first few differing lines, with their numbers.</summary>
    private static string Diff(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(left.Length, right.Length) && shown < 12; i++)
        {
            string? l = i < left.Length ? left[i] : null;
            string? r = i < right.Length ? right[i] : null;
            if (l != r)
            {
                text.Append("line ").Append(i + 1).Append('\n');
                text.Append("  - ").Append(l ?? "(end of file)").Append('\n');
                text.Append("  + ").Append(r ?? "(end of file)").Append('\n');
                shown++;
            }
        }

        text.Append($"({left.Length} lines expected, {right.Length} lines received)");
        return text.ToString();
    }

    /// <summary>The test project's source folder, found from the test binaries (bin/&lt;config&gt;/&lt;tfm&gt;/).</summary>
    private static string ProjectDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.Generator.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"NetGen.Generator.Tests.csproj not found above {AppContext.BaseDirectory}.");
    }
}
