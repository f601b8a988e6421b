// kanten/json.hpp — JSON in and out: cases, caseloads, evaluations, sanction questions.
//
// The format is documented with complete examples in docs/json-format.md. Readers never drop
// an event: an event they cannot read (unknown kind, invalid date, wrong type) is kept in
// Case::rejected with the field and value at fault, and every evaluation reports it.
// Whole-document faults (not JSON, no citizen id) throw kanten::Error naming the field.
#pragma once

#include "kanten/evaluate.hpp"
#include "kanten/events.hpp"
#include "kanten/sanction.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// A sanction question: a case, which failure, as of when, and the daily rate.
struct SanctionQuestion {
  Case case_data;                          ///< the citizen's case, with the sanction events
  std::string failure_id;                  ///< the failure asked about; empty means the latest failure
  Date as_of;                              ///< as of this date
  std::optional<std::int64_t> daily_rate;  ///< daily benefit rate in øre
};

/// Reads one case from JSON text (an object with "citizen", "profile", "events").
[[nodiscard]] Case case_from_json(std::string_view text);
/// Reads a caseload: {"cases": [...]} or a bare array of cases.
[[nodiscard]] Caseload caseload_from_json(std::string_view text);
/// Reads a sanction question: {"case": {...}, "failure_id": "...", "as_of": "...", "daily_rate": 0}.
[[nodiscard]] SanctionQuestion sanction_question_from_json(std::string_view text);

/// Writes one case as JSON (readable back by case_from_json; rejected inputs are not written).
[[nodiscard]] std::string to_json(const Case& c, int indent = -1);
/// Writes a caseload as {"cases": [...]}.
[[nodiscard]] std::string to_json(const Caseload& load, int indent = -1);
/// Writes one evaluation, with every reason and source.
[[nodiscard]] std::string to_json(const Evaluation& e, int indent = -1);
/// Writes many evaluations as {"evaluations": [...]}.
[[nodiscard]] std::string to_json(const std::vector<Evaluation>& es, int indent = -1);
/// Writes a sanction answer.
[[nodiscard]] std::string to_json(const SanctionAnswer& a, int indent = -1);
/// Writes a follow-up worklist as {"as_of": ..., "worklist": [...]}.
[[nodiscard]] std::string to_json(const std::vector<WorklistEntry>& w, Date as_of, int indent = -1);

/// Reads a whole file into a string; throws kanten::Error(io_error) naming the path.
[[nodiscard]] std::string read_file(const std::string& path);

}  // namespace kanten::inline v1
