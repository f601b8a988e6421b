// python/src/bind_stream.cpp — caseloads of any size in kanten._kanten: a file read case by case
// through kanten::CaseReader (kanten/rules/stream.hpp), a chunk of cases at a time, each chunk a
// caseload of its own (kanten.evaluate_file evaluates them one after the other), and a whole file
// in any of the bulk formats, JSON, JSON Lines or the CSV event table (kanten.read_caseload).
// Conventions: bind_core.cpp. The reading runs with the GIL released, the next chunk read while
// the caller works on the last.
#include "caseload.hpp"

#include "kanten/rules/stream.hpp"

#include <algorithm>
#include <exception>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>

namespace kanten_py {
namespace {

/// The most cases of one chunk (kanten::StreamOptions::chunk's range).
constexpr std::int64_t max_chunk = 1'000'000;

/// The format named by the caller ("json", "jsonl" or "ndjson", "csv"), or nullopt: by the
/// file's extension. Another name is kanten::parse_format's error naming "format".
std::optional<k::Format> format_arg(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  return k::parse_format(*name, "format");
}

k::ReadOptions read_options(bool strict) {
  k::ReadOptions o;
  o.strict = strict;
  return o;
}

/// The reader's own warnings (the document's unknown fields), as (field, message) pairs.
py::list warning_pairs(const std::vector<k::InputWarning>& warnings) {
  py::list out;
  for (const auto& w : warnings) out.append(py::make_tuple(w.field, w.message));
  return out;
}

/// A file being read a chunk of cases at a time. While the caller works on one chunk (evaluates
/// it, builds its tables), the next is read on a thread of its own, as kanten::evaluate_stream
/// does: memory holds two chunks. The reader never needs the GIL; every call waits for the read
/// under way, so one reader is used by one thread at a time.
class CaseStream {
 public:
  CaseStream(const std::string& path, std::optional<k::Format> format, const k::ReadOptions& options) {
    py::gil_scoped_release release;
    reader_ = std::make_unique<k::CaseReader>(path, format, options);
    format_ = reader_->format();
  }
  CaseStream(const CaseStream&) = delete;
  CaseStream& operator=(const CaseStream&) = delete;
  ~CaseStream() {
    // The read under way uses the reader: wait for it (it never needs the GIL) and drop its result.
    std::lock_guard<std::mutex> lock(mutex_);
    settle();
  }

  /// The next at most `max` cases (1 to max_chunk) as a caseload of their own; None after the
  /// last. A fault in the file is a KantenError naming where it is (line, column, case), raised
  /// by the call whose chunk holds it; the stream is spent after it.
  CaseloadPtr next(std::int64_t max) {
    if (max < 1 || max > max_chunk)
      throw k::Error(k::Errc::invalid_argument, "chunk", std::to_string(max),
                     "out of range: from 1 to " + std::to_string(max_chunk) + " cases");
    const auto want = static_cast<std::size_t>(max);
    k::Caseload load;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mutex_);
      if (!reader_) return nullptr;  // closed
      settle();
      if (pending_.size() < want && !end_ && !failed_) read(want - pending_.size());
      if (failed_ && pending_.size() < want) std::rethrow_exception(failed_);  // the fault is in this chunk
      const std::size_t n = std::min(want, pending_.size());
      load.cases.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(n)));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
      delivered_ += n;
      if (!end_ && !failed_) {
        k::CaseReader* reader = reader_.get();
        ahead_size_ = want;
        try {
          ahead_ = std::async(std::launch::async, [reader, want] {
            Ahead a;
            try {
              reader->next(a.cases, want);
            } catch (...) {
              a.failed = std::current_exception();  // the cases before the fault are kept
            }
            return a;
          });
        } catch (const std::system_error&) {
          // No thread to read ahead on: the next chunk is read when it is asked for.
        }
      }
    }
    if (load.cases.empty()) return nullptr;
    return make_caseload(std::move(load));
  }

  /// The format being read: "json", "jsonl" or "csv".
  std::string format() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::string(k::format_name(format_));
  }
  /// The cases handed out so far.
  std::size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return delivered_;
  }
  /// The document's own unknown fields (complete once the last chunk is read); a case's are in
  /// its chunk's caseload.
  py::list warnings() {
    std::vector<k::InputWarning> ws;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mutex_);
      settle();
      ws = reader_ ? reader_->warnings() : warnings_;
    }
    return warning_pairs(ws);
  }
  /// Closes the file; next() returns None from then on. Idempotent.
  void close() {
    std::unique_ptr<k::CaseReader> gone;
    {
      py::gil_scoped_release release;  // the read under way may take a while
      std::lock_guard<std::mutex> lock(mutex_);
      settle();
      if (!reader_) return;
      warnings_ = reader_->warnings();
      pending_.clear();
      gone = std::move(reader_);
    }
  }

 private:
  /// Reads `n` more cases into pending_ (the lock held); a fault is kept in failed_, the cases
  /// before it in pending_.
  void read(std::size_t n) {
    try {
      const std::size_t got = reader_->next(pending_, n);
      if (got < n) end_ = true;
    } catch (...) {
      failed_ = std::current_exception();
    }
  }

  /// Waits for the read under way, if any, and keeps what it read (the lock held).
  void settle() {
    if (!ahead_.valid()) return;
    Ahead a = ahead_.get();
    if (a.cases.size() < ahead_size_) end_ = true;
    for (auto& c : a.cases) pending_.push_back(std::move(c));
    if (a.failed) failed_ = a.failed;
  }

  std::mutex mutex_;
  std::unique_ptr<k::CaseReader> reader_;
  k::Format format_ = k::Format::json;
  std::vector<k::Case> pending_;              // read, not yet handed out
  struct Ahead {
    std::vector<k::Case> cases;
    std::exception_ptr failed;
  };
  std::future<Ahead> ahead_;                  // the read under way
  std::size_t ahead_size_ = 0;
  bool end_ = false;                          // the reader has no more cases
  std::exception_ptr failed_;                 // the reader's fault, raised when its chunk is asked for
  std::size_t delivered_ = 0;
  std::vector<k::InputWarning> warnings_;     // after close()
};
using CaseStreamPtr = std::shared_ptr<CaseStream>;

}  // namespace
}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::CaseStream)

