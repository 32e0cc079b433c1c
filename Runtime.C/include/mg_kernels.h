/* MicroGen C runtime: kernel parameter blocks and entry points.
 * Each kernel reads a const parameter block (kept in flash) computed at generation time, so that evaluation is
 * integer only. Scratch sizes are given as macros: the generated code asserts at compile time that they equal the
 * sizes MicroGen's planner reserved. */
#ifndef MG_KERNELS_H
#define MG_KERNELS_H

#include "mg_runtime.h"
#include "mg_activation_kernels.h"

/* CONV_2D, int8, per-channel requantization. Filter [out_c][k_h][k_w][filter_c], groups = in_c / filter_c. */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c;
    int32_t k_h, k_w, filter_c, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t input_offset, output_offset, act_min, act_max;
    const int8_t *filter;
    const int32_t *bias; /* may be NULL */
    const int32_t *multiplier;
    const int32_t *shift;
} mg_conv2d_s8_params;

/* Output pixels are computed in raster order (batch, row, column), every channel of a pixel after reading its window:
 * the output may overlap the input, starting the planner's lead bytes before it (Generator RasterOverlap). The same
 * holds for mg_depthwise_conv2d_s8 and the pooling kernels. */
void mg_conv2d_s8(const mg_conv2d_s8_params *p, const int8_t *input, int8_t *output);

/* 1x1 stride-1 CONV_2D streamed pixel by pixel, with the output region overlapping the input region: the output starts
 * at the input (out_c <= in_c) or out_c - in_c bytes per pixel before it (out_c > in_c). Each input pixel is copied
 * to scratch before its outputs are written, so memory is max(in, out) plus one pixel. */
#define MG_CONV2D_1X1_S8_STREAM_SCRATCH_BYTES(p_in_c) (p_in_c)
void mg_conv2d_1x1_s8_stream(const mg_conv2d_s8_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* DEPTHWISE_CONV_2D, int8, per-channel. Filter [k_h][k_w][out_c], out_c = in_c * depth_multiplier. */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, depth_multiplier;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t input_offset, output_offset, act_min, act_max;
    const int8_t *filter;
    const int32_t *bias;
    const int32_t *multiplier;
    const int32_t *shift;
} mg_depthwise_conv2d_s8_params;

void mg_depthwise_conv2d_s8(const mg_depthwise_conv2d_s8_params *p, const int8_t *input, int8_t *output);

/* DEPTHWISE_CONV_2D (depth multiplier 1, one batch) computed in place: channel by channel, the input channel is copied
 * to scratch, then the output channel is written over it. Memory is the input plus one channel. */
#define MG_DEPTHWISE_CONV2D_S8_INPLACE_SCRATCH_BYTES(p_in_h, p_in_w) ((p_in_h) * (p_in_w))
void mg_depthwise_conv2d_s8_inplace(const mg_depthwise_conv2d_s8_params *p, int8_t *data, int8_t *scratch);

/* FULLY_CONNECTED, int8. Filter [units][depth]; one multiplier per unit (per-tensor filters repeat it). */
typedef struct {
    int32_t batches, depth, units;
    int32_t input_offset, filter_offset, output_offset, act_min, act_max;
    const int8_t *filter;
    const int32_t *bias;
    const int32_t *multiplier;
    const int32_t *shift;
} mg_fully_connected_s8_params;

void mg_fully_connected_s8(const mg_fully_connected_s8_params *p, const int8_t *input, int8_t *output);

/* AVERAGE_POOL_2D / MAX_POOL_2D, int8 (same quantization in and out). */
typedef struct {
    int32_t batches, in_h, in_w, depth, out_h, out_w;
    int32_t k_h, k_w, stride_h, stride_w, pad_top, pad_left;
    int32_t act_min, act_max;
} mg_pool2d_s8_params;

void mg_avg_pool2d_s8(const mg_pool2d_s8_params *p, const int8_t *input, int8_t *output);
void mg_max_pool2d_s8(const mg_pool2d_s8_params *p, const int8_t *input, int8_t *output);

