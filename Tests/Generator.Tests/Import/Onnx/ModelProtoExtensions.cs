using Google.Protobuf;

namespace MicroGen.Tests.Import.Onnx;

internal static class ModelProtoExtensions
{
    public static byte[] ToByteArrayOf(this global::Onnx.ModelProto model) => model.ToByteArray();
}
