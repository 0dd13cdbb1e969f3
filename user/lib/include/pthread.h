/* POSIX threads: each pthread is a kernel thread of the calling process (one-to-one), and each
 * mutex a kernel mutex reached through a handle, so blocking never spins. Functions return 0 or
 * an error number (they do not set errno), as POSIX specifies.
 *
 * Mutex types and what misuse gives:
 *   PTHREAD_MUTEX_DEFAULT     relocking by the owner: EDEADLK; unlocking a mutex one does not
 *                             hold: EPERM (POSIX leaves both undefined; reporting them helps).
 *   PTHREAD_MUTEX_ERRORCHECK  the same, as POSIX requires.
 *   PTHREAD_MUTEX_NORMAL      relocking by the owner deadlocks the thread forever, as POSIX
 *                             requires; unlocking a mutex one does not hold: EPERM.
 *   PTHREAD_MUTEX_RECURSIVE   the owner may lock again; it must unlock as often; EPERM for a
 *                             thread that does not hold it.
 *
 * Ending: returning from a thread's start function is pthread_exit with its value. Returning
 * from main or calling exit ends the whole process, all threads included. When main calls
 * pthread_exit, the process ends with status 0 once its last thread has ended. */
#pragma once

#include <sched.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <time.h>

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_DEFAULT 0
#define PTHREAD_MUTEX_NORMAL 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_RECURSIVE 3

/* A mutex initialized this way gets its kernel mutex on first use. */
#define PTHREAD_MUTEX_INITIALIZER                                                                  \
    { 0, PTHREAD_MUTEX_DEFAULT, 0, 0 }

__BEGIN_DECLS

/* Errors: EAGAIN out of threads or memory; EINVAL bad attributes. */
int pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*start)(void*),
                   void* argument);
/* Errors: ESRCH no such thread (or already joined); EINVAL detached, or another thread joins it
 * already, or it is the main thread (which has no handle to join); EDEADLK joining oneself. */
int pthread_join(pthread_t thread, void** result);
__noreturn void pthread_exit(void* result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
/* Errors: ESRCH; EINVAL already detached or being joined. */
int pthread_detach(pthread_t thread);

int pthread_attr_init(pthread_attr_t* attributes);
int pthread_attr_destroy(pthread_attr_t* attributes);
int pthread_attr_setdetachstate(pthread_attr_t* attributes, int state);
int pthread_attr_getdetachstate(const pthread_attr_t* attributes, int* state);

int pthread_mutexattr_init(pthread_mutexattr_t* attributes);
int pthread_mutexattr_destroy(pthread_mutexattr_t* attributes);
int pthread_mutexattr_settype(pthread_mutexattr_t* attributes, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t* attributes, int* type);

/* Errors: EAGAIN or ENOMEM no kernel mutex could be made; EINVAL bad attributes. */
int pthread_mutex_init(pthread_mutex_t* mutex, const pthread_mutexattr_t* attributes);
/* Errors: EBUSY the mutex is locked. */
int pthread_mutex_destroy(pthread_mutex_t* mutex);
/* Errors: EDEADLK (see the types above); EAGAIN a recursive mutex locked too often, or no
 * kernel mutex could be made for a statically initialized one; EINVAL not a mutex. */
int pthread_mutex_lock(pthread_mutex_t* mutex);
/* Errors: EBUSY locked by any thread, the caller included (except recursive ones it holds). */
int pthread_mutex_trylock(pthread_mutex_t* mutex);
/* Errors: EPERM the caller does not hold it. */
int pthread_mutex_unlock(pthread_mutex_t* mutex);

__END_DECLS
