// kanten — internal: a small work queue over a fixed number of threads (no global pool: the
// library starts threads only when a caller asks for more than one, and joins them before returning).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <cstdint>
#include <vector>

namespace kanten::inline v1::detail {

/// The thread count a caller asked for: 0 means one per hardware thread; never below 1.
inline std::size_t thread_count(std::int32_t requested) {
  if (requested > 0) return static_cast<std::size_t>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Runs work(k) for k = 0 … n − 1 on up to `threads` threads (the calling one included), each
/// taking the next k until none is left; rethrows the first exception once all have finished.
template <class Work>
void run_parallel(std::size_t n, std::size_t threads, const Work& work) {
  const std::size_t workers = std::max<std::size_t>(1, std::min(threads, n));
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failure(workers);
  auto worker = [&](std::size_t id) {
    try {
      for (std::size_t k; (k = next.fetch_add(1)) < n;) work(k);
    } catch (...) {
      failure[id] = std::current_exception();
      next = n;  // the others stop after their current item
    }
  };
  {
    std::vector<std::jthread> pool;  // joined when the block ends, also when a thread cannot start
    pool.reserve(workers - 1);
    for (std::size_t i = 1; i < workers; ++i) pool.emplace_back(worker, i);
    worker(0);
  }
  for (const auto& f : failure)
    if (f) std::rethrow_exception(f);
}

}  // namespace kanten::inline v1::detail
