using System.Runtime.CompilerServices;
using MicroGen.Simulator.Decode;
using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Timing;

/// <summary>
/// Turns a core's timing profile and the memory map's wait states into the per-instruction costs the
/// run loop charges (in ticks, half cycles). Flash wait states are paid on taken branches into flash
/// (the prefetch buffer hides them on straight-line code) and on data loads from flash, unless the
/// profile says a cache hides them.
/// </summary>
public sealed class CycleModel
{
    private readonly byte[] opTicks;
    private readonly uint[] slowBase;
    private readonly uint[] slowSize;
    private readonly int[] slowTicks;
    private readonly CoreTimingProfile profile;

    public CycleModel(CoreTimingProfile profile, IEnumerable<MemoryRegion> regions)
    {
        this.profile = profile;
        opTicks = new byte[DecodeTable.Encodings.Length + 1];
        opTicks[0] = 2;
        foreach (EncodingInfo info in DecodeTable.Encodings)
        {
            opTicks[(int)info.OpCode] = (byte)profile.ClassTicks[info.Timing];
        }

        var slow = regions.Where(r => r.WaitStates > 0).ToList();
        slowBase = slow.Select(r => r.Origin).ToArray();
        slowSize = slow.Select(r => r.Size).ToArray();
        slowTicks = slow.Select(r => 2 * r.WaitStates).ToArray();
    }

    public CoreTimingProfile Profile => profile;

    public ulong ExceptionEntryTicks => (ulong)profile.ExceptionEntryTicks;

    public ulong ExceptionReturnTicks => (ulong)profile.ExceptionReturnTicks;

    public byte BaseTicks(OpCode op) => opTicks[(int)op];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong BranchTicks(uint target)
    {
        ulong ticks = (ulong)profile.BranchTakenTicks;
        if (slowBase.Length != 0 && !profile.InstructionCacheHidesFlashWaitStates)
        {
            ticks += WaitTicks(target);
        }

        return ticks;
    }

    /// <summary>Wait-state ticks of a data access (0 for RAM or when a data cache hides them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong DataTicks(uint address) =>
        slowBase.Length == 0 || profile.DataCacheHidesFlashWaitStates ? 0 : WaitTicks(address);

    public ulong MultipleTicks(uint registerCount) => (ulong)profile.PerRegisterTicks * registerCount;

    public ulong LoadNotPipelinedTicks => (ulong)profile.LoadNotPipelinedTicks;

    public ulong DivideTicks(int quotientBits) =>
        (ulong)Math.Min(profile.DivideMaxTicks, profile.DivideBaseTicks + (profile.DivideTicksPerQuotientBits * ((quotientBits + 3) / 4)));

    private ulong WaitTicks(uint address)
    {
        for (int i = 0; i < slowBase.Length; i++)
        {
            if (address - slowBase[i] < slowSize[i])
            {
                return (ulong)slowTicks[i];
            }
        }

        return 0;
    }
}
