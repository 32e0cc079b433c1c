using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Common;

/// <summary>Prepared data of a broadcasting binary operator: both inputs read through views over the output's shape.</summary>
public interface IBroadcastBinaryData
{
    StridedView Input1View { get; }

    StridedView Input2View { get; }

    /// <summary>The same data reading its inputs through other views (a patch of the output).</summary>
    IBroadcastBinaryData WithViews(StridedView input1, StridedView input2);
}
