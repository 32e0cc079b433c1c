using MicroGen.Simulator.Core;

namespace MicroGen.Simulator;

/// <summary>How to run one firmware image.</summary>
/// <param name="MaxInstructions">Stop after this many instructions (a runaway program ends with StopReason.InstructionLimit).</param>
/// <param name="Patches">Memory patches by symbol, applied after loading.</param>
/// <param name="VirtualFiles">Files the firmware may open through semihosting SYS_OPEN (name to content).</param>
/// <param name="LayerPrefix">Symbol prefix of the per-layer functions.</param>
/// <param name="ArenaSymbol">Symbol of the tensor arena, whose high-water mark is measured.</param>
/// <param name="Trace">When set, one line per executed instruction is written here.</param>
/// <param name="WriteObserver">Called for every store with address, size, PC and current layer (null: no cost).</param>
/// <param name="StopOnFault">Stop at the first fault (true) or take the firmware's fault handler (false).</param>
/// <param name="ConsoleInput">Bytes the firmware can read from the console (semihosting SYS_READC/SYS_READ, UART RX).</param>
/// <param name="StartSymbol">
/// Function where the firmware's own work starts (default <c>main</c>): memory patches are applied and arena
/// tracking begins when the PC first reaches it, after the startup code has copied .data and cleared .bss.
/// Null, or a symbol the ELF lacks, patches right after loading and tracks from reset.
/// </param>
public sealed record RunOptions(
    ulong MaxInstructions = 2_000_000_000,
    IReadOnlyList<MemoryPatch>? Patches = null,
    IReadOnlyDictionary<string, byte[]>? VirtualFiles = null,
    string LayerPrefix = "mg_layer_",
    string ArenaSymbol = "mg_arena",
    TextWriter? Trace = null,
    Action<WriteAccess>? WriteObserver = null,
    bool StopOnFault = true,
    byte[]? ConsoleInput = null,
    string? StartSymbol = "main");
