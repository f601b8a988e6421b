// python/src/caseload.hpp — the caseload object the rules, programme and synth bindings share,
// and the helpers they have in common (bind_rules.cpp defines them; frames.cpp reads DataFrames).
#pragma once

#include "common.hpp"

#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/model.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kanten_py {

/// The caseload, with where each event came from when it was read from DataFrames.
struct CaseloadData {
  k::Caseload load;
  /// Per case, the events DataFrame row of each input event (empty when not read from frames).
  std::vector<std::vector<std::int64_t>> input_rows;

  /// The DataFrame row of input event `input` of case `c`, or -1. Every index kanten reports
  /// (NotApplied::index, Violation::index, InputIssue::index) is an input position.
  [[nodiscard]] std::int64_t row_of_input(std::size_t c, std::size_t input) const {
    if (c >= input_rows.size() || input >= input_rows[c].size()) return -1;
    return input_rows[c][input];
  }
};
using CaseloadPtr = std::shared_ptr<CaseloadData>;

}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::CaseloadData)

namespace kanten_py {

/// A caseload object of `load` (no DataFrame rows).
CaseloadPtr make_caseload(k::Caseload load);

/// The caseload of DataFrame columns prepared by the package (frames.cpp): `events` a dict of
/// columns, `profiles` one too or None.
CaseloadPtr caseload_from_columns(const py::dict& events, const py::object& profiles);

/// The caseload as DataFrame columns (frames.cpp), the inverse of caseload_from_columns:
/// {"events": {column: array}, "profiles": {column: array}}; one events row per event, with the
/// cells the JSON writer gives it (docs/json-format.md).
py::dict caseload_columns(const CaseloadData& d);

/// The options of an evaluation as of `as_of` (ISO text) with an optional daily rate in øre.
k::EvaluateOptions evaluate_options(const std::string& as_of, std::optional<std::int64_t> daily_rate);

/// The caller's alert thresholds (each optional: no alert of that kind); throws kanten::Error
/// naming "alerts.inactive_days", "alerts.trin2_days" or "alerts.stagnation_months" when one is
/// out of the library's range (kanten::check_alert_options).
k::AlertOptions alert_options(std::optional<std::int64_t> inactive_days, std::optional<std::int64_t> trin2_days,
                              std::optional<std::int64_t> stagnation_months);

/// The exits, in model order: the categories of an `exit` column.
py::list exit_categories();

/// An exit as a code into exit_categories(), or -1.
inline std::int8_t exit_code(const std::optional<k::Step>& s) {
  if (!s || !k::is_exit(*s)) return -1;
  std::int8_t code = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(*s); ++i) code += k::is_exit(static_cast<k::Step>(i));
  return code;
}

}  // namespace kanten_py
