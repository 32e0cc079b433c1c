using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MicroGen.Simulator.Core;
using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Tests.Support;

/// <summary>
/// Runs an ELF in the simulator and in QEMU (through its gdbstub) one instruction at a time and
/// compares r0-r15 and xPSR after every step, plus S0-S31 and FPSCR after floating-point instructions.
/// </summary>
public static class LockstepRunner
{
    private const int XpsrRegister = 25;
    private const int FirstDoubleRegister = 26;
    private const int FpscrRegister = 42;

    /// <summary>Steps until the simulator stops; returns the encodings executed, or fails the test at the first difference.</summary>
    public static HashSet<OpCode> Run(MachineDescription machineDescription, string qemuMachine, string elf, int maxSteps = 200_000, string? startSymbol = null)
    {
        if (!QemuRunner.Available)
        {
            Assert.Fail("qemu-system-arm is not installed (./test.sh installs it)");
        }

        Assert.That(Machine.TryCreate(machineDescription, elf, new RunOptions(StopOnFault: false), out Machine? machine, out string error), Is.True, error);
        int port = FreePort();
        using Process qemu = StartQemu(qemuMachine, elf, port);
        try
        {
            using GdbRemoteClient gdb = GdbRemoteClient.Connect(port, TimeSpan.FromSeconds(10));
            gdb.Command("?");

            // QEMU answers 'p' only after the client has read the target description.
            gdb.Command("qXfer:features:read:target.xml:0,ffb");
            if (startSymbol is not null)
            {
                RunBothTo(machine!, gdb, machine!.Image.FindSymbol(startSymbol)!.Address);
            }

            HashSet<OpCode> executed = Compare(machine!, gdb, maxSteps, machineDescription.Fpu != FpuKind.None);
            CompareRam(machine!, gdb);
            return executed;
        }
        finally
        {
            if (!qemu.HasExited)
            {
                qemu.Kill();
            }

            qemu.WaitForExit();
        }
    }

    /// <summary>Runs QEMU to a breakpoint ('Z0' + 'c') and the simulator to the same PC, skipping start-up code.</summary>
    private static void RunBothTo(Machine machine, GdbRemoteClient gdb, uint address)
    {
        gdb.ContinueTo(address);
        for (int i = 0; i < 1_000_000 && machine.Cpu.Pc != address; i++)
        {
            machine.Cpu.Step();
        }

        Assert.That(machine.Cpu.Pc, Is.EqualTo(address), "the simulator did not reach the start symbol");
    }

    /// <summary>After the run, the first 16 KB of SRAM (data, bss, scratch) must hold the same bytes ('m' packets).</summary>
    private static void CompareRam(Machine machine, GdbRemoteClient gdb)
    {
        const uint ram = 0x2000_0000;
        var simulator = new byte[0x4000];
        Assert.That(machine.Bus.TryPeek(ram, simulator), Is.True);
        for (int offset = 0; offset < simulator.Length; offset += 0x400)
        {
            byte[] qemu = gdb.ReadMemory(ram + (uint)offset, 0x400);
            int difference = Enumerable.Range(0, 0x400).FirstOrDefault(i => qemu[i] != simulator[offset + i], -1);
            Assert.That(difference, Is.EqualTo(-1), $"RAM differs at 0x{ram + (uint)offset + (uint)Math.Max(difference, 0):X8}");
        }
    }

    private static HashSet<OpCode> Compare(Machine machine, GdbRemoteClient gdb, int maxSteps, bool compareFloat)
    {
        var executed = new HashSet<OpCode>();
        var recent = new Queue<string>();
        Cpu cpu = machine.Cpu;
        for (int step = 0; step < maxSteps; step++)
        {
            CompareCore(cpu, gdb, step, recent);
            uint pc = cpu.Pc;
            OpCode op = DecodeAt(machine, pc, out uint raw);
            if (compareFloat && step > 0 && IsFloatingPoint(PreviousOp(recent)))
            {
                CompareFloat(cpu, gdb, step, recent);
            }

            executed.Add(op);
            recent.Enqueue($"{pc:X8} {raw:X8} {DecodeTable.NameOf(op)}");
            if (recent.Count > 12)
            {
                recent.Dequeue();
            }

            if (IsSemihostingExit(cpu, op, raw))
            {
                break;
            }

            uint semihostingOperation = op == OpCode.BkptT1 && (raw & 0xFF) == 0xAB ? cpu.GetRegister(0) : 0;
            cpu.Step();
            gdb.Step();
            CatchUpAfterHint(machine, gdb, executed);
            if (semihostingOperation is 0x03 or 0x04)
            {
                // SYS_WRITEC and SYS_WRITE0 leave R0 "corrupted" (unspecified): adopt QEMU's value.
                cpu.SetRegister(0, gdb.ReadGeneralRegisters(1)[0]);
            }
            if (cpu.StopReason != StopReason.None)
            {
                Assert.Fail($"simulator stopped ({cpu.StopReason}) during lockstep at step {step}: {cpu.LastFault?.Description}\n{string.Join('\n', recent)}");
            }
        }

        return executed;
    }

