using System.Numerics;
using MicroGen.Ops.UnidirectionalSequenceLstm;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// UNIDIRECTIONAL_SEQUENCE_LSTM reference kernels: TFLM's EvalLstm / LstmStep (lstm_eval.h) with the reference
/// kernels it calls (integer FullyConnected, MulElementwise, the int16 Logistic and Tanh, saturating adds, clipping).
/// One step per time step (all batches at once when time-major, batch after batch otherwise):
///   forget = sigmoid(FC(x, W_f) + b_f + FC(h, R_f)), input = sigmoid(...), cell gate = tanh(...),
///   c = forget * c + input * cell gate (clipped), output = sigmoid(...), h = tanh(c) * output, y[t] = h.
/// The hidden and cell states are the variable tensors, updated in place.
/// </summary>
public static class LstmKernels
{
    /// <summary>The gate pre-activations are Q3.12: CalculateLstmGate passes -12 as the "cell state scale power" of tanh.</summary>
    private const int GateScalePower = -12;

    /// <summary>Integer LSTM: int8 (int32 bias) or int16 (int64 bias) activations, int8 weights, int16 cell state.</summary>
    public static void EvalInteger<TActivation, TBias>(UnidirectionalSequenceLstmData d, LstmTensorViews<TActivation, sbyte, TBias, short> t)
        where TActivation : unmanaged, IBinaryInteger<TActivation>
        where TBias : unmanaged, IBinaryInteger<TBias>
    {
        var rowsPerStep = d.TimeMajor ? d.BatchSize : 1;
        var stateSize = rowsPerStep * d.StateDimension;
        // TFLM's four scratch buffers, reused in its order.
        var buffer0 = new short[stateSize];
        var buffer1 = new short[stateSize];
        var buffer2 = new short[stateSize];
        var buffer3 = new short[stateSize];
        var (cellTanhMultiplier, cellTanhShift) = TanhParameters(d.CellStateScalePower);
        var (gateTanhMultiplier, gateTanhShift) = TanhParameters(GateScalePower);
        foreach (var (inputOffset, stateOffset, outputOffset) in StepOffsets(d))
        {
            var input = t.Input.Slice(inputOffset, rowsPerStep * d.InputDimension);
            var hidden = t.HiddenState.Slice(stateOffset, stateSize);
            var cell = t.CellState.Slice(stateOffset, stateSize);

            var forgetGate = buffer0;
            IntegerGate(input, hidden, rowsPerStep, t.ForgetGate, d.ForgetGate, forgetGate, buffer3);
            LogisticKernels.LogisticInt16(0, 0, forgetGate, forgetGate);
            var inputGate = buffer1;
            IntegerGate(input, hidden, rowsPerStep, t.InputGate, d.InputGate, inputGate, buffer3);
            LogisticKernels.LogisticInt16(0, 0, inputGate, inputGate);
            var cellGate = buffer2;
            IntegerGate(input, hidden, rowsPerStep, t.CellGate, d.CellGate, cellGate, buffer3);
            TanhKernels.TanhInt16(gateTanhMultiplier, gateTanhShift, cellGate, cellGate);

            // c = forget * c + input * cell gate, each product requantized to the cell scale.
            Multiply(forgetGate, cell, d.ForgetCellMul!, cell);
            var inputTimesCellGate = buffer1;
            Multiply(inputGate, cellGate, d.InputCellGateMul!, inputTimesCellGate);
            AddSaturating(cell, inputTimesCellGate, cell);
            if (d.CellClip > 0)
            {
                var clip = d.QuantizedCellClip;
                var negativeClip = unchecked((short)-clip);
                for (var i = 0; i < cell.Length; i++)
                {
                    cell[i] = Math.Max(Math.Min(clip, cell[i]), negativeClip);
                }
            }

            var outputGate = buffer1;
            IntegerGate(input, hidden, rowsPerStep, t.OutputGate, d.OutputGate, outputGate, buffer3);
            LogisticKernels.LogisticInt16(0, 0, outputGate, outputGate);

            // h = tanh(c) * output gate, requantized to the hidden state's scale and zero point.
            var cellTanh = buffer0;
            TanhKernels.TanhInt16(cellTanhMultiplier, cellTanhShift, cell, cellTanh);
            Multiply(cellTanh, outputGate, d.HiddenMul!, hidden);
            hidden.CopyTo(t.Output.Slice(outputOffset, stateSize));
        }
    }

