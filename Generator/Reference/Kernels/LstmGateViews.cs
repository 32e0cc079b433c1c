namespace MicroGen.Reference.Kernels;

/// <summary>The constant tensors of one LSTM gate as spans: weights [state, input], recurrent weights [state, state], bias [state].</summary>
public readonly ref struct LstmGateViews<TWeight, TBias>
    where TWeight : unmanaged where TBias : unmanaged
{
    public LstmGateViews(ReadOnlySpan<TWeight> inputWeights, ReadOnlySpan<TWeight> recurrentWeights, ReadOnlySpan<TBias> bias)
    {
        InputWeights = inputWeights;
        RecurrentWeights = recurrentWeights;
        Bias = bias;
    }

    public ReadOnlySpan<TWeight> InputWeights { get; }

    public ReadOnlySpan<TWeight> RecurrentWeights { get; }

    public ReadOnlySpan<TBias> Bias { get; }
}
