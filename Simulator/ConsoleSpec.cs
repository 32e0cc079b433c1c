namespace MicroGen.Simulator;

/// <summary>The board console: which UART model, where, and (optionally) its NVIC interrupt number.</summary>
public sealed record ConsoleSpec(ConsoleKind Kind, uint BaseAddress, int? Interrupt = null);