/* TRANSPOSE_CONV, int8, per-channel; scratch holds one int32 accumulator per output element. */
typedef struct {
    int32_t batches, in_h, in_w, in_c, k_h, k_w, out_h, out_w, out_c;
    int32_t stride_h, stride_w, pad_top, pad_left;
    int32_t input_offset, output_offset, act_min, act_max;
    const int8_t *filter;
    const int32_t *bias;
    const int32_t *multiplier;
    const int32_t *shift;
} mg_transpose_conv2d_s8_params;

#define MG_TRANSPOSE_CONV2D_S8_SCRATCH_BYTES(p_batches, p_out_h, p_out_w, p_out_c) \
    ((p_batches) * (p_out_h) * (p_out_w) * (p_out_c) * 4)
void mg_transpose_conv2d_s8(const mg_transpose_conv2d_s8_params *p, const int8_t *input, int8_t *output, int32_t *scratch);

/* RESHAPE and friends when the output cannot alias the input: a plain copy. */
typedef struct {
    int32_t bytes;
} mg_copy_bytes_params;

void mg_copy_bytes(const mg_copy_bytes_params *p, const void *input, void *output);

/* Patch-based execution: a rectangle of a feature map (rows [y0, y1), columns [x0, x1)), and the copies between a full
 * feature map (width full_w, pixel_bytes bytes per pixel) and a contiguous patch buffer. */
typedef struct {
    int32_t y0, y1, x0, x1;
} mg_region;

void mg_copy_region_in(const int8_t *full, int32_t full_w, int32_t pixel_bytes, const mg_region *r, int8_t *patch);
void mg_copy_region_out(const int8_t *patch, const mg_region *r, int8_t *full, int32_t full_w, int32_t pixel_bytes);

/* FULLY_CONNECTED (one batch) as a patch stage's reduction tail: start sets the int32 accumulators (bias), accumulate adds
 * one patch (rectangle r of a width x channels feature map, stored row by row), finish requantizes into the output. */
void mg_fully_connected_s8_partial_start(const mg_fully_connected_s8_params *p, int32_t *acc);
void mg_fully_connected_s8_partial_accumulate(const mg_fully_connected_s8_params *p, const int8_t *patch, const mg_region *r,
                                              int32_t width, int32_t channels, int32_t *acc);
void mg_fully_connected_s8_partial_finish(const mg_fully_connected_s8_params *p, const int32_t *acc, int8_t *output);

/* ---- Tensor operators: broadcasting binaries, data movement, reductions, resizing, batched matrix products. ---- */

/* TFLite's ActivationFunctionWithMinMax for float: std::min(std::max(x, lo), hi) with std's comparisons, so a NaN x
 * passes through and signed zeros are kept as C++ keeps them. */
MG_INLINE float mg_clamp_f32(float x, float lo, float hi)
{
    const float lower_bounded = x < lo ? lo : x;
    return hi < lower_bounded ? hi : lower_bounded;
}

/* Broadcast geometry of the binary elementwise kernels (ADD, SUB, MUL, MAXIMUM, MINIMUM): dims holds the output shape,
 * then input 1's element strides, then input 2's (0 along broadcast dimensions), rank entries each, row-major, then
 * the element offsets of each input's first element (non-zero when a patch reads a window of a larger patch buffer);
 * MicroGen merges dimensions at generation time so that rank is small (1 to MG_BROADCAST_MAX_RANK). */
#define MG_BROADCAST_MAX_RANK 6

/* A walk over the output in rows of its innermost dimension: the row's first output element, the offsets of its
 * inputs, its length and the inputs' strides along it. */
typedef struct {
    int32_t index[MG_BROADCAST_MAX_RANK];
    int32_t output, offset1, offset2;
    int32_t count, stride1, stride2;
} mg_broadcast_cursor;

