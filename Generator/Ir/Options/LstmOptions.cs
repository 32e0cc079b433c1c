namespace MicroGen.Ir.Options;

public sealed record LstmOptions(Activation Activation, float CellClip, float ProjectionClip, bool TimeMajor)
    : OperatorOptions;
