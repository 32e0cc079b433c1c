using System.Runtime.InteropServices;
using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class UnidirectionalSequenceLstmOpTests
{
    /// <summary>Gate order of the LSTM inputs: input, forget, cell, output.</summary>
    private sealed record GateValues<TWeight, TBias>(TWeight[] Input, TWeight[] Forget, TWeight[] Cell, TWeight[] Output,
        TWeight[] RecurrentInput, TWeight[] RecurrentForget, TWeight[] RecurrentCell, TWeight[] RecurrentOutput, TBias[][] Biases);

    /// <summary>
    /// Builds an LSTM graph. Weights are [state, input] and [state, state]; biases [state] in gate order input, forget,
    /// cell, output. Returns the graph with the hidden and cell state tensor indices.
    /// </summary>
    private static (Graph Graph, int Hidden, int Cell) Lstm<TWeight, TBias>(DataType activationType, DataType weightType, DataType biasType,
        DataType cellType, int batch, int steps, int inputSize, int stateSize, bool timeMajor, float cellClip,
        Quantization? inputQ, Quantization? weightQ, Quantization? hiddenQ, Quantization? cellQ, GateValues<TWeight, TBias> v,
        Activation activation = Activation.Tanh, Action<GraphBuilder, int[]>? tweak = null)
        where TWeight : unmanaged where TBias : unmanaged
    {
        var b = new GraphBuilder();
        var input = b.Input("input", activationType, timeMajor ? [steps, batch, inputSize] : [batch, steps, inputSize], inputQ);
        int Weights(string name, TWeight[] data, int columns) => b.Constant(name, weightType, [stateSize, columns], data, weightQ);
        var inputWeights = new[] { v.Input, v.Forget, v.Cell, v.Output }.Select((w, i) => Weights($"w_in{i}", w, inputSize)).ToArray();
        var recurrentWeights = new[] { v.RecurrentInput, v.RecurrentForget, v.RecurrentCell, v.RecurrentOutput }
            .Select((w, i) => Weights($"w_rec{i}", w, stateSize)).ToArray();
        var biases = v.Biases.Select((bias, i) => b.Constant($"bias{i}", biasType, [stateSize], bias)).ToArray();
        var hidden = b.Variable("hidden_state", activationType, [batch, stateSize], hiddenQ);
        var cell = b.Variable("cell_state", cellType, [batch, stateSize], cellQ);
        var output = b.Activation("output", activationType, timeMajor ? [steps, batch, stateSize] : [batch, steps, stateSize], hiddenQ);
        var inputs = new[]
        {
            input, inputWeights[0], inputWeights[1], inputWeights[2], inputWeights[3],
            recurrentWeights[0], recurrentWeights[1], recurrentWeights[2], recurrentWeights[3], -1, -1, -1,
            biases[0], biases[1], biases[2], biases[3], -1, -1, hidden, cell, -1, -1, -1, -1,
        };
        tweak?.Invoke(b, inputs);
        b.AddOperator(OpKind.UnidirectionalSequenceLstm, inputs, [output], new LstmOptions(activation, cellClip, 0, timeMajor));
        b.MarkOutput(output);
        return (b.Build(), hidden, cell);
    }

    /// <summary>
    /// One cell, one input. Input and hidden scales 2^-7 and weight scale 2^-5 make every gate product's multiplier
    /// 2^-12 / 2^-12 = 1.0, so the Q3.12 gate pre-activations are the plain integer sums w * x + r * h + bias.
    /// Cell scale 2^-11. Weights: input-to-gate 32 (1.0) for every gate, recurrent 16 (0.5); biases (in 2^-12 units)
    /// input 0, forget 2048, cell 0, output -4096.
    /// </summary>
    private static (Graph Graph, int Hidden, int Cell) HandCheckableLstm(float cellClip = 0, bool timeMajor = false, int steps = 2) =>
        Lstm(DataType.Int8, DataType.Int8, DataType.Int32, DataType.Int16, 1, steps, 1, 1, timeMajor, cellClip,
            Q(1f / 128, 0), Q(1f / 32, 0), Q(1f / 128, 0), Q(1f / 2048, 0),
            new GateValues<sbyte, int>([32], [32], [32], [32], [16], [16], [16], [16], [[0], [2048], [0], [-4096]]));

    /// <summary>
    /// The hand-checkable case, worked through TFLM's integer steps (sigmoid and tanh are the int16 table kernels,
    /// whose table entries T[k] = sigmoid(k/24) in 0.16 are quoted; SRDHM is the rounding doubling high multiply).
    ///
    /// Step 1: x = 64 (0.5), h = 0, c = 0.
    ///   input gate  = 32*64 + 0      = 2048 (0.5):  sigmoid: 2048*3 = 6144 = 12 * 512 -> (T[12]=40794 * 512 + 512) >> 10 = 20397
    ///   forget gate = 2048 + 2048    = 4096 (1.0):  12288 = 24 * 512 -> (T[24]=47911 * 512 + 512) >> 10 = 23956
    ///   cell gate   = 2048           (0.5):         tanh: 6144 = 24 * 256 -> ((T[24] << 8) - 2^23 + 128) >> 8 = 15143
    ///   output gate = 2048 - 4096    = -2048:       (2^25 - T[12] * 512 + 511) >> 10 = 12371
    ///   c = forget * 0 + input * cell gate: 20397 * 15143 = 308871771 times 2^-19 (multiplier 2^30, shift -18):
    ///       SRDHM(308871771, 2^30) = 154435886, rounded / 2^18 = 589.13 -> 589
    ///   tanh(c): cell scale 2^-11 gives shift 15 - 11 - 3 = 1, multiplier 3 << 1 = 6: 589 * 6 = 3534 = 13 * 256 + 206
    ///       -> ((T[13]=41432 << 8) + 206 * (T[14]=42064 - 41432) - 2^23 + 128) >> 8 = 9173
    ///   h = 9173 * 12371 = 113479183 times 2^-23 (2^30, shift -22): SRDHM -> 56739592, / 2^22 = 13.53 -> 14.
    /// Step 2: x = -32 (-0.25), h = 14, c = 589.
    ///   input gate  = -1024 + 16*14 = -800:  -2400 -> |2400| = 4 * 512 + 352: (2^25 - (T[4]=35493 * 512 + 352 * 676) + 511) >> 10 = 14789
    ///   forget gate = -800 + 2048   = 1248:  3744 = 7 * 512 + 160: (T[7]=37513 * 512 + 160 * 667 + 512) >> 10 = 18861
    ///   cell gate   = -800:                 tanh: 2400 = 9 * 256 + 96: (-(T[9]=38841 << 8 + 96 * 657) + 2^23 + 127) >> 8 = -6319
    ///   output gate = -800 - 4096   = -4896: 14688 = 28 * 512 + 352: (2^25 - (T[28]=49975 * 512 + 352 * 489) + 511) >> 10 = 7612
    ///   forget * c = 18861 * 589 = 11109129 times 2^-15 (2^30, shift -14): SRDHM -> 5554565, / 2^14 = 339.02 -> 339
    ///   input * cell gate = 14789 * -6319 = -93451691 times 2^-19: SRDHM -> -46725845 (ties toward zero), / 2^18 -> -178
    ///   c = 339 - 178 = 161
    ///   tanh(c): 161 * 6 = 966 = 3 * 256 + 198: ((T[3]=34813 << 8) + 198 * 680 - 2^23 + 128) >> 8 = 2571
    ///   h = 2571 * 7612 = 19570452 times 2^-23: SRDHM -> 9785226, / 2^22 = 2.33 -> 2.
    /// (The float LSTM on the same values gives h = 0.1057 and 0.0180, i.e. 13.5 and 2.3 steps of 1/128, and c = 0.0777.)
    /// </summary>
    [Test]
    public void Int8OneCellTwoStepsWorkedByHand()
    {
        var (graph, hidden, cell) = HandCheckableLstm();
        var interpreter = new ReferenceInterpreter(graph);
        var output = MemoryMarshal.Cast<byte, sbyte>(interpreter.Invoke([ToBytes(new sbyte[] { 64, -32 })])[0]).ToArray();
        Assert.That(output, Is.EqualTo(new sbyte[] { 14, 2 }));
        Assert.That(interpreter.Buffers.Read<sbyte>(hidden).ToArray(), Is.EqualTo(new sbyte[] { 2 }));
        Assert.That(interpreter.Buffers.Read<short>(cell).ToArray(), Is.EqualTo(new short[] { 161 }));
    }

    [Test]
    public void CellClipIsAppliedOnTheCellScale()
    {
        // Clip 0.25 on scale 2^-11 is 512: step 1's cell 589 is clipped to 512, whose tanh is 512 * 6 = 3072 = 12 * 256
        // -> ((T[12]=40794 << 8) - 2^23 + 128) >> 8 = 8026; h = 8026 * 12371 = 99289646 -> SRDHM 49644823 -> / 2^22 = 11.8 -> 12.
        var (graph, _, cell) = HandCheckableLstm(cellClip: 0.25f, steps: 1);
        var interpreter = new ReferenceInterpreter(graph);
        var output = MemoryMarshal.Cast<byte, sbyte>(interpreter.Invoke([ToBytes(new sbyte[] { 64 })])[0]).ToArray();
        Assert.That(output, Is.EqualTo(new sbyte[] { 12 }));
        Assert.That(interpreter.Buffers.Read<short>(cell).ToArray(), Is.EqualTo(new short[] { 512 }));
    }

    [Test]
    public void StatePersistsAcrossInvocations()
    {
        // Two invocations of the 2-step sequence {64, -32} equal one invocation of the 4-step sequence
        // {64, -32, 64, -32}: the variable tensors carry h and c over, as TFLM keeps them between invocations.
        var (twoSteps, _, _) = HandCheckableLstm();
        var interpreter = new ReferenceInterpreter(twoSteps);
        var first = interpreter.Invoke([ToBytes(new sbyte[] { 64, -32 })])[0];
        var second = interpreter.Invoke([ToBytes(new sbyte[] { 64, -32 })])[0];
        var (fourSteps, _, _) = HandCheckableLstm(steps: 4);
        var whole = Run<sbyte>(fourSteps, 0, new sbyte[] { 64, -32, 64, -32 });
        Assert.That(MemoryMarshal.Cast<byte, sbyte>(first.Concat(second).ToArray()).ToArray(), Is.EqualTo(whole));
        Assert.That(whole[..2], Is.EqualTo(new sbyte[] { 14, 2 }));
    }

    // TFLM lstm_test_data.cc 2x3x2x2 model: batch 2, 3 time steps, 2 inputs, 2 cells, batch-major, cell clip 6.
    private static readonly float[] TflmInput = [0.2f, 0.3f, 0.2f, 0.3f, 0.2f, 0.3f, -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f];
    private static readonly float[] TflmExpectedOutput =
    [
        0.26455893f, 0.26870455f, 0.47935803f, 0.47937014f, 0.58013272f, 0.58013278f,
        -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f, 0.50054148f,
    ];
    private static readonly float[] TflmExpectedHidden = [0.58013272f, 0.58013278f, 0.50054074f, 0.50054148f];
    private static readonly float[] TflmExpectedCell = [0.89740515f, 0.8974053f, 0.80327607f, 0.80327785f];

    /// <summary>TFLM's float gates: forget {-10,-10,-20,-20} with bias {1,2}, input {10,10,20,20} with bias {-1,-2},
    /// cell and output all ones with zero bias; recurrent weights equal the input weights.</summary>
    private static readonly GateValues<float, float> TflmFloatGates = new(
        [10, 10, 20, 20], [-10, -10, -20, -20], [1, 1, 1, 1], [1, 1, 1, 1],
        [10, 10, 20, 20], [-10, -10, -20, -20], [1, 1, 1, 1], [1, 1, 1, 1],
        [[-1, -2], [1, 2], [0, 0], [0, 0]]);

    [Test]
    public void FloatMatchesTflmGolden()
    {
        // TFLM TestUnidirectionalLSTMFloat: tolerance 1e-6 on the output, hidden and cell states.
        var (graph, hidden, cell) = Lstm(DataType.Float32, DataType.Float32, DataType.Float32, DataType.Float32, 2, 3, 2, 2, false, 6f,
            null, null, null, null, TflmFloatGates);
        var interpreter = new ReferenceInterpreter(graph);
        var output = MemoryMarshal.Cast<byte, float>(interpreter.Invoke([ToBytes(TflmInput)])[0]).ToArray();
        Assert.That(output, Is.EqualTo(TflmExpectedOutput).Within(1e-6));
        Assert.That(interpreter.Buffers.Read<float>(hidden).ToArray(), Is.EqualTo(TflmExpectedHidden).Within(1e-6));
        Assert.That(interpreter.Buffers.Read<float>(cell).ToArray(), Is.EqualTo(TflmExpectedCell).Within(1e-6));
    }

    [Test]
    public void Int8MatchesTflmGoldenWithinItsTolerance()
    {
        // TFLM TestUnidirectionalLSTMInt8: Get2X2Int8LstmQuantizationSettings quantizes the float model (weights
        // symmetric per gate: scale 0.15748 for the forget and input gates, 0.007874 for cell and output; biases at
        // input scale * weight scale; input 1/127.5, hidden 0.0047059 with zero point -21, cell 2^-12) and accepts 1e-2
        // on the dequantized output, hidden and cell states.
        const float inputScale = 0.00784313725490196f;
        const float hiddenScale = 0.004705882165580988f;
        const float cellScale = 0.00024414062f;
        float[] weightScales = [0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f];
        float[] biasScales = [0.0012351397251814111f, 0.0012351397251814111f, 6.175698625907056e-5f, 6.175698625907056e-5f];
        // Gate order here is input, forget, cell, output; TFLM lists forget first, with identical scales for both.
        sbyte[] Quantize(float[] w, float scale) => w.Select(x => (sbyte)Math.Clamp(Math.Round(x / scale, MidpointRounding.AwayFromZero), -128, 127)).ToArray();
        var floatGates = new[] { TflmFloatGates.Input, TflmFloatGates.Forget, TflmFloatGates.Cell, TflmFloatGates.Output };
        var recurrentGates = new[] { TflmFloatGates.RecurrentInput, TflmFloatGates.RecurrentForget, TflmFloatGates.RecurrentCell, TflmFloatGates.RecurrentOutput };
        var q = Enumerable.Range(0, 4).Select(i => Quantize(floatGates[i], weightScales[i])).ToArray();
        var r = Enumerable.Range(0, 4).Select(i => Quantize(recurrentGates[i], weightScales[i])).ToArray();
        var biases = Enumerable.Range(0, 4).Select(i => TflmFloatGates.Biases[i].Select(x => (int)Math.Round(x / biasScales[i], MidpointRounding.AwayFromZero)).ToArray()).ToArray();

        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2, 3, 2], Q(inputScale, 0));
        var weights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_in{i}", DataType.Int8, [2, 2], q[i], Q(weightScales[i], 0)))
            .Concat(Enumerable.Range(0, 4).Select(i => b.Constant($"w_rec{i}", DataType.Int8, [2, 2], r[i], Q(weightScales[i], 0)))).ToArray();
        var biasTensors = Enumerable.Range(0, 4).Select(i => b.Constant($"bias{i}", DataType.Int32, [2], biases[i], Q(biasScales[i], 0))).ToArray();
        var hidden = b.Variable("hidden_state", DataType.Int8, [2, 2], Q(hiddenScale, -21));
        var cell = b.Variable("cell_state", DataType.Int16, [2, 2], Q(cellScale, 0));
        var output = b.Activation("output", DataType.Int8, [2, 3, 2], Q(hiddenScale, -21));
        b.AddOperator(OpKind.UnidirectionalSequenceLstm,
            [input, .. weights, -1, -1, -1, .. biasTensors, -1, -1, hidden, cell, -1, -1, -1, -1], [output],
            new LstmOptions(Activation.Tanh, 6f, 0, false));
        b.MarkOutput(output);

        var interpreter = new ReferenceInterpreter(b.Build());
        var quantizedInput = TflmInput.Select(x => (sbyte)Math.Round(x / inputScale, MidpointRounding.AwayFromZero)).ToArray();
        var result = MemoryMarshal.Cast<byte, sbyte>(interpreter.Invoke([ToBytes(quantizedInput)])[0]).ToArray();
        Assert.That(result.Select(x => hiddenScale * (x + 21)), Is.EqualTo(TflmExpectedOutput).Within(1e-2));
        Assert.That(interpreter.Buffers.Read<sbyte>(hidden).ToArray().Select(x => hiddenScale * (x + 21)), Is.EqualTo(TflmExpectedHidden).Within(1e-2));
        Assert.That(interpreter.Buffers.Read<short>(cell).ToArray().Select(x => cellScale * x), Is.EqualTo(TflmExpectedCell).Within(1e-2));
    }

    [Test]
    public void Int16MatchesTflmGoldenWithinItsTolerance()
    {
        // TFLM TestUnidirectionalLSTMInt16 (Get2X2Int16LstmQuantizationSettings): int16 activations (input 3.0518044e-5,
        // hidden 2.1362957e-5, zero points 0), int8 weights as in the int8 test, int64 biases at 4.8059911e-6 (forget,
        // input) and 2.4029956e-7 (cell, output), cell 2^-12; tolerance 1e-3 on the output and hidden state, 1e-2 on
        // the cell state.
        const float inputScale = 3.0518044e-5f;
        const float hiddenScale = 2.1362956633198035e-05f;
        const float cellScale = 0.00024414062f;
        float[] weightScales = [0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f];
        float[] biasScales = [4.8059911474468205e-06f, 4.8059911474468205e-06f, 2.40299557372341e-07f, 2.40299557372341e-07f];
        sbyte[] Quantize(float[] w, float scale) => w.Select(x => (sbyte)Math.Clamp(Math.Round(x / scale, MidpointRounding.AwayFromZero), -128, 127)).ToArray();
        var floatGates = new[] { TflmFloatGates.Input, TflmFloatGates.Forget, TflmFloatGates.Cell, TflmFloatGates.Output };
        var recurrentGates = new[] { TflmFloatGates.RecurrentInput, TflmFloatGates.RecurrentForget, TflmFloatGates.RecurrentCell, TflmFloatGates.RecurrentOutput };

        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int16, [2, 3, 2], Q(inputScale, 0));
        var weights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_in{i}", DataType.Int8, [2, 2], Quantize(floatGates[i], weightScales[i]), Q(weightScales[i], 0)))
            .Concat(Enumerable.Range(0, 4).Select(i => b.Constant($"w_rec{i}", DataType.Int8, [2, 2], Quantize(recurrentGates[i], weightScales[i]), Q(weightScales[i], 0)))).ToArray();
        var biasTensors = Enumerable.Range(0, 4).Select(i => b.Constant($"bias{i}", DataType.Int64, [2],
            TflmFloatGates.Biases[i].Select(x => (long)Math.Round(x / biasScales[i], MidpointRounding.AwayFromZero)).ToArray(), Q(biasScales[i], 0))).ToArray();
        var hidden = b.Variable("hidden_state", DataType.Int16, [2, 2], Q(hiddenScale, 0));
        var cell = b.Variable("cell_state", DataType.Int16, [2, 2], Q(cellScale, 0));
        var output = b.Activation("output", DataType.Int16, [2, 3, 2], Q(hiddenScale, 0));
        b.AddOperator(OpKind.UnidirectionalSequenceLstm,
            [input, .. weights, -1, -1, -1, .. biasTensors, -1, -1, hidden, cell, -1, -1, -1, -1], [output],
            new LstmOptions(Activation.Tanh, 6f, 0, false));
        b.MarkOutput(output);

        var interpreter = new ReferenceInterpreter(b.Build());
        var quantizedInput = TflmInput.Select(x => (short)Math.Round(x / inputScale, MidpointRounding.AwayFromZero)).ToArray();
        var result = MemoryMarshal.Cast<byte, short>(interpreter.Invoke([ToBytes(quantizedInput)])[0]).ToArray();
        Assert.That(result.Select(x => hiddenScale * x), Is.EqualTo(TflmExpectedOutput).Within(1e-3));
        Assert.That(interpreter.Buffers.Read<short>(hidden).ToArray().Select(x => hiddenScale * x), Is.EqualTo(TflmExpectedHidden).Within(1e-3));
        Assert.That(interpreter.Buffers.Read<short>(cell).ToArray().Select(x => cellScale * x), Is.EqualTo(TflmExpectedCell).Within(1e-2));
    }

    [Test]
    public void TimeMajorMatchesBatchMajor()
    {
        // The float model with the sequence laid out [time, batch, input] gives the same outputs, transposed.
        var (graph, _, _) = Lstm(DataType.Float32, DataType.Float32, DataType.Float32, DataType.Float32, 2, 3, 2, 2, true, 6f,
            null, null, null, null, TflmFloatGates);
        var timeMajorInput = new float[12];
        var expected = new float[12];
        for (var batch = 0; batch < 2; batch++)
        {
            for (var step = 0; step < 3; step++)
            {
                for (var k = 0; k < 2; k++)
                {
                    timeMajorInput[(step * 2 + batch) * 2 + k] = TflmInput[(batch * 3 + step) * 2 + k];
                    expected[(step * 2 + batch) * 2 + k] = TflmExpectedOutput[(batch * 3 + step) * 2 + k];
                }
            }
        }
        Assert.That(Run<float>(graph, 0, timeMajorInput), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void PeepholeWeightsAreRejectedNamingTheTensor()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(LstmWith((b, inputs) =>
            inputs[9] = b.Constant("peephole", DataType.Int8, [1], new sbyte[] { 1 }, Q(1f, 0))).Graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM)").And.Contain("'peephole'").And.Contain("peephole"));
    }

    [Test]
    public void NonVariableStateIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(LstmWith((b, inputs) =>
            inputs[19] = b.Constant("constant_cell", DataType.Int16, [1, 1], new short[] { 0 }, Q(1f / 2048, 0))).Graph));
        Assert.That(error!.Message, Does.Contain("'constant_cell'").And.Contain("variable"));
    }

    [Test]
    public void PerChannelWeightsAreRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(LstmWith((b, inputs) =>
            inputs[2] = b.Constant("per_channel", DataType.Int8, [1, 1], new sbyte[] { 1 }, PerChannel([0.5f], 0) with { Scales = new[] { 0.5f, 0.25f } })).Graph));
        Assert.That(error!.Message, Does.Contain("'per_channel'").And.Contain("per-channel"));
    }

    [Test]
    public void NonTanhCellActivationIsRejected()
    {
        var (graph, _, _) = Lstm(DataType.Int8, DataType.Int8, DataType.Int32, DataType.Int16, 1, 1, 1, 1, false, 0,
            Q(1f / 128, 0), Q(1f / 32, 0), Q(1f / 128, 0), Q(1f / 2048, 0),
            new GateValues<sbyte, int>([32], [32], [32], [32], [16], [16], [16], [16], [[0], [0], [0], [0]]), Activation.Relu);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM)").And.Contain("Relu"));
    }

    [Test]
    public void WrongWeightShapeIsRejectedNamingTheTensor()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(LstmWith((b, inputs) =>
            inputs[6] = b.Constant("wide_recurrent", DataType.Int8, [1, 2], new sbyte[] { 1, 2 }, Q(1f / 32, 0))).Graph));
        Assert.That(error!.Message, Does.Contain("'wide_recurrent'").And.Contain("expected [1x1]"));
    }

    private static (Graph Graph, int Hidden, int Cell) LstmWith(Action<GraphBuilder, int[]> tweak) =>
        Lstm(DataType.Int8, DataType.Int8, DataType.Int32, DataType.Int16, 1, 1, 1, 1, false, 0,
            Q(1f / 128, 0), Q(1f / 32, 0), Q(1f / 128, 0), Q(1f / 2048, 0),
            new GateValues<sbyte, int>([32], [32], [32], [32], [16], [16], [16], [16], [[0], [0], [0], [0]]), tweak: tweak);
}
