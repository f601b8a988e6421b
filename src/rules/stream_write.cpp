// Cases and evaluations written as they come (kanten/rules/stream.hpp): the JSON document element
// by element, JSON Lines, and the CSV forms (the event table is src/rules/csv.cpp's; the
// evaluation summary is here). Also the names of the formats.
//
// The JSON written is byte for byte what the whole-document writers write (to_json of a Caseload,
// of a vector of evaluations, of one evaluation) at every indent: each element is printed by the
// same printer (append_case_json, append_evaluation_json: src/rules/json_writers.hpp) at the
// depth it has in the document, between the brackets, separators and line breaks of nlohmann's
// layout (core/json_out.hpp). A writer holds one text buffer, handed to the stream in pieces of
// about 1 MiB; nothing is parsed, and nothing of an element is kept once it is written.
//
// A writer that is destroyed unfinished hands on what it has buffered but leaves the document
// open: output cut short by an error must not look complete.
#include "kanten/rules/stream.hpp"

#include "core/json_text.hpp"
#include "rules/csv.hpp"
#include "rules/json_writers.hpp"

#include "kanten/core/error.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

namespace kanten::inline v1 {

// ---------------------------------------------------------------------------------------------
// Format names
// ---------------------------------------------------------------------------------------------

std::string_view format_name(Format f) noexcept {
  switch (f) {
    case Format::json: return "json";
    case Format::jsonl: return "jsonl";
    case Format::csv: return "csv";
  }
  return "json";
}

Format parse_format(std::string_view name, const std::string& field) {
  if (name == "json") return Format::json;
  if (name == "jsonl" || name == "ndjson") return Format::jsonl;  // newline-delimited JSON: the same format
  if (name == "csv") return Format::csv;
  throw Error(Errc::invalid_argument, field, json_text::utf8_prefix(std::string(name), 64),
              "unknown format; expected one of: json, jsonl (or ndjson), csv");
}

std::optional<Format> format_of_path(std::string_view path) noexcept {
  const auto slash = path.find_last_of("/\\");
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;  // no extension, or only a dot file's name
  const std::string_view ext = file.substr(dot + 1);
  const auto is = [ext](std::string_view lower) {
    if (ext.size() != lower.size()) return false;
    for (std::size_t i = 0; i < ext.size(); ++i) {
      const char c = ext[i] >= 'A' && ext[i] <= 'Z' ? static_cast<char>(ext[i] - 'A' + 'a') : ext[i];
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (is("json")) return Format::json;
  if (is("jsonl") || is("ndjson")) return Format::jsonl;
  if (is("csv")) return Format::csv;
  return std::nullopt;
}

namespace {

// ---------------------------------------------------------------------------------------------
// The buffer every writer writes into
// ---------------------------------------------------------------------------------------------

/// Text handed to a stream in large pieces. After the stream fails, every call throws io_error.
class Output {
 public:
  /// Bytes kept before they are handed to the stream.
  static constexpr std::size_t flush_at = std::size_t{1} << 20;

  explicit Output(std::ostream& out) : out_(out) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  /// Hands on what is buffered; never throws.
  ~Output() {
    if (failed_) return;
    try {
      if (!text.empty()) out_.write(text.data(), static_cast<std::streamsize>(text.size()));
      out_.flush();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor never throws; finish() reports failures
    }
  }

  /// The buffer: append to it, then call wrote().
  std::string text;

  /// Hands the buffer on once it is large.
  void wrote() {
    if (text.size() >= flush_at) flush();
  }
  /// Hands the buffer on.
  void flush() {
    check();
    if (!text.empty()) out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
    if (!out_) fail();
  }
  /// Hands the buffer on and flushes the stream: the end of a document.
  void close() {
    flush();
    out_.flush();
    if (!out_) fail();
  }
  /// Throws io_error when the stream has failed.
  void check() {
    if (failed_ || !out_) fail();
  }
  [[nodiscard]] std::ostream& stream() noexcept { return out_; }

 private:
  [[noreturn]] void fail() {
    failed_ = true;
    throw Error(Errc::io_error, "output", "", "cannot be written (the output stream failed)");
  }

  std::ostream& out_;
  bool failed_ = false;
};

[[noreturn]] void finished_error() {
  throw Error(Errc::invalid_argument, "writer", "", "the document is finished: nothing can be written after finish()");
}

// ---------------------------------------------------------------------------------------------
// JSON and JSON Lines documents
// ---------------------------------------------------------------------------------------------

/// Writes {"<key>": [...]} element by element, or JSON Lines (one compact element per line), or
/// one bare element (`single`, JSON only).
class ElementWriter {
 public:
  ElementWriter(std::ostream& out, Format format, int indent, std::string_view key, bool single)
      : out_(out),
        lines_(format == Format::jsonl),
        indent_(lines_ || indent < 0 ? -1 : indent),
        key_(key),
        single_(single && !lines_) {
    check_indent(indent);
    out_.text.reserve(Output::flush_at + (Output::flush_at >> 2));
  }

  template <class T>
  void write(const T& element) {
    if (finished_) finished_error();
    out_.check();
    std::string& t = out_.text;
    int depth = 0;
    if (single_ && count_ > 0)
      throw Error(Errc::invalid_argument, "single", "",
                  "a writer of one evaluation takes one; write a document of evaluations for more");
    if (!lines_ && !single_) {
      if (count_ == 0) {
        open_key();
        t += '[';
      } else {
        t += ',';
      }
      newline(2);
      depth = 2;
    }
    append_json(t, element, depth);
    if (lines_) t += '\n';
    ++count_;
    out_.wrote();
  }

  void finish() {
    if (finished_) return;
    out_.check();
    if (single_ && count_ == 0)
      throw Error(Errc::invalid_argument, "single", "", "a writer of one evaluation was finished without one");
    if (!lines_ && !single_) {
      std::string& t = out_.text;
      if (count_ == 0) {
        open_key();
        t += "[]";
      } else {
        newline(1);
        t += ']';
      }
      newline(0);
      t += '}';
    }
    finished_ = true;
    out_.close();
  }

 private:
  void append_json(std::string& t, const Case& c, int depth) const { append_case_json(t, c, indent_, depth); }
  void append_json(std::string& t, const Evaluation& e, int depth) const {
    append_evaluation_json(t, e, indent_, depth);
  }

  /// Pretty printing: a line break and the indent of `depth` levels.
  void newline(int depth) {
    if (indent_ < 0) return;
    out_.text += '\n';
    out_.text.append(static_cast<std::size_t>(depth * indent_), ' ');
  }

  /// `{"key": ` (pretty) or `{"key":` (compact), as nlohmann writes an object's one member.
  void open_key() {
    std::string& t = out_.text;
    t += '{';
    newline(1);
    t += '"';
    t += key_;
    t += indent_ >= 0 ? "\": " : "\":";
  }

  Output out_;
  bool lines_;
  int indent_;  // -1: compact
  std::string_view key_;
  bool single_;
  std::size_t count_ = 0;
  bool finished_ = false;
};

// ---------------------------------------------------------------------------------------------
// The CSV summary of evaluations
// ---------------------------------------------------------------------------------------------

/// The columns of Python's Evaluations.summary (python/src/bind_rules.cpp, summary_columns), in
/// its order; docs/csv-format.md, "The evaluation summary".
const std::vector<std::string_view>& summary_columns() {
  static const std::vector<std::string_view> columns = {
      "citizen", "target_group", "step", "since", "missing", "exit", "exit_date", "exit_from",
      "ordinary_this_month", "thirty_hours_pending", "ordinary_in_trin3_this_month", "ordinary_minutes",
      "internship_minutes", "followup", "followup_start", "breaches", "breached_months", "due_this_month",
      "deadline", "last_contact", "inactive_since", "jobformidler", "jobformidler_since", "jobformidler_changes",
      "days_with_jobformidler", "days_in_trin2", "total_days_in_trin2", "agreements", "alerts",
      "sanction_failures", "sanctions_undecided", "sanctions_eligible", "violations", "not_applied",
      "events_applied", "events_after_as_of"};
  return columns;
}

/// Appends the cells of one row, each after a comma but the first.
class Row {
 public:
  explicit Row(std::string& out) : out_(out) {}

  /// Text, quoted (RFC 4180) when it holds a comma, a quote or a line break.
  void text(std::string_view s) {
    sep();
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_ += s;
      return;
    }
    out_ += '"';
    for (char c : s) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }
  void flag(bool b) {
    sep();
    out_ += b ? "true" : "false";
  }
  void number(std::int64_t n) {
    sep();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, r.ptr);
  }
  /// "YYYY-MM-DD"; empty for not-a-date.
  void date(Date d) {
    sep();
    if (d.is_special()) return;
    const auto ymd = d.year_month_day();
    digits(static_cast<int>(ymd.year), 4);
    out_ += '-';
    digits(static_cast<int>(ymd.month), 2);
    out_ += '-';
    digits(static_cast<int>(ymd.day), 2);
  }
  void date(const std::optional<Date>& d) { date(d ? *d : Date()); }
  /// Vocabulary names or months, joined by '|' (none holds a '|', a comma or a quote).
  template <class Items, class Name>
  void items(const Items& xs, Name&& name_of) {
    sep();
    bool first = true;
    for (const auto& x : xs) {
      if (!first) out_ += '|';
      first = false;
      name_of(x);
    }
  }
  /// "YYYY-MM", with no separator (inside items()).
  void month(YearMonth m) {
    digits(m.year(), 4);
    out_ += '-';
    digits(m.month(), 2);
  }
  /// A name, with no separator (inside items()).
  void raw(std::string_view s) { out_ += s; }
  void end() { out_ += '\n'; }

 private:
  void sep() {
    if (started_) out_ += ',';
    started_ = true;
  }
  void digits(int v, int width) {
    char buf[12];
    int n = 0;
    do {
      buf[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v > 0);
    for (int i = n; i < width; ++i) out_ += '0';
    while (n > 0) out_ += buf[--n];
  }

  std::string& out_;
  bool started_ = false;
};

void append_summary_header(std::string& out) {
  Row row(out);
  for (std::string_view c : summary_columns()) row.text(c);
  row.end();
}

/// One evaluation's summary row; the same values, in the same order, as Python's summary.
void append_summary(std::string& out, const Evaluation& e) {
  Row row(out);
  row.text(e.citizen);
  row.flag(e.target_group.member);
  row.text(name(e.step));
  row.date(e.since);
  row.items(e.missing, [&](Missing m) { row.raw(name(m)); });
  const StepChange* x = e.exit();
  row.text(x ? name(x->to) : std::string_view());
  row.date(x ? x->date : Date());
  row.text(x ? name(x->from) : std::string_view());
  row.number(e.ordinary_this_month);
  row.flag(e.thirty_hours_pending);
  row.number(e.ordinary_in_trin3_this_month);
  std::int64_t ordinary = 0, internship = 0;
  for (const auto& h : e.hours) {
    ordinary += h.ordinary;
    internship += h.internship;
  }
  row.number(ordinary);
  row.number(internship);
  const FollowUp& f = e.followup;
  row.flag(f.applies);
  row.date(f.applies ? f.start : Date());
  row.number(static_cast<std::int64_t>(f.breached.size()));
  row.items(f.breached, [&](YearMonth m) { row.month(m); });
  row.flag(f.due_this_month);
  row.date(f.deadline);
  row.date(f.last_contact);
  row.date(e.inactive_since);
  row.text(e.jobformidler.current);
  row.date(e.jobformidler.since);
  row.number(static_cast<std::int64_t>(e.jobformidler.changes));
  row.number(e.jobformidler.days_with_current);
  row.number(e.days_in_trin2);
  row.number(e.total_days_in_trin2);
  row.number(static_cast<std::int64_t>(e.agreements.size()));
  row.number(static_cast<std::int64_t>(e.alerts.size()));
  std::int64_t undecided = 0, eligible = 0;
  for (const auto& s : e.sanctions) {
    undecided += s.status == SanctionStatus::undecided;
    eligible += s.status == SanctionStatus::eligible;
  }
  row.number(static_cast<std::int64_t>(e.sanctions.size()));
  row.number(undecided);
  row.number(eligible);
  row.number(static_cast<std::int64_t>(e.violations.size()));
  row.number(static_cast<std::int64_t>(e.not_applied.size()));
  row.number(static_cast<std::int64_t>(e.events_applied));
  row.number(static_cast<std::int64_t>(e.events_after_as_of));
  row.end();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The private CSV summary functions (src/rules/csv.hpp)
// ---------------------------------------------------------------------------------------------

namespace detail {

const std::vector<std::string_view>& evaluation_columns() { return summary_columns(); }

void write_evaluation_csv_header(std::ostream& out) {
  std::string line;
  append_summary_header(line);
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void write_evaluation_csv(std::ostream& out, const Evaluation& e) {
  std::string line;
  append_summary(line, e);
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace detail

const std::vector<std::string_view>& evaluation_csv_columns() { return summary_columns(); }

// ---------------------------------------------------------------------------------------------
// CaseWriter
// ---------------------------------------------------------------------------------------------

struct CaseWriter::Impl {
  Impl(std::ostream& out, Format format, int indent) : format(format) {
    if (format == Format::csv) {
      check_indent(indent);
      table.emplace(out);
    } else {
      elements.emplace(out, format, indent, "cases", false);
    }
  }
  Format format;
  std::optional<ElementWriter> elements;  // JSON, JSON Lines
  std::optional<Output> table;            // CSV: the event table, written by src/rules/csv.cpp
  bool header = false;
  bool finished = false;

  void csv_header() {
    if (header) return;
    detail::write_csv_header(table->stream());
    header = true;
  }
};

CaseWriter::CaseWriter(std::ostream& out, Format format, int indent)
    : impl_(std::make_unique<Impl>(out, format, indent)) {}
CaseWriter::CaseWriter(CaseWriter&&) noexcept = default;
CaseWriter::~CaseWriter() = default;

void CaseWriter::write(const Case& c) {
  if (impl_->elements) {
    impl_->elements->write(c);
    return;
  }
  if (impl_->finished) finished_error();
  impl_->table->check();
  impl_->csv_header();
  detail::write_csv_case(impl_->table->stream(), c);
  impl_->table->check();
}

void CaseWriter::finish() {
  if (impl_->elements) {
    impl_->elements->finish();
    return;
  }
  if (impl_->finished) return;
  impl_->table->check();
  impl_->csv_header();
  impl_->finished = true;
  impl_->table->close();
}

// ---------------------------------------------------------------------------------------------
// EvaluationWriter
// ---------------------------------------------------------------------------------------------

struct EvaluationWriter::Impl {
  Impl(std::ostream& out, Format format, int indent, bool single) {
    if (format == Format::csv) {
      check_indent(indent);
      table.emplace(out);
    } else {
      elements.emplace(out, format, indent, "evaluations", single);
    }
  }
  std::optional<ElementWriter> elements;  // JSON, JSON Lines
  std::optional<Output> table;            // CSV: the summary
  bool header = false;
  bool finished = false;

  void csv_header() {
    if (header) return;
    append_summary_header(table->text);
    header = true;
  }
};

EvaluationWriter::EvaluationWriter(std::ostream& out, Format format, int indent, bool single)
    : impl_(std::make_unique<Impl>(out, format, indent, single)) {}
EvaluationWriter::EvaluationWriter(EvaluationWriter&&) noexcept = default;
EvaluationWriter::~EvaluationWriter() = default;

void EvaluationWriter::write(const Evaluation& e) {
  if (impl_->elements) {
    impl_->elements->write(e);
    return;
  }
  if (impl_->finished) finished_error();
  impl_->table->check();
  impl_->csv_header();
  append_summary(impl_->table->text, e);
  impl_->table->wrote();
}

void EvaluationWriter::finish() {
  if (impl_->elements) {
    impl_->elements->finish();
    return;
  }
  if (impl_->finished) return;
  impl_->table->check();
  impl_->csv_header();
  impl_->finished = true;
  impl_->table->close();
}

}  // namespace kanten::inline v1
