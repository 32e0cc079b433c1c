using OnnxProto = Onnx;
using static MicroGen.Tests.Import.Onnx.OnnxModelBuilder;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// Small ONNX models of every supported operator, in QDQ, QOperator and float form, with seeded random weights.
/// Quantization parameters are chosen as a calibrating quantizer would: scales that keep outputs mostly in range.
/// </summary>
internal static class OnnxTestModels
{
    public static string Dq(OnnxModelBuilder b, string x, float scale, int zeroPoint, int type, string output)
    {
        b.Node("DequantizeLinear", [x, b.Scalar(output + "_scale", scale), b.ZeroPoint(output + "_zp", type, zeroPoint)], output);
        return output;
    }

    public static string Q(OnnxModelBuilder b, string x, float scale, int zeroPoint, int type, string output)
    {
        b.Node("QuantizeLinear", [x, b.Scalar(output + "_scale", scale), b.ZeroPoint(output + "_zp", type, zeroPoint)], output);
        return output;
    }

    public static sbyte[] RandomInt8(Random r, long count, int limit = 127) =>
        Enumerable.Range(0, (int)count).Select(_ => (sbyte)r.Next(-limit, limit + 1)).ToArray();

    public static float[] RandomFloats(Random r, long count, float limit = 1f) =>
        Enumerable.Range(0, (int)count).Select(_ => (float)(r.NextDouble() * 2 - 1) * limit).ToArray();

    /// <summary>int8 weights through DequantizeLinear: per-channel along <paramref name="axis"/> when several scales are given.</summary>
    public static string QdqWeights(OnnxModelBuilder b, Random r, string name, long[] dims, float[] scales, int axis = 0)
    {
        var count = dims.Aggregate(1L, (p, d) => p * d);
        b.Initializer(name + "_q", Int8Element, dims, RandomInt8(r, count));
        var scaleDims = scales.Length == 1 ? Array.Empty<long>() : [scales.Length];
        b.Initializer(name + "_scale", FloatElement, scaleDims, scales);
        b.Initializer(name + "_zp", Int8Element, scaleDims, new sbyte[scales.Length]);
        return b.Node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zp"], name, ("axis", axis));
    }

    /// <summary>int32 bias through DequantizeLinear at scale input_scale * weight_scale (float32 products).</summary>
    public static string QdqBias(OnnxModelBuilder b, Random r, string name, float inputScale, float[] weightScales, int channels)
    {
        var scales = weightScales.Select(s => inputScale * s).ToArray();
        b.Initializer(name + "_q", Int32Element, [channels], Enumerable.Range(0, channels).Select(_ => r.Next(-2000, 2000)).ToArray());
        var scaleDims = scales.Length == 1 ? Array.Empty<long>() : [scales.Length];
        b.Initializer(name + "_scale", FloatElement, scaleDims, scales);
        b.Initializer(name + "_zp", Int32Element, scaleDims, new int[scales.Length]);
        return b.Node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zp"], name, ("axis", 0));
    }

    public static float[] Scales(Random r, int count, float low, float high) =>
        Enumerable.Range(0, count).Select(_ => (float)(low + r.NextDouble() * (high - low))).ToArray();

    // ---- QDQ ----

