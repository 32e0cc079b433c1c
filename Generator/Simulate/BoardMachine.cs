using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.Simulator;
using MicroGen.Simulator.Memory;
using BoardConsoleKind = MicroGen.Boards.ConsoleKind;
using BoardFpuKind = MicroGen.Boards.FpuKind;
using SimCore = MicroGen.Simulator.Core.CoreKind;
using SimConsole = MicroGen.Simulator.ConsoleKind;
using SimFpu = MicroGen.Simulator.FpuKind;

namespace MicroGen.Simulate;

/// <summary>The simulator's description of a board, from its profile (the profile is the one source of truth).</summary>
public static class BoardMachine
{
    public static MachineDescription Of(Board board)
    {
        if (board.IsHost)
        {
            throw new UserErrorException("the host board runs as a process, not in the simulator; choose an MCU board");
        }
        var core = board.Core switch
        {
            CoreKind.CortexM0Plus => SimCore.CortexM0Plus,
            CoreKind.CortexM3 => SimCore.CortexM3,
            CoreKind.CortexM4 => SimCore.CortexM4,
            CoreKind.CortexM7 => SimCore.CortexM7,
            _ => SimCore.CortexM33,
        };
        var fpu = board.Fpu switch
        {
            BoardFpuKind.Fpv4Sp => SimFpu.FpV4Sp,
            BoardFpuKind.Fpv5Sp or BoardFpuKind.Fpv5Dp => SimFpu.FpV5Sp,
            _ => SimFpu.None,
        };
        var memory = board.Flash.Select(r => new MemoryRegionSpec(r.Name, (uint)r.Origin, (uint)r.Size, MemoryKind.Flash, r.WaitStates))
            .Concat(board.Ram.Select(r => new MemoryRegionSpec(r.Name, (uint)r.Origin, (uint)r.Size, MemoryKind.Ram)))
            .ToList();
        ConsoleSpec? console = board.Console.Kind switch
        {
            BoardConsoleKind.Stm32UsartF4 => new ConsoleSpec(SimConsole.Stm32UsartF4, (uint)board.Console.Base),
            BoardConsoleKind.Stm32UsartF7 => new ConsoleSpec(SimConsole.Stm32UsartF7, (uint)board.Console.Base),
            BoardConsoleKind.CmsdkUart => new ConsoleSpec(SimConsole.CmsdkUart, (uint)board.Console.Base),
            BoardConsoleKind.NrfUarte => new ConsoleSpec(SimConsole.NrfUarte, (uint)board.Console.Base),
            _ => null,
        };
        var description = new MachineDescription(
            board.Name, core, fpu, board.Dsp, (ulong)board.ClockHz, memory, console,
            board.IgnoredPeripherals.Select(r => new IgnoredPeripheralSpec(r.Name, (uint)r.Origin, (uint)r.Size)).ToList(),
            Semihosting: board.Semihosting,
            PriorityBits: board.Core == CoreKind.CortexM0Plus ? 2 : 4);
        var problems = description.Validate();
        if (problems.Count > 0)
        {
            throw new UserErrorException($"{board.SourceFile}: the simulator cannot model this board: {problems[0]}");
        }
        return description;
    }
}
