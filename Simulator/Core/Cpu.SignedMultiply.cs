namespace MicroGen.Simulator.Core;

/// <summary>A5.3.16/17 ARMv7E-M signed multiplies: halfword, dual, word-by-halfword, most-significant, long, USAD8.</summary>
public sealed partial class Cpu
{
    private void SmulxyT1(int d, int n, int m, bool nhigh, bool mhigh) => R(d) = (uint)(HalfOf(R(n), nhigh) * HalfOf(R(m), mhigh));

    private void SmlaxyT1(int d, int n, int m, int a, bool nhigh, bool mhigh) =>
        R(d) = AccumulateQ((long)HalfOf(R(n), nhigh) * HalfOf(R(m), mhigh), R(a));

    private void SmuadT1(int d, int n, int m, bool exchange) => R(d) = AccumulateQ(DualProducts(n, m, exchange, subtract: false), 0);

    private void SmladT1(int d, int n, int m, int a, bool exchange) => R(d) = AccumulateQ(DualProducts(n, m, exchange, subtract: false), R(a));

    private void SmusdT1(int d, int n, int m, bool exchange) => R(d) = (uint)DualProducts(n, m, exchange, subtract: true);

    private void SmlsdT1(int d, int n, int m, int a, bool exchange) => R(d) = AccumulateQ(DualProducts(n, m, exchange, subtract: true), R(a));

    private void SmulwyT1(int d, int n, int m, bool mhigh) => R(d) = (uint)(((long)(int)R(n) * HalfOf(R(m), mhigh)) >> 16);

    private void SmlawyT1(int d, int n, int m, int a, bool mhigh) =>
        R(d) = AccumulateQ(((long)(int)R(n) * HalfOf(R(m), mhigh)) >> 16, R(a));

    private void SmmulT1(int d, int n, int m, bool round) => R(d) = MostSignificant(0, (long)(int)R(n) * (int)R(m), round);

    private void SmmlaT1(int d, int n, int m, int a, bool round) => R(d) = MostSignificant((long)(int)R(a) << 32, (long)(int)R(n) * (int)R(m), round);

    private void SmmlsT1(int d, int n, int m, int a, bool round) => R(d) = MostSignificant((long)(int)R(a) << 32, -((long)(int)R(n) * (int)R(m)), round);

    private void Usad8T1(int d, int n, int m) => R(d) = SumAbsoluteDifferences(R(n), R(m));

    private void Usada8T1(int d, int n, int m, int a) => R(d) = R(a) + SumAbsoluteDifferences(R(n), R(m));

    private void SmlalxyT1(int dlo, int dhi, int n, int m, bool nhigh, bool mhigh) =>
        WriteLong(dlo, dhi, ReadLong(dlo, dhi) + (ulong)((long)HalfOf(R(n), nhigh) * HalfOf(R(m), mhigh)));

    private void SmlaldT1(int dlo, int dhi, int n, int m, bool exchange) =>
        WriteLong(dlo, dhi, ReadLong(dlo, dhi) + (ulong)DualProducts(n, m, exchange, subtract: false));

    private void SmlsldT1(int dlo, int dhi, int n, int m, bool exchange) =>
        WriteLong(dlo, dhi, ReadLong(dlo, dhi) + (ulong)DualProducts(n, m, exchange, subtract: true));

    private void UmaalT1(int dlo, int dhi, int n, int m) => WriteLong(dlo, dhi, ((ulong)R(n) * R(m)) + R(dhi) + R(dlo));

    private static int HalfOf(uint value, bool high) => high ? (short)(value >> 16) : (short)value;

    /// <summary>n.lo*m.lo +/- n.hi*m.hi, with m's halves swapped when <paramref name="exchange"/> (the X forms).</summary>
    private long DualProducts(int n, int m, bool exchange, bool subtract)
    {
        uint operand = exchange ? uint.RotateRight(R(m), 16) : R(m);
        long product1 = (long)HalfOf(R(n), false) * HalfOf(operand, false);
        long product2 = (long)HalfOf(R(n), true) * HalfOf(operand, true);
        return subtract ? product1 - product2 : product1 + product2;
    }

    /// <summary>value + accumulator as a 32-bit result; Q is set when the true sum does not fit.</summary>
    private uint AccumulateQ(long value, uint accumulator)
    {
        long sum = value + (int)accumulator;
        if (sum != (int)sum)
        {
            q = true;
        }

        return (uint)sum;
    }

    private static uint MostSignificant(long accumulator, long product, bool round) =>
        (uint)((accumulator + product + (round ? 0x8000_0000L : 0)) >> 32);

    private static uint SumAbsoluteDifferences(uint x, uint y)
    {
        uint sum = 0;
        for (int shift = 0; shift < 32; shift += 8)
        {
            sum += (uint)Math.Abs((int)((x >> shift) & 0xFF) - (int)((y >> shift) & 0xFF));
        }

        return sum;
    }
}
