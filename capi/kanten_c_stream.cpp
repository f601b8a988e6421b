// capi/kanten_c_stream.cpp — the C ABI over kanten's streaming reader (kanten/rules/stream.hpp):
// cases read one at a time or a chunk at a time, and evaluated as they are read. Same conventions
// as kanten_c.cpp (kanten_c_internal.hpp): guard() around every body, handles holding `rep`.
//
// kanten_evaluate_stream() runs its own loop over CaseReader rather than kanten::evaluate_stream():
// the callback receives each case as a kanten_case handle, which owns its Case, so the loop moves
// each case into a handle instead of copying it; and a callback that stops leaves the cases read
// ahead with the reader, where the next read finds them, instead of losing them.
#include "kanten.h"
#include "kanten_c_internal.hpp"

#include <kanten/rules/evaluate.hpp>
#include <kanten/rules/stream.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace k = kanten;
using namespace kanten_capi;

static_assert(KANTEN_FORMAT_JSON == static_cast<int>(k::Format::json), "KANTEN_FORMAT_JSON is not kanten::Format::json");
static_assert(KANTEN_FORMAT_JSONL == static_cast<int>(k::Format::jsonl), "KANTEN_FORMAT_JSONL is not kanten::Format::jsonl");
static_assert(KANTEN_FORMAT_CSV == static_cast<int>(k::Format::csv), "KANTEN_FORMAT_CSV is not kanten::Format::csv");
static_assert(KANTEN_FORMAT_COUNT == KANTEN_FORMAT_CSV + 1, "KANTEN_FORMAT_COUNT is not the number of formats");

struct kanten_case_reader {
  k::CaseReader rep;
  /// Cases read from rep and not yet handed over: those a stopped kanten_evaluate_stream() had
  /// read ahead, or a chunk's cases beyond what was asked for. Every read takes these first.
  std::deque<k::Case> pending;
  /// Cases handed over to the caller (kanten_case_reader_count()).
  std::size_t handed = 0;

  explicit kanten_case_reader(k::CaseReader r) : rep(std::move(r)) {}
};

namespace {

/// A kanten_format parameter: nullopt for KANTEN_FORMAT_AUTO; out of range is invalid_argument
/// naming `format`.
std::optional<k::Format> format_of(int format) {
  if (format == KANTEN_FORMAT_AUTO) return std::nullopt;
  if (format < 0 || format >= KANTEN_FORMAT_COUNT)
    throw k::Error(k::Errc::invalid_argument, "format", std::to_string(format),
                   "not a format (-1 auto, 0 json, 1 jsonl, 2 csv)");
  return static_cast<k::Format>(format);
}

/// A chunk size parameter: 1 to KANTEN_MAX_CHUNK, else invalid_argument naming `name`.
void need_chunk(std::size_t n, const char* name) {
  if (n < 1 || n > KANTEN_MAX_CHUNK)
    throw k::Error(k::Errc::invalid_argument, name, std::to_string(n),
                   "out of range: from 1 to " + std::to_string(KANTEN_MAX_CHUNK));
}

kanten_case_reader& reader_of(kanten_case_reader* r) {
  need(r, "r");
  return *r;
}
const kanten_case_reader& reader_of(const kanten_case_reader* r) {
  need(r, "r");
  return *r;
}

/// Reads from `in` into `out` until `out` holds `max` cases or the input ends. A fault with cases
/// in `out` ends the read quietly: CaseReader keeps the fault and throws it again at its next
/// read, so every case before it is handed over first. A fault with `out` empty is thrown.
void read_up_to(k::CaseReader& in, std::deque<k::Case>& out, std::size_t max) {
  while (out.size() < max) {
    k::Case c;
    bool got = false;
    try {
      got = in.next(c);
    } catch (...) {
      if (out.empty()) throw;
      return;
    }
    if (!got) return;
    out.push_back(std::move(c));
  }
}

/// Opens a reader: the parameters checked, then the reader made by `open(format, options)`.
template <class Open>
int open_reader(const char* func, int format, const kanten_read_options* options, kanten_case_reader** out,
                Open&& open) noexcept {
  if (out) *out = nullptr;
  return guard(func, [&] {
    need(out, "out");
    const std::optional<k::Format> f = format_of(format);
    const k::ReadOptions o = read_options_of(options);
    *out = new kanten_case_reader(open(f, o));
    return KANTEN_OK;
  });
}

}  // namespace

