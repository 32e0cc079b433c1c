using MicroGen.Ir;
using OnnxProto = Onnx;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// One ONNX test model: how it is built, the IR operators the importer must produce for it, and how closely MicroGen
/// must agree with ONNX Runtime: bit-exact, within <see cref="MaxLsb"/> (1 for one quantized operator; a network
/// may carry a 1-LSB difference of one operator into the next), or within a float tolerance (for the float output
/// of a quantized model: one step of its output scale).
/// </summary>
internal sealed record OnnxCase(
    string Name, Func<OnnxProto.ModelProto> Build, OpKind[] ExpectedKinds, bool Exact = false, int MaxLsb = 1, double FloatTolerance = 1e-5)
{
    public override string ToString() => Name;
}
