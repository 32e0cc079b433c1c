namespace MicroGen.Simulator.DecoderGen.Model;

/// <summary>A handler method found on the Cpu class: its name and parameter types as written.</summary>
internal sealed record HandlerSpec(string Name, EquatableArray<string> ParameterTypes);
