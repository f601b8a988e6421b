// capi/kanten_c_internal.hpp — what the C ABI's sources (kanten_c*.cpp) share: the one place
// that turns a C++ exception into a status and a per-thread message, argument checks, dates and
// strings across the boundary, and the handles more than one source makes. Private to the C
// ABI's sources; never installed.
#pragma once

#include "kanten.h"

#include <kanten/core/date.hpp>
#include <kanten/core/error.hpp>
#include <kanten/core/input.hpp>
#include <kanten/match/matching.hpp>
#include <kanten/rules/evaluate.hpp>
#include <kanten/rules/events.hpp>
#include <kanten/rules/sources.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

// The handles made by kanten_c.cpp and by the streaming reader (kanten_c_stream.cpp). Each holds
// the C++ value as `rep` (leveldb's c.cc is the model).
struct kanten_case {
  kanten::Case rep;
};
struct kanten_caseload {
  kanten::Caseload rep;
  /// The citizen ids of rep, built on the first kanten_caseload_add_case (a caseload holds one
  /// case per citizen).
  std::unordered_set<std::string> citizens;
  bool citizens_built = false;
};
struct kanten_evaluation {
  kanten::Evaluation owned;               ///< the evaluation, when this handle owns it
  const kanten::Evaluation* rep = &owned;  ///< the evaluation: `owned`, or one of a kanten_evaluations

  /// English texts, made on first use (once, thread-safe): most callers never ask for them.
  struct Texts {
    std::vector<std::string> target_group, missing, not_applied, alerts;
  };
  mutable std::once_flag texts_once;
  mutable Texts texts;

  kanten_evaluation() = default;
  explicit kanten_evaluation(kanten::Evaluation e) : owned(std::move(e)) {}
  kanten_evaluation(const kanten_evaluation&) = delete;
  kanten_evaluation& operator=(const kanten_evaluation&) = delete;
  ~kanten_evaluation() = default;
};

// The matching handles, made by kanten_c_match.cpp and by the persistent matcher
// (kanten_c_matcher.cpp). A market is shared with the results made from it, so either may be
// freed first.
struct kanten_market {
  std::shared_ptr<const kanten::Market> rep;
};
struct kanten_weights {
  kanten::MatchWeights rep;
  std::vector<kanten::InputWarning> warnings;  ///< the reader's input warnings
};
struct kanten_match_result {
  kanten::MatchResult rep;
  std::shared_ptr<const kanten::Market> market;  ///< the market rep's indices point into

  /// A matcher's top list (kanten_matcher_top_tasks / _top_citizens). Its `market` then holds
  /// only the ids the list names (copied, so the result outlives updates of the matcher), rep's
  /// indices point into that small market, and `source` keeps each match's citizen and task
  /// indices in the matcher's market at the time of the query.
  struct TopList {
    bool of_task = false;          ///< top_citizens (about a task) rather than top_tasks
    std::int32_t k = 0;            ///< the k asked for
    std::int32_t per_company = 0;  ///< top_tasks: the per_company asked for
    std::vector<std::pair<std::size_t, std::size_t>> source;  ///< (citizen, task) in the matcher's market
  };
  std::optional<TopList> top;
};

namespace kanten_capi {

/// Sets this thread's last-error message to "FUNC: MESSAGE" (truncated at a UTF-8 boundary).
void set_error(const char* func, std::string_view message) noexcept;
/// Sets this thread's last-error message to "".
void clear_error() noexcept;
/// The one translation of a C++ exception into a status: call only inside a catch block.
/// kanten::Error → its Errc negated; std::bad_alloc → KANTEN_ENOMEM; anything else →
/// KANTEN_EINTERNAL. Sets the last-error message.
int status_of_current_exception(const char* func) noexcept;

/// Runs `f` (returning a status) so that no exception escapes; clears the last error first.
template <class F>
int guard(const char* func, F&& f) noexcept {
  clear_error();
  try {
    return f();
  } catch (...) {
    return status_of_current_exception(func);
  }
}

/// Runs an accessor `f` (returning a value) so that no exception escapes; on an exception the
/// status is recorded in the last error and `fallback` is returned.
template <class T, class F>
T guard_value(const char* func, T fallback, F&& f) noexcept {
  clear_error();
  try {
    return f();
  } catch (...) {
    (void)status_of_current_exception(func);
    return fallback;
  }
}

/// Throws kanten::Error(invalid_argument) "parameter 'NAME' must not be NULL" when p is null.
template <class P>
void need(const P* p, const char* name) {
  if (p == nullptr)
    throw kanten::Error(kanten::Errc::invalid_argument, "", "", std::string("parameter '") + name + "' must not be NULL");
}
/// Throws kanten::Error(invalid_argument) naming the parameter when `i >= count`.
void need_index(std::size_t i, std::size_t count, const char* name);
/// Checks a versioned struct's version: 1 ≤ version ≤ current; throws naming `field`.
void need_version(unsigned version, unsigned current, const char* field);

/// A C date as a kanten::Date: not-a-date for anything that is not a real calendar day.
kanten::Date to_date(const kanten_date& d) noexcept;
/// A kanten::Date as a C date: {0, 0, 0} for a special value.
kanten_date from_date(const kanten::Date& d) noexcept;
/// The text of JSON input: (text, length) or NUL-terminated when length is KANTEN_NUL_TERMINATED.
std::string_view text_of(const char* text, std::size_t length, const char* name);
/// Read options from C (NULL: the defaults); throws naming options.version for an unknown version.
kanten::ReadOptions read_options_of(const kanten_read_options* options);
/// Evaluate options from C, checked as kanten_evaluate() checks them (NULL: invalid_argument
/// naming "options").
kanten::EvaluateOptions evaluate_options_of(const kanten_evaluate_options* options);
/// Fills `out` with warning i of `warnings` (a version-checked out-struct).
int warning_out(const std::vector<kanten::InputWarning>& warnings, std::size_t i, kanten_input_warning* out);
/// A copy of `s` in malloc'ed memory for the caller (freed with kanten_string_free()).
char* hand_over(const std::string& s);

/// A static string_view from a literal as a C string (kanten's names and sources are literals).
inline const char* cstr(std::string_view literal) noexcept { return literal.data(); }

}  // namespace kanten_capi
