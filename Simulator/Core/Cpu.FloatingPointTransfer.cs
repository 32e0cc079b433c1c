namespace MicroGen.Simulator.Core;

/// <summary>A6.5-A6.7 extension register load/store and transfers between core and FP registers (VMRS/VMSR).</summary>
public sealed partial class Cpu
{
    private void VmovCoreSingleT1(int n, int t, bool toCore)
    {
        if (toCore)
        {
            R(t) = S(n);
        }
        else
        {
            S(n) = R(t);
        }
    }

    private void VmovTwoSinglesT1(int t, int t2, int m, bool toCore) => MoveTwo(t, t2, m, toCore, m + 1 < 32);

    private void VmovDoubleT1(int t, int t2, int m, bool toCore) => MoveTwo(t, t2, m, toCore, m + 1 < 32);

    private void MoveTwo(int t, int t2, int m, bool toCore, bool valid)
    {
        if (!valid)
        {
            UndefinedInstruction();
        }

        if (toCore)
        {
            R(t) = S(m);
            R(t2) = S(m + 1);
        }
        else
        {
            S(m) = R(t);
            S(m + 1) = R(t2);
        }
    }

    /// <summary>VMRS: Rt = FPSCR, or APSR.NZCV = FPSCR.NZCV when Rt is 15.</summary>
    private void VmrsT1(int t)
    {
        if (t == 15)
        {
            n = (Fpscr & (1u << 31)) != 0;
            z = (Fpscr & (1u << 30)) != 0;
            c = (Fpscr & (1u << 29)) != 0;
            v = (Fpscr & (1u << 28)) != 0;
        }
        else
        {
            R(t) = Fpscr;
        }
    }

    private void VmsrT1(int t) => Fpscr = R(t) & 0xF7C0_009F;

    private void VldrT2(int d, int n, uint imm32, bool add) => S(d) = Load32Aligned(FpAddress(n, imm32, add));

    private void VldrT1(int d, int n, uint imm32, bool add)
    {
        uint address = FpAddress(n, imm32, add);
        S(d) = Load32Aligned(address);
        S(d + 1) = Load32Aligned(address + 4);
    }

    private void VstrT2(int d, int n, uint imm32, bool add) => Store32Aligned(FpAddress(n, imm32, add), S(d));

    private void VstrT1(int d, int n, uint imm32, bool add)
    {
        uint address = FpAddress(n, imm32, add);
        Store32Aligned(address, S(d));
        Store32Aligned(address + 4, S(d + 1));
    }

    private void VldmT2(int d, int n, uint count, bool increment, bool wback) => TransferMultiple(d, n, count, increment, wback, load: true);

    private void VldmT1(int d, int n, uint count, bool increment, bool wback) => TransferMultiple(d, n, count, increment, wback, load: true);

    private void VstmT2(int d, int n, uint count, bool increment, bool wback) => TransferMultiple(d, n, count, increment, wback, load: false);

    private void VstmT1(int d, int n, uint count, bool increment, bool wback) => TransferMultiple(d, n, count, increment, wback, load: false);

    /// <summary>VLDM/VSTM/VPUSH/VPOP over <paramref name="count"/> words starting at S register <paramref name="d"/>.</summary>
    private void TransferMultiple(int d, int n, uint count, bool increment, bool wback, bool load)
    {
        if (count == 0 || d + count > 32)
        {
            UndefinedInstruction();
        }

        uint start = increment ? R(n) : R(n) - (4 * count);
        for (int i = 0; i < count; i++)
        {
            uint address = start + (uint)(4 * i);
            if (load)
            {
                S(d + i) = Load32Aligned(address);
            }
            else
            {
                Store32Aligned(address, S(d + i));
            }
        }

        Ticks += timing.MultipleTicks(count);
        if (wback)
        {
            R(n) = increment ? R(n) + (4 * count) : start;
        }
    }

    private uint FpAddress(int n, uint imm32, bool add)
    {
        uint basis = n == 15 ? R(15) & ~3u : R(n);
        return add ? basis + imm32 : basis - imm32;
    }
}
