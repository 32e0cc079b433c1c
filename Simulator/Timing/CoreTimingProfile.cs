using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Timing;

/// <summary>
/// Published instruction timings of one core, in ticks (half cycles, so dual issue can be approximated).
/// </summary>
/// <param name="ClassTicks">Base cost per <see cref="TimingClass"/> (indexed by the enum value).</param>
/// <param name="BranchTakenTicks">Pipeline refill added to a taken branch (the P of the TRMs).</param>
/// <param name="LoadNotPipelinedTicks">Added to a load that does not directly follow another load.</param>
/// <param name="PerRegisterTicks">LDM/STM/PUSH/POP cost per transferred register.</param>
/// <param name="DivideBaseTicks">Divide cost before early termination.</param>
/// <param name="DivideTicksPerQuotientBits">Divide cost per four quotient bits.</param>
/// <param name="DivideMaxTicks">Divide cost ceiling.</param>
/// <param name="ExceptionEntryTicks">Interrupt/exception entry latency.</param>
/// <param name="ExceptionReturnTicks">Exception return latency.</param>
/// <param name="InstructionCacheHidesFlashWaitStates">True when instruction fetch from flash pays no wait states (M7 I-cache).</param>
/// <param name="DataCacheHidesFlashWaitStates">True when data loads from flash pay no wait states (M7 D-cache).</param>
public sealed record CoreTimingProfile(
    IReadOnlyDictionary<TimingClass, int> ClassTicks,
    int BranchTakenTicks,
    int LoadNotPipelinedTicks,
    int PerRegisterTicks,
    int DivideBaseTicks,
    int DivideTicksPerQuotientBits,
    int DivideMaxTicks,
    int ExceptionEntryTicks,
    int ExceptionReturnTicks,
    bool InstructionCacheHidesFlashWaitStates,
    bool DataCacheHidesFlashWaitStates);
