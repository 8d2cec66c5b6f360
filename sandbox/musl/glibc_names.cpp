// The glibc symbols that the parts of libstdc++.a the `arena-sandbox` command links (strings,
// exceptions, operator new, thread_local clean-up, random_device) expect from the C library,
// for the musl build of the command (see cmake/ArenaMuslCommand.cmake).

#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

extern "C" {

int __cxa_atexit(void (*destructor)(void*), void* object, void* dso);

// glibc keeps this 1 while the process has a single thread, and libstdc++ then skips atomic
// reference counting. 0 means "maybe threads": the atomic path, always correct.
char __libc_single_threaded = 0;

// glibc's lookup of the loaded object holding an address, for libgcc's unwinder. A static
// binary has one object, whose frame tables crtbeginT.o registers at start-up, and the
// unwinder searches those first: nothing else can be found.
struct dl_find_object;
int _dl_find_object(void* /*address*/, dl_find_object* /*result*/) { return -1; }

std::uint32_t arc4random() {
  std::uint32_t value = 0;
  while (::getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value)) {
    if (errno != EINTR) {
      std::abort();  // no kernel randomness: nothing sound to return
    }
  }
  return value;
}

// Registers the destructor of a thread_local object. The command is single-threaded, so its
// main thread's objects are destroyed at exit; another thread's would outlive their storage,
// so that is refused loudly instead.
int __cxa_thread_atexit_impl(void (*destructor)(void*), void* object, void* dso) {
  if (::gettid() != ::getpid()) {
    std::abort();
  }
  return __cxa_atexit(destructor, object, dso);
}

}  // extern "C"
