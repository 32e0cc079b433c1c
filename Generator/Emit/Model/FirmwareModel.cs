namespace MicroGen.Emit.Model;

/// <summary>Everything the project templates read, for one model on one board. Libraries: system libraries to link ("m").</summary>
public sealed record FirmwareModel(
    string Source,
    string ModelName,
    BoardModel Board,
    long ArenaBytes,
    string PlanMethod,
    long LowerBoundBytes,
    IReadOnlyList<IoTensorModel> Inputs,
    IReadOnlyList<IoTensorModel> Outputs,
    IReadOnlyList<ConstantModel> Constants,
    IReadOnlyList<LayerModel> Layers,
    IReadOnlyList<VariableModel> Variables,
    IReadOnlyList<ScratchCheckModel> ScratchChecks,
    IReadOnlyList<TestVectorModel> TestVectors,
    IReadOnlyList<string> Sources,
    string Output,
    string OutputStem,
    string OutputExtension,
    IReadOnlyList<string> ExpectedLines,
    PatchStageModel? Patch,
    IReadOnlyList<string> Libraries,
    IReadOnlyList<StreamModel> Streams);
