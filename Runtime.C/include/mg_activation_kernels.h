/* MicroGen C runtime: the activation kernels (QUANTIZE, DEQUANTIZE, SOFTMAX, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU,
 * PRELU, the RELU family) and UNIDIRECTIONAL_SEQUENCE_LSTM. Parameter blocks follow mg_kernels.h: constant, computed
 * at generation time (multipliers, shifts, lookup tables), so that the integer kernels do integer work only.
 *
 * Elementwise kernels walk their tensors in rows: `rows` rows of `row_elems` elements; input row r starts at element
 * in_offset + r * in_stride, output rows are contiguous. A whole tensor is one row (in_offset 0); a patch of a
 * patch-based stage whose input buffer holds a larger rectangle than the output reads a window of it. Each output
 * element is computed from the input element at its own position, read before it is written, so the output may be the
 * input (computed in place) when in_offset is 0. */
#ifndef MG_ACTIVATION_KERNELS_H
#define MG_ACTIVATION_KERNELS_H

#include "mg_runtime.h"

/* expf computed the same on every target (glibc's algorithm, without fused multiply-adds), as MicroGen's reference
 * computes it: the float kernels use it where TFLite calls std::exp. */
float mg_expf(float x);

/* ---- QUANTIZE ---- */

/* float32 -> int8/int16: round(x / scale) half away from zero, saturated to int32 (NaN gives 0), plus the zero point
 * (int32 wrap-around), clamped to the output type. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    float scale;
    int32_t zero_point;
} mg_quantize_f32_params;

void mg_quantize_f32_s8(const mg_quantize_f32_params *p, const float *input, int8_t *output);
void mg_quantize_f32_s16(const mg_quantize_f32_params *p, const float *input, int16_t *output);

/* Integer requantization: (q - input_zero_point) rescaled by the double-rounding multiplier, plus the output zero
 * point, clamped to the output type. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t input_zero_point, output_zero_point, multiplier, shift;
} mg_requantize_params;

void mg_requantize_s8_s8(const mg_requantize_params *p, const int8_t *input, int8_t *output);
void mg_requantize_s8_u8(const mg_requantize_params *p, const int8_t *input, uint8_t *output);
void mg_requantize_s8_s16(const mg_requantize_params *p, const int8_t *input, int16_t *output);
void mg_requantize_s8_s32(const mg_requantize_params *p, const int8_t *input, int32_t *output);
void mg_requantize_s16_s8(const mg_requantize_params *p, const int16_t *input, int8_t *output);
void mg_requantize_s16_s16(const mg_requantize_params *p, const int16_t *input, int16_t *output);
void mg_requantize_s16_s32(const mg_requantize_params *p, const int16_t *input, int32_t *output);
void mg_requantize_u8_s8(const mg_requantize_params *p, const uint8_t *input, int8_t *output);
void mg_requantize_s32_s8(const mg_requantize_params *p, const int32_t *input, int8_t *output);
void mg_requantize_s32_s16(const mg_requantize_params *p, const int32_t *input, int16_t *output);

/* ---- DEQUANTIZE: (float)(scale * (q - zero_point)), the product in double. ---- */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    float scale;
    int32_t zero_point;
} mg_dequantize_params;

void mg_dequantize_s8_f32(const mg_dequantize_params *p, const int8_t *input, float *output);
void mg_dequantize_s16_f32(const mg_dequantize_params *p, const int16_t *input, float *output);
void mg_dequantize_u8_f32(const mg_dequantize_params *p, const uint8_t *input, float *output);

/* ---- SOFTMAX over the last dimension: outer rows of depth elements. ---- */

/* int8 input: differences to the row maximum rescaled to Q5.26 (multiplier, left shift), differences below diff_min
 * dropped; output int8 (zero point -128) or int16 (zero point -32768). */
typedef struct {
    int32_t outer, depth;
    int32_t input_multiplier, input_left_shift, diff_min;
} mg_softmax_s8_params;

void mg_softmax_s8_s8(const mg_softmax_s8_params *p, const int8_t *input, int8_t *output);
void mg_softmax_s8_s16(const mg_softmax_s8_params *p, const int8_t *input, int16_t *output);

/* int16 -> int16 through the interpolated exp and 1/(1+x) tables (513 entries each). */
typedef struct {
    int32_t outer, depth;
    int32_t input_multiplier, input_left_shift;
    const int16_t *exp_table;
    const int16_t *reciprocal_table;
} mg_softmax_s16_params;

void mg_softmax_s16(const mg_softmax_s16_params *p, const int16_t *input, int16_t *output);

