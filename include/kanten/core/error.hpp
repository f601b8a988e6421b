// kanten/core/error.hpp — the one exception type kanten throws.
//
// Messages name the field and the value at fault and never carry personal data: no free text
// from a case, only ids, dates, kinds and numbers.
#pragma once

#include "kanten/core/export.hpp"

#include "kanten/core/vocabulary.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kanten::inline v1 {

/// What kind of error; the numeric values are stable (the C ABI returns them negated) and the
/// names are the codes Python's KantenError reports. X(enumerator, "name", value).
#define KANTEN_ERRC_LIST(X)                                                                        \
  X(invalid_argument, "invalid_argument", 1) /* a parameter is out of range or missing */          \
  X(parse_error, "parse_error", 2)           /* input text is not well-formed (e.g. not JSON) */   \
  X(invalid_input, "invalid_input", 3)       /* well-formed input with a field of the wrong type or value */ \
  X(io_error, "io_error", 4)                 /* a file could not be read or written */
KANTEN_VOCABULARY_NUMBERED(Errc, std::int32_t, KANTEN_ERRC_LIST)

/// kanten's exception: a code, the field at fault and the offending value.
class KANTEN_EXPORT Error : public std::runtime_error {
 public:
  /// Builds "field 'F': value 'V': message" (parts left empty are omitted).
  Error(Errc code, std::string field, std::string value, const std::string& message);
  /// The error's kind.
  [[nodiscard]] Errc code() const noexcept { return code_; }
  /// The field at fault, e.g. "cases[3].events[7].date" (may be empty).
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  /// The offending value as given (may be empty).
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  /// The message alone, without the field and the value.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  Errc code_;
  std::string field_;
  std::string value_;
  std::string message_;
};

}  // namespace kanten::inline v1