    public static OnnxProto.ModelProto QdqConv(int type, bool perChannel, int stride, int[] pads, int group, bool relu, int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        const int c = 4, h = 8, w = 8;
        var m = group == c ? 12 : 6;
        var zp = type == UInt8Element ? 131 : 3;
        var x = Dq(b, b.Input("x", type, 1, c, h, w), 0.05f, zp, type, "x_dq");
        var ws = perChannel ? Scales(r, m, 0.002f, 0.006f) : [0.004f];
        var weights = QdqWeights(b, r, "w", [m, c / group, 3, 3], ws);
        var bias = QdqBias(b, r, "b", 0.05f, ws, m);
        var conv = b.Node("Conv", [x, weights, bias], "conv", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { stride, stride }),
            ("pads", pads), ("group", group));
        var y = relu ? b.Node("Relu", [conv], "relu") : conv;
        var outZp = relu ? (type == UInt8Element ? 0 : -128) : (type == UInt8Element ? 128 : 0);
        Q(b, y, relu ? 0.04f : 0.08f, outZp, type, "y");
        var outH = (h + pads[0] + pads[2] - 3) / stride + 1;
        b.Output("y", type, 1, m, outH, outH);
        return b.Model();
    }

    /// <summary>Conv → Clip(0, 6) → QuantizeLinear: the Clip folds into the convolution as RELU6.</summary>
    public static OnnxProto.ModelProto QdqConvClip(int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var x = Dq(b, b.Input("x", Int8Element, 1, 3, 6, 7), 0.05f, 0, Int8Element, "x_dq");
        var ws = Scales(r, 5, 0.004f, 0.01f);
        var conv = b.Node("Conv", [x, QdqWeights(b, r, "w", [5, 3, 3, 3], ws), QdqBias(b, r, "b", 0.05f, ws, 5)], "conv",
            ("kernel_shape", new[] { 3, 3 }), ("pads", new[] { 1, 1, 1, 1 }));
        var clip = b.Node("Clip", [conv, b.Scalar("lo", 0f), b.Scalar("hi", 6f)], "clip");
        Q(b, clip, 0.03f, -128, Int8Element, "y");
        b.Output("y", Int8Element, 1, 5, 6, 7);
        return b.Model();
    }

    public static OnnxProto.ModelProto QdqGemm(int type, bool perChannel, bool matMul, int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        const int k = 24, n = 10;
        var zp = type == UInt8Element ? 120 : -5;
        var x = Dq(b, b.Input("x", type, 2, k), 0.03f, zp, type, "x_dq");
        var ws = perChannel ? Scales(r, n, 0.003f, 0.008f) : [0.005f];
        string y;
        if (matMul)
        {
            var weights = QdqWeights(b, r, "w", [k, n], ws, axis: 1);
            y = b.Node("MatMul", [x, weights], "mm");
        }
        else
        {
            var weights = QdqWeights(b, r, "w", [n, k], ws, axis: 0);
            var bias = QdqBias(b, r, "b", 0.03f, ws, n);
            y = b.Node("Gemm", [x, weights, bias], "gemm", ("transB", 1));
        }
        Q(b, y, 0.06f, type == UInt8Element ? 128 : 0, type, "y");
        b.Output("y", type, 2, n);
        return b.Model();
    }

    public static OnnxProto.ModelProto QdqPool(int type, string op, float outputScale = 0.05f)
    {
        var b = new OnnxModelBuilder();
        var zp = type == UInt8Element ? 128 : 0;
        var x = Dq(b, b.Input("x", type, 1, 5, 7, 7), 0.05f, zp, type, "x_dq");
        var attributes = op is "GlobalAveragePool" or "GlobalMaxPool"
            ? Array.Empty<(string, object)>()
            : [("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 })];
        if (op == "AveragePool")
        {
            attributes = [("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 })];
        }
        var y = b.Node(op, [x], "pool", attributes);
        Q(b, y, outputScale, zp, type, "y");
        var outHw = op switch { "GlobalAveragePool" or "GlobalMaxPool" => 1, "MaxPool" => 4, _ => 3 };
        b.Output("y", type, 1, 5, outHw, outHw);
        return b.Model();
    }

    /// <summary>Conv → Relu → Flatten → Gemm: the Flatten of an NCHW map folds into the Gemm's weights.</summary>
    public static OnnxProto.ModelProto QdqConvFlattenGemm(int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var x = Dq(b, b.Input("x", Int8Element, 1, 2, 5, 5), 0.05f, 0, Int8Element, "x_dq");
        var ws = Scales(r, 4, 0.003f, 0.006f);
        var conv = b.Node("Conv", [x, QdqWeights(b, r, "w", [4, 2, 3, 3], ws), QdqBias(b, r, "b", 0.05f, ws, 4)], "conv",
            ("kernel_shape", new[] { 3, 3 }));
        var convQ = Q(b, conv, 0.03f, -10, Int8Element, "conv_q");
        var flat = b.Node("Flatten", [Dq(b, convQ, 0.03f, -10, Int8Element, "conv_dq")], "flat");
        var flatQ = Q(b, flat, 0.03f, -10, Int8Element, "flat_q");
        var gs = Scales(r, 5, 0.003f, 0.006f);
        var gemm = b.Node("Gemm", [Dq(b, flatQ, 0.03f, -10, Int8Element, "flat_dq"), QdqWeights(b, r, "g", [5, 36], gs), QdqBias(b, r, "gb", 0.03f, gs, 5)],
            "gemm", ("transB", 1));
        Q(b, gemm, 0.05f, 0, Int8Element, "y");
        b.Output("y", Int8Element, 1, 5);
        return b.Model();
    }

    /// <summary>
    /// A small QDQ network as a quantizer writes it (every tensor between operators quantized): Conv+Relu, MaxPool,
    /// depthwise Conv+Relu, pointwise Conv, GlobalAveragePool, Flatten, Gemm.
    /// </summary>
    public static OnnxProto.ModelProto QdqNetwork(int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var t = Dq(b, b.Input("x", Int8Element, 1, 3, 12, 12), 0.03f, -2, Int8Element, "x_dq");
        string Layer(string input, float inputScale, string name, long[] weightDims, int group, float outputScale, int outputZp, bool relu, int[] pads)
        {
            var ws = Scales(r, (int)weightDims[0], 0.004f, 0.012f);
            var conv = b.Node("Conv", [input, QdqWeights(b, r, name + "_w", weightDims, ws), QdqBias(b, r, name + "_b", inputScale, ws, (int)weightDims[0])],
                name, ("kernel_shape", new[] { (int)weightDims[2], (int)weightDims[3] }), ("pads", pads), ("group", group));
            var y = relu ? b.Node("Relu", [conv], name + "_relu") : conv;
            return Dq(b, Q(b, y, outputScale, outputZp, Int8Element, name + "_q"), outputScale, outputZp, Int8Element, name + "_dq");
        }
        t = Layer(t, 0.03f, "conv1", [8, 3, 3, 3], 1, 0.1f, -128, true, [1, 1, 1, 1]);
        var pool = b.Node("MaxPool", [t], "pool", ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }));
        t = Dq(b, Q(b, pool, 0.1f, -128, Int8Element, "pool_q"), 0.1f, -128, Int8Element, "pool_dq");
        t = Layer(t, 0.1f, "dw", [8, 1, 3, 3], 8, 0.1f, -128, true, [1, 1, 1, 1]);
        t = Layer(t, 0.1f, "pw", [16, 8, 1, 1], 1, 0.1f, 0, false, [0, 0, 0, 0]);
        var gap = b.Node("GlobalAveragePool", [t], "gap");
        t = Dq(b, Q(b, gap, 0.1f, 0, Int8Element, "gap_q"), 0.1f, 0, Int8Element, "gap_dq");
        var flat = b.Node("Flatten", [t], "flat");
        t = Dq(b, Q(b, flat, 0.1f, 0, Int8Element, "flat_q"), 0.1f, 0, Int8Element, "flat_dq");
        var gs = Scales(r, 16, 0.004f, 0.01f);
        var gemm = b.Node("Gemm", [t, QdqWeights(b, r, "fc_w", [16, 16], gs), QdqBias(b, r, "fc_b", 0.1f, gs, 16)], "fc", ("transB", 1));
        Q(b, gemm, 0.1f, 0, Int8Element, "y");
        b.Output("y", Int8Element, 1, 16);
        return b.Model();
    }

    /// <summary>A QDQ elementwise or shape operator on one or two quantized inputs.</summary>
    public static OnnxProto.ModelProto QdqSimple(string op, int type)
    {
        var b = new OnnxModelBuilder();
        var zp = type == UInt8Element ? 128 : 0;
        var x = Dq(b, b.Input("x", type, 1, 4, 3, 3), 0.04f, zp + 2, type, "x_dq");
        string y;
        long[] outShape = [1, 4, 3, 3];
        var outScale = 0.05f;
        var outZp = zp;
        switch (op)
        {
            case "Add":
            case "Mul":
                {
                    var x2 = Dq(b, b.Input("x2", type, 1, 4, 3, 3), 0.03f, zp - 4, type, "x2_dq");
                    y = b.Node(op, [x, x2], "op");
                    outScale = op == "Add" ? 0.06f : 0.15f;
                    break;
                }
            case "Concat":
                {
                    var x2 = Dq(b, b.Input("x2", type, 1, 2, 3, 3), 0.04f, zp + 2, type, "x2_dq");
                    y = b.Node(op, [x, x2], "op", ("axis", 1));
                    outShape = [1, 6, 3, 3];
                    outScale = 0.04f;
                    outZp = zp + 2;
                    break;
                }
            case "Softmax":
                y = b.Node(op, [x], "op", ("axis", 1));
                outScale = 1f / 256;
                outZp = type == UInt8Element ? 0 : -128;
                break;
            case "Sigmoid":
                y = b.Node(op, [x], "op");
                outScale = 1f / 256;
                outZp = type == UInt8Element ? 0 : -128;
                break;
            case "Tanh":
                y = b.Node(op, [x], "op");
                outScale = 1f / 128;
                break;
            case "HardSwish":
            case "Relu":
                y = b.Node(op, [x], "op");
                outScale = 0.03f;
                outZp = type == UInt8Element ? 10 : -118;
                break;
            case "LeakyRelu":
                y = b.Node(op, [x], "op", ("alpha", 0.1f));
                outScale = 0.03f;
                break;
            case "Transpose":
                y = b.Node(op, [x], "op", ("perm", new[] { 0, 2, 3, 1 }));
                outShape = [1, 3, 3, 4];
                outScale = 0.04f;
                outZp = zp + 2;
                break;
            default: // Reshape
                y = b.Node(op, [x, b.Initializer("shape", Int64Element, [2], new long[] { 4, 9 })], "op");
                outShape = [4, 9];
                outScale = 0.04f;
                outZp = zp + 2;
                break;
        }
        Q(b, y, outScale, outZp, type, "y");
        b.Output("y", type, outShape);
        return b.Model();
    }

    /// <summary>A QDQ Transpose that swaps H and W of an NCHW map: a real TRANSPOSE in NHWC too.</summary>
    public static OnnxProto.ModelProto QdqTranspose()
    {
        var b = new OnnxModelBuilder();
        var x = Dq(b, b.Input("x", Int8Element, 1, 4, 3, 5), 0.04f, 2, Int8Element, "x_dq");
        var y = b.Node("Transpose", [x], "op", ("perm", new[] { 0, 1, 3, 2 }));
        Q(b, y, 0.04f, 2, Int8Element, "y");
        b.Output("y", Int8Element, 1, 4, 5, 3);
        return b.Model();
    }

    /// <summary>A QDQ model as ONNX Runtime's quantizer writes it by default: float input and output, QuantizeLinear first, DequantizeLinear last.</summary>
    public static OnnxProto.ModelProto QdqFloatInterface(int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var xq = Q(b, b.Input("x", FloatElement, 1, 3, 6, 7), 0.01f, 0, Int8Element, "x_q");
        var x = Dq(b, xq, 0.01f, 0, Int8Element, "x_dq");
        var ws = Scales(r, 4, 0.004f, 0.01f);
        var conv = b.Node("Conv", [x, QdqWeights(b, r, "w", [4, 3, 3, 3], ws), QdqBias(b, r, "b", 0.01f, ws, 4)], "conv",
            ("kernel_shape", new[] { 3, 3 }), ("pads", new[] { 1, 1, 1, 1 }));
        var yq = Q(b, conv, 0.02f, 5, Int8Element, "y_q");
        Dq(b, yq, 0.02f, 5, Int8Element, "y");
        b.Output("y", FloatElement, 1, 4, 6, 7);
        return b.Model();
    }

    /// <summary>A QDQ 1-D convolution (Conv1d) on uint8 input with per-channel weights.</summary>
    public static OnnxProto.ModelProto QdqConv1D(int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var x = Dq(b, b.Input("x", UInt8Element, 1, 3, 20), 0.04f, 120, UInt8Element, "x_dq");
        var ws = Scales(r, 5, 0.004f, 0.01f);
        var conv = b.Node("Conv", [x, QdqWeights(b, r, "w", [5, 3, 5], ws), QdqBias(b, r, "b", 0.04f, ws, 5)], "conv",
            ("kernel_shape", new[] { 5 }), ("strides", new[] { 2 }), ("pads", new[] { 2, 2 }));
        Q(b, conv, 0.05f, 128, UInt8Element, "y");
        b.Output("y", UInt8Element, 1, 5, 10);
        return b.Model();
    }

    /// <summary>QDQ models whose padding or broadcasting TFLite expresses only with an extra operator or a relaid constant.</summary>
    public static OnnxProto.ModelProto QdqLayout(string variant)
    {
        var b = new OnnxModelBuilder(opset: variant == "ReduceMean" ? 18 : 17);
        switch (variant)
        {
            case "AddConstant":
                {
                    // A per-channel constant [C,1,1] broadcast over an NCHW map: relaid as [1,1,1,C] for NHWC.
                    var x = Dq(b, b.Input("x", Int8Element, 1, 4, 3, 5), 0.04f, 3, Int8Element, "x_dq");
                    b.Initializer("c_q", Int8Element, [4, 1, 1], new sbyte[] { -100, -20, 40, 110 });
                    var c = Dq(b, "c_q", 0.02f, 0, Int8Element, "c");
                    Q(b, b.Node("Add", [x, c], "add"), 0.05f, 0, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 4, 3, 5);
                    break;
                }
            case "MaxPoolPads":
                {
                    // ResNet's stem pool: 3x3, stride 2, pads 1 on an even input; TFLite SAME would pad 0 at the top.
                    var x = Dq(b, b.Input("x", Int8Element, 1, 3, 8, 8), 0.05f, 0, Int8Element, "x_dq");
                    Q(b, b.Node("MaxPool", [x], "pool", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 })),
                        0.05f, 0, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 3, 4, 4);
                    break;
                }
            case "Pad":
                {
                    var x = Dq(b, b.Input("x", Int8Element, 1, 3, 4, 5), 0.05f, 7, Int8Element, "x_dq");
                    var pads = b.Initializer("pads", Int64Element, [8], new long[] { 0, 0, 1, 2, 0, 0, 2, 1 });
                    Q(b, b.Node("Pad", [x, pads], "pad"), 0.05f, 7, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 3, 7, 8);
                    break;
                }
            case "MaxConstant":
                {
                    var x = Dq(b, b.Input("x", Int8Element, 1, 3, 4, 5), 0.05f, 7, Int8Element, "x_dq");
                    b.Initializer("floor", FloatElement, [3, 1, 1], new[] { -1f, 0.3f, 2.5f });
                    Q(b, b.Node("Max", [x, "floor"], "max"), 0.05f, 7, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 3, 4, 5);
                    break;
                }
            case "Slice":
                {
                    var x = Dq(b, b.Input("x", Int8Element, 1, 6, 4, 5), 0.05f, 7, Int8Element, "x_dq");
                    var slice = b.Node("Slice", [x, b.Initializer("starts", Int64Element, [1], new long[] { 2 }),
                        b.Initializer("ends", Int64Element, [1], new long[] { 5 }), b.Initializer("axes", Int64Element, [1], new long[] { 1 })], "slice");
                    Q(b, slice, 0.05f, 7, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 3, 4, 5);
                    break;
                }
            case "Split":
                {
                    var x = Dq(b, b.Input("x", Int8Element, 1, 6, 4, 5), 0.05f, 7, Int8Element, "x_dq");
                    var node = new global::Onnx.NodeProto { OpType = "Split", Name = "split" };
                    node.Input.AddRange([x, b.Initializer("split", Int64Element, [2], new long[] { 2, 4 })]);
                    node.Output.AddRange(["part0", "part1"]);
                    node.Attribute.Add(new global::Onnx.AttributeProto { Name = "axis", I = 1, Type = global::Onnx.AttributeProto.Types.AttributeType.Int });
                    b.Graph.Node.Add(node);
                    Q(b, "part0", 0.05f, 7, Int8Element, "y0");
                    Q(b, "part1", 0.05f, 7, Int8Element, "y1");
                    b.Output("y0", Int8Element, 1, 2, 4, 5);
                    b.Output("y1", Int8Element, 1, 4, 4, 5);
                    break;
                }
            case "ConvTranspose":
                {
                    var r = new Random(50);
                    var x = Dq(b, b.Input("x", Int8Element, 1, 4, 3, 5), 0.05f, 3, Int8Element, "x_dq");
                    var ws = Scales(r, 6, 0.003f, 0.008f);
                    var w = QdqWeights(b, r, "w", [4, 6, 4, 4], ws, axis: 1);
                    var bias = QdqBias(b, r, "b", 0.05f, ws, 6);
                    var up = b.Node("ConvTranspose", [x, w, bias], "up", ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }));
                    Q(b, up, 0.05f, 0, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 6, 6, 10);
                    break;
                }
            case "ReduceMean":
                {
                    var x = Dq(b, b.Input("x", Int8Element, 1, 6, 4, 5), 0.05f, 4, Int8Element, "x_dq");
                    Q(b, b.Node("ReduceMean", [x, b.Initializer("axes", Int64Element, [2], new long[] { 2, 3 })], "mean", ("keepdims", 0)),
                        0.01f, -3, Int8Element, "y");
                    b.Output("y", Int8Element, 1, 6);
                    break;
                }
            default: // AveragePoolIncludePad
                {
                    var x = Dq(b, b.Input("x", UInt8Element, 1, 3, 7, 7), 0.05f, 128, UInt8Element, "x_dq");
                    Q(b, b.Node("AveragePool", [x], "pool", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }),
                        ("count_include_pad", 1)), 0.05f, 128, UInt8Element, "y");
                    b.Output("y", UInt8Element, 1, 3, 4, 4);
                    break;
                }
        }
        return b.Model();
    }

    // ---- QOperator ----

    public static OnnxProto.ModelProto QLinearConv(int type, bool perChannel, int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        const int c = 3, m = 5;
        var zp = type == UInt8Element ? 125 : -3;
        var x = b.Input("x", type, 1, c, 6, 6);
        var ws = perChannel ? Scales(r, m, 0.003f, 0.008f) : [0.005f];
        var count = m * c * 9;
        if (type == UInt8Element)
        {
            b.Initializer("w", UInt8Element, [m, c, 3, 3], RandomInt8(r, count).Select(v => (byte)(v + 128)).ToArray());
            b.Initializer("w_zp", UInt8Element, perChannel ? [m] : [], Enumerable.Repeat((byte)128, ws.Length).ToArray());
        }
        else
        {
            b.Initializer("w", Int8Element, [m, c, 3, 3], RandomInt8(r, count));
            b.Initializer("w_zp", Int8Element, perChannel ? [m] : [], new sbyte[ws.Length]);
        }
        b.Initializer("w_scale", FloatElement, perChannel ? [m] : [], ws);
        b.Initializer("bias", Int32Element, [m], Enumerable.Range(0, m).Select(_ => r.Next(-1000, 1000)).ToArray());
        b.Node("QLinearConv", [x, b.Scalar("x_scale", 0.05f), b.ZeroPoint("x_zp", type, zp), "w", "w_scale", "w_zp",
            b.Scalar("y_scale", 0.07f), b.ZeroPoint("y_zp", type, type == UInt8Element ? 128 : 0), "bias"], "y",
            ("kernel_shape", new[] { 3, 3 }), ("pads", new[] { 1, 1, 1, 1 }));
        b.Output("y", type, 1, m, 6, 6);
        return b.Model();
    }

    /// <summary>QLinearMatMul or QGemm; <paramref name="weightZeroPoint"/> other than the type's middle keeps a FULLY_CONNECTED filter offset.</summary>
    public static OnnxProto.ModelProto QLinearMatMul(int type, bool qgemm, int seed, int? weightZeroPoint = null, float outputScale = 0.05f)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder(microsoft: qgemm);
        const int k = 16, n = 6;
        var zp = type == UInt8Element ? 110 : 4;
        var x = b.Input("x", type, 3, k);
        if (type == UInt8Element)
        {
            b.Initializer("w", UInt8Element, qgemm ? [n, k] : [k, n], RandomInt8(r, k * n).Select(v => (byte)(v + 128)).ToArray());
        }
        else
        {
            b.Initializer("w", Int8Element, qgemm ? [n, k] : [k, n], RandomInt8(r, k * n));
        }
        var wzp = b.ZeroPoint("w_zp", type, weightZeroPoint ?? (type == UInt8Element ? 128 : 0));
        var inputs = new List<string> { x, b.Scalar("x_scale", 0.04f), b.ZeroPoint("x_zp", type, zp), "w", b.Scalar("w_scale", 0.006f), wzp };
        if (qgemm)
        {
            b.Initializer("bias", Int32Element, [n], Enumerable.Range(0, n).Select(_ => r.Next(-1000, 1000)).ToArray());
            inputs.Add("bias");
        }
        inputs.Add(b.Scalar("y_scale", outputScale));
        inputs.Add(b.ZeroPoint("y_zp", type, type == UInt8Element ? 128 : 0));
        if (qgemm)
        {
            b.MicrosoftNode("QGemm", inputs.ToArray(), "y", ("transB", 1));
        }
        else
        {
            b.Node("QLinearMatMul", inputs.ToArray(), "y");
        }
        b.Output("y", type, 3, n);
        return b.Model();
    }

    public static OnnxProto.ModelProto QLinearPool(int type, bool global)
    {
        var b = new OnnxModelBuilder(microsoft: true);
        var zp = type == UInt8Element ? 128 : 0;
        var x = b.Input("x", type, 1, 5, 6, 6);
        var inputs = new[] { x, b.Scalar("x_scale", 0.05f), b.ZeroPoint("x_zp", type, zp), b.Scalar("y_scale", 0.05f), b.ZeroPoint("y_zp", type, zp) };
        if (global)
        {
            b.MicrosoftNode("QLinearGlobalAveragePool", inputs, "y");
            b.Output("y", type, 1, 5, 1, 1);
        }
        else
        {
            b.MicrosoftNode("QLinearAveragePool", inputs, "y", ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }));
            b.Output("y", type, 1, 5, 3, 3);
        }
        return b.Model();
    }

    public static OnnxProto.ModelProto QLinearSimple(string op, int type)
    {
        var b = new OnnxModelBuilder(microsoft: true);
        var zp = type == UInt8Element ? 128 : 0;
        var x = b.Input("x", type, 1, 4, 3, 3);
        var xs = new[] { x, b.Scalar("x_scale", 0.04f), b.ZeroPoint("x_zp", type, zp + 3) };
        long[] outShape = [1, 4, 3, 3];
        switch (op)
        {
            case "QLinearAdd":
            case "QLinearMul":
                {
                    var x2 = b.Input("x2", type, 1, 4, 3, 3);
                    b.MicrosoftNode(op, [.. xs, x2, b.Scalar("x2_scale", 0.03f), b.ZeroPoint("x2_zp", type, zp - 5),
                        b.Scalar("y_scale", op == "QLinearAdd" ? 0.06f : 0.15f), b.ZeroPoint("y_zp", type, zp)], "y");
                    break;
                }
            case "QLinearConcat":
                {
                    var x2 = b.Input("x2", type, 1, 2, 3, 3);
                    b.MicrosoftNode(op, [b.Scalar("y_scale", 0.05f), b.ZeroPoint("y_zp", type, zp), .. xs, x2, b.Scalar("x2_scale", 0.05f),
                        b.ZeroPoint("x2_zp", type, zp)], "y", ("axis", 1));
                    outShape = [1, 6, 3, 3];
                    break;
                }
            case "QLinearSoftmax":
                b.MicrosoftNode(op, [.. xs, b.Scalar("y_scale", 1f / 256), b.ZeroPoint("y_zp", type, type == UInt8Element ? 0 : -128)], "y",
                    ("axis", 1), ("opset", 13));
                break;
            case "QLinearLeakyRelu":
                b.MicrosoftNode(op, [.. xs, b.Scalar("y_scale", 0.03f), b.ZeroPoint("y_zp", type, zp)], "y", ("alpha", 0.2f));
                break;
            default: // QLinearSigmoid
                b.MicrosoftNode(op, [.. xs, b.Scalar("y_scale", 1f / 256), b.ZeroPoint("y_zp", type, type == UInt8Element ? 0 : -128)], "y");
                break;
        }
        b.Output("y", type, outShape);
        return b.Model();
    }

    // ---- float ----

    /// <summary>Float graphs of the shape and elementwise operators, and the shape arithmetic exporters write.</summary>
    public static OnnxProto.ModelProto FloatGraph(string variant, int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder(opset: variant switch { "ReduceMeanChannels" => 13, "Split" => 18, _ => 17 });
        switch (variant)
        {
            case "Elementwise":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var x2 = b.Input("x2", FloatElement, 1, 3, 4, 5);
                    b.Initializer("c", FloatElement, [3, 1, 1], RandomFloats(r, 3));
                    b.Initializer("d", FloatElement, [5], RandomFloats(r, 5));
                    var sum = b.Node("Add", [x, "c"], "sum");
                    var product = b.Node("Mul", [sum, x2], "product");
                    b.Node("Sub", [product, "d"], "y");
                    b.Output("y", FloatElement, 1, 3, 4, 5);
                    break;
                }
            case "ConcatReshape":
                {
                    // Concat on channels, then a Reshape to rows: the output leaves NHWC through TRANSPOSE and RESHAPE.
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var relu = b.Node("Relu", [x], "relu");
                    var cat = b.Node("Concat", [x, relu], "cat", ("axis", 1));
                    b.Node("Reshape", [cat, b.Initializer("shape", Int64Element, [2], new long[] { 6, -1 })], "y");
                    b.Output("y", FloatElement, 6, 20);
                    break;
                }
            case "MatMulRank3":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var rows = b.Node("Reshape", [x, b.Initializer("shape", Int64Element, [3], new long[] { 1, 12, 5 })], "rows");
                    b.Initializer("w", FloatElement, [5, 7], RandomFloats(r, 35));
                    b.Node("MatMul", [rows, "w"], "y");
                    b.Output("y", FloatElement, 1, 12, 7);
                    break;
                }
            case "ExportedFlatten":
                {
                    // torch.flatten as exporters write it: Shape → Gather → Unsqueeze → Concat → Reshape, folded at import.
                    var x = b.Input("x", FloatElement, 1, 3, 6, 6);
                    b.Initializer("w", FloatElement, [4, 3, 3, 3], RandomFloats(r, 108));
                    var conv = b.Node("Conv", [x, "w"], "conv", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }));
                    var shape = b.Node("Shape", [conv], "shape");
                    var batch = b.Node("Gather", [shape, b.Initializer("zero", Int64Element, [], new long[] { 0 })], "batch", ("axis", 0));
                    var batch1 = b.Node("Unsqueeze", [batch, b.Initializer("axes", Int64Element, [1], new long[] { 0 })], "batch1");
                    var target = b.Node("Concat", [batch1, b.Initializer("minus1", Int64Element, [1], new long[] { -1 })], "target", ("axis", 0));
                    var flat = b.Node("Reshape", [conv, target], "flat");
                    b.Initializer("g", FloatElement, [5, 36], RandomFloats(r, 180));
                    b.Node("Gemm", [flat, "g"], "y", ("transB", 1));
                    b.Output("y", FloatElement, 1, 5);
                    break;
                }
            case "SqueezePool":
                {
                    var x = b.Input("x", FloatElement, 1, 6, 4, 5);
                    var gap = b.Node("GlobalAveragePool", [x], "gap");
                    var squeezed = b.Node("Squeeze", [gap, b.Initializer("axes", Int64Element, [2], new long[] { 2, 3 })], "squeezed");
                    b.Initializer("w", FloatElement, [6, 3], RandomFloats(r, 18));
                    var mm = b.Node("MatMul", [squeezed, "w"], "mm");
                    b.Node("Unsqueeze", [mm, b.Initializer("axes2", Int64Element, [1], new long[] { 1 })], "y");
                    b.Output("y", FloatElement, 1, 1, 3);
                    break;
                }
            case "PadValue":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var pads = b.Initializer("pads", Int64Element, [8], new long[] { 0, 0, 2, 0, 0, 0, 0, 3 });
                    b.Node("Pad", [x, pads, b.Scalar("value", 0.5f)], "y");
                    b.Output("y", FloatElement, 1, 3, 6, 8);
                    break;
                }
            case "Min":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var x2 = b.Input("x2", FloatElement, 1, 3, 4, 5);
                    b.Node("Min", [x, x2], "y");
                    b.Output("y", FloatElement, 1, 3, 4, 5);
                    break;
                }
            case "Slice":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 8, 7);
                    b.Node("Slice", [x, b.Initializer("starts", Int64Element, [1], new long[] { -5 }),
                        b.Initializer("ends", Int64Element, [1], new long[] { long.MaxValue }), b.Initializer("axes", Int64Element, [1], new long[] { 2 })], "y");
                    b.Output("y", FloatElement, 1, 3, 5, 7);
                    break;
                }
            case "Split":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 7);
                    var node = new global::Onnx.NodeProto { OpType = "Split", Name = "split" };
                    node.Input.Add(x);
                    node.Output.AddRange(["y0", "y1", "y2"]);
                    node.Attribute.Add(new global::Onnx.AttributeProto { Name = "axis", I = 3, Type = global::Onnx.AttributeProto.Types.AttributeType.Int });
                    node.Attribute.Add(new global::Onnx.AttributeProto { Name = "num_outputs", I = 3, Type = global::Onnx.AttributeProto.Types.AttributeType.Int });
                    b.Graph.Node.Add(node);
                    b.Output("y0", FloatElement, 1, 3, 4, 3);
                    b.Output("y1", FloatElement, 1, 3, 4, 3);
                    b.Output("y2", FloatElement, 1, 3, 4, 1);
                    break;
                }
            case "ConvBatchNorm":
            case "PoolBatchNorm":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 6, 7);
                    string features;
                    if (variant == "ConvBatchNorm")
                    {
                        b.Initializer("w", FloatElement, [4, 3, 3, 3], RandomFloats(r, 108));
                        b.Initializer("cb", FloatElement, [4], RandomFloats(r, 4));
                        features = b.Node("Conv", [x, "w", "cb"], "conv", ("kernel_shape", new[] { 3, 3 }), ("pads", new[] { 1, 1, 1, 1 }));
                    }
                    else
                    {
                        features = b.Node("MaxPool", [x], "pool", ("kernel_shape", new[] { 1, 1 }));
                    }
                    var c = variant == "ConvBatchNorm" ? 4 : 3;
                    b.Initializer("gamma", FloatElement, [c], RandomFloats(r, c, 2f));
                    b.Initializer("beta", FloatElement, [c], RandomFloats(r, c));
                    b.Initializer("mean", FloatElement, [c], RandomFloats(r, c));
                    b.Initializer("var", FloatElement, [c], RandomFloats(r, c).Select(v => v * v + 0.1f).ToArray());
                    var bn = b.Node("BatchNormalization", [features, "gamma", "beta", "mean", "var"], "bn", ("epsilon", 1e-3f));
                    b.Node("Relu", [bn], "y");
                    b.Output("y", FloatElement, 1, c, 6, 7);
                    break;
                }
            case "ConvTransposeValid":
            case "ConvTransposeCropped":
                {
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var valid = variant == "ConvTransposeValid";
                    var k = valid ? 2 : 3;
                    b.Initializer("w", FloatElement, [3, 2, k, k], RandomFloats(r, 6 * k * k));
                    b.Initializer("cb", FloatElement, [2], RandomFloats(r, 2));
                    (string, object)[] attributes = valid
                        ? [("strides", new[] { 2, 2 })]
                        : [("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }), ("output_padding", new[] { 1, 1 })];
                    b.Node("ConvTranspose", [x, "w", "cb"], "y", attributes);
                    b.Output("y", FloatElement, 1, 2, 8, 10);
                    break;
                }
            case "SqueezeExcite":
                {
                    // A squeeze-and-excitation gate: GlobalAveragePool, Flatten, Reshape back to [N,C,1,1], 1x1 Conv,
                    // Sigmoid, Mul with the map. The reshapes cost nothing: [N,C,1,1] has the bytes of NHWC [N,1,1,C].
                    var x = b.Input("x", FloatElement, 1, 4, 3, 5);
                    var gap = b.Node("GlobalAveragePool", [x], "gap");
                    var flat = b.Node("Flatten", [gap], "flat");
                    var back = b.Node("Reshape", [flat, b.Initializer("shape", Int64Element, [4], new long[] { 1, 4, 1, 1 })], "back");
                    b.Initializer("w", FloatElement, [4, 4, 1, 1], RandomFloats(r, 16));
                    var conv = b.Node("Conv", [back, "w"], "conv");
                    var gate = b.Node("Sigmoid", [conv], "gate");
                    b.Node("Mul", [x, gate], "y");
                    b.Output("y", FloatElement, 1, 4, 3, 5);
                    break;
                }
            case "OneDimensional":
                {
                    // A 1-D network as audio models have: Conv1d+Relu, MaxPool1d, Conv1d, global average, Gemm.
                    var x = b.Input("x", FloatElement, 1, 4, 16);
                    b.Initializer("w1", FloatElement, [6, 4, 3], RandomFloats(r, 72));
                    b.Initializer("b1", FloatElement, [6], RandomFloats(r, 6));
                    var c1 = b.Node("Conv", [x, "w1", "b1"], "c1", ("kernel_shape", new[] { 3 }), ("pads", new[] { 1, 1 }));
                    var r1 = b.Node("Relu", [c1], "r1");
                    var p1 = b.Node("MaxPool", [r1], "p1", ("kernel_shape", new[] { 2 }), ("strides", new[] { 2 }));
                    b.Initializer("w2", FloatElement, [5, 6, 3], RandomFloats(r, 90));
                    var c2 = b.Node("Conv", [p1, "w2"], "c2", ("kernel_shape", new[] { 3 }), ("strides", new[] { 2 }), ("dilations", new[] { 1 }));
                    var gap = b.Node("GlobalAveragePool", [c2], "gap");
                    var flat = b.Node("Flatten", [gap], "flat");
                    b.Initializer("g", FloatElement, [3, 5], RandomFloats(r, 15));
                    b.Node("Gemm", [flat, "g"], "y", ("transB", 1));
                    b.Output("y", FloatElement, 1, 3);
                    break;
                }
            case "DivReduceSum":
                {
                    // Input scaling as models do it (x / 255 - mean), then a sum over W keeping dims.
                    var x = b.Input("x", FloatElement, 1, 3, 4, 5);
                    var scaled = b.Node("Div", [x, b.Scalar("range", 255f)], "scaled");
                    b.Initializer("mean", FloatElement, [1, 3, 1, 1], new[] { 0.485f, 0.456f, 0.406f });
                    var centred = b.Node("Sub", [scaled, "mean"], "centred");
                    b.Node("ReduceSum", [centred, b.Initializer("axes", Int64Element, [1], new long[] { 3 })], "y");
                    b.Output("y", FloatElement, 1, 3, 4, 1);
                    break;
                }
            case "GemmClip":
                {
                    var x = b.Input("x", FloatElement, 2, 6);
                    b.Initializer("g", FloatElement, [6, 4], RandomFloats(r, 24));
                    var gemm = b.Node("Gemm", [x, "g"], "gemm");
                    b.Node("Clip", [gemm, b.Scalar("lo", -1f), b.Scalar("hi", 1f)], "y");
                    b.Output("y", FloatElement, 2, 4);
                    break;
                }
            case "ReduceMeanChannels":
                {
                    var x = b.Input("x", FloatElement, 1, 6, 4, 5);
                    b.Node("ReduceMean", [x], "y", ("axes", new[] { 1 }), ("keepdims", 0));
                    b.Output("y", FloatElement, 1, 4, 5);
                    break;
                }
            default: // MaxPoolPads
                {
                    var x = b.Input("x", FloatElement, 1, 3, 8, 8);
                    b.Node("MaxPool", [x], "y", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }));
                    b.Output("y", FloatElement, 1, 3, 4, 4);
                    break;
                }
        }
        return b.Model();
    }

    public static OnnxProto.ModelProto FloatModel(string op, int seed)
    {
        var r = new Random(seed);
        var b = new OnnxModelBuilder();
        var x = b.Input("x", FloatElement, 1, 3, 8, 8);
        switch (op)
        {
            case "Conv":
                b.Initializer("w", FloatElement, [4, 3, 3, 3], RandomFloats(r, 108));
                b.Initializer("b", FloatElement, [4], RandomFloats(r, 4));
                b.Node("Conv", [x, "w", "b"], "conv", ("kernel_shape", new[] { 3, 3 }), ("pads", new[] { 1, 1, 1, 1 }));
                b.Node("Relu", ["conv"], "y");
                b.Output("y", FloatElement, 1, 4, 8, 8);
                break;
            case "DepthwiseConv":
                b.Initializer("w", FloatElement, [6, 1, 3, 3], RandomFloats(r, 54));
                b.Node("Conv", [x, "w"], "y", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("group", 3),
                    ("auto_pad", "SAME_UPPER"));
                b.Output("y", FloatElement, 1, 6, 4, 4);
                break;
            case "MaxPool":
            case "AveragePool":
                b.Node(op, [x], "y", ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }));
                b.Output("y", FloatElement, 1, 3, 4, 4);
                break;
            case "GlobalAveragePool":
                b.Node(op, [x], "y");
                b.Output("y", FloatElement, 1, 3, 1, 1);
                break;
            default: // Conv → Flatten → Gemm → MatMul
                b.Initializer("w", FloatElement, [2, 3, 3, 3], RandomFloats(r, 54));
                b.Node("Conv", [x, "w"], "conv", ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }));
                b.Node("Flatten", ["conv"], "flat");
                b.Initializer("g", FloatElement, [18, 7], RandomFloats(r, 126));
                b.Initializer("gb", FloatElement, [7], RandomFloats(r, 7));
                b.Node("Gemm", ["flat", "g", "gb"], "gemm", ("alpha", 0.5f));
                b.Initializer("m", FloatElement, [7, 3], RandomFloats(r, 21));
                b.Node("MatMul", ["gemm", "m"], "y");
                b.Output("y", FloatElement, 1, 3);
                break;
        }
        return b.Model();
    }
}
