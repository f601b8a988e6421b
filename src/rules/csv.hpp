// Private: the CSV event table (docs/csv-format.md), read citizen by citizen and written case by
// case; and the CSV summary of evaluations. kanten/rules/stream.hpp's CaseReader, CaseWriter and
// EvaluationWriter are the public face.
#pragma once

#include "kanten/core/input.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1::detail {

/// Reads the CSV event table from `in`, one citizen's case at a time. A citizen's rows are
/// consecutive (the profile row, if any, and the event rows, in any order among themselves).
/// A fault in one event row becomes an InputIssue in Case::rejected (index: the row's position
/// among the citizen's event rows); a fault in the table (no header, an unclosed quote, a row
/// without a citizen, a row longer than ReadOptions::max_bytes, a NUL byte) throws kanten::Error
/// whose message names the line and the column.
class CsvCases {
 public:
  CsvCases(std::istream& in, std::string name, const ReadOptions& options);
  ~CsvCases();
  CsvCases(const CsvCases&) = delete;
  CsvCases& operator=(const CsvCases&) = delete;

  /// The next citizen's case into `out`; false at the end.
  bool next(Case& out);
  /// The line on which the case last returned began (1-based; the header is line 1).
  [[nodiscard]] std::uint64_t line() const noexcept;
  /// Bytes consumed so far.
  [[nodiscard]] std::uint64_t bytes() const noexcept;
  /// The table's own warnings (unknown columns), known once the header is read.
  [[nodiscard]] const std::vector<InputWarning>& warnings() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The header row of the event table (with its line end).
void write_csv_header(std::ostream& out);
/// One case as rows of the event table: a profile row, then one row per event.
void write_csv_case(std::ostream& out, const Case& c);

/// The summary columns of an evaluation (docs/csv-format.md): the names of Python's
/// Evaluations.summary.
[[nodiscard]] const std::vector<std::string_view>& evaluation_columns();
/// The header row of the evaluation summary.
void write_evaluation_csv_header(std::ostream& out);
/// One evaluation as one summary row.
void write_evaluation_csv(std::ostream& out, const Evaluation& e);

}  // namespace kanten::inline v1::detail
