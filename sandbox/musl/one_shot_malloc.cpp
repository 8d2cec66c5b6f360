// The `arena-sandbox` command's allocator (the musl build only; see
// cmake/ArenaMuslCommand.cmake): it hands out memory from anonymous mappings in order, and
// never takes any back.
//
// Why: the command runs one program and exits, and what it allocates is bounded by its
// arguments, not by what the program does or how long it runs (output goes through one fixed
// buffer, the command captures none of it, and its watch loop allocates nothing). musl's
// allocator made a cold run map seven small regions and fault each in, in the command and
// again, copy-on-write, in the box init cloned from it: about 5% of a cold run. Freeing
// nothing costs nothing here.
//
// The regions come from mmap, so they stay at randomized addresses (the command's own code is
// the one thing at a fixed address), and are reserved, not committed: a page costs only once
// it is touched.

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

namespace {

// Under 2 MiB, so never backed by a transparent huge page (zeroed whole on first touch). One
// is plenty: a cold run allocates a few hundred KiB (the largest blocks: the output buffer, and
// libstdc++'s emergency exception pool), and touches about 20.
constexpr std::size_t kRegionBytes = std::size_t{1} << 20;
constexpr std::size_t kMinAlign = 16;
constexpr std::size_t kLargestBlock = std::size_t{1} << 30;  // a sanity bound, never reached

// Each block is preceded by its size, for realloc and malloc_usable_size.
struct alignas(kMinAlign) Header {
  std::size_t size;
};

struct Region {
  unsigned char* base;
  std::size_t size;
};

// One lock, though the command has one thread: so nothing here needs that to stay true.
std::atomic_flag g_lock = ATOMIC_FLAG_INIT;
Region* g_region = nullptr;
std::size_t g_used = 0;

// A fresh region of at least `bytes` past its bookkeeping, which sits at its start.
Region* newRegion(std::size_t bytes) {
  std::size_t size = std::max(kRegionBytes, (bytes + sizeof(Region) + 4095) & ~std::size_t{4095});
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) {
    return nullptr;
  }
  return new (memory) Region{static_cast<unsigned char*>(memory), size};
}

std::size_t blockStart(std::size_t used, std::size_t align) {
  return (used + sizeof(Header) + align - 1) & ~(align - 1);
}

void* take(std::size_t size, std::size_t align) {
  align = std::max(align, kMinAlign);
  if (size > kLargestBlock || (align & (align - 1)) != 0 || align > kLargestBlock) {
    errno = size > kLargestBlock ? ENOMEM : EINVAL;
    return nullptr;
  }
  while (g_lock.test_and_set(std::memory_order_acquire)) {
  }
  unsigned char* block = nullptr;
  if (g_region == nullptr || blockStart(g_used, align) + size > g_region->size) {
    // Full (or none yet): a new region; what is left of the old one stays unused.
    if (Region* fresh = newRegion(sizeof(Header) + align + size)) {
      g_region = fresh;
      g_used = sizeof(Region);
    }
  }
  if (g_region != nullptr && blockStart(g_used, align) + size <= g_region->size) {
    std::size_t start = blockStart(g_used, align);
    block = g_region->base + start;
    reinterpret_cast<Header*>(block)[-1].size = size;
    g_used = start + size;
  }
  g_lock.clear(std::memory_order_release);
  if (block == nullptr) {
    errno = ENOMEM;
  }
  return block;
}

std::size_t sizeOf(void* block) { return static_cast<Header*>(block)[-1].size; }

}  // namespace

extern "C" {

void* malloc(std::size_t size) { return take(size, kMinAlign); }

void free(void* /*block*/) {}

void* calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > SIZE_MAX / size) {
    errno = ENOMEM;
    return nullptr;
  }
  return take(count * size, kMinAlign);  // never handed out before: still zero-filled
}

void* realloc(void* block, std::size_t size) {
  if (block == nullptr) {
    return take(size, kMinAlign);
  }
  std::size_t old = sizeOf(block);
  if (size <= old) {
    return block;
  }
  void* grown = take(size, kMinAlign);
  if (grown != nullptr) {
    std::memcpy(grown, block, old);
  }
  return grown;
}

void* aligned_alloc(std::size_t align, std::size_t size) { return take(size, align); }

void* memalign(std::size_t align, std::size_t size) { return take(size, align); }

int posix_memalign(void** out, std::size_t align, std::size_t size) {
  if (align % sizeof(void*) != 0) {
    return EINVAL;
  }
  void* block = take(size, align);
  if (block == nullptr) {
    return errno;
  }
  *out = block;
  return 0;
}

std::size_t malloc_usable_size(void* block) { return block ? sizeOf(block) : 0; }

}  // extern "C"
