using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Core;

/// <summary>
/// What watches a run besides the core: per-layer attribution (functions whose symbol starts with a
/// prefix), the arena high-water mark, a write observer, and the instruction trace. The core calls it
/// only at watched addresses and (when tracking is on) on writes, so an absent monitor costs nothing.
/// </summary>
public sealed class ExecutionMonitor
{
    private readonly Dictionary<uint, string> layerEntries = [];
    private readonly HashSet<uint> watched = [];
    private readonly List<LayerFrame> openLayers = [];
    private readonly Dictionary<string, LayerCounters> layerTotals = new(StringComparer.Ordinal);
    private readonly List<string> layerOrder = [];
    private readonly Action<WriteAccess>? writeObserver;
    private readonly InstructionTracer? tracer;
    private readonly uint arenaStart;
    private readonly uint arenaSize;
    private DecodeCache? cache;
    private uint? startAddress;
    private Action? onStart;
    private bool started = true;

    public ExecutionMonitor(IEnumerable<(string Name, uint Address)> layers, uint arenaStart, uint arenaSize, Action<WriteAccess>? writeObserver, InstructionTracer? tracer)
    {
        foreach ((string name, uint address) in layers)
        {
            layerEntries[address & ~1u] = name;
            watched.Add(address & ~1u);
        }

        this.arenaStart = arenaStart;
        this.arenaSize = arenaSize;
        this.writeObserver = writeObserver;
        this.tracer = tracer;
    }

    public bool Tracing => tracer is not null;

    public bool TracksWrites => arenaSize != 0 || writeObserver is not null;

    /// <summary>Highest byte offset written inside the arena, plus 1 (0 when nothing was written).</summary>
    public uint ArenaHighWater { get; private set; }

    /// <summary>The innermost layer being executed, or null.</summary>
    public string? CurrentLayer => openLayers.Count == 0 ? null : openLayers[^1].Name;

    public bool IsWatched(uint address) => watched.Contains(address);

    /// <summary>
    /// Delays arena tracking (and runs <paramref name="action"/>, e.g. memory patches) until the PC first
    /// reaches <paramref name="address"/>, normally <c>main</c>: the C runtime's .bss clearing and .data
    /// copy are not the firmware's own writes, and would overwrite patches.
    /// </summary>
    public void StartAt(uint address, Action action)
    {
        startAddress = address & ~1u;
        onStart = action;
        started = false;
        watched.Add(address & ~1u);
    }

    internal void Attach(DecodeCache decodeCache) => cache = decodeCache;

    /// <summary>Per-layer totals in first-entry order; a layer still open at the end is counted up to the stop.</summary>
    public IReadOnlyList<LayerStatistics> LayerStatistics(ulong cycles, ulong instructions)
    {
        var totals = new Dictionary<string, LayerCounters>(layerTotals, StringComparer.Ordinal);
        foreach (LayerFrame open in openLayers)
        {
            LayerCounters sum = totals.GetValueOrDefault(open.Name);
            totals[open.Name] = new LayerCounters(sum.Cycles + cycles - open.StartCycles, sum.Instructions + instructions - open.StartInstructions, sum.Calls + 1);
        }

        return layerOrder.Select(name => new LayerStatistics(name, totals[name].Cycles, totals[name].Instructions, totals[name].Calls)).ToList();
    }

    internal void OnWatchedAddress(Cpu cpu, uint address)
    {
        if (!started && address == startAddress)
        {
            started = true;
            onStart?.Invoke();
        }

        // Returns first: the return address of a layer may be the entry of the next one.
        while (openLayers.Count > 0 && openLayers[^1].ReturnAddress == address)
        {
            CloseLayer(cpu);
        }

        if (layerEntries.TryGetValue(address, out string? name))
        {
            uint returnAddress = cpu.GetRegister(14) & ~1u;
            openLayers.Add(new LayerFrame(name, returnAddress, cpu.Cycles, cpu.Instructions));
            if (!layerOrder.Contains(name))
            {
                layerOrder.Add(name);
            }

            SetWatch(returnAddress, true);
        }
    }

    private void CloseLayer(Cpu cpu)
    {
        LayerFrame frame = openLayers[^1];
        openLayers.RemoveAt(openLayers.Count - 1);
        LayerCounters sum = layerTotals.GetValueOrDefault(frame.Name);
        layerTotals[frame.Name] = new LayerCounters(sum.Cycles + cpu.Cycles - frame.StartCycles, sum.Instructions + cpu.Instructions - frame.StartInstructions, sum.Calls + 1);
        if (!layerEntries.ContainsKey(frame.ReturnAddress) && openLayers.All(f => f.ReturnAddress != frame.ReturnAddress))
        {
            SetWatch(frame.ReturnAddress, false);
        }
    }

    private void SetWatch(uint address, bool on)
    {
        if (on)
        {
            watched.Add(address);
        }
        else
        {
            watched.Remove(address);
        }

        cache?.SetWatch(address, on);
    }

    internal void OnWrite(Cpu cpu, uint address, int size)
    {
        if (started && address - arenaStart < arenaSize)
        {
            uint end = Math.Min(address - arenaStart + (uint)size, arenaSize);
            ArenaHighWater = Math.Max(ArenaHighWater, end);
        }

        writeObserver?.Invoke(new WriteAccess(address, size, cpu.Pc, CurrentLayer));
    }

    internal void Trace(uint address, in DecodedOp op, ReadOnlySpan<uint> before, ReadOnlySpan<uint> after, uint xpsrBefore, uint xpsrAfter) =>
        tracer?.Write(address, op, before, after, xpsrBefore, xpsrAfter);
}
