using System.Text;

namespace MicroGen.Ir;

public static class OpKindExtensions
{
    /// <summary>The TFLite-style upper-case name (CONV_2D, DEPTHWISE_CONV_2D, ...).</summary>
    public static string DisplayName(this OpKind kind) => kind switch
    {
        OpKind.AveragePool2D => "AVERAGE_POOL_2D",
        OpKind.BatchMatMul => "BATCH_MATMUL",
        OpKind.Conv2D => "CONV_2D",
        OpKind.DepthwiseConv2D => "DEPTHWISE_CONV_2D",
        OpKind.MaxPool2D => "MAX_POOL_2D",
        OpKind.Relu6 => "RELU6",
        OpKind.ReluN1To1 => "RELU_N1_TO_1",
        OpKind.PadV2 => "PADV2",
        OpKind.Prelu => "PRELU",
        OpKind.SplitV => "SPLIT_V",
        OpKind.UnidirectionalSequenceLstm => "UNIDIRECTIONAL_SEQUENCE_LSTM",
        _ => ToUpperSnake(kind.ToString()),
    };

    /// <summary>A lower-case identifier usable in C symbol names (conv_2d, depthwise_conv_2d, ...).</summary>
    public static string SymbolName(this OpKind kind) => kind.DisplayName().ToLowerInvariant();

    private static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }
}
