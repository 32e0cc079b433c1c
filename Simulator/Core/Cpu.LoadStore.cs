using System.Runtime.CompilerServices;
namespace MicroGen.Simulator.Core;

/// <summary>A7.7 load and store of a single register (immediate, register, literal offsets).</summary>
public sealed partial class Cpu
{
    // --- 16-bit forms ---
    private void LdrLitT1(int t, uint imm32) => R(t) = Load32((R(15) & ~3u) + imm32);

    private void LdrRegT1(int t, int n, int m) => R(t) = Load32(R(n) + R(m));

    private void LdrhRegT1(int t, int n, int m) => R(t) = Load16(R(n) + R(m));

    private void LdrshRegT1(int t, int n, int m) => R(t) = (uint)(short)Load16(R(n) + R(m));

    private void LdrbRegT1(int t, int n, int m) => R(t) = Load8(R(n) + R(m));

    private void LdrsbRegT1(int t, int n, int m) => R(t) = (uint)(sbyte)Load8(R(n) + R(m));

    private void StrRegT1(int t, int n, int m) => Store32(R(n) + R(m), R(t));

    private void StrhRegT1(int t, int n, int m) => Store16(R(n) + R(m), R(t));

    private void StrbRegT1(int t, int n, int m) => Store8(R(n) + R(m), R(t));

    private void LdrImmT1(int t, int n, uint imm32) => R(t) = Load32(R(n) + imm32);

    private void LdrhImmT1(int t, int n, uint imm32) => R(t) = Load16(R(n) + imm32);

    private void LdrbImmT1(int t, int n, uint imm32) => R(t) = Load8(R(n) + imm32);

    private void LdrImmT2(int t, uint imm32) => R(t) = Load32(R(13) + imm32);

    private void StrImmT1(int t, int n, uint imm32) => Store32(R(n) + imm32, R(t));

    private void StrhImmT1(int t, int n, uint imm32) => Store16(R(n) + imm32, R(t));

    private void StrbImmT1(int t, int n, uint imm32) => Store8(R(n) + imm32, R(t));

    private void StrImmT2(int t, uint imm32) => Store32(R(13) + imm32, R(t));

    // --- 32-bit literal forms ---
    private void LdrLitT2(int t, uint imm32, bool add) => LoadTo(t, Literal(imm32, add), AccessWidth.Word);

    private void LdrhLitT1(int t, uint imm32, bool add) => LoadTo(t, Literal(imm32, add), AccessWidth.Half);

    private void LdrshLitT1(int t, uint imm32, bool add) => LoadTo(t, Literal(imm32, add), AccessWidth.SignedHalf);

    private void LdrbLitT1(int t, uint imm32, bool add) => LoadTo(t, Literal(imm32, add), AccessWidth.Byte);

    private void LdrsbLitT1(int t, uint imm32, bool add) => LoadTo(t, Literal(imm32, add), AccessWidth.SignedByte);

    // --- 32-bit positive 12-bit immediate ---
    private void LdrImmT3(int t, int n, uint imm32) => LoadTo(t, R(n) + imm32, AccessWidth.Word);

    private void LdrhImmT2(int t, int n, uint imm32) => LoadTo(t, R(n) + imm32, AccessWidth.Half);

    private void LdrshImmT1(int t, int n, uint imm32) => LoadTo(t, R(n) + imm32, AccessWidth.SignedHalf);

    private void LdrbImmT2(int t, int n, uint imm32) => LoadTo(t, R(n) + imm32, AccessWidth.Byte);

    private void LdrsbImmT1(int t, int n, uint imm32) => LoadTo(t, R(n) + imm32, AccessWidth.SignedByte);

    private void StrImmT3(int t, int n, uint imm32) => StoreFrom(t, R(n) + imm32, AccessWidth.Word);

    private void StrhImmT2(int t, int n, uint imm32) => StoreFrom(t, R(n) + imm32, AccessWidth.Half);

    private void StrbImmT2(int t, int n, uint imm32) => StoreFrom(t, R(n) + imm32, AccessWidth.Byte);

    // --- 32-bit 8-bit immediate with index/add/writeback (PUW=110 is the unprivileged xxxT form) ---
    private void LdrImmT4(int t, int n, uint imm32, bool index, bool add, bool wback) => LoadIndexed(t, n, imm32, index, add, wback, AccessWidth.Word);

    private void LdrhImmT3(int t, int n, uint imm32, bool index, bool add, bool wback) => LoadIndexed(t, n, imm32, index, add, wback, AccessWidth.Half);

    private void LdrshImmT2(int t, int n, uint imm32, bool index, bool add, bool wback) => LoadIndexed(t, n, imm32, index, add, wback, AccessWidth.SignedHalf);

