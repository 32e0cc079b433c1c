/* The row walk of the broadcasting binary kernels: the output in row-major order, one innermost row at a time, with
 * each input's offset following its strides (0 along broadcast dimensions) from its first element's offset. */
#include "mg_kernels.h"

int mg_broadcast_begin(mg_broadcast_cursor *c, int32_t rank, const int32_t *dims)
{
    for (int32_t d = 0; d < rank; ++d) {
        if (dims[d] == 0) {
            return 0;
        }
        c->index[d] = 0;
    }
    c->output = 0;
    c->offset1 = dims[3 * rank];
    c->offset2 = dims[3 * rank + 1];
    c->count = dims[rank - 1];
    c->stride1 = dims[2 * rank - 1];
    c->stride2 = dims[3 * rank - 1];
    return 1;
}

int mg_broadcast_next(mg_broadcast_cursor *c, int32_t rank, const int32_t *dims)
{
    const int32_t *shape = dims;
    const int32_t *strides1 = dims + rank;
    const int32_t *strides2 = dims + 2 * rank;
    c->output += c->count;
    for (int32_t d = rank - 2; d >= 0; --d) {
        c->offset1 += strides1[d];
        c->offset2 += strides2[d];
        if (++c->index[d] < shape[d]) {
            return 1;
        }
        c->offset1 -= shape[d] * strides1[d];
        c->offset2 -= shape[d] * strides2[d];
        c->index[d] = 0;
    }
    return 0;
}
