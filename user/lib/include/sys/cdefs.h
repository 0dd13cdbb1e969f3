/* Helpers for the other headers: C linkage for C++ programs, and a few attributes. Every public
 * header of the user library is usable from C and from C++. */
#pragma once

#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif

#define __noreturn __attribute__((noreturn))
#define __printf_like(format_index, first_argument)                                                \
    __attribute__((format(printf, format_index, first_argument)))