    /// <summary>float32 LSTM: float weights, biases and cell state.</summary>
    public static void EvalFloat(UnidirectionalSequenceLstmData d, LstmTensorViews<float, float, float, float> t)
    {
        var rowsPerStep = d.TimeMajor ? d.BatchSize : 1;
        var stateSize = rowsPerStep * d.StateDimension;
        var buffer0 = new float[stateSize];
        var buffer1 = new float[stateSize];
        var buffer2 = new float[stateSize];
        var buffer3 = new float[stateSize];
        foreach (var (inputOffset, stateOffset, outputOffset) in StepOffsets(d))
        {
            var input = t.Input.Slice(inputOffset, rowsPerStep * d.InputDimension);
            var hidden = t.HiddenState.Slice(stateOffset, stateSize);
            var cell = t.CellState.Slice(stateOffset, stateSize);

            var forgetGate = buffer0;
            FloatGate(input, hidden, rowsPerStep, t.ForgetGate, forgetGate, buffer3);
            LogisticKernels.LogisticFloat(forgetGate, forgetGate);
            var inputGate = buffer1;
            FloatGate(input, hidden, rowsPerStep, t.InputGate, inputGate, buffer3);
            LogisticKernels.LogisticFloat(inputGate, inputGate);
            var cellGate = buffer2;
            FloatGate(input, hidden, rowsPerStep, t.CellGate, cellGate, buffer3);
            TanhKernels.TanhFloat(cellGate, cellGate);

            MultiplyFloat(forgetGate, cell, cell);
            var inputTimesCellGate = buffer1;
            MultiplyFloat(inputGate, cellGate, inputTimesCellGate);
            for (var i = 0; i < cell.Length; i++)
            {
                cell[i] = cell[i] + inputTimesCellGate[i];
            }
            if (d.CellClip > 0)
            {
                var clip = d.CellClip;
                for (var i = 0; i < cell.Length; i++)
                {
                    // std::max(std::min(clip, v), -clip) with std::min/std::max's comparison order.
                    var upperBounded = cell[i] < clip ? cell[i] : clip;
                    cell[i] = upperBounded < -clip ? -clip : upperBounded;
                }
            }

            var outputGate = buffer1;
            FloatGate(input, hidden, rowsPerStep, t.OutputGate, outputGate, buffer3);
            LogisticKernels.LogisticFloat(outputGate, outputGate);

            var cellTanh = buffer0;
            TanhKernels.TanhFloat(cell, cellTanh);
            MultiplyFloat(cellTanh, outputGate, hidden);
            hidden.CopyTo(t.Output.Slice(outputOffset, stateSize));
        }
    }

    /// <summary>
    /// The element offsets of each step, in TFLM's order: time-major runs every batch per time step (state offset 0),
    /// batch-major runs each batch's time steps with that batch's slice of the states.
    /// </summary>
    private static IEnumerable<(int Input, int State, int Output)> StepOffsets(UnidirectionalSequenceLstmData d)
    {
        if (d.TimeMajor)
        {
            for (var step = 0; step < d.TimeSteps; step++)
            {
                yield return (step * d.BatchSize * d.InputDimension, 0, step * d.BatchSize * d.StateDimension);
            }
            yield break;
        }
        for (var batch = 0; batch < d.BatchSize; batch++)
        {
            for (var step = 0; step < d.TimeSteps; step++)
            {
                var sequenceIndex = batch * d.TimeSteps + step;
                yield return (sequenceIndex * d.InputDimension, batch * d.StateDimension, sequenceIndex * d.StateDimension);
            }
        }
    }

    /// <summary>
    /// lstm_internal::Tanh: the int16 tanh input shift for a Q(power) value is 15 + power - 3; a negative shift becomes a
    /// right shift with multiplier 3, otherwise the multiplier is left 0 (the kernel then uses 3 &lt;&lt; shift).
    /// </summary>
    private static (int Multiplier, int Shift) TanhParameters(int scalePower)
    {
        var shift = 15 + scalePower - 3;
        return shift < 0 ? (3, -shift) : (0, shift);
    }

    /// <summary>CalculateLstmGate before the activation: FC(input) with bias plus FC(hidden) without, added with int16 saturation.</summary>
    private static void IntegerGate<TActivation, TBias>(ReadOnlySpan<TActivation> input, ReadOnlySpan<TActivation> hidden, int rows,
        LstmGateViews<sbyte, TBias> views, LstmGateData gate, Span<short> gateOutput, Span<short> scratch)
        where TActivation : unmanaged, IBinaryInteger<TActivation>
        where TBias : unmanaged, IBinaryInteger<TBias>
    {
        FullyConnected(input, rows, views.InputWeights, views.Bias, gate.InputFullyConnected!, gateOutput);
        FullyConnected(hidden, rows, views.RecurrentWeights, ReadOnlySpan<TBias>.Empty, gate.RecurrentFullyConnected!, scratch);
        AddSaturating(gateOutput, scratch, gateOutput);
    }

