namespace MicroGen.Emit.Model;

/// <summary>One layer function: which kernel it calls, with which parameter block and operands.</summary>
public sealed record LayerModel(
    int Step,
    int Operator,
    string OpName,
    string Symbol,
    string Function,
    string ParamsType,
    IReadOnlyList<FieldModel> Fields,
    IReadOnlyList<OperandModel> Operands,
    OperandModel Output,
    long OutputBytes,
    string Storage);