extern "C" {

const char* kanten_format_name(int format) noexcept {
  clear_error();
  if (format < 0 || format >= KANTEN_FORMAT_COUNT) {
    set_error(__func__, "parameter value " + std::to_string(format) + " is out of range (0–" +
                            std::to_string(KANTEN_FORMAT_COUNT - 1) + ")");
    return nullptr;
  }
  return cstr(k::format_name(static_cast<k::Format>(format)));
}

int kanten_case_reader_open(const char* path, int format, const kanten_read_options* options,
                            kanten_case_reader** out) noexcept {
  return open_reader(__func__, format, options, out, [&](std::optional<k::Format> f, const k::ReadOptions& o) {
    need(path, "path");
    if (*path == '\0') throw k::Error(k::Errc::invalid_argument, "", "", "parameter 'path' must not be empty");
    return k::CaseReader(std::string(path), f, o);
  });
}

int kanten_case_reader_from_text(const char* text, std::size_t length, int format, const kanten_read_options* options,
                                 kanten_case_reader** out) noexcept {
  return open_reader(__func__, format, options, out, [&](std::optional<k::Format> f, const k::ReadOptions& o) {
    const auto t = text_of(text, length, "text");
    return k::CaseReader::from_text(t, f.value_or(k::Format::json), o);
  });
}

int kanten_case_reader_next(kanten_case_reader* r, kanten_case** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    auto& reader = reader_of(r);
    need(out, "out");
    auto c = std::make_unique<kanten_case>();
    if (!reader.pending.empty()) {
      c->rep = std::move(reader.pending.front());
      reader.pending.pop_front();
    } else if (!reader.rep.next(c->rep)) {
      return 0;  // the end
    }
    ++reader.handed;
    *out = c.release();
    return 1;
  });
}

int kanten_case_reader_next_chunk(kanten_case_reader* r, std::size_t max, kanten_caseload** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    auto& reader = reader_of(r);
    need(out, "out");
    need_chunk(max, "max");
    read_up_to(reader.rep, reader.pending, max);
    if (reader.pending.empty()) return 0;  // the end
    auto load = std::make_unique<kanten_caseload>();
    const std::size_t n = std::min(max, reader.pending.size());
    load->rep.cases.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      load->rep.cases.push_back(std::move(reader.pending.front()));
      reader.pending.pop_front();
    }
    reader.handed += n;
    *out = load.release();
    return 1;
  });
}

int kanten_case_reader_format(const kanten_case_reader* r) noexcept {
  return guard(__func__, [&] { return static_cast<int>(reader_of(r).rep.format()); });
}

int kanten_case_reader_single(const kanten_case_reader* r) noexcept {
  return guard(__func__, [&] { return reader_of(r).rep.single() ? 1 : 0; });
}

std::size_t kanten_case_reader_count(const kanten_case_reader* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return reader_of(r).handed; });
}

std::uint64_t kanten_case_reader_bytes(const kanten_case_reader* r) noexcept {
  return guard_value<std::uint64_t>(__func__, 0, [&] { return reader_of(r).rep.bytes(); });
}

std::size_t kanten_case_reader_warning_count(const kanten_case_reader* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return reader_of(r).rep.warnings().size(); });
}

int kanten_case_reader_warning(const kanten_case_reader* r, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] { return warning_out(reader_of(r).rep.warnings(), i, out); });
}

void kanten_case_reader_free(kanten_case_reader* r) noexcept { delete r; }

int kanten_evaluate_stream(kanten_case_reader* r, const kanten_evaluate_options* options,
                           kanten_stream_callback callback, void* user, std::size_t chunk) noexcept {
  static constexpr const char* func = "kanten_evaluate_stream";
  return guard(func, [&] {
    auto& reader = reader_of(r);
    const k::EvaluateOptions opts = evaluate_options_of(options);
    if (callback == nullptr)
      throw k::Error(k::Errc::invalid_argument, "", "", "parameter 'callback' must not be NULL");
    need_chunk(chunk, "chunk");

    // The cases a stopped stream left come first.
    std::deque<k::Case> current;
    current.swap(reader.pending);
    read_up_to(reader.rep, current, chunk);
    std::size_t done = 0;
    while (!current.empty()) {
      // Read the next chunk on a second thread while this one is evaluated and handed over (where
      // no thread can be made, at reading.get() on this one). On every path out of this scope the
      // read is finished or never started (an async future's destructor waits), so the reader
      // never runs on.
      std::deque<k::Case> ahead;
      std::future<void> reading = std::async(std::launch::async | std::launch::deferred,
                                             [&reader, &ahead, chunk] { read_up_to(reader.rep, ahead, chunk); });
      while (!current.empty()) {
        kanten_case c{std::move(current.front())};
        current.pop_front();
        const kanten_evaluation e(k::evaluate(c.rep, opts));
        ++reader.handed;
        ++done;
        if (callback(user, &c, &e) != 0) {
          // Stopped: what was read and not handed over stays with the reader, in order. A fault
          // of the read ahead stays with CaseReader, which reports it at the reader's next read.
          try {
            reading.get();
          } catch (...) {
          }
          for (auto& x : ahead) current.push_back(std::move(x));
          reader.pending = std::move(current);
          set_error(func, "stopped by the callback after " + std::to_string(done) + " case(s)");
          return static_cast<int>(KANTEN_ECANCELED);
        }
      }
      reading.get();  // a fault before any case of the next chunk: thrown here
      current.swap(ahead);
    }
    clear_error();  // the callback may have left a message of its own calls
    return static_cast<int>(KANTEN_OK);
  });
}

}  // extern "C"
