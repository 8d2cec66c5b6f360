// Force-included when the `arena-sandbox` command is compiled against musl (see
// cmake/ArenaMuslCommand.cmake). The C++ library there is GCC's libstdc++, whose headers were
// configured for glibc: these are the glibc names they use that musl does not have.
#pragma once

#include <features.h>
#include <locale.h>
#include <pthread.h>
#include <time.h>

#ifndef __GLIBC_PREREQ
#define __GLIBC_PREREQ(major, minor) 0  // not glibc at all: no glibc-only feature
#endif

typedef locale_t __locale_t;

// glibc's <ctype.h> classes (little-endian values): libstdc++'s ctype_base masks are these,
// and must mean what they meant when libstdc++.a was compiled.
enum {
  _ISupper = 1 << 8,
  _ISlower = 1 << 9,
  _ISalpha = 1 << 10,
  _ISdigit = 1 << 11,
  _ISxdigit = 1 << 12,
  _ISspace = 1 << 13,
  _ISprint = 1 << 14,
  _ISgraph = 1 << 15,
  _ISblank = 1 << 0,
  _IScntrl = 1 << 1,
  _ISpunct = 1 << 2,
  _ISalnum = 1 << 3
};

#ifdef __cplusplus
extern "C" {
#endif
// Named by inline code in <mutex> and <condition_variable>; never defined here, so a program
// that used them would fail to link rather than misbehave.
int pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*, clockid_t, const struct timespec*);
int pthread_mutex_clocklock(pthread_mutex_t*, clockid_t, const struct timespec*);
#ifdef __cplusplus
}
#endif
