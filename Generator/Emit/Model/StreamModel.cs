namespace MicroGen.Emit.Model;

/// <summary>
/// A row-streamed segment as the template writes it: its function's name, the operators it runs band by band, how many
/// bands, where its output lies (for the layer debug dump), and how many per-layer steps run before it.
/// </summary>
public sealed record StreamModel(
    string Symbol,
    int FirstOperator,
    int LastOperator,
    int Bands,
    IReadOnlyList<StreamLayerModel> Layers,
    long OutputOffset,
    long OutputBytes,
    int Position);