/* Starts the walk at the first row; 0 when the output is empty. */
int mg_broadcast_begin(mg_broadcast_cursor *c, int32_t rank, const int32_t *dims);
/* Moves to the next row; 0 after the last. */
int mg_broadcast_next(mg_broadcast_cursor *c, int32_t rank, const int32_t *dims);

/* ADD and SUB: int8 / int16 with TFLite's general rescaling (inputs offset, shifted left by left_shift, scaled to a
 * common scale; shifts are non-positive exponents), float32 with a clamp. The output may be one of the inputs when
 * that input has the output's shape. */
typedef struct {
    int32_t rank;
    const int32_t *dims;
    int32_t subtract, left_shift;
    int32_t input1_offset, input1_multiplier, input1_shift;
    int32_t input2_offset, input2_multiplier, input2_shift;
    int32_t output_offset, output_multiplier, output_shift;
    int32_t act_min, act_max;
    float float_min, float_max;
} mg_add_sub_params;

void mg_add_sub_s8(const mg_add_sub_params *p, const int8_t *input1, const int8_t *input2, int8_t *output);
void mg_add_sub_s16(const mg_add_sub_params *p, const int16_t *input1, const int16_t *input2, int16_t *output);
void mg_add_sub_f32(const mg_add_sub_params *p, const float *input1, const float *input2, float *output);

/* MUL: int8 / int16, the product of the offset inputs requantized (double rounding); float32 with a clamp. */
typedef struct {
    int32_t rank;
    const int32_t *dims;
    int32_t input1_offset, input2_offset, output_offset;
    int32_t multiplier, shift;
    int32_t act_min, act_max;
    float float_min, float_max;
} mg_mul_params;

void mg_mul_s8(const mg_mul_params *p, const int8_t *input1, const int8_t *input2, int8_t *output);
void mg_mul_s16(const mg_mul_params *p, const int16_t *input1, const int16_t *input2, int16_t *output);
void mg_mul_f32(const mg_mul_params *p, const float *input1, const float *input2, float *output);

/* MAXIMUM (a > b ? a : b) and MINIMUM (a < b ? a : b) on the stored values, no rescaling. */
typedef struct {
    int32_t rank;
    const int32_t *dims;
} mg_maximum_minimum_params;

void mg_maximum_s8(const mg_maximum_minimum_params *p, const int8_t *input1, const int8_t *input2, int8_t *output);
void mg_maximum_s16(const mg_maximum_minimum_params *p, const int16_t *input1, const int16_t *input2, int16_t *output);
void mg_maximum_s32(const mg_maximum_minimum_params *p, const int32_t *input1, const int32_t *input2, int32_t *output);
void mg_maximum_f32(const mg_maximum_minimum_params *p, const float *input1, const float *input2, float *output);
void mg_minimum_s8(const mg_maximum_minimum_params *p, const int8_t *input1, const int8_t *input2, int8_t *output);
void mg_minimum_s16(const mg_maximum_minimum_params *p, const int16_t *input1, const int16_t *input2, int16_t *output);
void mg_minimum_s32(const mg_maximum_minimum_params *p, const int32_t *input1, const int32_t *input2, int32_t *output);
void mg_minimum_f32(const mg_maximum_minimum_params *p, const float *input1, const float *input2, float *output);

/* TRANSPOSE, SLICE, STRIDED_SLICE, SPLIT, SPLIT_V, CONCATENATION, PACK, UNPACK, PAD, PADV2: element copies between
 * strided views, in order. Per copy, views holds: source (index into sources), destination (index into destinations),
 * source offset, destination offset, shape[rank], source strides[rank], destination strides[rank], all in elements
 * (strides may be negative). Before the copies, the first fill_elements elements of destinations[0] are set to the
 * fill value: the first element of sources[fill_source], or when fill_source is -1 the element_size bytes fill_value. */
#define MG_STRIDED_COPY_MAX_RANK 6
typedef struct {
    int32_t copies, rank, element_size;
    const int32_t *views;
    int32_t fill_elements, fill_source;
    const int8_t *fill_value; /* may be NULL */
} mg_strided_copy_params;

