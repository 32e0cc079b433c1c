using System.Runtime.CompilerServices;
namespace MicroGen.Simulator.Core;

/// <summary>A7.7 branch instructions. A branch to itself ends the run as an idle loop (the documented end of firmware).</summary>
public sealed partial class Cpu
{
    private void BT1(uint cond, int imm32)
    {
        if (ConditionPassed(cond))
        {
            Branch(R(15) + (uint)imm32);
        }
    }

    private void BT2(int imm32) => Branch(R(15) + (uint)imm32);

    private void BT3(uint cond, int imm32)
    {
        if (ConditionPassed(cond))
        {
            Branch(R(15) + (uint)imm32);
        }
    }

    private void BT4(int imm32) => Branch(R(15) + (uint)imm32);

    private void BlT1(int imm32)
    {
        R(14) = nextPc | 1;
        BranchTo(R(15) + (uint)imm32);
    }

    private void BxT1(int m) => BxWritePc(R(m));

    private void BlxRegT1(int m)
    {
        uint target = R(m);
        R(14) = nextPc | 1;
        BxWritePc(target);
    }

    private void CbzT1(int n, uint imm32)
    {
        if (R(n) == 0)
        {
            BranchTo(R(15) + imm32);
        }
    }

    private void CbnzT1(int n, uint imm32)
    {
        if (R(n) != 0)
        {
            BranchTo(R(15) + imm32);
        }
    }

    /// <summary>
    /// B: a branch to itself stops the run once no pending exception is waiting to preempt it. Later
    /// interrupts (a HAL's SysTick) would only return to the same branch, so they are not waited for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Branch(uint target)
    {
        if (target == pc && exceptions.PendingToTake() == 0)
        {
            nextPc = pc;
            RequestStop(StopReason.IdleLoop);
            return;
        }

        BranchTo(target);
    }
}
