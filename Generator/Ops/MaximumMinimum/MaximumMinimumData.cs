using MicroGen.Ops.Common;
using MicroGen.Ir;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.MaximumMinimum;

/// <summary>MAXIMUM or MINIMUM after Prepare: the element type and the broadcast views of both inputs.</summary>
public sealed record MaximumMinimumData(
    bool IsMaximum, DataType Type, int Input1, int Input2, int Output, StridedView Input1View, StridedView Input2View) : IBroadcastBinaryData
{
    public IBroadcastBinaryData WithViews(StridedView input1, StridedView input2) => this with { Input1View = input1, Input2View = input2 };
}
