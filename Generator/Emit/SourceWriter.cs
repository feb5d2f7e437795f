using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>An indenting text writer for generated C#: four spaces per level, '\n' line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Starts a line at the current indentation with <paramref name="text"/>, without ending it (see <see cref="Write(char[], int, int)"/>, <see cref="EndLine"/>).</summary>
    public void StartLine(string text)
    {
        _text.Append(' ', _indent * 4);
        _text.Append(text);
    }

    /// <summary>Continues the line begun by <see cref="StartLine"/>.</summary>
    public void Write(char[] buffer, int start, int count) => _text.Append(buffer, start, count);

    /// <summary>Ends the line begun by <see cref="StartLine"/> with <paramref name="text"/>.</summary>
    public void EndLine(string text)
    {
        _text.Append(text);
        _text.Append('\n');
    }

    /// <summary>Writes several lines (split on '\n'), each at the current indentation.</summary>
    public void WriteLines(string lines)
    {
        foreach (string line in lines.Split('\n'))
        {
            WriteLine(line.TrimEnd('\r'));
        }
    }

    /// <summary>Writes <paramref name="header"/> and '{' and indents until the returned scope is disposed.</summary>
    public Scope Block(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return new Scope(this);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _text.ToString();

    internal readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;

        public Scope(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.WriteLine("}");
        }
    }
}
