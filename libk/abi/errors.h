/* Error numbers of the system-call interface, shared by the kernel and the user library.
 * A failing system call returns the negated number in eax (-EFAULT); the user library stores it
 * in errno and returns -1. The values are Linux's i386 numbers, so a program's behaviour can be
 * compared with Linux number for number. Plain C: user headers (<errno.h>) include it. */
#ifndef LIBK_ABI_ERRORS_H
#define LIBK_ABI_ERRORS_H

/* Each definition is token for token the one of the Linux C library, so a host build that sees
 * both (the host tests) gets identical, and therefore legal, redefinitions. */
#define EPERM 1         /* operation not permitted: not the owner (mutex unlock) */
#define ENOENT 2        /* no such file, program or named object */
#define ESRCH 3         /* no such process or thread */
#define EINTR 4         /* interrupted (reserved: nothing is interrupted yet) */
#define EIO 5           /* input/output error */
#define ENXIO 6         /* no such device or address */
#define E2BIG 7         /* argument list too long (spawn) */
#define ENOEXEC 8       /* not an executable this kernel can load (spawn) */
#define EBADF 9         /* not an open handle, or the wrong direction (write on a read handle) */
#define ECHILD 10       /* no such child to wait for */
#define EAGAIN 11       /* try again: would block (trywait) or out of a resource */
#define ENOMEM 12       /* out of memory */
#define EACCES 13       /* permission denied (protection of a mapping) */
#define EFAULT 14       /* a pointer argument is not a valid user address */
#define EBUSY 16        /* busy: a locked mutex (trylock), an object in use */
#define EEXIST 17       /* exists already (O_CREAT | O_EXCL) */
#define ENODEV 19       /* the handle's object cannot be mapped */
#define ENOTDIR 20      /* a path component is not a directory */
#define EISDIR 21       /* is a directory */
#define EINVAL 22       /* invalid argument (also: a handle of the wrong kind) */
#define ENFILE 23       /* too many objects in the whole system */
#define EMFILE 24       /* too many handles in this process */
#define ENOTTY 25       /* not a terminal */
#define EFBIG 27        /* file too large */
#define ENOSPC 28       /* no space left */
#define ESPIPE 29       /* illegal seek */
#define EROFS 30        /* read-only file system (the initrd) */
#define EPIPE 32        /* broken pipe */
#define EDOM 33         /* argument out of the function's domain */
#define ERANGE 34       /* result out of range (strtol) */
#define EDEADLK 35      /* would deadlock: relocking a mutex one holds, joining oneself */
#define ENAMETOOLONG 36 /* a path or object name is too long */
#define ENOSYS 38       /* no such system call, or an unsupported option */
#define ELOOP 40        /* too many levels of links */
#define EOVERFLOW 75    /* value too large: a semaphore posted past SEM_VALUE_MAX */
#define EOPNOTSUPP 95   /* operation not supported */
#define ETIMEDOUT 110   /* timed out */

#define EWOULDBLOCK EAGAIN
#define ENOTSUP EOPNOTSUPP
#define EDEADLOCK EDEADLK

/* One past the largest error number above; a system call result r is an error when
 * -ABI_ERROR_LIMIT < r < 0. */
#define ABI_ERROR_LIMIT 4096

#endif
