using System.Globalization;
using System.Text;
using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Core;

/// <summary>Writes one line per executed instruction: PC, encoding, mnemonic (handler name), registers changed.</summary>
public sealed class InstructionTracer
{
    private readonly TextWriter writer;
    private readonly StringBuilder line = new();

    public InstructionTracer(TextWriter writer) => this.writer = writer;

    public void Write(uint address, in DecodedOp op, ReadOnlySpan<uint> before, ReadOnlySpan<uint> after, uint xpsrBefore, uint xpsrAfter)
    {
        line.Clear();
        line.Append(CultureInfo.InvariantCulture, $"{address:X8}  ");
        line.Append(op.Size == 4 ? op.Raw.ToString("X8", CultureInfo.InvariantCulture) : "    " + op.Raw.ToString("X4", CultureInfo.InvariantCulture));
        line.Append("  ").Append(DecodeTable.NameOf(op.Op).PadRight(12));
        for (int i = 0; i < 15; i++)
        {
            if (before[i] != after[i])
            {
                line.Append(CultureInfo.InvariantCulture, $" r{i}={after[i]:X8}");
            }
        }

        if ((xpsrBefore & 0xF80F_0000) != (xpsrAfter & 0xF80F_0000))
        {
            line.Append(CultureInfo.InvariantCulture, $" apsr={xpsrAfter >> 27:X2}");
        }

        writer.WriteLine(line.ToString());
    }
}
