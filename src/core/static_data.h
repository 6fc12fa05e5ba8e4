/* Whether memory is the program's own static data (string literals, static tables). */
#ifndef DXHUB_CORE_STATIC_DATA_H
#define DXHUB_CORE_STATIC_DATA_H

#include <stdbool.h>

/* True when p lies in the program's read-only or initialised data (between the ends of its
 * text and of its initialised data, man 3 end): string literals and static tables, whose contents
 * never change, so that their address alone can key a cache. Heap, stack, arena and library
 * memory never do. NULL is false. */
bool static_data_has(const void *p);

#endif
