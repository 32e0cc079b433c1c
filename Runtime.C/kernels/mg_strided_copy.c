/* The data-movement kernel behind TRANSPOSE, SLICE, STRIDED_SLICE, SPLIT, SPLIT_V, CONCATENATION, PACK, UNPACK, PAD
 * and PADV2: element copies between strided views (MicroGen's StridedCopyKernels), and PAD's fill. Elements are
 * moved as bytes (memcpy of a constant size, which compilers turn into one load and store), so one kernel serves
 * every type. */
#include "mg_kernels.h"

/* count elements of size bytes, from src every src_step bytes to dst every dst_step bytes. */
static void copy_row(uint8_t *dst, int32_t dst_step, const uint8_t *src, int32_t src_step, int32_t count, int32_t size)
{
    if (src_step == size && dst_step == size) {
        memcpy(dst, src, (size_t)count * (size_t)size);
        return;
    }
    switch (size) {
    case 1:
        for (int32_t i = 0; i < count; ++i) {
            dst[i * dst_step] = src[i * src_step];
        }
        break;
    case 2:
        for (int32_t i = 0; i < count; ++i) {
            memcpy(dst + i * dst_step, src + i * src_step, 2);
        }
        break;
    case 4:
        for (int32_t i = 0; i < count; ++i) {
            memcpy(dst + i * dst_step, src + i * src_step, 4);
        }
        break;
    default:
        for (int32_t i = 0; i < count; ++i) {
            memcpy(dst + i * dst_step, src + i * src_step, (size_t)size);
        }
        break;
    }
}

/* One view-to-view copy; v points at its entry of the views table. */
static void copy_view(const mg_strided_copy_params *p, const int32_t *v, const void *const *sources, void *const *destinations)
{
    const int32_t rank = p->rank;
    const int32_t size = p->element_size;
    const int32_t *shape = v + 4;
    const int32_t *src_strides = shape + rank;
    const int32_t *dst_strides = src_strides + rank;
    int32_t index[MG_STRIDED_COPY_MAX_RANK];
    for (int32_t d = 0; d < rank; ++d) {
        if (shape[d] == 0) {
            return;
        }
        index[d] = 0;
    }
    const uint8_t *src_base = (const uint8_t *)sources[v[0]];
    uint8_t *dst_base = (uint8_t *)destinations[v[1]];
    int32_t src = v[2];
    int32_t dst = v[3];
    const int32_t inner = shape[rank - 1];
    for (;;) {
        copy_row(dst_base + dst * size, dst_strides[rank - 1] * size, src_base + src * size, src_strides[rank - 1] * size, inner, size);
        int32_t d = rank - 2;
        for (; d >= 0; --d) {
            src += src_strides[d];
            dst += dst_strides[d];
            if (++index[d] < shape[d]) {
                break;
            }
            src -= shape[d] * src_strides[d];
            dst -= shape[d] * dst_strides[d];
            index[d] = 0;
        }
        if (d < 0) {
            return;
        }
    }
}

void mg_strided_copy(const mg_strided_copy_params *p, const void *const *sources, void *const *destinations)
{
    if (p->fill_elements > 0) {
        const uint8_t *value = p->fill_source >= 0 ? (const uint8_t *)sources[p->fill_source] : (const uint8_t *)p->fill_value;
        uint8_t *out = (uint8_t *)destinations[0];
        if (p->element_size == 1) {
            memset(out, value[0], (size_t)p->fill_elements);
        } else {
            for (int32_t i = 0; i < p->fill_elements; ++i) {
                memcpy(out + i * p->element_size, value, (size_t)p->element_size);
            }
        }
    }
    const int32_t entry = 4 + 3 * p->rank;
    for (int32_t k = 0; k < p->copies; ++k) {
        copy_view(p, p->views + k * entry, sources, destinations);
    }
}
