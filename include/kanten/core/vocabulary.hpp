// kanten — vocabularies: the enums whose values have names (in JSON, the CLI, the C ABI and
// Python). Each is declared once, as an X-macro list beside its header's other declarations:
/*
     #define KANTEN_HEALTH_LIST(X)             \
       X(no_heavy_lifting, "no_heavy_lifting") \
       X(calm_pace, "calm_pace")
     KANTEN_VOCABULARY(Health, std::uint8_t, KANTEN_HEALTH_LIST)
*/
// (a comment beside an entry is a block comment: a line comment would swallow the backslash)
// and KANTEN_VOCABULARY makes of it the enum class (values 0, 1, … in list order), its table
// Vocabulary<E> (values and names), enum_size<E>, name(E) and — through the templates below —
// parse_name, operator<< and every "expected one of" message. An entry may carry more columns
// after the name (a Step's Danish label); the generic macros ignore them. Adding an enumerator
// is one line in its list; the C ABI's tables (capi/kanten_c_vocabulary.cpp) then refuse to
// compile until kanten.h has its constant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <string_view>
#include <type_traits>

namespace kanten::inline v1 {

/// The table of a vocabulary enum: `values` in declaration order and their `names`. Specialised
/// by KANTEN_VOCABULARY for each vocabulary; not defined for any other type.
template <class Enum>
struct Vocabulary;

/// Number of values of each vocabulary enum; 0 for any other type. The values are dense:
/// 0 … enum_size − 1 (Errc alone starts at 1: the C ABI returns its values negated).
template <class Enum>
inline constexpr std::size_t enum_size = 0;

/// The name of a vocabulary value, e.g. "hours_worked"; "unknown" for a value outside the list.
template <class Enum>
  requires(enum_size<Enum> > 0)
[[nodiscard]] constexpr std::string_view vocabulary_name(Enum v) noexcept {
  using V = Vocabulary<Enum>;
  const auto i = static_cast<std::int64_t>(v) - static_cast<std::int64_t>(V::values[0]);
  return i >= 0 && static_cast<std::size_t>(i) < enum_size<Enum> ? V::names[i] : std::string_view{"unknown"};
}

/// Writes a vocabulary value as its name() (so tests and logs print "hours_worked", not 9).
template <class Enum>
  requires(enum_size<Enum> > 0)
std::ostream& operator<<(std::ostream& out, Enum v) {
  return out << name(v);
}

/// Parses a vocabulary name (the inverse of name()); false if the text names no value.
template <class Enum>
  requires(enum_size<Enum> > 0)
[[nodiscard]] constexpr bool parse_name(std::string_view text, Enum& out) noexcept {
  using V = Vocabulary<Enum>;
  for (std::size_t i = 0; i < enum_size<Enum>; ++i) {
    const std::string_view n = V::names[i];
    // Length and first byte before the whole comparison: most names differ there (the bulk
    // readers look up a name for every field of every event).
    if (n.size() == text.size() && (text.empty() || n[0] == text[0]) && n == text) {
      out = V::values[i];
      return true;
    }
  }
  return false;
}

namespace vocabulary_detail {
/// True when `values` run up by one from the first (the generated enums always do).
template <class Enum, std::size_t N>
constexpr bool dense(const Enum (&values)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (static_cast<std::int64_t>(values[i]) != static_cast<std::int64_t>(values[0]) + static_cast<std::int64_t>(i))
      return false;
  return true;
}
}  // namespace vocabulary_detail

}  // namespace kanten::inline v1

// --- the generators (used inside namespace kanten::inline v1) -----------------------------------
// An entry is X(enumerator, "name", more columns…); a numbered entry X(enumerator, "name", value).
#define KANTEN_VOCABULARY_ENUMERATOR_(id, text, ...) id,
#define KANTEN_VOCABULARY_NUMBERED_ENUMERATOR_(id, text, number) id = number,
#define KANTEN_VOCABULARY_VALUE_(id, text, ...) E::id,
#define KANTEN_VOCABULARY_NAME_(id, text, ...) std::string_view{text},

/// The table, enum_size and name() of an enum declared from LIST.
#define KANTEN_VOCABULARY_TABLE_(Enum, LIST)                                                        \
  template <>                                                                                        \
  struct Vocabulary<Enum> {                                                                          \
    using E = Enum;                                                                                  \
    static constexpr E values[] = {LIST(KANTEN_VOCABULARY_VALUE_)};                                  \
    static constexpr std::string_view names[] = {LIST(KANTEN_VOCABULARY_NAME_)};                     \
    static_assert(std::size(values) == std::size(names));                                            \
    static_assert(::kanten::vocabulary_detail::dense(values), #Enum ": values must be dense");       \
  };                                                                                                 \
  template <>                                                                                        \
  inline constexpr std::size_t enum_size<Enum> = std::size(Vocabulary<Enum>::values);               \
  /** Snake-case name of a value, as used in JSON, the CLI and explanations. */                      \
  [[nodiscard]] constexpr std::string_view name(Enum v) noexcept { return vocabulary_name(v); }

/// Declares `enum class Enum : Underlying` with the values 0, 1, … of LIST, and its vocabulary.
#define KANTEN_VOCABULARY(Enum, Underlying, LIST)                 \
  enum class Enum : Underlying { LIST(KANTEN_VOCABULARY_ENUMERATOR_) }; \
  KANTEN_VOCABULARY_TABLE_(Enum, LIST)

/// As KANTEN_VOCABULARY, with each entry's value given in its third column (dense all the same).
#define KANTEN_VOCABULARY_NUMBERED(Enum, Underlying, LIST)                \
  enum class Enum : Underlying { LIST(KANTEN_VOCABULARY_NUMBERED_ENUMERATOR_) }; \
  KANTEN_VOCABULARY_TABLE_(Enum, LIST)
