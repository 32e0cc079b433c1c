using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.UnidirectionalSequenceLstm;

/// <summary>
/// UNIDIRECTIONAL_SEQUENCE_LSTM as TFLM micro evaluates it (unidirectional_sequence_lstm.cc, lstm_eval*.cc): the
/// standard four-gate LSTM without peephole, projection or layer normalisation, with a tanh cell gate, optional cell
/// clipping and two variable state tensors. float32 (float weights and cell state); int8 activations with int8 weights,
/// int32 biases and an int16 cell state; int16 activations with int8 weights, int64 biases and an int16 cell state.
/// The gate scales are TFLM micro's fixed ones (gate products at 2^-12, gate outputs at 2^-15): the model's
/// intermediate tensors, which carry the quantization TFLite (not micro) uses, are ignored as TFLM micro ignores them.
/// </summary>
public sealed class UnidirectionalSequenceLstmOp : OperatorDefinition<UnidirectionalSequenceLstmData>
{
    // Input tensor positions (TFLM lstm_shared.h): 1-4 input-to-gate weights and 5-8 recurrent weights, each in the
    // gate order input, forget, cell, output; 12-15 the gate biases in the same order.
    private const int InputTensor = 0;
    private const int InputToInputWeights = 1;
    private const int InputGateBias = 12;
    private const int HiddenStateTensor = 18;
    private const int CellStateTensor = 19;

    /// <summary>Scale of the gate pre-activations (Q3.12) and of the gate outputs (Q0.15), as TFLM micro fixes them.</summary>
    private const float GateInputScale = 0.000244140625f;
    private const float GateOutputScale = 0.000030517578125f;