/* float32: mg_expf((x - max) * beta) / sum (mg_expf.c). */
typedef struct {
    int32_t outer, depth;
    float beta;
} mg_softmax_f32_params;

void mg_softmax_f32(const mg_softmax_f32_params *p, const float *input, float *output);

/* ---- LOGISTIC and TANH ---- */

/* int8: inputs within input_range_radius steps of the zero point rescaled to Q4.27 and passed through gemmlowp's
 * logistic (output zero point -128, steps of 1/256) or tanh (steps of 1/128); the others saturate. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t input_zero_point, input_range_radius, input_multiplier, input_left_shift;
} mg_logistic_tanh_s8_params;

void mg_logistic_s8(const mg_logistic_tanh_s8_params *p, const int8_t *input, int8_t *output);
void mg_tanh_s8(const mg_logistic_tanh_s8_params *p, const int8_t *input, int8_t *output);

/* int16 (zero points 0, output Q0.15): the input brought to the sigmoid table's scale (input_multiplier 0 means
 * 3 << input_left_shift without shift) and interpolated in TFLite's sigmoid table (256 uint16 entries). */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t input_multiplier, input_left_shift;
    const uint16_t *sigmoid_table;
} mg_logistic_tanh_s16_params;

void mg_logistic_s16(const mg_logistic_tanh_s16_params *p, const int16_t *input, int16_t *output);
void mg_tanh_s16(const mg_logistic_tanh_s16_params *p, const int16_t *input, int16_t *output);

/* The int16 table kernels on count contiguous values (input may be output): shared by LOGISTIC, TANH and the LSTM. */
void mg_logistic_s16_values(const uint16_t *sigmoid_table, int32_t input_multiplier, int32_t input_left_shift,
                            const int16_t *input, int16_t *output, int32_t count);
void mg_tanh_s16_values(const uint16_t *sigmoid_table, int32_t input_multiplier, int32_t input_left_shift,
                        const int16_t *input, int16_t *output, int32_t count);

/* float32 (no parameters beyond the walk). LOGISTIC uses mg_expf (mg_expf.c), TANH libm's tanhf. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
} mg_unary_f32_params;

void mg_logistic_f32(const mg_unary_f32_params *p, const float *input, float *output);
void mg_tanh_f32(const mg_unary_f32_params *p, const float *input, float *output);

/* ---- HARD_SWISH ---- */

/* int8: TFLite's 16-bit fixed-point reference with Q15 multipliers and power-of-two exponents. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t input_zero_point, output_zero_point;
    int32_t reluish_multiplier, reluish_exponent, output_multiplier, output_exponent;
} mg_hard_swish_s8_params;

void mg_hard_swish_s8(const mg_hard_swish_s8_params *p, const int8_t *input, int8_t *output);
void mg_hard_swish_f32(const mg_unary_f32_params *p, const float *input, float *output);

/* ---- LEAKY_RELU ---- */

/* int8/int16: non-negative (x - input zero point) rescaled by the identity multiplier, negative ones by the magnitude
 * of the alpha multiplier (negated afterwards when alpha is negative), plus the output zero point, clamped. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t input_zero_point, output_zero_point;
    int32_t identity_multiplier, identity_shift, alpha_multiplier, alpha_shift;
} mg_leaky_relu_params;

void mg_leaky_relu_s8(const mg_leaky_relu_params *p, const int8_t *input, int8_t *output);
void mg_leaky_relu_s16(const mg_leaky_relu_params *p, const int16_t *input, int16_t *output);

typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    float alpha;
} mg_leaky_relu_f32_params;

void mg_leaky_relu_f32(const mg_leaky_relu_f32_params *p, const float *input, float *output);

/* ---- RELU, RELU6, RELU_N1_TO_1 ---- */

/* int8/int16. clamp_only (RELU6): the input clamped to [act_min, act_max]. Otherwise (x - input zero point) rescaled,
 * plus the output zero point, clamped to [act_min, act_max]. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    int32_t clamp_only, input_zero_point, output_zero_point, multiplier, shift, act_min, act_max;
} mg_relu_params;

void mg_relu_s8(const mg_relu_params *p, const int8_t *input, int8_t *output);
void mg_relu_s16(const mg_relu_params *p, const int16_t *input, int16_t *output);

/* float32: x > max ? max : x < min ? min : x, with no upper bound unless has_max (RELU). NaN passes. */
typedef struct {
    int32_t rows, row_elems, in_offset, in_stride;
    float min, max;
    int32_t has_max;
} mg_relu_f32_params;

void mg_relu_f32(const mg_relu_f32_params *p, const float *input, float *output);

/* ---- PRELU: x >= 0 ? x : alpha * x, alpha broadcast against the input. ---- */

