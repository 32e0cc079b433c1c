/* RESHAPE, SQUEEZE, EXPAND_DIMS when the output is not an alias of the input: the bytes unchanged. */
#include "mg_kernels.h"

void mg_copy_bytes(const mg_copy_bytes_params *p, const void *input, void *output)
{
    memmove(output, input, (size_t)p->bytes);
}
