namespace MicroGen.Boards;

/// <summary>The console device: kind, register base, baud rate, and its clock/pin set-up for real hardware.</summary>
public sealed record BoardConsole(ConsoleKind Kind, long Base, int Baud);