/* The output is walked in row-major order over dims[0..rank) (at most MG_PRELU_MAX_RANK), input_strides and
 * alpha_strides giving each operand's element stride per dimension (0 where broadcast). Quantized: non-negative
 * (x + input_offset) rescaled by multiplier 1, negative ones times (alpha + alpha_offset) by multiplier 2, plus the
 * output offset, clamped. */
#define MG_PRELU_MAX_RANK 8
typedef struct {
    int32_t rank;
    const int32_t *dims;
    const int32_t *input_strides;
    const int32_t *alpha_strides;
    int32_t input_offset, alpha_offset, output_offset;
    int32_t multiplier1, shift1, multiplier2, shift2;
} mg_prelu_params;

void mg_prelu_s8(const mg_prelu_params *p, const int8_t *input, const int8_t *alpha, int8_t *output);
void mg_prelu_s16(const mg_prelu_params *p, const int16_t *input, const int8_t *alpha, int16_t *output);
void mg_prelu_f32(const mg_prelu_params *p, const float *input, const float *alpha, float *output);

/* ---- UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations, int8 weights, int32 biases, int16 cell state ---- */

/* One gate: input-to-gate weights [state][input], recurrent weights [state][state], bias [state], and the two fully
 * connected products' weight offsets and requantization to the Q3.12 gate scale (int16 outputs, no output offset). */
typedef struct {
    const int8_t *input_weights;
    const int8_t *recurrent_weights;
    const int32_t *bias;
    int32_t input_weights_offset, input_multiplier, input_shift;
    int32_t recurrent_weights_offset, recurrent_multiplier, recurrent_shift;
} mg_lstm_gate_s8;

/* An elementwise product of two int16 values, requantized, offset and clamped. */
typedef struct {
    int32_t multiplier, shift, output_offset, act_min, act_max;
} mg_lstm_mul;

/* TFLM micro's LstmStep per time step (all batches at once when time_major, batch after batch otherwise): gates
 * sigmoid / tanh of FC(x) + FC(h), c = f * c + i * g (clipped to +-cell_clip when use_cell_clip), h = tanh(c) * o,
 * y[t] = h. input_offset and hidden_offset are the negated zero points of the input and the hidden state.
 * hidden (int8, batch x state) and cell (int16) are the variable tensors, updated in place. */
typedef struct {
    int32_t batches, time_steps, input_dim, state_dim, time_major;
    int32_t input_offset, hidden_offset;
    mg_lstm_gate_s8 forget, input, cell, output;
    int32_t use_cell_clip, cell_clip;
    int32_t cell_tanh_multiplier, cell_tanh_shift, gate_tanh_multiplier, gate_tanh_shift;
    mg_lstm_mul forget_cell, input_cell_gate, hidden;
    const uint16_t *sigmoid_table;
} mg_lstm_s8_params;

/* Four int16 gate buffers of (time_major ? batches : 1) * state_dim values. */
#define MG_LSTM_S8_SCRATCH_BYTES(p_rows_per_step, p_state_dim) (4 * 2 * (p_rows_per_step) * (p_state_dim))
void mg_lstm_s8(const mg_lstm_s8_params *p, const int8_t *input, int8_t *output, int8_t *hidden, int16_t *cell,
                int16_t *scratch);

/* ---- UNIDIRECTIONAL_SEQUENCE_LSTM, float32 (weights, biases, cell state): the same steps as the int8 kernel with
 * TFLite's float FullyConnected (products summed in input order, the bias added last) and Mul, each clamped to the
 * float range, mg_logistic_f32_value and libm's tanhf, the cell clipped to +-cell_clip when use_cell_clip. ---- */
typedef struct {
    const float *input_weights;
    const float *recurrent_weights;
    const float *bias;
} mg_lstm_gate_f32;

typedef struct {
    int32_t batches, time_steps, input_dim, state_dim, time_major;
    mg_lstm_gate_f32 forget, input, cell, output;
    int32_t use_cell_clip;
    float cell_clip;
} mg_lstm_f32_params;

/* Four float gate buffers of (time_major ? batches : 1) * state_dim values. */
#define MG_LSTM_F32_SCRATCH_BYTES(p_rows_per_step, p_state_dim) (4 * 4 * (p_rows_per_step) * (p_state_dim))
void mg_lstm_f32(const mg_lstm_f32_params *p, const float *input, float *output, float *hidden, float *cell, float *scratch);

/* TFLite's float logistic of one value (mg_logistic_f32.c): shared by LOGISTIC and the float LSTM. */
float mg_logistic_f32_value(float x);

#endif /* MG_ACTIVATION_KERNELS_H */
