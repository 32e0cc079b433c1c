/* MicroGen C runtime: kernel parameter blocks and entry points.
 * Each kernel reads a const parameter block (kept in flash) computed at generation time, so that evaluation is
 * integer only. Scratch sizes are given as macros: the generated code asserts at compile time that they equal the
 * sizes MicroGen's planner reserved. */
#ifndef MG_KERNELS_H
#define MG_KERNELS_H

#include "mg_runtime.h"

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

/* The optimised kernels (portable and DSP). */
#include "mg_fast.h"

#endif /* MG_KERNELS_H */
