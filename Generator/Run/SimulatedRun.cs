using MicroGen.Simulator;

namespace MicroGen.Run;

/// <summary>A firmware run in the simulator: what it printed, and what the simulator measured.</summary>
public sealed record SimulatedRun(FirmwareTranscript Transcript, SimulationResult Simulation);
