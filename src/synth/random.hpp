// Private: kanten's own PRNG, so generated data is the same on every platform.
// splitmix64 seeding xoshiro256**; integer draws only, no std distributions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace kanten::inline v1::detail {

constexpr std::uint64_t splitmix64(std::uint64_t& x) noexcept {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

/// xoshiro256** seeded through splitmix64 from (seed, stream): independent streams per citizen.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) noexcept {
    std::uint64_t a = seed;
    std::uint64_t b = stream ^ 0x6A09E667F3BCC909ULL;
    std::uint64_t x = splitmix64(a) ^ rotl(splitmix64(b), 17);
    for (auto& w : s_) w = splitmix64(x);
  }
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1): 53 random bits, exact in a double.
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// True with probability p.
  bool chance(double p) noexcept { return unit() < p; }
  /// Uniform integer in [lo, hi] (lo ≤ hi); the modulo bias is below 2^-50 for kanten's ranges.
  int between(int lo, int hi) noexcept {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  /// A uniformly chosen element.
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& a) noexcept {
    return a[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
  }

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace kanten::inline v1::detail
