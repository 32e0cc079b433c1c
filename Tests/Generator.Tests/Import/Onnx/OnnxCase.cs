using MicroGen.Ir;
using OnnxProto = Onnx;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// One ONNX test model: how it is built, the IR operators the importer must produce for it, and how closely MicroGen
/// must agree with ONNX Runtime: bit-exact, within 1 LSB (quantized), or within a float tolerance.
/// </summary>
internal sealed record OnnxCase(string Name, Func<OnnxProto.ModelProto> Build, OpKind[] ExpectedKinds, bool Exact = false)
{
    public override string ToString() => Name;
}
