using System.Numerics;

namespace MicroGen.Simulator.Core;

/// <summary>A7.7 multiply, multiply-accumulate, long multiply and divide (ARMv6-M / ARMv7-M).</summary>
public sealed partial class Cpu
{
    private void MulT1(int d, int n)
    {
        uint result = R(n) * R(d);
        R(d) = result;
        if (OutsideItBlock)
        {
            SetNZ(result);
        }
    }

    private void MulT2(int d, int n, int m) => R(d) = R(n) * R(m);

    private void MlaT1(int d, int n, int m, int a) => R(d) = (R(n) * R(m)) + R(a);

    private void MlsT1(int d, int n, int m, int a) => R(d) = R(a) - (R(n) * R(m));

    private void SmullT1(int dlo, int dhi, int n, int m) => WriteLong(dlo, dhi, (ulong)((long)(int)R(n) * (int)R(m)));

    private void UmullT1(int dlo, int dhi, int n, int m) => WriteLong(dlo, dhi, (ulong)R(n) * R(m));

    private void SmlalT1(int dlo, int dhi, int n, int m) => WriteLong(dlo, dhi, (ulong)((long)(int)R(n) * (int)R(m)) + ReadLong(dlo, dhi));

    private void UmlalT1(int dlo, int dhi, int n, int m) => WriteLong(dlo, dhi, ((ulong)R(n) * R(m)) + ReadLong(dlo, dhi));

    private void SdivT1(int d, int n, int m)
    {
        int divisor = (int)R(m);
        int dividend = (int)R(n);
        if (divisor == 0)
        {
            DivideByZero();
            R(d) = 0;
            return;
        }

        Ticks += timing.DivideTicks(DivideQuotientBits((uint)Math.Abs((long)dividend), (uint)Math.Abs((long)divisor)));
        R(d) = dividend == int.MinValue && divisor == -1 ? 0x8000_0000u : (uint)(dividend / divisor);
    }

    private void UdivT1(int d, int n, int m)
    {
        uint divisor = R(m);
        if (divisor == 0)
        {
            DivideByZero();
            R(d) = 0;
            return;
        }

        Ticks += timing.DivideTicks(DivideQuotientBits(R(n), divisor));
        R(d) = R(n) / divisor;
    }

    /// <summary>Significant quotient bits: the hardware divider terminates early on them.</summary>
    private static int DivideQuotientBits(uint dividend, uint divisor) =>
        Math.Max(0, BitOperations.LeadingZeroCount(divisor) - BitOperations.LeadingZeroCount(dividend) + 1);

    private void DivideByZero()
    {
        if (System.DivideByZeroTrap)
        {
            throw new CpuFaultException(FaultReason.DivByZero, null, "integer division by zero with CCR.DIV_0_TRP set");
        }
    }

    private ulong ReadLong(int dlo, int dhi) => ((ulong)R(dhi) << 32) | R(dlo);

    private void WriteLong(int dlo, int dhi, ulong value)
    {
        R(dlo) = (uint)value;
        R(dhi) = (uint)(value >> 32);
    }
}
