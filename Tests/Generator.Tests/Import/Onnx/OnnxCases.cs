using MicroGen.Ir;
using static MicroGen.Tests.Import.Onnx.OnnxModelBuilder;
using static MicroGen.Tests.Import.Onnx.OnnxTestModels;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>The ONNX operator cases compared with ONNX Runtime, one or more per supported ONNX operator and form.</summary>
internal static class OnnxCases
{
    public static IEnumerable<OnnxCase> All =>
    [
        // QDQ
        new("QDQ Conv+Relu int8 per-channel 3x3 SAME", () => QdqConv(Int8Element, true, 1, [1, 1, 1, 1], 1, true, 1), [OpKind.Conv2D]),
        new("QDQ Conv uint8 per-tensor stride 2", () => QdqConv(UInt8Element, false, 2, [0, 0, 1, 1], 1, false, 2), [OpKind.Conv2D]),
        new("QDQ Conv depthwise+Relu int8 per-channel", () => QdqConv(Int8Element, true, 1, [1, 1, 1, 1], 4, true, 3), [OpKind.DepthwiseConv2D]),
        new("QDQ Conv explicit pads (PAD)", () => QdqConv(Int8Element, true, 2, [1, 1, 1, 1], 1, false, 4), [OpKind.Pad, OpKind.Conv2D]),
        new("QDQ Gemm int8 per-channel", () => QdqGemm(Int8Element, true, false, 5), [OpKind.FullyConnected]),
        new("QDQ MatMul uint8 per-tensor", () => QdqGemm(UInt8Element, false, true, 6), [OpKind.FullyConnected]),
        new("QDQ MaxPool int8 SAME", () => QdqPool(Int8Element, "MaxPool"), [OpKind.MaxPool2D], Exact: true),
        new("QDQ AveragePool uint8", () => QdqPool(UInt8Element, "AveragePool"), [OpKind.AveragePool2D]),
        new("QDQ GlobalAveragePool int8", () => QdqPool(Int8Element, "GlobalAveragePool"), [OpKind.AveragePool2D]),
        new("QDQ GlobalAveragePool requantized", () => QdqPool(Int8Element, "GlobalAveragePool", 0.02f), [OpKind.Mean]),
        new("QDQ Pad int8", () => QdqLayout("Pad"), [OpKind.Pad], Exact: true),
        new("QDQ Max with a constant", () => QdqLayout("MaxConstant"), [OpKind.Maximum], Exact: true),
        new("QDQ Slice of channels", () => QdqLayout("Slice"), [OpKind.Slice], Exact: true),
        new("QDQ Split of channels", () => QdqLayout("Split"), [OpKind.SplitV], Exact: true),
        new("QDQ ReduceMean over H, W without keepdims", () => QdqLayout("ReduceMean"), [OpKind.Mean]),
        new("QDQ Conv-Flatten-Gemm (layout folded)", () => QdqConvFlattenGemm(7), [OpKind.Conv2D, OpKind.FullyConnected]),
        new("QDQ network (6 operators, 1 LSB per operator)", () => QdqNetwork(40),
            [OpKind.Conv2D, OpKind.MaxPool2D, OpKind.DepthwiseConv2D, OpKind.Conv2D, OpKind.AveragePool2D, OpKind.FullyConnected], MaxLsb: 6),
        new("QDQ Add of a [C,1,1] constant", () => QdqLayout("AddConstant"), [OpKind.Add]),
        new("QDQ MaxPool explicit pads (PADV2)", () => QdqLayout("MaxPoolPads"), [OpKind.PadV2, OpKind.MaxPool2D], Exact: true),
        new("QDQ AveragePool count_include_pad (PAD)", () => QdqLayout("AveragePoolIncludePad"), [OpKind.Pad, OpKind.AveragePool2D]),
        new("QDQ Add int8", () => QdqSimple("Add", Int8Element), [OpKind.Add]),
        new("QDQ Mul uint8", () => QdqSimple("Mul", UInt8Element), [OpKind.Mul]),
        new("QDQ Concat int8", () => QdqSimple("Concat", Int8Element), [OpKind.Concatenation], Exact: true),
        new("QDQ Softmax int8", () => QdqSimple("Softmax", Int8Element), [OpKind.Softmax]),
        new("QDQ Sigmoid uint8", () => QdqSimple("Sigmoid", UInt8Element), [OpKind.Logistic]),
        new("QDQ Tanh int8", () => QdqSimple("Tanh", Int8Element), [OpKind.Tanh]),
        new("QDQ HardSwish int8", () => QdqSimple("HardSwish", Int8Element), [OpKind.HardSwish]),
        new("QDQ LeakyRelu uint8", () => QdqSimple("LeakyRelu", UInt8Element), [OpKind.LeakyRelu]),
        new("QDQ Relu (an operator of its own) int8", () => QdqSimple("Relu", Int8Element), [OpKind.Relu]),
        new("QDQ float input and output", () => QdqFloatInterface(43), [OpKind.Quantize, OpKind.Conv2D, OpKind.Dequantize]),
        new("QDQ Transpose int8 (to NHWC: no operator)", () => QdqSimple("Transpose", Int8Element), [], Exact: true),
        new("QDQ Transpose int8", () => QdqTranspose(), [OpKind.Transpose], Exact: true),
        new("QDQ Reshape int8", () => QdqSimple("Reshape", Int8Element), [OpKind.Transpose, OpKind.Reshape], Exact: true),
        // QOperator
        new("QLinearConv uint8 per-tensor", () => QLinearConv(UInt8Element, false, 20), [OpKind.Conv2D]),
        new("QLinearConv int8 per-channel", () => QLinearConv(Int8Element, true, 21), [OpKind.Conv2D]),
        new("QLinearMatMul int8", () => QLinearMatMul(Int8Element, false, 22), [OpKind.FullyConnected]),
        new("QGemm uint8", () => QLinearMatMul(UInt8Element, true, 23), [OpKind.FullyConnected]),
        new("QLinearAveragePool uint8", () => QLinearPool(UInt8Element, false), [OpKind.AveragePool2D]),
        new("QLinearGlobalAveragePool int8", () => QLinearPool(Int8Element, true), [OpKind.AveragePool2D]),
        new("QLinearAdd int8", () => QLinearSimple("QLinearAdd", Int8Element), [OpKind.Add]),
        new("QLinearMul uint8", () => QLinearSimple("QLinearMul", UInt8Element), [OpKind.Mul]),
        new("QLinearConcat uint8", () => QLinearSimple("QLinearConcat", UInt8Element), [OpKind.Quantize, OpKind.Concatenation]),
        new("QLinearSoftmax int8", () => QLinearSimple("QLinearSoftmax", Int8Element), [OpKind.Softmax]),
        new("QLinearSigmoid int8", () => QLinearSimple("QLinearSigmoid", Int8Element), [OpKind.Logistic]),
        // float
        new("float Conv+Relu", () => FloatModel("Conv", 30), [OpKind.Conv2D]),
        new("float Conv depthwise SAME_UPPER", () => FloatModel("DepthwiseConv", 31), [OpKind.DepthwiseConv2D]),
        new("float MaxPool", () => FloatModel("MaxPool", 32), [OpKind.MaxPool2D], Exact: true),
        new("float AveragePool", () => FloatModel("AveragePool", 33), [OpKind.AveragePool2D]),
        new("float GlobalAveragePool", () => FloatModel("GlobalAveragePool", 34), [OpKind.AveragePool2D]),
        new("float Add, Mul, Sub with broadcasting", () => FloatGraph("Elementwise", 36), [OpKind.Add, OpKind.Mul, OpKind.Sub]),
        new("float Concat, Reshape at the output", () => FloatGraph("ConcatReshape", 37),
            [OpKind.Relu, OpKind.Concatenation, OpKind.Transpose, OpKind.Reshape], Exact: true),
        new("float Reshape to rank 3, MatMul", () => FloatGraph("MatMulRank3", 38), [OpKind.Transpose, OpKind.Reshape, OpKind.FullyConnected]),
        new("float exported flatten (Shape, Gather folded)", () => FloatGraph("ExportedFlatten", 39), [OpKind.Pad, OpKind.Conv2D, OpKind.FullyConnected]),
        new("float GlobalAveragePool, Squeeze, MatMul, Unsqueeze", () => FloatGraph("SqueezePool", 40),
            [OpKind.AveragePool2D, OpKind.FullyConnected, OpKind.Reshape]),
        new("float Pad with a constant value", () => FloatGraph("PadValue", 44), [OpKind.PadV2], Exact: true),
        new("float Min", () => FloatGraph("Min", 45), [OpKind.Minimum], Exact: true),
        new("float Slice with a negative start", () => FloatGraph("Slice", 46), [OpKind.Slice], Exact: true),
        new("float Split into num_outputs (opset 18)", () => FloatGraph("Split", 47), [OpKind.SplitV], Exact: true),
        new("float Conv+BatchNormalization+Relu (folded)", () => FloatGraph("ConvBatchNorm", 48), [OpKind.Conv2D]),
        new("float BatchNormalization after MaxPool", () => FloatGraph("PoolBatchNorm", 49), [OpKind.MaxPool2D, OpKind.Mul, OpKind.Add]),
        new("float ReduceMean over channels", () => FloatGraph("ReduceMeanChannels", 42), [OpKind.Mean]),
        new("float MaxPool explicit pads (PADV2)", () => FloatGraph("MaxPoolPads", 41), [OpKind.PadV2, OpKind.MaxPool2D], Exact: true),
        new("float Conv-Flatten-Gemm-MatMul", () => FloatModel("ConvFlattenGemm", 35), [OpKind.Conv2D, OpKind.FullyConnected, OpKind.FullyConnected]),
    ];
}
