namespace MicroGen.Reference.Kernels;

/// <summary>
/// The tensors of one UNIDIRECTIONAL_SEQUENCE_LSTM invocation as spans: the input sequence, the output sequence, the
/// two variable states the operator updates in place, and the four gates' constants.
/// </summary>
public readonly ref struct LstmTensorViews<TActivation, TWeight, TBias, TCell>
    where TActivation : unmanaged where TWeight : unmanaged where TBias : unmanaged where TCell : unmanaged
{
    public LstmTensorViews(ReadOnlySpan<TActivation> input, Span<TActivation> output, Span<TActivation> hiddenState,
        Span<TCell> cellState, LstmGateViews<TWeight, TBias> forgetGate, LstmGateViews<TWeight, TBias> inputGate,
        LstmGateViews<TWeight, TBias> cellGate, LstmGateViews<TWeight, TBias> outputGate)
    {
        Input = input;
        Output = output;
        HiddenState = hiddenState;
        CellState = cellState;
        ForgetGate = forgetGate;
        InputGate = inputGate;
        CellGate = cellGate;
        OutputGate = outputGate;
    }

    public ReadOnlySpan<TActivation> Input { get; }

    public Span<TActivation> Output { get; }

    public Span<TActivation> HiddenState { get; }

    public Span<TCell> CellState { get; }

    public LstmGateViews<TWeight, TBias> ForgetGate { get; }

    public LstmGateViews<TWeight, TBias> InputGate { get; }

    public LstmGateViews<TWeight, TBias> CellGate { get; }

    public LstmGateViews<TWeight, TBias> OutputGate { get; }
}
