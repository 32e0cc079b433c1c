using MicroGen.Simulator.Core;
using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Timing;

/// <summary>
/// The cycle model of each core (ticks = half cycles), from the Arm Technical Reference Manuals:
/// Cortex-M0+ (DDI 0484), M3 (DDI 0337), M4 (DDI 0439), M7 (DDI 0489, dual issue approximated),
/// calibrated against CoreMark/MHz (see the README of this folder).
/// </summary>
public static class CortexTimings
{
    public static CoreTimingProfile For(CoreKind core) => core switch
    {
        CoreKind.CortexM0Plus => M0Plus,
        CoreKind.CortexM3 => M3,
        CoreKind.CortexM7 => M7,
        _ => M4,
    };

    /// <summary>M0+: 2-stage pipeline, single-cycle multiplier, loads/stores 2 cycles, taken branch 2, BL 3, LDM 1+N, entry 15.</summary>
    public static CoreTimingProfile M0Plus { get; } = new(
        Classes(alu: 2, fold: 2, mul: 2, mla: 2, mac: 2, lmul: 2, lmla: 2, div: 2, load: 4, store: 4, loadd: 4, stored: 4, ldm: 2, stm: 2, branch: 2, table: 4, system: 6, fp: 2),
        BranchTakenTicks: 2,
        LoadNotPipelinedTicks: 0,
        PerRegisterTicks: 2,
        DivideBaseTicks: 0,
        DivideTicksPerQuotientBits: 0,
        DivideMaxTicks: 0,
        ExceptionEntryTicks: 30,
        ExceptionReturnTicks: 30,
        InstructionCacheHidesFlashWaitStates: false,
        DataCacheHidesFlashWaitStates: false);

    /// <summary>M3: MLA 2, UMULL/SMULL 3-5, UMLAL 4-7, divide 2-12, LDR 2 (1 when following a load), STR 1 (write buffer), taken branch 1+P with P=2.</summary>
    public static CoreTimingProfile M3 { get; } = new(
        Classes(alu: 2, fold: 0, mul: 2, mla: 4, mac: 4, lmul: 8, lmla: 10, div: 4, load: 2, store: 2, loadd: 6, stored: 6, ldm: 2, stm: 2, branch: 2, table: 4, system: 2, fp: 2),
        BranchTakenTicks: 2,
        LoadNotPipelinedTicks: 1,
        PerRegisterTicks: 2,
        DivideBaseTicks: 2,
        DivideTicksPerQuotientBits: 2,
        DivideMaxTicks: 20,
        ExceptionEntryTicks: 24,
        ExceptionReturnTicks: 20,
        InstructionCacheHidesFlashWaitStates: false,
        DataCacheHidesFlashWaitStates: false);

    /// <summary>M4: as M3 but MLA, long multiplies and DSP MACs single-cycle; FPU ALU/MUL 1, VMLA 3, VDIV/VSQRT 14, VLDR 2.</summary>
    public static CoreTimingProfile M4 { get; } = M3 with
    {
        ClassTicks = Classes(alu: 2, fold: 0, mul: 2, mla: 2, mac: 2, lmul: 2, lmla: 2, div: 4, load: 2, store: 2, loadd: 6, stored: 6, ldm: 2, stm: 2, branch: 2, table: 4, system: 2, fp: 2),
    };

    /// <summary>
    /// M7: dual issue approximated by charging half a cycle for ALU, load and store instructions that
    /// can pair, branch prediction by a small average refill, MAC latency 2, divide up to 7 (DIV 2-12 TRM),
    /// LDM/STM issued alone. The I-cache and D-cache are assumed warm: flash wait states are hidden.
    /// </summary>
    public static CoreTimingProfile M7 { get; } = new(
        Classes(alu: 1, fold: 0, mul: 2, mla: 2, mac: 2, lmul: 2, lmla: 2, div: 4, load: 1, store: 1, loadd: 2, stored: 2, ldm: 2, stm: 2, branch: 1, table: 4, system: 2, fp: 1),
        BranchTakenTicks: 2,
        LoadNotPipelinedTicks: 1,
        PerRegisterTicks: 2,
        DivideBaseTicks: 2,
        DivideTicksPerQuotientBits: 1,
        DivideMaxTicks: 14,
        ExceptionEntryTicks: 24,
        ExceptionReturnTicks: 20,
        InstructionCacheHidesFlashWaitStates: true,
        DataCacheHidesFlashWaitStates: true);

    private static Dictionary<TimingClass, int> Classes(
        int alu, int fold, int mul, int mla, int mac, int lmul, int lmla, int div, int load, int store, int loadd, int stored,
        int ldm, int stm, int branch, int table, int system, int fp) => new()
        {
            [TimingClass.Alu] = alu,
            [TimingClass.Fold] = fold,
            [TimingClass.Mul] = mul,
            [TimingClass.Mla] = mla,
            [TimingClass.Mac] = mac,
            [TimingClass.Lmul] = lmul,
            [TimingClass.Lmla] = lmla,
            [TimingClass.Div] = div,
            [TimingClass.Load] = load,
            [TimingClass.Store] = store,
            [TimingClass.Loadd] = loadd,
            [TimingClass.Stored] = stored,
            [TimingClass.Ldm] = ldm,
            [TimingClass.Stm] = stm,
            [TimingClass.Branch] = branch,
            [TimingClass.Table] = table,
            [TimingClass.System] = system,
            [TimingClass.Fpalu] = fp,
            [TimingClass.Fpmul] = fp,
            [TimingClass.Fpmac] = 3 * fp,
            [TimingClass.Fpdiv] = 14 * fp,
            [TimingClass.Fpsqrt] = 14 * fp,
            [TimingClass.Fpmov] = fp,
            [TimingClass.Fpload] = 2 * fp,
            [TimingClass.Fpstore] = 2 * fp,
            [TimingClass.Fpldm] = fp,
            [TimingClass.Fpstm] = fp,
            [TimingClass.Fpcvt] = fp,
        };
}
