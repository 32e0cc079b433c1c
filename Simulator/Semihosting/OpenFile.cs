namespace MicroGen.Simulator.Semihosting;

/// <summary>A semihosting file handle: the console (":tt") or an in-memory file.</summary>
internal sealed record OpenFile(string Name, MemoryStream? Stream, bool IsConsole, bool Writable)
{
    public long Length => Stream?.Length ?? 0;
}
