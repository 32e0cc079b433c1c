/* UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations, int8 weights, int32 biases, int16 cell state: TFLM's EvalLstm and
 * LstmStep (lstm_eval.h) with the reference kernels they call (integer FullyConnected to int16, MulElementwise, the
 * int16 Logistic and Tanh, saturating adds, clipping). */
#include "mg_kernels.h"

/* reference_integer_ops::FullyConnected to int16 without output offset: per row and unit,
 * sum (w + weights_offset) * (x + input_offset), plus the bias when given, requantized, clamped to int16.
 * Each term is at most 255 * 255 in magnitude: up to 2^15 terms fit the int32 accumulator. */
static void mg_lstm_fully_connected(const int8_t *input, int32_t rows, int32_t depth, int32_t units, const int8_t *weights,
                                    const int32_t *bias, int32_t input_offset, int32_t weights_offset, int32_t multiplier,
                                    int32_t shift, int16_t *output)
{
    for (int32_t row = 0; row < rows; ++row) {
        const int8_t *x = input + row * depth;
        for (int32_t o = 0; o < units; ++o) {
            const int8_t *w = weights + o * depth;
            int32_t acc = 0;
            for (int32_t k = 0; k < depth; ++k) {
                acc += ((int32_t)w[k] + weights_offset) * ((int32_t)x[k] + input_offset);
            }
            if (bias != NULL) {
                acc += bias[o];
            }
            const int32_t scaled = mg_requantize(acc, multiplier, shift);
            output[o + units * row] = (int16_t)MG_CLAMP(scaled, INT16_MIN, INT16_MAX);
        }
    }
}

/* lstm_internal::AddElementWise for int16: the int32 sum clamped to int16. */
static void mg_lstm_add_saturating(const int16_t *a, const int16_t *b, int16_t *output, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        const int32_t sum = (int32_t)a[i] + (int32_t)b[i];
        output[i] = (int16_t)MG_CLAMP(sum, INT16_MIN, INT16_MAX);
    }
}

/* CalculateLstmGate before the activation: FC(x) with the bias plus FC(h) without, added with int16 saturation. */
static void mg_lstm_gate(const mg_lstm_s8_params *p, const mg_lstm_gate_s8 *gate, const int8_t *input, const int8_t *hidden,
                         int32_t rows, int16_t *gate_output, int16_t *scratch)
{
    mg_lstm_fully_connected(input, rows, p->input_dim, p->state_dim, gate->input_weights, gate->bias, p->input_offset,
                            gate->input_weights_offset, gate->input_multiplier, gate->input_shift, gate_output);
    mg_lstm_fully_connected(hidden, rows, p->state_dim, p->state_dim, gate->recurrent_weights, NULL, p->hidden_offset,
                            gate->recurrent_weights_offset, gate->recurrent_multiplier, gate->recurrent_shift, scratch);
    mg_lstm_add_saturating(gate_output, scratch, gate_output, rows * p->state_dim);
}

/* reference_integer_ops::MulElementwise of two symmetric int16 operands: the product (at most 2^30) requantized, plus
 * the output offset, clamped. */
static int32_t mg_lstm_mul_value(const mg_lstm_mul *m, int16_t a, int16_t b)
{
    const int32_t value = m->output_offset + mg_requantize((int32_t)a * (int32_t)b, m->multiplier, m->shift);
    return MG_CLAMP(value, m->act_min, m->act_max);
}

/* One LstmStep on rows x state_dim values. */
static void mg_lstm_step(const mg_lstm_s8_params *p, const int8_t *input, int8_t *hidden, int16_t *cell, int8_t *output,
                         int32_t rows, int16_t *scratch)
{
    const int32_t count = rows * p->state_dim;
    int16_t *buffer0 = scratch;
    int16_t *buffer1 = scratch + count;
    int16_t *buffer2 = scratch + 2 * count;
    int16_t *buffer3 = scratch + 3 * count;

    int16_t *forget_gate = buffer0;
    mg_lstm_gate(p, &p->forget, input, hidden, rows, forget_gate, buffer3);
    mg_logistic_s16_values(p->sigmoid_table, 0, 0, forget_gate, forget_gate, count);
    int16_t *input_gate = buffer1;
    mg_lstm_gate(p, &p->input, input, hidden, rows, input_gate, buffer3);
    mg_logistic_s16_values(p->sigmoid_table, 0, 0, input_gate, input_gate, count);
    int16_t *cell_gate = buffer2;
    mg_lstm_gate(p, &p->cell, input, hidden, rows, cell_gate, buffer3);
    mg_tanh_s16_values(p->sigmoid_table, p->gate_tanh_multiplier, p->gate_tanh_shift, cell_gate, cell_gate, count);

    /* c = forget * c + input * cell gate, each product requantized to the cell scale, then clipped. */
    for (int32_t i = 0; i < count; ++i) {
        cell[i] = (int16_t)mg_lstm_mul_value(&p->forget_cell, forget_gate[i], cell[i]);
    }
    int16_t *input_times_cell_gate = buffer1;
    for (int32_t i = 0; i < count; ++i) {
        input_times_cell_gate[i] = (int16_t)mg_lstm_mul_value(&p->input_cell_gate, input_gate[i], cell_gate[i]);
    }
    mg_lstm_add_saturating(cell, input_times_cell_gate, cell, count);
    if (p->use_cell_clip) {
        const int16_t clip = (int16_t)p->cell_clip;
        const int16_t negative_clip = (int16_t)-clip;
        for (int32_t i = 0; i < count; ++i) {
            cell[i] = MG_MAX(MG_MIN(clip, cell[i]), negative_clip);
        }
    }

    int16_t *output_gate = buffer1;
    mg_lstm_gate(p, &p->output, input, hidden, rows, output_gate, buffer3);
    mg_logistic_s16_values(p->sigmoid_table, 0, 0, output_gate, output_gate, count);

    /* h = tanh(c) * output gate, requantized to the hidden state; y[t] = h. */
    int16_t *cell_tanh = buffer0;
    mg_tanh_s16_values(p->sigmoid_table, p->cell_tanh_multiplier, p->cell_tanh_shift, cell, cell_tanh, count);
    for (int32_t i = 0; i < count; ++i) {
        hidden[i] = (int8_t)mg_lstm_mul_value(&p->hidden, cell_tanh[i], output_gate[i]);
    }
    memcpy(output, hidden, (size_t)count);
}

void mg_lstm_s8(const mg_lstm_s8_params *p, const int8_t *input, int8_t *output, int8_t *hidden, int16_t *cell,
                int16_t *scratch)
{
    if (p->time_major) {
        for (int32_t step = 0; step < p->time_steps; ++step) {
            mg_lstm_step(p, input + step * p->batches * p->input_dim, hidden, cell,
                         output + step * p->batches * p->state_dim, p->batches, scratch);
        }
        return;
    }
    for (int32_t batch = 0; batch < p->batches; ++batch) {
        for (int32_t step = 0; step < p->time_steps; ++step) {
            const int32_t sequence_index = batch * p->time_steps + step;
            mg_lstm_step(p, input + sequence_index * p->input_dim, hidden + batch * p->state_dim,
                         cell + batch * p->state_dim, output + sequence_index * p->state_dim, 1, scratch);
        }
    }
}