    /// <summary>
    /// reference_integer_ops::FullyConnected to int16: per row and output, Σ (w + weights offset) * (x + input offset)
    /// plus the bias, requantized (int32 accumulator: double-rounding multiply; int64 accumulator: the Q15-reduced
    /// multiplier), plus the output offset, clamped. Accumulator bound (int8 activations): each term is at most
    /// 255 * 255 in magnitude, so up to 2^15 terms fit int32; int16 activations accumulate in int64.
    /// </summary>
    private static void FullyConnected<TActivation, TBias>(ReadOnlySpan<TActivation> input, int rows, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<TBias> bias, LstmFullyConnectedParams p, Span<short> output)
        where TActivation : unmanaged, IBinaryInteger<TActivation>
        where TBias : unmanaged, IBinaryInteger<TBias>
    {
        var depth = output.Length / rows;
        var accumulationDepth = input.Length / rows;
        for (var row = 0; row < rows; row++)
        {
            var x = input.Slice(row * accumulationDepth, accumulationDepth);
            for (var o = 0; o < depth; o++)
            {
                var w = weights.Slice(o * accumulationDepth, accumulationDepth);
                var acc = TBias.Zero;
                for (var k = 0; k < accumulationDepth; k++)
                {
                    acc += TBias.CreateTruncating((w[k] + p.WeightsOffset) * (int.CreateTruncating(x[k]) + p.InputOffset));
                }
                if (!bias.IsEmpty)
                {
                    acc += bias[o];
                }
                var scaled = typeof(TBias) == typeof(long)
                    ? FixedPointMath.MultiplyByQuantizedMultiplier(long.CreateTruncating(acc), p.Multiplier, p.Shift)
                    : FixedPointMath.MultiplyByQuantizedMultiplier(int.CreateTruncating(acc), p.Multiplier, p.Shift);
                scaled += p.OutputOffset;
                scaled = Math.Max(scaled, p.ActivationMin);
                scaled = Math.Min(scaled, p.ActivationMax);
                output[o + depth * row] = (short)scaled;
            }
        }
    }

    /// <summary>lstm_internal::AddElementWise for int16: the int32 sum clamped to int16.</summary>
    private static void AddSaturating(ReadOnlySpan<short> a, ReadOnlySpan<short> b, Span<short> output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (short)Math.Min(short.MaxValue, Math.Max(short.MinValue, a[i] + b[i]));
        }
    }

    /// <summary>
    /// reference_integer_ops::MulElementwise of two symmetric int16 operands: the int32 product (at most 2^30)
    /// requantized, plus the output offset, clamped to the output range.
    /// </summary>
    private static void Multiply<TOutput>(ReadOnlySpan<short> a, ReadOnlySpan<short> b, LstmMulParams p, Span<TOutput> output)
        where TOutput : unmanaged, IBinaryInteger<TOutput>
    {
        for (var i = 0; i < output.Length; i++)
        {
            var value = p.OutputOffset + FixedPointMath.MultiplyByQuantizedMultiplier(a[i] * b[i], p.Multiplier, p.Shift);
            output[i] = TOutput.CreateTruncating(Math.Min(p.ActivationMax, Math.Max(p.ActivationMin, value)));
        }
    }

    /// <summary>CalculateLstmGate before the activation, float: FC(input) with bias plus FC(hidden) without bias.</summary>
    private static void FloatGate(ReadOnlySpan<float> input, ReadOnlySpan<float> hidden, int rows,
        LstmGateViews<float, float> views, Span<float> gateOutput, Span<float> scratch)
    {
        FullyConnectedFloat(input, rows, views.InputWeights, views.Bias, gateOutput);
        FullyConnectedFloat(hidden, rows, views.RecurrentWeights, ReadOnlySpan<float>.Empty, scratch);
        for (var i = 0; i < gateOutput.Length; i++)
        {
            gateOutput[i] = gateOutput[i] + scratch[i];
        }
    }

    /// <summary>
    /// reference_ops::FullyConnected (float): products summed in float in input order, the bias (0 when absent) added
    /// last, then clamped to [lowest, max] (which maps ±infinity to ±float.MaxValue and lets NaN through).
    /// </summary>
    private static void FullyConnectedFloat(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        var depth = output.Length / rows;
        var accumulationDepth = input.Length / rows;
        for (var row = 0; row < rows; row++)
        {
            for (var o = 0; o < depth; o++)
            {
                var total = 0f;
                for (var k = 0; k < accumulationDepth; k++)
                {
                    total += input[row * accumulationDepth + k] * weights[o * accumulationDepth + k];
                }
                var biasValue = bias.IsEmpty ? 0.0f : bias[o];
                output[o + depth * row] = ClampToFloatRange(total + biasValue);
            }
        }
    }

    /// <summary>reference_ops::Mul (float) with no activation: the product clamped to [lowest, max].</summary>
    private static void MultiplyFloat(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = ClampToFloatRange(a[i] * b[i]);
        }
    }

    /// <summary>ActivationFunctionWithMinMax(x, lowest, max) = std::min(std::max(x, lowest), max).</summary>
    private static float ClampToFloatRange(float x)
    {
        var lowerBounded = x < float.MinValue ? float.MinValue : x;
        return float.MaxValue < lowerBounded ? float.MaxValue : lowerBounded;
    }
}