namespace kanten_py {

void register_stream(py::module_& m) {
  py::class_<CaseStream, CaseStreamPtr>(m, "_CaseStream",
                                        "A file being read a chunk of cases at a time (private: use kanten.evaluate_file).")
      .def("next", &CaseStream::next, py::arg("max"),
           "The next at most `max` cases as a Caseload of their own; None after the last.")
      .def("format", &CaseStream::format)
      .def("count", &CaseStream::count)
      .def("_warnings", &CaseStream::warnings)
      .def("close", &CaseStream::close);

  // Opened by a function of the module (not a constructor), so that the package's guard makes
  // its errors safe to show (an unreadable path is shown only when it is plain).
  m.def(
      "_open_cases",
      [](const std::string& path, const std::optional<std::string>& format, bool strict) {
        return std::make_shared<CaseStream>(path, format_arg(format), read_options(strict));
      },
      py::arg("path"), py::arg("format") = py::none(), py::arg("strict") = false);

  m.def(
      "_read_cases",
      [](const std::string& path, const std::optional<std::string>& format, bool strict) {
        const auto f = format_arg(format);
        const auto options = read_options(strict);
        k::Caseload load;
        {
          py::gil_scoped_release release;
          load = k::read_caseload(path, f, options);
        }
        return make_caseload(std::move(load));
      },
      py::arg("path"), py::arg("format") = py::none(), py::arg("strict") = false);

  m.def(
      "_read_cases_text",
      [](const std::string& text, const std::string& format, bool strict) {
        const auto f = k::parse_format(format, "format");
        const auto options = read_options(strict);
        k::Caseload load;
        {
          py::gil_scoped_release release;
          auto reader = k::CaseReader::from_text(text, f, options);
          k::Case c;
          while (reader.next(c)) load.cases.push_back(std::move(c));
          load.warnings = reader.warnings();
        }
        return make_caseload(std::move(load));
      },
      py::arg("text"), py::arg("format"), py::arg("strict") = false);

  // The options of an evaluation, checked as _evaluate checks them (as_of a real date, the daily
  // rate, the alert thresholds' ranges): evaluate_file refuses bad ones before reading anything.
  m.def(
      "_check_evaluate_options",
      [](const std::string& as_of, std::optional<std::int64_t> daily_rate, std::optional<std::int64_t> inactive_days,
         std::optional<std::int64_t> trin2_days, std::optional<std::int64_t> stagnation_months) {
        (void)evaluate_options(as_of, daily_rate);
        (void)alert_options(inactive_days, trin2_days, stagnation_months);
      },
      py::arg("as_of"), py::arg("daily_rate") = py::none(), py::arg("inactive_days") = py::none(),
      py::arg("trin2_days") = py::none(), py::arg("stagnation_months") = py::none());

  m.attr("MAX_CHUNK") = max_chunk;
}

}  // namespace kanten_py
