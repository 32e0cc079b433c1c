using System.Runtime.InteropServices;
using MicroGen.Import;
using MicroGen.Ir;
using MicroGen.Reference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxProto = Onnx;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// Runs one ONNX model in ONNX Runtime (the independent implementation) and in MicroGen (importer + reference
/// interpreter), on the same inputs in ONNX layout, and counts how the outputs differ.
/// </summary>
internal static class OnnxRuntimeComparison
{
    /// <summary>Random inputs for the model's graph inputs: full range for int8/uint8, [-1, 1) for float.</summary>
    public static Array[] RandomInputs(OnnxProto.ModelProto model, int seed)
    {
        var random = new Random(seed);
        return model.Graph.Input.Where(i => model.Graph.Initializer.All(t => t.Name != i.Name)).Select(i =>
        {
            var t = i.Type.TensorType;
            var count = (int)t.Shape.Dim.Aggregate(1L, (p, d) => p * d.DimValue);
            return t.ElemType switch
            {
                OnnxModelBuilder.FloatElement => (Array)Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
                OnnxModelBuilder.UInt8Element => Enumerable.Range(0, count).Select(_ => (byte)random.Next(256)).ToArray(),
                _ => Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-128, 128)).ToArray(),
            };
        }).ToArray();
    }

    public static Array[] RunOnnxRuntime(OnnxProto.ModelProto model, Array[] inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model), options);
        var graphInputs = model.Graph.Input.Where(i => model.Graph.Initializer.All(t => t.Name != i.Name)).ToArray();
        var named = graphInputs.Select((info, k) =>
        {
            var dims = info.Type.TensorType.Shape.Dim.Select(d => (int)d.DimValue).ToArray();
            return inputs[k] switch
            {
                // Exact types: the runtime lets sbyte[] and byte[] match each other's patterns.
                float[] f => NamedOnnxValue.CreateFromTensor(info.Name, new DenseTensor<float>(f, dims)),
                byte[] b when IsUInt8(b) => NamedOnnxValue.CreateFromTensor(info.Name, new DenseTensor<byte>(b, dims)),
                sbyte[] s => NamedOnnxValue.CreateFromTensor(info.Name, new DenseTensor<sbyte>(s, dims)),
                _ => throw new ArgumentException("input type"),
            };
        }).ToList();
        using var results = session.Run(named);
        return model.Graph.Output.Select(o =>
        {
            var r = results.First(x => x.Name == o.Name);
            return o.Type.TensorType.ElemType switch
            {
                OnnxModelBuilder.FloatElement => (Array)r.AsTensor<float>().ToArray(),
                OnnxModelBuilder.UInt8Element => r.AsTensor<byte>().ToArray(),
                _ => r.AsTensor<sbyte>().ToArray(),
            };
        }).ToArray();
    }

    /// <summary>MicroGen's outputs in ONNX layout and type: NHWC outputs back to NCHW, int8 back to uint8 where ONNX says uint8.</summary>
    public static Array[] RunMicroGen(OnnxProto.ModelProto model, Array[] inputs)
    {
        var graph = ModelLoader.Load(Google.Protobuf.MessageExtensions.ToByteArray(model), "model.onnx");
        var graphInputs = model.Graph.Input.Where(i => model.Graph.Initializer.All(t => t.Name != i.Name)).ToArray();
        var irInputs = graph.InputTensors.Select((t, k) => ToIr(inputs[k], t, ShapeOf(graphInputs[k]))).ToArray();
        var outputs = new ReferenceInterpreter(graph).Invoke(irInputs);
        return graph.OutputTensors.Select((t, k) =>
            FromIr(outputs[k], t, model.Graph.Output[k].Type.TensorType.ElemType, ShapeOf(model.Graph.Output[k]))).ToArray();
    }

    /// <summary>The ONNX shape; rank-4 shapes must tell NCHW from NHWC apart (a test model with C = H = W could not).</summary>
    private static int[] ShapeOf(OnnxProto.ValueInfoProto info)
    {
        var shape = info.Type.TensorType.Shape.Dim.Select(d => (int)d.DimValue).ToArray();
        if (shape.Length == 4 && shape[1] == shape[2] && shape[2] == shape[3])
        {
            throw new ArgumentException($"test model tensor '{info.Name}' {string.Join("x", shape)}: NCHW and NHWC cannot be told apart");
        }
        return shape;
    }

    private static byte[] ToIr(Array onnx, MicroGen.Ir.Tensor tensor, int[] onnxShape)
    {
        var bytes = onnx switch
        {
            float[] f => MemoryMarshal.AsBytes(f.AsSpan()).ToArray(),
            byte[] b when IsUInt8(b) => b.Select(v => (byte)(v - 128)).ToArray(),
            sbyte[] s => MemoryMarshal.AsBytes(s.AsSpan()).ToArray(),
            _ => throw new ArgumentException("input type"),
        };
        if (tensor.Shape.Length != 4 || tensor.Shape.AsSpan().SequenceEqual(onnxShape))
        {
            return bytes; // held in the ONNX layout (the test models keep NCHW and NHWC shapes distinct)
        }
        var s4 = tensor.Shape; // NHWC; the ONNX data is NCHW
        return Relayout(bytes, tensor.Type.SizeInBytes(), [s4[0], s4[3], s4[1], s4[2]], [0, 2, 3, 1]);
    }

    private static Array FromIr(byte[] ir, MicroGen.Ir.Tensor tensor, int onnxType, int[] onnxShape)
    {
        var bytes = tensor.Shape.Length == 4 && !tensor.Shape.AsSpan().SequenceEqual(onnxShape)
            ? Relayout(ir, tensor.Type.SizeInBytes(), tensor.Shape.ToArray(), [0, 3, 1, 2])
            : ir;
        return onnxType switch
        {
            OnnxModelBuilder.FloatElement => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            OnnxModelBuilder.UInt8Element => bytes.Select(b => (byte)(b + 128)).ToArray(),
            _ => MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray(),
        };
    }

    private static bool IsUInt8(Array a) => a.GetType() == typeof(byte[]);

    /// <summary>Transposes a row-major array of <paramref name="shape"/> by <paramref name="perm"/>.</summary>
    public static byte[] Relayout(byte[] data, int elementSize, int[] shape, int[] perm)
    {
        var outShape = perm.Select(p => shape[p]).ToArray();
        var strides = new int[4];
        var stride = 1;
        for (var d = 3; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        var result = new byte[data.Length];
        var o = 0;
        for (var a = 0; a < outShape[0]; a++)
        {
            for (var b = 0; b < outShape[1]; b++)
            {
                for (var c = 0; c < outShape[2]; c++)
                {
                    for (var d = 0; d < outShape[3]; d++)
                    {
                        int[] index = [a, b, c, d];
                        var source = 0;
                        for (var k = 0; k < 4; k++)
                        {
                            source += index[k] * strides[perm[k]];
                        }
                        Array.Copy(data, source * elementSize, result, o * elementSize, elementSize);
                        o++;
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Elements compared, elements differing, the largest difference in LSB (integers), the largest absolute float
    /// difference, how many of ONNX Runtime's integer outputs sit at the type's maximum, and how many distinct values all outputs take.
    /// </summary>
    public static Agreement Compare(string op, Array[] expected, Array[] actual)
    {
        long compared = 0, differing = 0, saturated = 0;
        var distinct = new HashSet<double>();
        var maxLsb = 0;
        var maxFloat = 0.0;
        for (var k = 0; k < expected.Length; k++)
        {
            for (var i = 0; i < expected[k].Length; i++)
            {
                compared++;
                switch (expected[k])
                {
                    case float[] e:
                        {
                            var a = ((float[])actual[k])[i];
                            var diff = Math.Abs((double)e[i] - a);
                            distinct.Add(e[i]);
                            if (BitConverter.SingleToInt32Bits(e[i]) != BitConverter.SingleToInt32Bits(a))
                            {
                                differing++;
                            }
                            maxFloat = Math.Max(maxFloat, double.IsNaN(diff) ? double.PositiveInfinity : diff);
                            break;
                        }
                    default:
                        {
                            var e = Convert.ToInt32(expected[k].GetValue(i));
                            distinct.Add(e);
                            if (e == (IsUInt8(expected[k]) ? 255 : 127))
                            {
                                saturated++;
                            }
                            var a = Convert.ToInt32(actual[k].GetValue(i));
                            if (e != a)
                            {
                                differing++;
                                maxLsb = Math.Max(maxLsb, Math.Abs(e - a));
                            }
                            break;
                        }
                }
            }
        }
        return new Agreement(op, compared, differing, maxLsb, maxFloat, saturated, distinct.Count);
    }
}