    private void LdrbImmT3(int t, int n, uint imm32, bool index, bool add, bool wback) => LoadIndexed(t, n, imm32, index, add, wback, AccessWidth.Byte);

    private void LdrsbImmT2(int t, int n, uint imm32, bool index, bool add, bool wback) => LoadIndexed(t, n, imm32, index, add, wback, AccessWidth.SignedByte);

    private void StrImmT4(int t, int n, uint imm32, bool index, bool add, bool wback) => StoreIndexed(t, n, imm32, index, add, wback, AccessWidth.Word);

    private void StrhImmT3(int t, int n, uint imm32, bool index, bool add, bool wback) => StoreIndexed(t, n, imm32, index, add, wback, AccessWidth.Half);

    private void StrbImmT3(int t, int n, uint imm32, bool index, bool add, bool wback) => StoreIndexed(t, n, imm32, index, add, wback, AccessWidth.Byte);

    // --- 32-bit register offset, LSL #0-3 ---
    private void LdrRegT2(int t, int n, int m, uint shift) => LoadTo(t, R(n) + (R(m) << (int)shift), AccessWidth.Word);

    private void LdrhRegT2(int t, int n, int m, uint shift) => LoadTo(t, R(n) + (R(m) << (int)shift), AccessWidth.Half);

    private void LdrshRegT2(int t, int n, int m, uint shift) => LoadTo(t, R(n) + (R(m) << (int)shift), AccessWidth.SignedHalf);

    private void LdrbRegT2(int t, int n, int m, uint shift) => LoadTo(t, R(n) + (R(m) << (int)shift), AccessWidth.Byte);

    private void LdrsbRegT2(int t, int n, int m, uint shift) => LoadTo(t, R(n) + (R(m) << (int)shift), AccessWidth.SignedByte);

    private void StrRegT2(int t, int n, int m, uint shift) => StoreFrom(t, R(n) + (R(m) << (int)shift), AccessWidth.Word);

    private void StrhRegT2(int t, int n, int m, uint shift) => StoreFrom(t, R(n) + (R(m) << (int)shift), AccessWidth.Half);

    private void StrbRegT2(int t, int n, int m, uint shift) => StoreFrom(t, R(n) + (R(m) << (int)shift), AccessWidth.Byte);

    // --- Preload hints: no effect in the model ---
    private void PldLitT1()
    {
    }

    private void PliLitT3()
    {
    }

    private void PldImmT1()
    {
    }

    private void PldImmT2()
    {
    }

    private void PldRegT1()
    {
    }

    private void PliImmT1()
    {
    }

    private void PliImmT2()
    {
    }

    private void PliRegT1()
    {
    }

    private void NopHintLitT1()
    {
    }

    private void NopHintImmT1()
    {
    }

    private void NopHintImmT2()
    {
    }

    private void NopHintRegT1()
    {
    }

    private uint Literal(uint imm32, bool add) => add ? (R(15) & ~3u) + imm32 : (R(15) & ~3u) - imm32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LoadIndexed(int t, int n, uint imm32, bool index, bool add, bool wback, AccessWidth width)
    {
        if (!index && !wback)
        {
            UndefinedInstruction();
        }

        uint offsetAddress = add ? R(n) + imm32 : R(n) - imm32;
        uint value = Load(index ? offsetAddress : R(n), width);
        if (wback)
        {
            R(n) = offsetAddress;
        }

        WriteLoaded(t, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreIndexed(int t, int n, uint imm32, bool index, bool add, bool wback, AccessWidth width)
    {
        if (!index && !wback)
        {
            UndefinedInstruction();
        }

        uint offsetAddress = add ? R(n) + imm32 : R(n) - imm32;
        StoreFrom(t, index ? offsetAddress : R(n), width);
        if (wback)
        {
            R(n) = offsetAddress;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LoadTo(int t, uint address, AccessWidth width) => WriteLoaded(t, Load(address, width));

    /// <summary>A load into the PC is an interworking branch (LoadWritePC).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteLoaded(int t, uint value)
    {
        if (t == 15)
        {
            BxWritePc(value);
        }
        else
        {
            R(t) = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Load(uint address, AccessWidth width) => width switch
    {
        AccessWidth.Word => Load32(address),
        AccessWidth.Half => Load16(address),
        AccessWidth.SignedHalf => (uint)(short)Load16(address),
        AccessWidth.Byte => Load8(address),
        _ => (uint)(sbyte)Load8(address),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreFrom(int t, uint address, AccessWidth width)
    {
        switch (width)
        {
            case AccessWidth.Word: Store32(address, R(t)); break;
            case AccessWidth.Half: Store16(address, R(t)); break;
            default: Store8(address, R(t)); break;
        }
    }
}