    private static readonly (int[] Positions, string What)[] AbsentVariants =
    [
        ([9, 10, 11], "peephole weights"),
        ([16, 17], "projection weights and bias"),
        ([20, 21, 22, 23], "layer normalisation coefficients"),
    ];

    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.UnidirectionalSequenceLstm];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    /// <summary>The kernel's four gate buffers: int16 for int8 (MG_LSTM_S8_SCRATCH_BYTES), float (MG_LSTM_F32_SCRATCH_BYTES).</summary>
    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target)
    {
        var d = PrepareData(ctx);
        return d.ActivationType == DataType.Int16 ? [StorageOption.Separate()] : [StorageOption.Separate(ScratchBytes(d))];
    }

    public override long CountMacs(OpContext ctx)
    {
        var d = PrepareData(ctx);
        return 4L * d.BatchSize * d.TimeSteps * d.StateDimension * (d.InputDimension + d.StateDimension);
    }

    protected override UnidirectionalSequenceLstmData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(24, 24, 1);
        var options = ctx.Options<LstmOptions>();
        var input = ctx.Input(InputTensor);
        var hidden = ctx.Input(HiddenStateTensor);
        var cell = ctx.Input(CellStateTensor);
        var output = ctx.Output(0);

        // LstmTensors::ValidateTensorStatus.
        if (!hidden.IsVariable)
        {
            throw ctx.Fail(hidden, "the hidden state must be a variable tensor");
        }
        if (!cell.IsVariable)
        {
            throw ctx.Fail(cell, "the cell state must be a variable tensor");
        }
        ctx.RequireSameType(input, hidden);
        ctx.RequireSameType(input, output);
        var weights = Enumerable.Range(InputToInputWeights, 8).Select(ctx.Input).ToArray();
        foreach (var w in weights)
        {
            ctx.RequireSameType(weights[1], w);
        }
        var biases = Enumerable.Range(InputGateBias, 4).Select(ctx.Input).ToArray();
        foreach (var b in biases)
        {
            ctx.RequireSameType(biases[1], b);
        }
        foreach (var (positions, what) in AbsentVariants)
        {
            foreach (var position in positions)
            {
                if (ctx.HasInput(position))
                {
                    throw ctx.Fail(ctx.Input(position), $"{what} (LSTM variants) are not supported");
                }
            }
        }

        // CreateLstmSizeInfo and ValidateTensorSize.
        ctx.RequireRank(input, 3);
        ctx.RequireRank(hidden, 2);
        var timeMajor = options.TimeMajor;
        var batchSize = timeMajor ? input.Shape[1] : input.Shape[0];
        var timeSteps = timeMajor ? input.Shape[0] : input.Shape[1];
        var inputDimension = input.Shape[2];
        var stateDimension = hidden.Shape[1];
        for (var i = 0; i < 4; i++)
        {
            ctx.RequireShape(weights[i], stateDimension, inputDimension);
            ctx.RequireShape(weights[4 + i], stateDimension, stateDimension);
            ctx.RequireShape(biases[i], stateDimension);
        }
        foreach (var state in new[] { hidden, cell })
        {
            if (state.ElementCount != (long)batchSize * stateDimension)
            {
                throw ctx.Fail(state, $"has {state.ElementCount} elements, expected batch {batchSize} x state {stateDimension}");
            }
        }
        ctx.RequireShape(output, input.Shape[0], input.Shape[1], stateDimension);
        foreach (var constant in weights.Concat(biases))
        {
            ctx.RequireConstant(constant);
        }
        if (options.Activation != Activation.Tanh)
        {
            throw ctx.Fail($"cell gate activation {options.Activation} is not supported (TFLM supports tanh)");
        }

        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        if (input.Type == DataType.Float32)
        {
            ctx.RequireType(weights[1], DataType.Float32);
            ctx.RequireType(biases[1], DataType.Float32);
            ctx.RequireType(cell, DataType.Float32);
            return new UnidirectionalSequenceLstmData(input.Index, output.Index, hidden.Index, cell.Index, input.Type,
                timeMajor, batchSize, timeSteps, inputDimension, stateDimension,
                FloatGate(weights, biases, 1), FloatGate(weights, biases, 0), FloatGate(weights, biases, 2), FloatGate(weights, biases, 3),
                options.CellClip, 0, 0, null, null, null);
        }

        ctx.RequireType(weights[1], DataType.Int8);
        ctx.RequireType(biases[1], input.Type == DataType.Int8 ? DataType.Int32 : DataType.Int64);
        ctx.RequireType(cell, DataType.Int16);
        var inQ = ctx.RequirePerTensorQuantization(input);
        var hiddenQ = ctx.RequirePerTensorQuantization(hidden);
        var cellQ = ctx.RequirePerTensorQuantization(cell);
        var gates = new LstmGateData[4];
        for (var i = 0; i < 4; i++)
        {
            gates[i] = new LstmGateData(weights[i].Index, weights[4 + i].Index, biases[i].Index,
                GateFullyConnected(ctx, input.Type, inQ, weights[i]), GateFullyConnected(ctx, input.Type, hiddenQ, weights[4 + i]));
        }

        // CreateLstmCellStateInfo: the log2 is taken even when the scale is not a power of two (TFLM ignores the check).
        ActivationScalingRules.CheckedLog2(cellQ.Scale, out var cellStateScalePower);
        var quantizedCellClip = (short)Math.Min(Math.Max((double)options.CellClip / cellQ.Scale, -32768.0), 32767.0);

        var hiddenMin = input.Type == DataType.Int8 ? sbyte.MinValue : short.MinValue;
        var hiddenMax = input.Type == DataType.Int8 ? sbyte.MaxValue : short.MaxValue;
        var forgetCellMul = MulParams(GateOutputScale, cellQ.Scale, cellQ.Scale, short.MinValue, short.MaxValue, 0);
        var inputCellGateMul = MulParams(GateOutputScale, GateOutputScale, cellQ.Scale, short.MinValue, short.MaxValue, 0);
        var hiddenMul = MulParams(GateOutputScale, GateOutputScale, hiddenQ.Scale, hiddenMin, hiddenMax, hiddenQ.ZeroPoint);
        return new UnidirectionalSequenceLstmData(input.Index, output.Index, hidden.Index, cell.Index, input.Type,
            timeMajor, batchSize, timeSteps, inputDimension, stateDimension,
            gates[1], gates[0], gates[2], gates[3],
            options.CellClip, quantizedCellClip, cellStateScalePower, forgetCellMul, inputCellGateMul, hiddenMul);
    }

    protected override void Eval(UnidirectionalSequenceLstmData d, TensorBuffers buffers)
    {
        switch (d.ActivationType)
        {
            case DataType.Int8:
                LstmKernels.EvalInteger(d, Views<sbyte, sbyte, int, short>(d, buffers));
                break;
            case DataType.Int16:
                LstmKernels.EvalInteger(d, Views<short, sbyte, long, short>(d, buffers));
                break;
            default:
                LstmKernels.EvalFloat(d, Views<float, float, float, float>(d, buffers));
                break;
        }
    }

    private static LstmTensorViews<TActivation, TWeight, TBias, TCell> Views<TActivation, TWeight, TBias, TCell>(
        UnidirectionalSequenceLstmData d, TensorBuffers buffers)
        where TActivation : unmanaged where TWeight : unmanaged where TBias : unmanaged where TCell : unmanaged =>
        new(buffers.Read<TActivation>(d.Input), buffers.Write<TActivation>(d.Output),
            buffers.Write<TActivation>(d.HiddenState), buffers.Write<TCell>(d.CellState),
            GateViews<TWeight, TBias>(d.ForgetGate, buffers), GateViews<TWeight, TBias>(d.InputGate, buffers),
            GateViews<TWeight, TBias>(d.CellGate, buffers), GateViews<TWeight, TBias>(d.OutputGate, buffers));

    private static LstmGateViews<TWeight, TBias> GateViews<TWeight, TBias>(LstmGateData gate, TensorBuffers buffers)
        where TWeight : unmanaged where TBias : unmanaged =>
        new(buffers.Read<TWeight>(gate.InputWeights), buffers.Read<TWeight>(gate.RecurrentWeights), buffers.Read<TBias>(gate.Bias));

    private static LstmGateData FloatGate(Tensor[] weights, Tensor[] biases, int gate) =>
        new(weights[gate].Index, weights[4 + gate].Index, biases[gate].Index, null, null);

    /// <summary>
    /// CalculateOpDataFullyConnected for a gate product: the multiplier is the activation scale times the weight scale
    /// (multiplied in float) over the Q3.12 gate scale; the output is int16 with no activation. TFLM leaves the
    /// multiplier unset for per-channel weights, so those are rejected. With int16 activations the int64 rescaling
    /// only supports exponents in [-31, 8).
    /// </summary>
    private static LstmFullyConnectedParams GateFullyConnected(OpContext ctx, DataType activationType, Quantization activationQ, Tensor weights)
    {
        var weightsQ = ctx.RequirePerTensorQuantization(weights);
        var product = (double)(activationQ.Scale * weightsQ.Scale);
        var multiplier = QuantizedMultiplier.FromDouble(product / GateInputScale);
        if (activationType == DataType.Int16 && multiplier.Shift is < -31 or >= 8)
        {
            // The int64 MultiplyByQuantizedMultiplier asserts -31 <= shift < 8; beyond it its shifts are undefined.
            throw ctx.Fail(weights, $"scale {weightsQ.Scale} gives a gate multiplier exponent {multiplier.Shift} outside [-31, 8)");
        }
        return new LstmFullyConnectedParams(-activationQ.ZeroPoint, -weightsQ.ZeroPoint, 0,
            multiplier.Multiplier, multiplier.Shift, short.MinValue, short.MaxValue);
    }

    /// <summary>CreateInterGateMulParams: input1_scale * input2_scale / output_scale in double.</summary>
    private static LstmMulParams MulParams(float input1Scale, float input2Scale, float outputScale, int min, int max, int outputZeroPoint)
    {
        var productScale = (double)input1Scale * input2Scale;
        var multiplier = QuantizedMultiplier.FromDouble(productScale / outputScale);
        return new LstmMulParams(outputZeroPoint, multiplier.Multiplier, multiplier.Shift, min, max);
    }

    protected override KernelCall Lower(OpContext ctx, UnidirectionalSequenceLstmData d, StorageOption storage, TargetFeatures target)
    {
        if (d.ActivationType == DataType.Float32)
        {
            return LowerFloat(ctx, d);
        }
        if (d.ActivationType != DataType.Int8)
        {
            throw ctx.Fail($"{d.ActivationType.DisplayName()} UNIDIRECTIONAL_SEQUENCE_LSTM has no C kernel; int8 and float32 are supported");
        }
        var inputQ = ctx.Input(InputTensor).Quantization!;
        var hiddenQ = ctx.Input(HiddenStateTensor).Quantization!;
        var (cellTanhMultiplier, cellTanhShift) = LstmKernels.TanhParameters(d.CellStateScalePower);
        var (gateTanhMultiplier, gateTanhShift) = LstmKernels.TanhParameters(LstmKernels.GateScalePower);
        var fields = new List<(string, KernelValue)>
        {
            ("batches", KernelValue.Of(d.BatchSize)), ("time_steps", KernelValue.Of(d.TimeSteps)),
            ("input_dim", KernelValue.Of(d.InputDimension)), ("state_dim", KernelValue.Of(d.StateDimension)),
            ("time_major", KernelValue.Of(d.TimeMajor ? 1 : 0)),
            ("input_offset", KernelValue.Of(-inputQ.ZeroPoint)), ("hidden_offset", KernelValue.Of(-hiddenQ.ZeroPoint)),
        };
        foreach (var (name, gate) in new[] { ("forget", d.ForgetGate), ("input", d.InputGate), ("cell", d.CellGate), ("output", d.OutputGate) })
        {
            var x = gate.InputFullyConnected!;
            var h = gate.RecurrentFullyConnected!;
            foreach (var fc in new[] { x, h })
            {
                if (fc.OutputOffset != 0 || fc.ActivationMin != short.MinValue || fc.ActivationMax != short.MaxValue)
                {
                    throw new InvalidOperationException("LSTM gate products are int16 without output offset");
                }
            }
            fields.AddRange(
            [
                ($"{name}.input_weights", KernelValue.Tensor(ctx.Graph.Tensors[gate.InputWeights])),
                ($"{name}.recurrent_weights", KernelValue.Tensor(ctx.Graph.Tensors[gate.RecurrentWeights])),
                ($"{name}.bias", KernelValue.Tensor(ctx.Graph.Tensors[gate.Bias])),
                ($"{name}.input_weights_offset", KernelValue.Of(x.WeightsOffset)),
                ($"{name}.input_multiplier", KernelValue.Of(x.Multiplier)), ($"{name}.input_shift", KernelValue.Of(x.Shift)),
                ($"{name}.recurrent_weights_offset", KernelValue.Of(h.WeightsOffset)),
                ($"{name}.recurrent_multiplier", KernelValue.Of(h.Multiplier)), ($"{name}.recurrent_shift", KernelValue.Of(h.Shift)),
            ]);
        }
        fields.AddRange(
        [
            ("use_cell_clip", KernelValue.Of(d.CellClip > 0 ? 1 : 0)), ("cell_clip", KernelValue.Of(d.QuantizedCellClip)),
            ("cell_tanh_multiplier", KernelValue.Of(cellTanhMultiplier)), ("cell_tanh_shift", KernelValue.Of(cellTanhShift)),
            ("gate_tanh_multiplier", KernelValue.Of(gateTanhMultiplier)), ("gate_tanh_shift", KernelValue.Of(gateTanhShift)),
        ]);
        foreach (var (name, mul) in new[] { ("forget_cell", d.ForgetCellMul!), ("input_cell_gate", d.InputCellGateMul!), ("hidden", d.HiddenMul!) })
        {
            fields.AddRange(
            [
                ($"{name}.multiplier", KernelValue.Of(mul.Multiplier)), ($"{name}.shift", KernelValue.Of(mul.Shift)),
                ($"{name}.output_offset", KernelValue.Of(mul.OutputOffset)),
                ($"{name}.act_min", KernelValue.Of(mul.ActivationMin)), ($"{name}.act_max", KernelValue.Of(mul.ActivationMax)),
            ]);
        }
        fields.Add(("sigmoid_table", ActivationLowering.SigmoidTable()));
        var rowsPerStep = d.TimeMajor ? d.BatchSize : 1;
        return KernelCall.Create("mg_lstm_s8", "mg_lstm_s8_params", fields,
            [
                KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output),
                KernelOperand.ForTensor(d.HiddenState), KernelOperand.ForTensor(d.CellState), KernelOperand.Scratch,
            ],
            "kernels/mg_lstm_s8.c", "kernels/mg_logistic_tanh.c") with
        {
            ScratchMacro = "MG_LSTM_S8_SCRATCH_BYTES",
            ScratchMacroArguments = new long[] { rowsPerStep, d.StateDimension },
        };
    }

    private static KernelCall LowerFloat(OpContext ctx, UnidirectionalSequenceLstmData d)
    {
        var fields = new List<(string, KernelValue)>
        {
            ("batches", KernelValue.Of(d.BatchSize)), ("time_steps", KernelValue.Of(d.TimeSteps)),
            ("input_dim", KernelValue.Of(d.InputDimension)), ("state_dim", KernelValue.Of(d.StateDimension)),
            ("time_major", KernelValue.Of(d.TimeMajor ? 1 : 0)),
        };
        foreach (var (name, gate) in new[] { ("forget", d.ForgetGate), ("input", d.InputGate), ("cell", d.CellGate), ("output", d.OutputGate) })
        {
            fields.AddRange(
            [
                ($"{name}.input_weights", KernelValue.Tensor(ctx.Graph.Tensors[gate.InputWeights])),
                ($"{name}.recurrent_weights", KernelValue.Tensor(ctx.Graph.Tensors[gate.RecurrentWeights])),
                ($"{name}.bias", KernelValue.Tensor(ctx.Graph.Tensors[gate.Bias])),
            ]);
        }
        fields.Add(("use_cell_clip", KernelValue.Of(d.CellClip > 0 ? 1 : 0)));
        fields.Add(("cell_clip", KernelValue.Of(d.CellClip > 0 ? d.CellClip : 0f)));
        return KernelCall.Create("mg_lstm_f32", "mg_lstm_f32_params", fields,
            [
                KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output),
                KernelOperand.ForTensor(d.HiddenState), KernelOperand.ForTensor(d.CellState), KernelOperand.Scratch,
            ],
            "kernels/mg_lstm_f32.c", "kernels/mg_logistic_f32.c", "kernels/mg_expf.c") with
        {
            ScratchMacro = "MG_LSTM_F32_SCRATCH_BYTES",
            ScratchMacroArguments = new long[] { d.TimeMajor ? d.BatchSize : 1, d.StateDimension },
            Libraries = ActivationLowering.MathLibrary,
        };
    }

    /// <summary>Four gate buffers (int16 for int8, float for float32) of (time-major ? batch : 1) x state values.</summary>
    private static long ScratchBytes(UnidirectionalSequenceLstmData d) =>
        (d.ActivationType == DataType.Float32 ? 4L : 2L) * 4 * (d.TimeMajor ? d.BatchSize : 1) * d.StateDimension;
}
