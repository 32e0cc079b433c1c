namespace MicroGen.Import.Onnx;

/// <summary>The node and inputs of a float Conv, kept so that a BatchNormalization after it can fold into its weights.</summary>
internal sealed record ConvInputs(OnnxNodeView Node, OnnxValue Input, OnnxValue Weights, OnnxValue? Bias);
