// kanten — internal: an allocator for the matching engine's large working arrays (candidate
// buffers, the solver's arcs). On Linux a block of 2 MiB or more is mapped on its own and marked
// for transparent huge pages (madvise), so filling it costs one page fault per 2 MiB instead of
// one per 4 KiB; the kernel falls back to small pages when it has no huge page free. Smaller blocks
// and other systems use the ordinary allocator. Nothing changes but the speed of first touch.
// (The large-page blocks hold the working arrays of one call only; they are unmapped on return.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

// Under AddressSanitizer the ordinary allocator is kept, so out-of-bounds accesses to these arrays
// are still caught (ASan does not guard memory mapped by hand).
#if defined(__SANITIZE_ADDRESS__)
#define KANTEN_HUGE_PAGES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KANTEN_HUGE_PAGES 0
#endif
#endif
#if !defined(KANTEN_HUGE_PAGES) && defined(__linux__) && defined(MADV_HUGEPAGE)
#define KANTEN_HUGE_PAGES 1
#elif !defined(KANTEN_HUGE_PAGES)
#define KANTEN_HUGE_PAGES 0
#endif

namespace kanten::inline v1::detail {

template <class T>
struct HugeAllocator {
  using value_type = T;
  static constexpr std::size_t k_huge = std::size_t{2} << 20;

  HugeAllocator() = default;
  template <class U>
  explicit HugeAllocator(const HugeAllocator<U>&) noexcept {}

  static std::size_t rounded(std::size_t bytes) noexcept { return (bytes + k_huge - 1) / k_huge * k_huge; }

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
#if KANTEN_HUGE_PAGES
    if (bytes >= k_huge) {
      // Map one huge page more than needed, then unmap the unaligned head and the tail.
      const std::size_t size = rounded(bytes);
      void* raw = ::mmap(nullptr, size + k_huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (raw == MAP_FAILED) throw std::bad_alloc();
      auto* base = static_cast<std::byte*>(raw);
      const std::size_t head = (k_huge - reinterpret_cast<std::uintptr_t>(base) % k_huge) % k_huge;
      if (head > 0) ::munmap(base, head);
      if (k_huge - head > 0) ::munmap(base + head + size, k_huge - head);
      ::madvise(base + head, size, MADV_HUGEPAGE);  // a hint: ignored where THP is off
      return reinterpret_cast<T*>(base + head);
    }
#endif
    return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
  }

  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
#if KANTEN_HUGE_PAGES
    if (bytes >= k_huge) {
      ::munmap(p, rounded(bytes));
      return;
    }
#endif
    ::operator delete(p, std::align_val_t{alignof(T)});
  }

  template <class U>
  friend bool operator==(const HugeAllocator&, const HugeAllocator<U>&) noexcept {
    return true;
  }
};

/// A vector for large working arrays (see HugeAllocator).
template <class T>
using big_vector = std::vector<T, HugeAllocator<T>>;

}  // namespace kanten::inline v1::detail
