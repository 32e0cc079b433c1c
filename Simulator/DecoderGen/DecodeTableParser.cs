using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using MicroGen.Simulator.DecoderGen.Model;

namespace MicroGen.Simulator.DecoderGen;

/// <summary>
/// Parses a decode table. Grammar, one encoding per line:
/// <c>Name  bits...  feature  timing  [arg ...]</c>, where bits are written high to low in the
/// ARM ARM diagram's grouping ('0'/'1' fixed, '.' don't care, letters are fields), and each arg is
/// <c>letters</c>, <c>name=letters</c>, <c>name=Function(letters)</c> or <c>name=number</c>.
/// The letters of one field are concatenated in pattern order (so <c>i...iii....iiiiiiii</c> is i:imm3:imm8).
/// <c>{</c> and <c>}</c> bracket an ordering group: its members may overlap, the first listed wins.
/// A commented-out line that parses as an encoding is recorded as unimplemented.
/// </summary>
internal static class DecodeTableParser
{
    private static readonly string[] Features = { "v6m", "v7m", "dsp", "fpv4", "fpv5", "v8m" };

    public static TableSpec Parse(string fileName, string text, int groupBase)
    {
        var encodings = ImmutableArray.CreateBuilder<EncodingSpec>();
        var unimplemented = ImmutableArray.CreateBuilder<string>();
        var errors = ImmutableArray.CreateBuilder<TableError>();
        int group = 0;
        int groupCount = 0;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                string body = line.TrimStart('#').Trim();
                if (body.Length > 0 && char.IsUpper(body[0]) && TryParseEncoding(fileName, lineNumber, body, 0, out EncodingSpec? disabled, out _))
                {
                    unimplemented.Add(disabled!.Name);
                }

                continue;
            }

            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line.Substring(0, hash).Trim();
            }

            if (line == "{")
            {
                if (group != 0)
                {
                    errors.Add(new TableError(fileName, lineNumber, "ordering groups do not nest"));
                }

                group = groupBase + ++groupCount;
                continue;
            }

            if (line == "}")
            {
                if (group == 0)
                {
                    errors.Add(new TableError(fileName, lineNumber, "'}' without '{'"));
                }

                group = 0;
                continue;
            }

            if (TryParseEncoding(fileName, lineNumber, line, group, out EncodingSpec? encoding, out string error))
            {
                encodings.Add(encoding!);
            }
            else
            {
                errors.Add(new TableError(fileName, lineNumber, error));
            }
        }

        if (group != 0)
        {
            errors.Add(new TableError(fileName, lines.Length, "unclosed '{'"));
        }

        return new TableSpec(
            fileName,
            new EquatableArray<EncodingSpec>(encodings.ToImmutable()),
            new EquatableArray<string>(unimplemented.ToImmutable()),
            new EquatableArray<TableError>(errors.ToImmutable()));
    }

    private static bool TryParseEncoding(string file, int lineNumber, string line, int group, out EncodingSpec? encoding, out string error)
    {
        encoding = null;
        string[] tokens = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 4 || !IsIdentifier(tokens[0]))
        {
            error = "expected: Name bits feature timing [args]";
            return false;
        }

        var pattern = new StringBuilder();
        int index = 1;
        while (index < tokens.Length && pattern.Length < 32 && IsPatternToken(tokens[index]))
        {
            if (pattern.Length == 16 && Array.IndexOf(Features, tokens[index]) >= 0)
            {
                break;
            }

            pattern.Append(tokens[index]);
            index++;
        }

        if (pattern.Length != 16 && pattern.Length != 32)
        {
            error = $"pattern of {tokens[0]} has {pattern.Length} bits, expected 16 or 32";
            return false;
        }

        if (index + 1 >= tokens.Length || Array.IndexOf(Features, tokens[index]) < 0)
        {
            error = $"{tokens[0]}: expected a feature ({string.Join(", ", Features)}) after the pattern";
            return false;
        }

        string feature = tokens[index];
        string timing = tokens[index + 1];
        string bits = pattern.ToString();
        uint mask = 0;
        uint value = 0;
        for (int b = 0; b < bits.Length; b++)
        {
            int position = bits.Length - 1 - b;
            if (bits[b] == '0' || bits[b] == '1')
            {
                mask |= 1u << position;
                value |= (uint)(bits[b] - '0') << position;
            }
        }

        var args = ImmutableArray.CreateBuilder<string>();
        for (int a = index + 2; a < tokens.Length; a++)
        {
            if (!TryTranslateArgument(bits, tokens[a], out string expression, out error))
            {
                error = $"{tokens[0]}: {error}";
                return false;
            }

            args.Add(expression);
        }

        encoding = new EncodingSpec(tokens[0], bits.Length, mask, value, feature, timing, group, file, lineNumber, bits, new EquatableArray<string>(args.ToImmutable()));
        error = string.Empty;
        return true;
    }

    private static bool TryTranslateArgument(string bits, string token, out string expression, out string error)
    {
        expression = string.Empty;
        error = string.Empty;
        int equals = token.IndexOf('=');
        string source = equals >= 0 ? token.Substring(equals + 1) : token;
        if (source.Length > 0 && char.IsDigit(source[0]))
        {
            if (!uint.TryParse(source, NumberStyles.Integer, CultureInfo.InvariantCulture, out uint constant))
            {
                error = $"bad constant '{source}'";
                return false;
            }

            expression = constant.ToString(CultureInfo.InvariantCulture) + "u";
            return true;
        }

        string? function = null;
        int open = source.IndexOf('(');
        if (open >= 0)
        {
            if (!source.EndsWith(")", StringComparison.Ordinal))
            {
                error = $"bad field function '{source}'";
                return false;
            }

            function = source.Substring(0, open);
            source = source.Substring(open + 1, source.Length - open - 2);
        }

        if (!TryBuildExtraction(bits, source, out string extraction, out error))
        {
            return false;
        }

        expression = function is null ? extraction : $"FieldFunctions.{function}({extraction})";
        return true;
    }

    /// <summary>Concatenates, high to low, the pattern bits carrying any of the given letters.</summary>
    private static bool TryBuildExtraction(string bits, string letters, out string extraction, out string error)
    {
        extraction = string.Empty;
        error = string.Empty;
        if (letters.Length == 0)
        {
            error = "empty field";
            return false;
        }

        var positions = new List<int>();
        for (int b = 0; b < bits.Length; b++)
        {
            if (letters.IndexOf(bits[b]) >= 0 && char.IsLetter(bits[b]))
            {
                positions.Add(bits.Length - 1 - b);
            }
        }

        foreach (char letter in letters)
        {
            if (bits.IndexOf(letter) < 0)
            {
                error = $"field letter '{letter}' is not in the pattern";
                return false;
            }
        }

        // Group runs of adjacent positions; each run becomes one shift-and-mask term.
        var terms = new List<string>();
        int total = positions.Count;
        int consumed = 0;
        int start = 0;
        while (start < positions.Count)
        {
            int end = start;
            while (end + 1 < positions.Count && positions[end + 1] == positions[end] - 1)
            {
                end++;
            }

            int length = end - start + 1;
            int low = positions[end];
            consumed += length;
            int destination = total - consumed;
            string term = low == 0 ? "raw" : $"(raw >> {low})";
            term = $"({term} & 0x{((1UL << length) - 1):X}u)";
            if (destination > 0)
            {
                term = $"({term} << {destination})";
            }

            terms.Add(term);
            start = end + 1;
        }

        extraction = terms.Count == 1 ? terms[0] : "(" + string.Join(" | ", terms) + ")";
        return true;
    }

    private static bool IsPatternToken(string token)
    {
        foreach (char c in token)
        {
            if (c != '0' && c != '1' && c != '.' && !char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string token)
    {
        if (token.Length == 0 || !char.IsUpper(token[0]))
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
