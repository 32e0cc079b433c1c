namespace MicroGen.Ops.UnidirectionalSequenceLstm;

/// <summary>
/// One LSTM gate: its input-to-gate weights [state, input], recurrent weights [state, state] and bias [state] (graph
/// tensor indices) and, for integer LSTMs, the parameters of its two fully connected products.
/// </summary>
public sealed record LstmGateData(
    int InputWeights, int RecurrentWeights, int Bias,
    LstmFullyConnectedParams? InputFullyConnected, LstmFullyConnectedParams? RecurrentFullyConnected);
