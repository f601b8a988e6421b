// fuzz/fuzz_stream_json.cpp — libFuzzer target: bytes → the streaming reader (kanten/rules/stream.hpp)
// in each of its forms, against the whole-document reader.
//
// The first byte chooses the form (JSON, JSON Lines, CSV) and a bound per case; the rest is the
// input. Whatever the bytes, the reader returns cases or throws kanten::Error, and never crashes,
// leaks or trips a sanitizer. Invariants (a failure traps):
//   - JSON: the stream reads exactly what caseload_from_json / case_from_json reads — the same cases
//     (citizen, profile, events, rejected inputs, warnings) and the same document warnings — or both
//     refuse the input;
//   - JSON Lines: each non-blank line is what case_from_json reads of it (its warnings named as the
//     line's element, "[i].…"), or the stream refuses;
//   - every form: a case read is evaluated with every input event accounted for, and what the
//     writers write of it reads back to the same case.
#include "kanten/rules/stream.hpp"

#include "kanten/core/error.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/json.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace k = kanten;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

bool same(const k::Case& a, const k::Case& b) {
  return a.citizen == b.citizen && a.profile == b.profile && a.events == b.events && a.rejected == b.rejected &&
         a.warnings == b.warnings;
}

/// Every case of `text` in `format`; false when the reader refuses it.
bool read_all(std::string_view text, k::Format format, const k::ReadOptions& options, std::vector<k::Case>& out,
              std::vector<k::InputWarning>& warnings, bool& single) {
  try {
    k::CaseReader reader = k::CaseReader::from_text(text, format, options);
    k::Case c;
    while (reader.next(c)) out.push_back(std::move(c));
    warnings = reader.warnings();
    single = reader.single();
    return true;
  } catch (const k::Error&) {
    return false;
  }
}

void evaluate_and_write(const k::Case& c, k::Format format) {
  const k::Evaluation e = k::evaluate(c, {.as_of = k::Date(2024, 6, 30)});
  require(e.events_applied + e.not_applied.size() + e.events_after_as_of == c.events.size() + c.rejected.size());
  std::ostringstream out;
  k::CaseWriter writer(out, format);
  writer.write(c);
  writer.finish();
  std::vector<k::Case> again;
  std::vector<k::InputWarning> w;
  bool single = false;
  require(read_all(out.str(), format, {}, again, w, single));
  require(again.size() == 1 && again[0].citizen == c.citizen && again[0].events == c.events);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const k::Format format = mode % 3 == 0 ? k::Format::json : mode % 3 == 1 ? k::Format::jsonl : k::Format::csv;
  k::ReadOptions options;
  if (mode & 0x80) options.max_bytes = 64 + (mode & 0x3F) * 8;  // a small bound per case
  options.strict = (mode & 0x40) != 0;

  std::vector<k::Case> cases;
  std::vector<k::InputWarning> warnings;
  bool single = false;
  const bool read = read_all(text, format, options, cases, warnings, single);

  if (format == k::Format::json && !(mode & 0x80)) {
    // The whole-document reader on the same text (the same bound: the text is far below it).
    bool whole_single = false;
    try {
      const k::Caseload whole = k::cases_from_json(text, whole_single, options);
      require(read);
      require(single == whole_single);
      require(cases.size() == whole.cases.size());
      for (std::size_t i = 0; i < cases.size(); ++i) require(same(cases[i], whole.cases[i]));
      require(warnings == whole.warnings);
    } catch (const k::Error&) {
      require(!read);
    }
  }
  if (format == k::Format::jsonl && read && !(mode & 0x80)) {
    std::size_t i = 0, start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view line = text.substr(start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        require(i < cases.size());
        // The stream names a line's fields as a bare array's elements: "[i].profile...".
        k::Case alone = k::case_from_json(line, options);
        for (auto& w : alone.warnings) w.field = "[" + std::to_string(i) + "]." + w.field;
        require(same(cases[i], alone));
        ++i;
      }
      start = end + 1;
    }
    require(i == cases.size());
  }
  if (read)
    for (const auto& c : cases) evaluate_and_write(c, format);
  return 0;
}
