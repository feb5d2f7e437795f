using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen.Data;

/// <summary>
/// Splits CSV text into records of fields (RFC 4180): fields separated by the delimiter, records by
/// CRLF, LF or CR; a field in double quotes may hold delimiters, line breaks and doubled quotes
/// (<c>""</c> for one <c>"</c>). A leading U+FEFF (byte order mark) is skipped. Line numbers are
/// 1-based physical lines, so a line break inside a quoted field counts. Lines that start with the
/// comment prefix (when there is one) are skipped where a record would start.
/// </summary>
internal sealed class CsvTokenizer
{
    private const int Eof = -1;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly string _name;
    private readonly int _comment;
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private bool _started;
    private int _line = 1;

    public CsvTokenizer(TextReader reader, char delimiter, string name, char? commentPrefix = null)
    {
        _reader = reader;
        _delimiter = delimiter;
        _name = name;
        _comment = commentPrefix ?? Eof;
    }

    /// <summary>The line the reader is on (after the last record read, the line after it).</summary>
    public int Line => _line;

    /// <summary>Whether any character (other than a byte order mark) was read.</summary>
    public bool SawText { get; private set; }

    /// <summary>
    /// Reads the next record into <paramref name="fields"/>; false at the end of the text.
    /// <paramref name="line"/> is the line the record starts on.
    /// </summary>
    /// <exception cref="InvalidDataException">A quote is misplaced or never closed.</exception>
    public bool TryReadRecord(List<string> fields, out int line)
    {
        fields.Clear();
        while (_comment != Eof && Peek() == _comment)
        {
            SkipLine();
        }

        line = _line;
        if (Peek() == Eof)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            int c = Peek();
            if (c == '"')
            {
                ReadQuoted(fields.Count + 1);
                c = Read();
                if (c != _delimiter && c != '\r' && c != '\n' && c != Eof)
                {
                    throw Error(fields.Count + 1, $"unexpected character '{(char)c}' after the closing quote of a quoted field (a quote inside a quoted field is written \"\").");
                }
            }
            else
            {
                while (true)
                {
                    c = Read();
                    if (c == _delimiter || c == '\r' || c == '\n' || c == Eof)
                    {
                        break;
                    }

                    if (c == '"')
                    {
                        throw Error(fields.Count + 1, "a quote inside an unquoted field (enclose the field in quotes and write the quote as \"\").");
                    }

                    _field.Append((char)c);
                }
            }

            fields.Add(_field.ToString());
            if (c == _delimiter)
            {
                continue;
            }

            if (c == '\r' && Peek() == '\n')
            {
                Read();
            }

            if (c != Eof)
            {
                _line++;
            }

            return true;
        }
    }

    /// <summary>
    /// Skips <paramref name="count"/> physical lines whatever they hold (quotes included); returns how
    /// many there were (fewer when the text ends first).
    /// </summary>
    public int SkipLines(int count)
    {
        int skipped = 0;
        while (skipped < count && Peek() != Eof)
        {
            SkipLine();
            skipped++;
        }

        return skipped;
    }

    /// <summary>Reads up to and including the next line break (CR, LF or CRLF), or to the end.</summary>
    private void SkipLine()
    {
        while (true)
        {
            int c = Read();
            if (c == Eof)
            {
                return;
            }

            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && Peek() == '\n')
                {
                    Read();
                }

                _line++;
                return;
            }
        }
    }

    private void ReadQuoted(int column)
    {
        int startLine = _line;
        Read(); // the opening quote
        while (true)
        {
            int c = Read();
            switch (c)
            {
                case Eof:
                    throw new InvalidDataException(CsvReader.Location(_name, startLine, column, null) +
                        ": a quoted field starts here but its closing quote is missing (the file ends inside it).");
                case '"':
                    if (Peek() != '"')
                    {
                        return;
                    }

                    Read();
                    _field.Append('"');
                    break;
                case '\r':
                    _field.Append('\r');
                    if (Peek() == '\n')
                    {
                        Read();
                        _field.Append('\n');
                    }

                    _line++;
                    break;
                case '\n':
                    _field.Append('\n');
                    _line++;
                    break;
                default:
                    _field.Append((char)c);
                    break;
            }
        }
    }

    private InvalidDataException Error(int column, string message) =>
        new(CsvReader.Location(_name, _line, column, null) + ": " + message);

    private int Peek()
    {
        if (_position == _length && !Fill())
        {
            return Eof;
        }

        return _buffer[_position];
    }

    private int Read()
    {
        if (_position == _length && !Fill())
        {
            return Eof;
        }

        return _buffer[_position++];
    }

    private bool Fill()
    {
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        if (!_started && _length > 0)
        {
            _started = true;
            if (_buffer[0] == '\uFEFF')
            {
                _position = 1;
                if (_length == 1)
                {
                    return Fill();
                }
            }
        }

        if (_position < _length)
        {
            SawText = true;
        }

        return _position < _length;
    }
}
