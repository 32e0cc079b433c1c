using System.Buffers.Binary;

namespace MicroGen.Simulator.Tests.Support;

/// <summary>Writes a minimal ARM ELF32 executable with one loadable segment (for fuzzing without a toolchain).</summary>
public static class MinimalElf
{
    private const int HeaderSize = 52;
    private const int ProgramHeaderSize = 32;

    public static byte[] Create(uint loadAddress, ReadOnlySpan<byte> contents, uint entry)
    {
        var elf = new byte[HeaderSize + ProgramHeaderSize + contents.Length];
        Span<byte> span = elf;
        "\u007fELF"u8.CopyTo(span);
        span[4] = 1; // ELFCLASS32
        span[5] = 1; // little-endian
        span[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2);   // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 40);  // EM_ARM
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], entry);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[36..], 0x0500_0000); // EABI version 5
        BinaryPrimitives.WriteUInt16LittleEndian(span[40..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[42..], ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[44..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[46..], 40);
        Span<byte> ph = span[HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);                     // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], HeaderSize + ProgramHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], loadAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], loadAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)contents.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], (uint)contents.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 5);               // R+X
        BinaryPrimitives.WriteUInt32LittleEndian(ph[28..], 4);
        contents.CopyTo(span[(HeaderSize + ProgramHeaderSize)..]);
        return elf;
    }
}
