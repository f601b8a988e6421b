// kanten/core/input.hpp — what every reader of kanten's inputs shares: its limits, its strictness,
// the warnings it reports, and the check that keeps CPR numbers out.
//
// The decisions behind these limits are in docs/decisions.md ("Input limits").
#pragma once

#include "kanten/core/error.hpp"
#include "kanten/core/export.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// The largest input a reader takes by default: 2 GiB (ReadOptions::max_bytes).
inline constexpr std::size_t default_max_input_bytes = std::size_t{2} << 30;

/// The widest indent the JSON writers take: an indent from -1 (compact) to 32.
inline constexpr int max_indent = 32;

/// A part of an input that kanten read but did not use, e.g. an unknown field: reported with its
/// path, never ignored without a word. Under ReadOptions::strict it is an error instead.
struct InputWarning {
  std::string field;    ///< the path, e.g. "cases[3].events[7].strat"
  std::string message;  ///< e.g. "unknown field; did you mean \"start\"?"
  friend bool operator==(const InputWarning&, const InputWarning&) = default;
};

/// How a reader treats its input.
struct ReadOptions {
  /// Unknown fields are errors (kanten::Error, invalid_input, naming the field) instead of
  /// warnings.
  bool strict = false;
  /// Inputs larger than this are refused before they are parsed (kanten::Error, invalid_input,
  /// field "input").
  std::size_t max_bytes = default_max_input_bytes;
};

/// Throws kanten::Error(invalid_argument, "indent") unless -1 <= indent <= max_indent (any
/// negative indent means compact and is taken as -1).
KANTEN_EXPORT void check_indent(int indent);

/// True when `id` holds something shaped like a CPR number: six digits, an optional '-' or ' ',
/// then four digits, standing alone (not part of a longer run of digits).
[[nodiscard]] KANTEN_EXPORT bool looks_like_cpr(std::string_view id) noexcept;

/// Checks an opaque id at `field`: not empty, and not shaped like a CPR number (kanten needs no
/// CPR; such an id is refused without echoing it). Throws kanten::Error(invalid_input).
KANTEN_EXPORT void check_id(const std::string& field, std::string_view id);

/// The error for an id at `field` that names nothing known: kanten::Error(code, field, id, what) —
/// but an empty or CPR-shaped id gets check_id's message and is not echoed.
[[nodiscard]] KANTEN_EXPORT Error unknown_id(Errc code, const std::string& field, std::string_view id,
                                             const std::string& what);

/// The known name closest to `unknown` (at most two edits, or a third of its length), or "".
[[nodiscard]] KANTEN_EXPORT std::string nearest_name(std::string_view unknown, const std::vector<std::string_view>& known);

}  // namespace kanten::inline v1
