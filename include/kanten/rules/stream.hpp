// kanten/rules/stream.hpp — caseloads of any size: cases read one at a time from a JSON document,
// JSON Lines or the CSV event table, and cases and evaluations written as they are made.
//
// Memory is bounded by the largest case, not by the file: a reader holds one buffer of input and
// the case it is reading; a writer holds nothing but its stream. The formats are documented in
// docs/json-format.md (JSON, JSON Lines) and docs/csv-format.md (the event table).
//
// Every guarantee of the whole-document readers (kanten/rules/json.hpp) holds per case: an event
// that cannot be read is kept in Case::rejected, never dropped; unknown fields are warnings (errors
// under ReadOptions::strict); ids shaped like a CPR number are refused; the first byte that is not
// valid input stops the reader with a kanten::Error naming the line, the column and the case
// (its position and, once read, its citizen id); a NUL byte is an error; a case longer than
// ReadOptions::max_bytes is refused (in a stream the bound is per case, not per file: decision
// "Input limits", docs/decisions.md). Two cases of one citizen are an error naming both.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/input.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// The bulk formats: one JSON document ({"cases": [...]}, a bare array, or one case), JSON Lines
/// (one case, or one evaluation, per line) and CSV (docs/csv-format.md).
enum class Format { json, jsonl, csv };

/// "json", "jsonl", "csv".
[[nodiscard]] KANTEN_EXPORT std::string_view format_name(Format f) noexcept;
/// The format called `name` ("json", "jsonl" or "ndjson", "csv"); an error naming `field` otherwise.
[[nodiscard]] KANTEN_EXPORT Format parse_format(std::string_view name, const std::string& field = "format");
/// The format a file's extension names: .json, .jsonl or .ndjson, .csv (any case); nullopt for any
/// other name, "-" included.
[[nodiscard]] KANTEN_EXPORT std::optional<Format> format_of_path(std::string_view path) noexcept;

/// Reads cases one at a time. A JSON document is read element by element (the cases of
/// {"cases": [...]} or of a bare array; a single case object is one case), JSON Lines line by
/// line (blank lines are skipped), the CSV event table citizen by citizen (a citizen's rows are
/// together: docs/csv-format.md). Not copyable; movable.
class KANTEN_EXPORT CaseReader {
 public:
  /// Opens the file `path` ("-" reads standard input). The format is `format` when given, else the
  /// extension's (format_of_path), else JSON. An unreadable file is an io_error naming the path.
  explicit CaseReader(const std::string& path, std::optional<Format> format = std::nullopt,
                      const ReadOptions& options = {});
  /// Reads `in`, named `name` in errors ("stdin", "caseload.jsonl"). `in` must outlive the reader.
  CaseReader(std::istream& in, std::string name, Format format, const ReadOptions& options = {});
  /// Reads text held in memory (copied).
  [[nodiscard]] static CaseReader from_text(std::string_view text, Format format, const ReadOptions& options = {});
  CaseReader(CaseReader&&) noexcept;
  CaseReader& operator=(CaseReader&&) noexcept;
  ~CaseReader();

  /// The next case into `out`; false at the end of the input (out untouched). A fault in the
  /// document throws kanten::Error; after it the reader is spent (next() throws it again).
  bool next(Case& out);
  /// Appends up to `max` cases to `out`; the number appended (0 at the end).
  std::size_t next(std::vector<Case>& out, std::size_t max);

  [[nodiscard]] Format format() const noexcept;
  /// True when the input was one case object rather than a caseload (JSON only), known once the
  /// first case has been read.
  [[nodiscard]] bool single() const noexcept;
  /// The number of cases read so far.
  [[nodiscard]] std::size_t count() const noexcept;
  /// The bytes of input consumed so far.
  [[nodiscard]] std::uint64_t bytes() const noexcept;
  /// The document's own unknown fields (a case's are in Case::warnings); complete at the end.
  [[nodiscard]] const std::vector<InputWarning>& warnings() const noexcept;

 private:
  struct Impl;
  explicit CaseReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The whole of a file as one caseload through a CaseReader (any format); `single`, when given,
/// tells whether it was one case.
[[nodiscard]] KANTEN_EXPORT Caseload read_caseload(const std::string& path, std::optional<Format> format = std::nullopt,
                                                   const ReadOptions& options = {}, bool* single = nullptr);

/// Writes cases as they come: JSON ({"cases": [...]}), JSON Lines (one case per line), or the CSV
/// event table. Everything written reads back to the same cases (rejected inputs are not written).
class KANTEN_EXPORT CaseWriter {
 public:
  /// `indent` applies to JSON (-1 compact, up to max_indent); JSON Lines are always compact.
  CaseWriter(std::ostream& out, Format format, int indent = -1);
  CaseWriter(CaseWriter&&) noexcept;
  ~CaseWriter();
  void write(const Case& c);
  /// Ends the document (closes the JSON array); idempotent. An io_error when the stream failed.
  /// A writer destroyed without finish() (after an error) passes on what it holds but leaves the
  /// document open, so output cut short never looks complete.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes evaluations as they come: JSON ({"evaluations": [...]}, or one evaluation object when
/// `single`), JSON Lines (one evaluation object per line, the same object as in JSON), or CSV (one
/// row per citizen: the summary columns listed in docs/csv-format.md).
class KANTEN_EXPORT EvaluationWriter {
 public:
  EvaluationWriter(std::ostream& out, Format format, int indent = -1, bool single = false);
  EvaluationWriter(EvaluationWriter&&) noexcept;
  ~EvaluationWriter();
  void write(const Evaluation& e);
  /// Ends the document; idempotent. An io_error when the stream failed. Destroyed without it, the
  /// writer leaves the document open (see CaseWriter::finish).
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The CSV summary columns of an evaluation, in order (docs/csv-format.md).
[[nodiscard]] KANTEN_EXPORT const std::vector<std::string_view>& evaluation_csv_columns();

/// How evaluate_stream() works through its input.
struct StreamOptions {
  std::size_t chunk = 2048;  ///< cases read and evaluated together (1 to 1,000,000)
  /// Read the next chunk on a second thread while this one is evaluated and handed on.
  bool read_ahead = true;
};

/// Reads every case of `in`, evaluates each as of `options.as_of`, and hands each case with its
/// evaluation to `sink` in input order. Memory: two chunks of cases and evaluations. Returns the
/// number of cases. An exception from the reader or from `sink` stops the stream and is rethrown.
KANTEN_EXPORT std::size_t evaluate_stream(CaseReader& in, const EvaluateOptions& options,
                                          const std::function<void(const Case&, const Evaluation&)>& sink,
                                          const StreamOptions& stream = {});

}  // namespace kanten::inline v1
