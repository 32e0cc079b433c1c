using System.Runtime.CompilerServices;
using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Core;

/// <summary>Shared ALU pseudocode: AddWithCarry, Shift_C, ConditionPassed, PC writes (A2.2-A2.3).</summary>
public sealed partial class Cpu
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AddWithCarry(uint x, uint y, bool carryIn, out bool carryOut, out bool overflow)
    {
        ulong sum = (ulong)x + y + (carryIn ? 1u : 0u);
        uint result = (uint)sum;
        carryOut = (sum >> 32) != 0;
        overflow = ((x ^ result) & (y ^ result) & 0x8000_0000) != 0;
        return result;
    }

    /// <summary>AddWithCarry, writing the result and (if <paramref name="setflags"/>) NZCV.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddSub(int d, uint x, uint y, bool carryIn, bool setflags)
    {
        uint result = AddWithCarry(x, y, carryIn, out bool carry, out bool overflow);
        R(d) = result;
        if (setflags)
        {
            SetNZ(result);
            c = carry;
            v = overflow;
        }
    }

    /// <summary>Compare: AddWithCarry for its flags only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CompareFlags(uint x, uint y, bool carryIn)
    {
        uint result = AddWithCarry(x, y, carryIn, out c, out v);
        SetNZ(result);
    }

    /// <summary>Logical result with N, Z and the shifter carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Logical(int d, uint result, bool setflags, bool carry)
    {
        R(d) = result;
        if (setflags)
        {
            SetNZ(result);
            c = carry;
        }
    }

    /// <summary>Applies the ThumbExpandImm_C carry code: 0 keep, 2 clear, 3 set.</summary>
    private bool ImmCarry(uint carryCode) => carryCode == 0 ? c : (carryCode & 1) != 0;

    /// <summary>Shift_C with a packed (type &lt;&lt; 8 | amount) shift from <see cref="FieldFunctions.DecodeImmShift"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Shift(uint value, uint packedShift, out bool carryOut) =>
        ShiftC(value, packedShift >> 8, (int)(packedShift & 0xFF), c, out carryOut);

    private static uint ShiftC(uint value, uint type, int amount, bool carryIn, out bool carryOut)
    {
        if (amount == 0 && type != FieldFunctions.Rrx)
        {
            carryOut = carryIn;
            return value;
        }

        switch (type)
        {
            case FieldFunctions.Lsl:
                carryOut = amount <= 32 && ((value >> (32 - amount)) & 1) != 0;
                return amount >= 32 ? 0 : value << amount;
            case FieldFunctions.Lsr:
                carryOut = amount <= 32 && ((value >> (amount - 1)) & 1) != 0;
                return amount >= 32 ? 0 : value >> amount;
            case FieldFunctions.Asr:
                int clamped = Math.Min(amount, 32);
                carryOut = (((int)value >> (clamped - 1 == 31 ? 31 : clamped - 1)) & 1) != 0;
                return clamped >= 32 ? (uint)((int)value >> 31) : (uint)((int)value >> clamped);
            case FieldFunctions.Ror:
                uint rotated = uint.RotateRight(value, amount & 31);
                carryOut = (rotated >> 31) != 0;
                return rotated;
            default:
                carryOut = (value & 1) != 0;
                return (value >> 1) | (carryIn ? 0x8000_0000u : 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ConditionPassed(uint cond)
    {
        bool result = (cond >> 1) switch
        {
            0 => z,
            1 => c,
            2 => n,
            3 => v,
            4 => c && !z,
            5 => n == v,
            6 => n == v && !z,
            _ => true,
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }

    /// <summary>BranchWritePC: jump, charging the taken-branch refill.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BranchTo(uint target)
    {
        nextPc = target & ~1u;
        Ticks += timing.BranchTicks(nextPc);
    }

    /// <summary>BXWritePC / LoadWritePC: interworking branch, EXC_RETURN in handler mode, bit 0 must be set.</summary>
    private void BxWritePc(uint target)
    {
        if (HandlerMode && (target & 0xF000_0000) == 0xF000_0000)
        {
            ExceptionReturn(target);
            return;
        }

        if ((target & 1) == 0)
        {
            thumbBit = false;
            eventTicks = 0;
        }

        BranchTo(target);
    }

    /// <summary>ALUWritePC for the 16-bit ADD/MOV high-register forms that may name the PC.</summary>
    private void WriteRegisterOrBranch(int d, uint value)
    {
        if (d == 15)
        {
            BranchTo(value);
        }
        else
        {
            R(d) = value;
        }
    }

    private void UndefinedInstruction() =>
        throw new CpuFaultException(FaultReason.UndefInstr, null, $"undefined instruction 0x{CurrentEncoding():X} for {Kind}");

    private uint CurrentEncoding()
    {
        uint first = bus.Read16(pc);
        return DecodeTable.Is32Bit(first) ? (first << 16) | bus.Read16(pc + 2) : first;
    }
}
