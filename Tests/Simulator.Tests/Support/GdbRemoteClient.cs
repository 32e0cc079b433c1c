using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MicroGen.Simulator.Tests.Support;

/// <summary>
/// A minimal GDB Remote Serial Protocol client (packets <c>$data#checksum</c>, '+'/'-' acknowledgements)
/// for driving QEMU's gdbstub: '?', 'g', 'p', 's', 'm', 'c', 'Z0' and qXfer.
/// </summary>
public sealed class GdbRemoteClient : IDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly byte[] buffer = new byte[65536];
    private int bufferStart;
    private int bufferEnd;

    private GdbRemoteClient(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        stream.ReadTimeout = 20_000;
    }

    /// <summary>Connects, retrying while the stub starts.</summary>
    public static GdbRemoteClient Connect(int port, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var tcp = new TcpClient { NoDelay = true };
                tcp.Connect("127.0.0.1", port);
                return new GdbRemoteClient(tcp);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Sends a command and returns the reply payload.</summary>
    public string Command(string command)
    {
        byte[] packet = Encoding.ASCII.GetBytes($"${command}#{Checksum(command):x2}");
        for (int attempt = 0; ; attempt++)
        {
            stream.Write(packet);
            int ack = ReadByte();
            if (ack == '+')
            {
                break;
            }

            if (attempt > 3)
            {
                throw new IOException($"gdbstub did not acknowledge '{command}'");
            }
        }

        return ReadPacket();
    }

    public IReadOnlyList<uint> ReadGeneralRegisters(int count)
    {
        string reply = Command("g");
        var values = new uint[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ParseLittleEndian(reply.AsSpan(8 * i, 8));
        }

        return values;
    }

    /// <summary>Reads register <paramref name="number"/> as raw little-endian bytes ('p' packet).</summary>
    public ulong ReadRegister(int number)
    {
        string reply = Command($"p{number:x}");
        ulong value = 0;
        for (int i = reply.Length / 2 - 1; i >= 0; i--)
        {
            value = (value << 8) | byte.Parse(reply.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return value;
    }

    public byte[] ReadMemory(uint address, int length)
    {
        string reply = Command($"m{address:x},{length:x}");
        return Convert.FromHexString(reply);
    }

    /// <summary>Sets a software breakpoint ('Z0'), continues ('c') until it is hit, and removes it ('z0').</summary>
    public string ContinueTo(uint address)
    {
        string set = Command($"Z0,{address:x},2");
        if (set != "OK")
        {
            throw new IOException($"gdbstub refused a breakpoint at 0x{address:X8}: '{set}'");
        }

        string stop = Command("c");
        Command($"z0,{address:x},2");
        return stop;
    }

    /// <summary>Single-steps; returns the stop reply (for example "T05...").</summary>
    public string Step() => Command("s");

    public void Dispose()
    {
        stream.Dispose();
        client.Dispose();
    }

    private static int Checksum(string text) => Encoding.ASCII.GetBytes(text).Sum(b => b) & 0xFF;

    private static uint ParseLittleEndian(ReadOnlySpan<char> hex)
    {
        uint value = 0;
        for (int i = 3; i >= 0; i--)
        {
            value = (value << 8) | byte.Parse(hex.Slice(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return value;
    }

    private string ReadPacket()
    {
        while (true)
        {
            int start;
            do
            {
                start = ReadByte();
            }
            while (start != '$');

            var payload = new StringBuilder();
            int c;
            while ((c = ReadByte()) != '#')
            {
                payload.Append((char)c);
            }

            string checksumText = $"{(char)ReadByte()}{(char)ReadByte()}";
            string text = payload.ToString();
            if (int.Parse(checksumText, NumberStyles.HexNumber, CultureInfo.InvariantCulture) == Checksum(text))
            {
                stream.WriteByte((byte)'+');
                return text;
            }

            stream.WriteByte((byte)'-');
        }
    }

    private int ReadByte()
    {
        if (bufferStart == bufferEnd)
        {
            bufferEnd = stream.Read(buffer, 0, buffer.Length);
            bufferStart = 0;
            if (bufferEnd == 0)
            {
                throw new IOException("gdbstub closed the connection");
            }
        }

        return buffer[bufferStart++];
    }
}