void mg_strided_copy(const mg_strided_copy_params *p, const void *const *sources, void *const *destinations);

/* MEAN and SUM (TFLM QuantizedMeanOrSum for int8 / int16; float sums in input order, MEAN divides once). The kept
 * dimensions (outer: shape[outer_rank] then input strides[outer_rank]) are walked in output order; for each output,
 * the reduced dimensions (inner, same layout) in row-major order. Quantized: output = requantize(sum - correction)
 * + output_zero_point, saturated, where correction is input zero point * count (int32, wrapping). An empty input gives
 * zeros (clear = 1). */
typedef struct {
    int32_t outer_rank;
    const int32_t *outer;
    int32_t inner_rank;
    const int32_t *inner;
    int32_t count, clear, mean;
    int32_t correction, multiplier, shift, output_zero_point;
} mg_mean_sum_params;

void mg_mean_sum_s8(const mg_mean_sum_params *p, const int8_t *input, int8_t *output);
void mg_mean_sum_s16(const mg_mean_sum_params *p, const int16_t *input, int16_t *output);
void mg_mean_sum_f32(const mg_mean_sum_params *p, const float *input, float *output);

/* RESIZE_NEAREST_NEIGHBOR, NHWC, any element type: output pixel (y, x) is input pixel (rows[y], cols[x]). */
typedef struct {
    int32_t batches, in_h, in_w, out_h, out_w, pixel_bytes;
    const int32_t *rows;
    const int32_t *cols;
} mg_resize_nearest_params;

void mg_resize_nearest(const mg_resize_nearest_params *p, const void *input, void *output);

/* RESIZE_BILINEAR, NHWC. rows (cols) holds per output row (column) the lower and upper input row (column) and, for
 * int8, the position in 1/1024 units (TFLM's fixed-point path); float32 takes the positions from row_positions and
 * col_positions (NULL for int8). */
typedef struct {
    int32_t batches, in_h, in_w, depth, out_h, out_w;
    const int32_t *rows;
    const int32_t *cols;
    const float *row_positions;
    const float *col_positions;
} mg_resize_bilinear_params;

void mg_resize_bilinear_s8(const mg_resize_bilinear_params *p, const int8_t *input, int8_t *output);
void mg_resize_bilinear_f32(const mg_resize_bilinear_params *p, const float *input, float *output);

/* BATCH_MATMUL: per output matrix b, lhs starts at batches[2b] and rhs at batches[2b + 1] (elements); element (m, k)
 * of lhs is at m * lhs_row_stride + k * lhs_depth_stride, element (k, n) of rhs at k * rhs_depth_stride +
 * n * rhs_column_stride. int8: int32 sums, double-rounding requantization. int16: int64 sums and TFLite's int64
 * MultiplyByQuantizedMultiplier, with its Q15 multiplier, total shift and rounding term given here. float32: sums
 * from 0, k ascending. */
typedef struct {
    int32_t batch_count;
    const int32_t *batches;
    int32_t rows, cols, depth;
    int32_t lhs_row_stride, lhs_depth_stride, rhs_depth_stride, rhs_column_stride;
    int32_t lhs_offset, rhs_offset, output_offset;
    int32_t multiplier, shift, act_min, act_max;
    int32_t multiplier_q15, total_shift;
    int64_t rounding;
} mg_batch_matmul_params;

void mg_batch_matmul_s8(const mg_batch_matmul_params *p, const int8_t *lhs, const int8_t *rhs, int8_t *output);
void mg_batch_matmul_s16(const mg_batch_matmul_params *p, const int16_t *lhs, const int16_t *rhs, int16_t *output);
void mg_batch_matmul_f32(const mg_batch_matmul_params *p, const float *lhs, const float *rhs, float *output);

/* The optimised kernels (portable and DSP). */
#include "mg_fast.h"

#endif /* MG_KERNELS_H */
