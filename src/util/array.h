/* array.h — the number of elements of an array, counted by the compiler
 * so that a list and its count never disagree. */
#ifndef CK_UTIL_ARRAY_H
#define CK_UTIL_ARRAY_H

#include <stddef.h>

/* Elements in a, which must be an array, not a pointer. */
#define CK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
