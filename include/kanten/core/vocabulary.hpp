// kanten — vocabularies: the enums whose values have names (in JSON, the CLI, the C ABI and
// Python). Each is dense from 0; enum_size<E> counts it and name(E) names a value.
#pragma once

#include <cstddef>
#include <ostream>
#include <string_view>

namespace kanten::inline v1 {

/// Number of values of each vocabulary enum (they are dense, starting at 0); 0 for any other type.
template <class Enum> inline constexpr std::size_t enum_size = 0;

/// Writes a vocabulary value as its name() (so tests and logs print "hours_worked", not 9).
template <class Enum>
  requires(enum_size<Enum> > 0)
std::ostream& operator<<(std::ostream& out, Enum v) {
  return out << name(v);
}

/// Parses a vocabulary name (the inverse of name()); false if the text names no value.
template <class Enum>
  requires(enum_size<Enum> > 0)
[[nodiscard]] bool parse_name(std::string_view text, Enum& out) noexcept {
  for (std::size_t i = 0; i < enum_size<Enum>; ++i) {
    if (name(static_cast<Enum>(i)) == text) {
      out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

}  // namespace kanten::inline v1