    /// <summary>
    /// QEMU's single step runs past the instruction after a YIELD/SEV (the hint ends its translation block),
    /// so the simulator steps again over hint instructions until the PCs agree.
    /// </summary>
    private static void CatchUpAfterHint(Machine machine, GdbRemoteClient gdb, HashSet<OpCode> executed)
    {
        uint qemuPc = gdb.ReadGeneralRegisters(16)[15];
        for (int extra = 0; extra < 2 && machine.Cpu.Pc != qemuPc; extra++)
        {
            OpCode next = DecodeAt(machine, machine.Cpu.Pc, out _);
            if (next is not (OpCode.SevT1 or OpCode.SevT2 or OpCode.YieldT1 or OpCode.YieldT2 or OpCode.NopT1 or OpCode.NopT2 or OpCode.HintT1))
            {
                return;
            }

            executed.Add(next);
            machine.Cpu.Step();
        }
    }

    private static void CompareCore(Cpu cpu, GdbRemoteClient gdb, int step, Queue<string> recent)
    {
        IReadOnlyList<uint> qemu = gdb.ReadGeneralRegisters(16);
        uint qemuXpsr = (uint)gdb.ReadRegister(XpsrRegister);
        if (step == 0)
        {
            // The APSR flags are UNKNOWN after reset: start from QEMU's.
            cpu.WriteApsr(qemuXpsr);
        }

        var differences = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            if (cpu.GetRegister(i) != qemu[i])
            {
                differences.Append($" r{i}: sim {cpu.GetRegister(i):X8} qemu {qemu[i]:X8};");
            }
        }

        // Before the first step QEMU reports EPSR.T as 0 (it sets it when the reset vector is taken).
        uint mask = step == 0 ? ~(1u << 24) : ~0u;
        if ((cpu.Xpsr & mask) != (qemuXpsr & mask))
        {
            differences.Append($" xpsr: sim {cpu.Xpsr:X8} qemu {qemuXpsr:X8};");
        }

        if (differences.Length > 0)
        {
            Assert.Fail($"lockstep difference after step {step}:{differences}\nlast instructions:\n{string.Join('\n', recent)}");
        }
    }

    private static void CompareFloat(Cpu cpu, GdbRemoteClient gdb, int step, Queue<string> recent)
    {
        var differences = new StringBuilder();
        for (int d = 0; d < 16; d++)
        {
            ulong qemu = gdb.ReadRegister(FirstDoubleRegister + d);
            ulong sim = ((ulong)cpu.GetSingle((2 * d) + 1) << 32) | cpu.GetSingle(2 * d);
            if (qemu != sim)
            {
                differences.Append($" d{d}: sim {sim:X16} qemu {qemu:X16};");
            }
        }

        uint qemuFpscr = (uint)gdb.ReadRegister(FpscrRegister);
        if (qemuFpscr != cpu.Fpscr)
        {
            differences.Append($" fpscr: sim {cpu.Fpscr:X8} qemu {qemuFpscr:X8};");
        }

        if (differences.Length > 0)
        {
            Assert.Fail($"lockstep FP difference after step {step}:{differences}\nlast instructions:\n{string.Join('\n', recent)}");
        }
    }

    private static string PreviousOp(Queue<string> recent) => recent.Count == 0 ? string.Empty : recent.Last();

    private static bool IsFloatingPoint(string line) => line.Contains(" V", StringComparison.Ordinal);

    /// <summary>QEMU exits on SYS_EXIT/SYS_EXIT_EXTENDED, so lockstep ends just before it.</summary>
    private static bool IsSemihostingExit(Cpu cpu, OpCode op, uint raw) =>
        op == OpCode.BkptT1 && (raw & 0xFF) == 0xAB && cpu.GetRegister(0) is 0x18 or 0x20;

    public static OpCode DecodeAt(Machine machine, uint pc, out uint raw)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (!machine.Bus.TryPeek(pc, bytes))
        {
            raw = 0;
            return OpCode.Undefined;
        }

        uint first = BitConverter.ToUInt16(bytes);
        raw = DecodeTable.Is32Bit(first) ? (first << 16) | BitConverter.ToUInt16(bytes[2..]) : first;
        var op = default(DecodedOp);
        bool known = DecodeTable.Is32Bit(first)
            ? DecodeTable.Decode32(raw, machine.Cpu.Features, ref op)
            : DecodeTable.Decode16(raw, machine.Cpu.Features, ref op);
        return known ? op.Op : OpCode.Undefined;
    }

    private static Process StartQemu(string qemuMachine, string elf, int port)
    {
        var start = new ProcessStartInfo("qemu-system-arm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-M", qemuMachine, "-nographic", "-monitor", "none", "-serial", "null", "-semihosting-config", "enable=on,target=native", "-kernel", elf, "-S", "-gdb", $"tcp:127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
