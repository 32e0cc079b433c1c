/* Copies between a full feature map and one patch of it (patch-based execution). */
#include "mg_kernels.h"

void mg_copy_region_in(const int8_t *full, int32_t full_w, int32_t pixel_bytes, const mg_region *r, int8_t *patch)
{
    const int32_t row_bytes = (r->x1 - r->x0) * pixel_bytes;
    for (int32_t y = r->y0; y < r->y1; ++y) {
        memcpy(patch, full + (y * full_w + r->x0) * pixel_bytes, (size_t)row_bytes);
        patch += row_bytes;
    }
}

void mg_copy_region_out(const int8_t *patch, const mg_region *r, int8_t *full, int32_t full_w, int32_t pixel_bytes)
{
    const int32_t row_bytes = (r->x1 - r->x0) * pixel_bytes;
    for (int32_t y = r->y0; y < r->y1; ++y) {
        memcpy(full + (y * full_w + r->x0) * pixel_bytes, patch, (size_t)row_bytes);
        patch += row_bytes;
    }
}
