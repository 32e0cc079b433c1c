namespace MicroGen.Simulator.Core;

/// <summary>A6.4 floating-point data processing: arithmetic, multiply-accumulate, compare, min/max, select.</summary>
public sealed partial class Cpu
{
    private void VaddT1(int d, int n, int m) => S(d) = FpAdd(S(n), S(m));

    private void VsubT1(int d, int n, int m) => S(d) = FpSub(S(n), S(m));

    private void VmulT1(int d, int n, int m) => S(d) = FpMul(S(n), S(m));

    private void VnmulT1(int d, int n, int m) => S(d) = FpNeg(FpMul(S(n), S(m)));

    private void VdivT1(int d, int n, int m) => S(d) = FpDiv(S(n), S(m));

    private void VmlaT1(int d, int n, int m) => S(d) = FpAdd(S(d), FpMul(S(n), S(m)));

    private void VmlsT1(int d, int n, int m) => S(d) = FpAdd(S(d), FpNeg(FpMul(S(n), S(m))));

    private void VnmlaT1(int d, int n, int m) => S(d) = FpAdd(FpNeg(S(d)), FpNeg(FpMul(S(n), S(m))));

    private void VnmlsT1(int d, int n, int m) => S(d) = FpAdd(FpNeg(S(d)), FpMul(S(n), S(m)));

    private void VfmaT1(int d, int n, int m) => S(d) = FpMulAdd(S(d), S(n), S(m));

    private void VfmsT1(int d, int n, int m) => S(d) = FpMulAdd(S(d), FpNeg(S(n)), S(m));

    private void VfnmaT1(int d, int n, int m) => S(d) = FpMulAdd(FpNeg(S(d)), FpNeg(S(n)), S(m));

    private void VfnmsT1(int d, int n, int m) => S(d) = FpMulAdd(FpNeg(S(d)), S(n), S(m));

    private void VmovImmT1(int d, uint imm32) => S(d) = imm32;

    private void VmovRegT1(int d, int m) => S(d) = S(m);

    private void VabsT1(int d, int m) => S(d) = S(m) & 0x7FFF_FFFF;

    private void VnegT1(int d, int m) => S(d) = S(m) ^ 0x8000_0000;

    private void VsqrtT1(int d, int m) => S(d) = FpSqrt(S(m));

    private void VcmpRegT1(int d, int m, bool signalAll) => FpCompare(S(d), S(m), signalAll);

    private void VcmpZeroT2(int d, bool signalAll) => FpCompare(S(d), 0, signalAll);

    private void VselT1(int d, int n, int m, uint cc)
    {
        bool pass = cc switch
        {
            0 => z,
            1 => v,
            2 => this.n == v,
            _ => !z && this.n == v,
        };
        S(d) = pass ? S(n) : S(m);
    }

    private void VmaxnmT1(int d, int n, int m) => S(d) = FpMinMaxNumber(S(n), S(m), max: true);

    private void VminnmT1(int d, int n, int m) => S(d) = FpMinMaxNumber(S(n), S(m), max: false);

    private static uint FpNeg(uint value) => value ^ 0x8000_0000;

    private void FpCompare(uint a, uint b, bool signalAll)
    {
        a = FlushInput(a);
        b = FlushInput(b);
        uint nzcv;
        if (FloatBits.IsNaN(a) || FloatBits.IsNaN(b))
        {
            nzcv = 0b0011;
            if (signalAll || FloatBits.IsSignalingNaN(a) || FloatBits.IsSignalingNaN(b))
            {
                RaiseFpFlag(FloatBits.InvalidOperation);
            }
        }
        else
        {
            float x = FloatBits.ToSingle(a), y = FloatBits.ToSingle(b);
            nzcv = x == y ? 0b0110u : x < y ? 0b1000u : 0b0010u;
        }

        Fpscr = (Fpscr & 0x0FFF_FFFF) | (nzcv << 28);
    }

    /// <summary>IEEE 754-2008 maxNum/minNum: a quiet NaN loses to a number; +0 is above -0.</summary>
    private uint FpMinMaxNumber(uint a, uint b, bool max)
    {
        a = FlushInput(a);
        b = FlushInput(b);
        if (FloatBits.IsQuietNaN(a) && !FloatBits.IsNaN(b))
        {
            return b;
        }

        if (FloatBits.IsQuietNaN(b) && !FloatBits.IsNaN(a))
        {
            return a;
        }

        if (FloatBits.IsNaN(a) || FloatBits.IsNaN(b))
        {
            return ProcessNaNs(a, b);
        }

        float x = FloatBits.ToSingle(a), y = FloatBits.ToSingle(b);
        if (x == y)
        {
            return max ? a & b : a | b;
        }

        return (x > y) == max ? a : b;
    }
}
