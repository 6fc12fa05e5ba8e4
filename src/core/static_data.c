/* Telling the program's static data from other memory, by the linker's end symbols. */
#include "core/static_data.h"

#include <stdint.h>

extern const char etext[], edata[];

bool static_data_has(const void *p)
{
    return (uintptr_t)p >= (uintptr_t)etext && (uintptr_t)p < (uintptr_t)edata;
}
