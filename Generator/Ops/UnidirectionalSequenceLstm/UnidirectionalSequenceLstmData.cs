using MicroGen.Ir;

namespace MicroGen.Ops.UnidirectionalSequenceLstm;

/// <summary>
/// UNIDIRECTIONAL_SEQUENCE_LSTM after Prepare (TFLM OpDataLSTM). Sizes: BatchSize x TimeSteps steps of InputDimension
/// inputs (time-major input is [T, B, I], batch-major [B, T, I]) and StateDimension cells. Tensor fields are graph
/// tensor indices; HiddenState and CellState are the variable tensors the operator updates.
/// Integer LSTMs: gate products are rescaled to Q3.12, gate outputs are Q0.15, CellStateScalePower is log2 of the cell
/// state scale, QuantizedCellClip the clip on that scale, and the three Mul parameters rescale forget * cell and
/// input * cell gate to the cell scale and tanh(cell) * output gate to the hidden state's quantization.
/// </summary>
public sealed record UnidirectionalSequenceLstmData(
    int Input, int Output, int HiddenState, int CellState,
    DataType ActivationType,
    bool TimeMajor, int BatchSize, int TimeSteps, int InputDimension, int StateDimension,
    LstmGateData ForgetGate, LstmGateData InputGate, LstmGateData CellGate, LstmGateData OutputGate,
    float CellClip, short QuantizedCellClip, int CellStateScalePower,
    LstmMulParams? ForgetCellMul, LstmMulParams? InputCellGateMul, LstmMulParams? HiddenMul);
