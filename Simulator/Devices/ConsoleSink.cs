using System.Text;

namespace MicroGen.Simulator.Devices;

/// <summary>The board console: bytes written by semihosting and the UART models, and bytes queued as input.</summary>
public sealed class ConsoleSink
{
    private readonly List<byte> output = [];
    private readonly Queue<byte> input = new();

    public ConsoleSink(ReadOnlySpan<byte> inputBytes = default)
    {
        foreach (byte b in inputBytes)
        {
            input.Enqueue(b);
        }
    }

    /// <summary>Raised for every byte written (live echo for a CLI).</summary>
    public event Action<byte>? ByteWritten;

    public int InputAvailable => input.Count;

    public void Write(byte value)
    {
        output.Add(value);
        ByteWritten?.Invoke(value);
    }

    public void Write(ReadOnlySpan<byte> values)
    {
        foreach (byte b in values)
        {
            Write(b);
        }
    }

    /// <summary>Next input byte, or -1 when the input is exhausted.</summary>
    public int Read() => input.Count == 0 ? -1 : input.Dequeue();

    public string Text => Encoding.UTF8.GetString(output.ToArray());

    public int Length => output.Count;
}
