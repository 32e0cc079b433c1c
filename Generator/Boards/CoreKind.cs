namespace MicroGen.Boards;

public enum CoreKind
{
    /// <summary>The machine's own compiler, run as a process.</summary>
    Host,
    CortexM0Plus,
    CortexM3,
    CortexM4,
    CortexM7,
    CortexM33,
}
