/* assert(condition): when the condition is false, prints where and what on stderr and aborts.
 * Defining NDEBUG before including this header turns assertions off. Deliberately without
 * #pragma once: C lets a program include it again after changing NDEBUG. */
#include <sys/cdefs.h>

#undef assert
#ifdef NDEBUG
#define assert(condition) ((void)0)
#else
#define assert(condition)                                                                          \
    ((condition) ? (void)0 : __assert_fail(#condition, __FILE__, __LINE__, __func__))
#endif

#ifndef __ASSERT_FAIL_DECLARED
#define __ASSERT_FAIL_DECLARED
__BEGIN_DECLS
__noreturn void __assert_fail(const char* condition, const char* file, unsigned int line,
                              const char* function);
__END_DECLS
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif
