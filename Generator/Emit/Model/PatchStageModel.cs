namespace MicroGen.Emit.Model;

/// <summary>
/// The patch stage as the template writes it: the patch rectangles (input to copy in, split output to copy out), the
/// full tensors' arena offsets and row geometry, the patch input buffer, the stage's layers, its reduction tail (null:
/// the split output is copied out), and how many per-layer steps run before it.
/// </summary>
public sealed record PatchStageModel(
    int Patches,
    int Rows,
    int Cols,
    int SplitOperator,
    IReadOnlyList<RegionValueModel> InputRegions,
    IReadOnlyList<RegionValueModel> OutputRegions,
    long InputOffset,
    int InputWidth,
    int InputPixelBytes,
    long PatchInputOffset,
    long PatchOutputOffset,
    long SplitOffset,
    int SplitWidth,
    int SplitPixelBytes,
    long SplitBytes,
    IReadOnlyList<PatchLayerModel> Layers,
    PatchTailModel? Tail,
    int Position);
