/* UNIDIRECTIONAL_SEQUENCE_LSTM, float32: TFLM's EvalLstm and LstmStep (lstm_eval.h) with the float reference kernels
 * they call (FullyConnected, Mul, Logistic, Tanh, the elementwise add and the cell clip). */
#include <math.h>

#include "mg_kernels.h"

/* ActivationFunctionWithMinMax(x, lowest, max): infinities become the largest finite values, NaN passes. */
static float mg_lstm_clamp_f32(float x)
{
    const float lower_bounded = x < -3.40282347e+38f ? -3.40282347e+38f : x;
    return 3.40282347e+38f < lower_bounded ? 3.40282347e+38f : lower_bounded;
}

/* reference_ops::FullyConnected: per row and unit the products summed in input order, then the bias (0 when absent). */
static void mg_lstm_fully_connected_f32(const float *input, int32_t rows, int32_t depth, int32_t units, const float *weights,
                                        const float *bias, float *output)
{
    for (int32_t row = 0; row < rows; ++row) {
        const float *x = input + row * depth;
        for (int32_t o = 0; o < units; ++o) {
            const float *w = weights + o * depth;
            float total = 0.0f;
            for (int32_t k = 0; k < depth; ++k) {
                total += x[k] * w[k];
            }
            const float bias_value = bias != NULL ? bias[o] : 0.0f;
            output[o + units * row] = mg_lstm_clamp_f32(total + bias_value);
        }
    }
}

/* CalculateLstmGate before the activation: FC(x) with the bias plus FC(h) without. */
static void mg_lstm_gate_f32_values(const mg_lstm_f32_params *p, const mg_lstm_gate_f32 *gate, const float *input,
                                    const float *hidden, int32_t rows, float *gate_output, float *scratch)
{
    mg_lstm_fully_connected_f32(input, rows, p->input_dim, p->state_dim, gate->input_weights, gate->bias, gate_output);
    mg_lstm_fully_connected_f32(hidden, rows, p->state_dim, p->state_dim, gate->recurrent_weights, NULL, scratch);
    for (int32_t i = 0; i < rows * p->state_dim; ++i) {
        gate_output[i] = gate_output[i] + scratch[i];
    }
}

static void mg_lstm_logistic_f32(float *values, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        values[i] = mg_logistic_f32_value(values[i]);
    }
}

static void mg_lstm_step_f32(const mg_lstm_f32_params *p, const float *input, float *hidden, float *cell, float *output,
                             int32_t rows, float *scratch)
{
    const int32_t count = rows * p->state_dim;
    float *buffer0 = scratch;
    float *buffer1 = scratch + count;
    float *buffer2 = scratch + 2 * count;
    float *buffer3 = scratch + 3 * count;

    float *forget_gate = buffer0;
    mg_lstm_gate_f32_values(p, &p->forget, input, hidden, rows, forget_gate, buffer3);
    mg_lstm_logistic_f32(forget_gate, count);
    float *input_gate = buffer1;
    mg_lstm_gate_f32_values(p, &p->input, input, hidden, rows, input_gate, buffer3);
    mg_lstm_logistic_f32(input_gate, count);
    float *cell_gate = buffer2;
    mg_lstm_gate_f32_values(p, &p->cell, input, hidden, rows, cell_gate, buffer3);
    for (int32_t i = 0; i < count; ++i) {
        cell_gate[i] = tanhf(cell_gate[i]);
    }

    /* c = forget * c + input * cell gate, clipped. */
    for (int32_t i = 0; i < count; ++i) {
        cell[i] = mg_lstm_clamp_f32(forget_gate[i] * cell[i]);
    }
    float *input_times_cell_gate = buffer1;
    for (int32_t i = 0; i < count; ++i) {
        input_times_cell_gate[i] = mg_lstm_clamp_f32(input_gate[i] * cell_gate[i]);
    }
    for (int32_t i = 0; i < count; ++i) {
        cell[i] = cell[i] + input_times_cell_gate[i];
    }
    if (p->use_cell_clip) {
        const float clip = p->cell_clip;
        for (int32_t i = 0; i < count; ++i) {
            /* std::max(std::min(clip, c), -clip) with std's comparisons. */
            const float upper_bounded = cell[i] < clip ? cell[i] : clip;
            cell[i] = upper_bounded < -clip ? -clip : upper_bounded;
        }
    }

    float *output_gate = buffer1;
    mg_lstm_gate_f32_values(p, &p->output, input, hidden, rows, output_gate, buffer3);
    mg_lstm_logistic_f32(output_gate, count);

    /* h = tanh(c) * output gate; y[t] = h. */
    float *cell_tanh = buffer0;
    for (int32_t i = 0; i < count; ++i) {
        cell_tanh[i] = tanhf(cell[i]);
    }
    for (int32_t i = 0; i < count; ++i) {
        hidden[i] = mg_lstm_clamp_f32(cell_tanh[i] * output_gate[i]);
    }
    memcpy(output, hidden, (size_t)count * sizeof(float));
}

void mg_lstm_f32(const mg_lstm_f32_params *p, const float *input, float *output, float *hidden, float *cell, float *scratch)
{
    if (p->time_major) {
        for (int32_t step = 0; step < p->time_steps; ++step) {
            mg_lstm_step_f32(p, input + step * p->batches * p->input_dim, hidden, cell,
                             output + step * p->batches * p->state_dim, p->batches, scratch);
        }
        return;
    }
    for (int32_t batch = 0; batch < p->batches; ++batch) {
        for (int32_t step = 0; step < p->time_steps; ++step) {
            const int32_t sequence_index = batch * p->time_steps + step;
            mg_lstm_step_f32(p, input + sequence_index * p->input_dim, hidden + batch * p->state_dim,
                             cell + batch * p->state_dim, output + sequence_index * p->state_dim, 1, scratch);
        }
    }
}
