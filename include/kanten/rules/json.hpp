// kanten/rules/json.hpp — JSON in and out: cases, caseloads, evaluations, sanction questions.
//
// The format is documented with complete examples in docs/json-format.md. Readers never drop
// an event: an event they cannot read (unknown kind, invalid date, wrong type) is kept in
// Case::rejected with the field and value at fault, and every evaluation reports it.
// Whole-document faults (not JSON, no citizen id) throw kanten::Error naming the field.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/core/input.hpp"
#include "kanten/rules/sanction.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// A sanction question: a case, which failure, as of when, and the daily rate.
struct SanctionQuestion {
  Case case_data;                          ///< the citizen's case, with the sanction events
  std::string failure_id;                  ///< the failure asked about; empty (field absent) means the latest failure
  Date as_of;                              ///< as of this date
  std::optional<std::int64_t> daily_rate;  ///< daily benefit rate in øre (0 to max_daily_rate)
  std::vector<InputWarning> warnings;      ///< the question's own unknown fields (the case's are in case_data)
};

// Every reader: the text is at most ReadOptions::max_bytes long and holds no NUL byte (else a
// parse error with its offset); nothing may follow the document but whitespace; unknown fields
// are InputWarnings (in Case::warnings, Caseload::warnings, SanctionQuestion::warnings) or, with
// ReadOptions::strict, errors; ids shaped like a CPR number are refused.

/// Reads one case from JSON text (an object with "citizen", "profile", "events").
[[nodiscard]] KANTEN_EXPORT Case case_from_json(std::string_view text, const ReadOptions& options = {});
/// Reads a caseload: {"cases": [...]} or a bare array of cases; two cases of one citizen are an
/// error naming both positions.
[[nodiscard]] KANTEN_EXPORT Caseload caseload_from_json(std::string_view text, const ReadOptions& options = {});
/// Reads a case or a caseload, whichever the document is (a caseload is an array or an object with
/// "cases"); `single` tells which it was. Parses once.
[[nodiscard]] KANTEN_EXPORT Caseload cases_from_json(std::string_view text, bool& single, const ReadOptions& options = {});
/// Reads a sanction question: {"case": {...}, "failure_id": "...", "as_of": "...", "daily_rate": 0}.
/// An empty "failure_id" is an error (omit it to ask about the latest failure).
[[nodiscard]] KANTEN_EXPORT SanctionQuestion sanction_question_from_json(std::string_view text, const ReadOptions& options = {});

/// Writes one case as JSON (readable back by case_from_json; rejected inputs are not written).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Case& c, int indent = -1);
/// Writes a caseload as {"cases": [...]}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Caseload& load, int indent = -1);
/// Writes one evaluation, with every reason and source.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Evaluation& e, int indent = -1);
/// Writes many evaluations as {"evaluations": [...]}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const std::vector<Evaluation>& es, int indent = -1);
/// Writes a sanction answer.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const SanctionAnswer& a, int indent = -1);
/// Writes a follow-up worklist as {"as_of": ..., "worklist": [...]}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const std::vector<WorklistEntry>& w, Date as_of, int indent = -1);

/// The evaluation a sanction question asks for: its case as of its "as_of", with its daily rate.
[[nodiscard]] KANTEN_EXPORT Evaluation evaluate(const SanctionQuestion& q);
/// Writes the reply to a sanction question (`kanten sanction`, docs/json-format.md):
/// {"citizen", "as_of", "rule_set", "step", "answer": {...}} of the evaluation and one of its answers
/// (pick_sanction_answer()).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Evaluation& e, const SanctionAnswer& answer, int indent = -1);
/// Writes the step model (`kanten model`): {"rule_set", "steps": [{"name", "label", "exit"}],
/// "conditions": [...], "transitions": [{"from", "condition", "to", "rule", "description", "source"}]}.
[[nodiscard]] KANTEN_EXPORT std::string step_model_json(int indent = -1);

/// Reads a whole text file into a string; throws kanten::Error(io_error) naming the path and the
/// operating system's reason. A file larger than `max_bytes` is refused before it is read (a pipe
/// or device as soon as it passes the bound), and reading stops at the first NUL byte (no text
/// kanten reads holds one), so `/dev/urandom` is an error at once, not an endless read.
[[nodiscard]] KANTEN_EXPORT std::string read_file(const std::string& path, std::size_t max_bytes = default_max_input_bytes);
/// Reads a whole text stream (e.g. std::cin) the same way; `name` names it in errors ("stdin").
[[nodiscard]] KANTEN_EXPORT std::string read_stream(std::istream& in, const std::string& name,
                                      std::size_t max_bytes = default_max_input_bytes);

}  // namespace kanten::inline v1
