using System.Text;
using MicroGen.Simulator.Core;
using MicroGen.Simulator.Devices;

namespace MicroGen.Simulator.Semihosting;

/// <summary>
/// Host side of Arm semihosting (BKPT 0xAB). ":tt" is the console; other names come from the virtual
/// file map of the run options, else fail with ENOENT as on a real host. Files opened for writing
/// are kept in memory. Time is the simulated time, so runs are reproducible.
/// </summary>
public sealed class SemihostingService
{
    private const uint ApplicationExit = 0x20026;
    private const int Enoent = 2;
    private const int Ebadf = 9;

    private readonly ConsoleSink console;
    private readonly IReadOnlyDictionary<string, byte[]> virtualFiles;
    private readonly Dictionary<uint, OpenFile> handles = [];
    private readonly Dictionary<string, MemoryStream> writtenFiles = new(StringComparer.Ordinal);
    private readonly ulong clockHz;
    private uint nextHandle = 3;
    private int errno;

    public SemihostingService(ConsoleSink console, IReadOnlyDictionary<string, byte[]> virtualFiles, ulong clockHz)
    {
        this.console = console;
        this.virtualFiles = virtualFiles;
        this.clockHz = Math.Max(1, clockHz);
    }

    /// <summary>The exit code given to SYS_EXIT / SYS_EXIT_EXTENDED, null while running.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Files the firmware created or wrote through semihosting.</summary>
    public IReadOnlyDictionary<string, byte[]> WrittenFiles => writtenFiles.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Performs operation <paramref name="operation"/> with parameter <paramref name="parameter"/>; returns the new R0.</summary>
    public uint Call(Cpu cpu, uint operation, uint parameter)
    {
        uint Arg(int i) => cpu.ReadWord(parameter + (uint)(4 * i));
        switch ((SemihostingOperation)operation)
        {
            case SemihostingOperation.Open: return Open(ReadString(cpu, Arg(0), Arg(2)), Arg(1));
            case SemihostingOperation.Close: return handles.Remove(Arg(0)) ? 0 : Fail(Ebadf);
            case SemihostingOperation.WriteC:
                console.Write(cpu.ReadByte(parameter));
                return 0;
            case SemihostingOperation.Write0:
                for (uint a = parameter; cpu.ReadByte(a) != 0; a++)
                {
                    console.Write(cpu.ReadByte(a));
                }

                return 0;
            case SemihostingOperation.Write: return Write(cpu, Arg(0), Arg(1), Arg(2));
            case SemihostingOperation.Read: return Read(cpu, Arg(0), Arg(1), Arg(2));
            case SemihostingOperation.ReadC: return (uint)console.Read();
            case SemihostingOperation.IsError: return (int)Arg(0) < 0 ? 1u : 0u;
            case SemihostingOperation.IsTty: return handles.TryGetValue(Arg(0), out OpenFile? tty) && tty.IsConsole ? 1u : 0u;
            case SemihostingOperation.Seek: return Seek(Arg(0), Arg(1));
            case SemihostingOperation.FileLength: return handles.TryGetValue(Arg(0), out OpenFile? file) && !file.IsConsole ? (uint)file.Length : Fail(Ebadf);
            case SemihostingOperation.Clock: return (uint)(cpu.ElapsedCycles * 100 / clockHz);
            case SemihostingOperation.Time: return (uint)(cpu.ElapsedCycles / clockHz);
            case SemihostingOperation.Errno: return (uint)errno;
            case SemihostingOperation.GetCommandLine:
                if (Arg(1) > 0)
                {
                    cpu.WriteByte(Arg(0), 0);
                }

                return 0;
            case SemihostingOperation.HeapInfo:
                for (int i = 0; i < 4; i++)
                {
                    WriteWord(cpu, Arg(0) + (uint)(4 * i), 0);
                }

                return 0;
            case SemihostingOperation.Exit:
                Exit(cpu, parameter == ApplicationExit ? 0 : 1);
                return 0;
            case SemihostingOperation.ExitExtended:
                Exit(cpu, Arg(0) == ApplicationExit ? (int)Arg(1) : 1);
                return 0;
            case SemihostingOperation.Elapsed:
                WriteWord(cpu, parameter, (uint)cpu.ElapsedCycles);
                WriteWord(cpu, parameter + 4, (uint)(cpu.ElapsedCycles >> 32));
                return 0;
            case SemihostingOperation.TickFrequency: return (uint)clockHz;
            default: return Fail(88);
        }
    }

    private void Exit(Cpu cpu, int code)
    {
        ExitCode = code;
        cpu.RequestStop(StopReason.SemihostingExit);
    }

    private uint Open(string name, uint mode)
    {
        if (name == ":tt")
        {
            return Add(new OpenFile(name, null, IsConsole: true, Writable: mode >= 4));
        }

        if (mode < 4)
        {
            if (virtualFiles.TryGetValue(name, out byte[]? content))
            {
                return Add(new OpenFile(name, new MemoryStream(content, writable: false), IsConsole: false, Writable: false));
            }

            if (writtenFiles.TryGetValue(name, out MemoryStream? written))
            {
                return Add(new OpenFile(name, new MemoryStream(written.ToArray(), writable: false), IsConsole: false, Writable: false));
            }

            return Fail(Enoent);
        }

        bool append = mode >= 8;
        if (!append || !writtenFiles.ContainsKey(name))
        {
            writtenFiles[name] = new MemoryStream();
        }

        MemoryStream stream = writtenFiles[name];
        stream.Position = append ? stream.Length : 0;
        return Add(new OpenFile(name, stream, IsConsole: false, Writable: true));
    }

    private uint Add(OpenFile file)
    {
        uint handle = nextHandle++;
        handles[handle] = file;
        return handle;
    }

    private uint Write(Cpu cpu, uint handle, uint buffer, uint length)
    {
        if (!handles.TryGetValue(handle, out OpenFile? file) || !file.Writable)
        {
            Fail(Ebadf);
            return length;
        }

        for (uint i = 0; i < length; i++)
        {
            byte b = cpu.ReadByte(buffer + i);
            if (file.IsConsole)
            {
                console.Write(b);
            }
            else
            {
                file.Stream!.WriteByte(b);
            }
        }

        return 0;
    }

    private uint Read(Cpu cpu, uint handle, uint buffer, uint length)
    {
        if (!handles.TryGetValue(handle, out OpenFile? file) || file.Writable)
        {
            Fail(Ebadf);
            return length;
        }

        uint count = 0;
        while (count < length)
        {
            int b = file.IsConsole ? console.Read() : file.Stream!.ReadByte();
            if (b < 0)
            {
                break;
            }

            cpu.WriteByte(buffer + count, (byte)b);
            count++;
        }

        return length - count;
    }

    private uint Seek(uint handle, uint position)
    {
        if (!handles.TryGetValue(handle, out OpenFile? file) || file.IsConsole || position > file.Length)
        {
            return Fail(Ebadf);
        }

        file.Stream!.Position = position;
        return 0;
    }

    private uint Fail(int code)
    {
        errno = code;
        return uint.MaxValue;
    }

    private static void WriteWord(Cpu cpu, uint address, uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            cpu.WriteByte(address + (uint)i, (byte)(value >> (8 * i)));
        }
    }

    private static string ReadString(Cpu cpu, uint address, uint length)
    {
        var bytes = new byte[Math.Min(length, 4096)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = cpu.ReadByte(address + (uint)i);
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
