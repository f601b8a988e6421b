// fuzz/fuzz_caseload_json.cpp — libFuzzer target: bytes → the case, caseload and sanction-question
// JSON readers (include/kanten/rules/json.hpp) → evaluation, explanation, worklist and JSON out.
//
// Whatever text a case system sends, the readers either return a case (an event they cannot read is
// kept in Case::rejected, never dropped) or throw kanten::Error; everything kanten does with what they
// return never crashes, leaks or trips a sanitizer. Invariants checked (a failure traps, so libFuzzer
// records the input):
//   - every input event is accounted for: applied + not applied + after as-of = events + rejected;
//   - a case written with to_json reads back to the same JSON (the writer's output is valid input);
//   - the sanction answers name each recorded failure once.
#include "kanten/rules/json.hpp"

#include "kanten/core/error.hpp"
#include "kanten/rules/evaluate.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace k = kanten;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

// Dates around the generated and example records, and one far out (every exit and deadline passed).
const k::Date kAsOf[] = {k::Date(2019, 6, 30), k::Date(2024, 6, 30), k::Date(2031, 1, 1)};

void evaluate_and_write(const k::Caseload& load) {
  for (const k::Date as_of : kAsOf) {
    const auto es = k::evaluate_all(load, {.as_of = as_of, .daily_rate = 49100});
    require(es.size() == load.cases.size());
    for (std::size_t i = 0; i < es.size(); ++i) {
      const k::Evaluation& e = es[i];
      const k::Case& c = load.cases[i];
      require(e.events_applied + e.not_applied.size() + e.events_after_as_of == c.events.size() + c.rejected.size());
      require(!k::explain(e).empty());
      require(!k::to_json(e).empty());
    }
    const auto w = k::followup_worklist(es);
    require(w.size() <= es.size());
    require(!k::to_json(w, as_of).empty());
    require(!k::to_json(es, 2).empty());
  }
  // Round trip: what kanten writes, kanten reads back to the same text.
  const std::string out = k::to_json(load);
  const std::string again = k::to_json(k::caseload_from_json(out));
  require(again == out);
}

/// An integer taken from the input's bytes (any of the 64-bit range, extremes included).
std::int64_t from_bytes(const std::uint8_t* data, std::size_t size, std::size_t offset) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8 && offset + i < size; ++i) v = (v << 8) | data[offset + i];
  return static_cast<std::int64_t>(v);
}

/// The writers' indent and the money arithmetic with values from the input: an indent is served
/// (at most max_indent) or refused naming "indent"; a daily rate in [0, max_daily_rate] gives
/// deductions of exactly days x rate, never negative, and any other rate is refused naming it.
void check_bounds(const k::Case& c, std::int64_t raw_indent, std::int64_t raw_rate) {
  const int indent = static_cast<int>(raw_indent % 70) - 3;  // -3 .. 66
  const int wild = static_cast<int>(raw_indent);
  for (int i : {indent, wild}) {
    try {
      require(!k::to_json(c, i).empty());
      require(i <= k::max_indent);
    } catch (const k::Error& e) {
      require(i > k::max_indent && e.code() == k::Errc::invalid_argument && e.field() == "indent");
    }
  }
  for (std::int64_t rate : {raw_rate, raw_rate % (k::max_daily_rate + 2)}) {
    try {
      const k::Evaluation e = k::evaluate(c, {.as_of = kAsOf[2], .daily_rate = rate});
      require(rate >= 0 && rate <= k::max_daily_rate);
      for (const auto& a : e.sanctions)
        if (a.deduction) require(*a.deduction >= 0 && *a.deduction == rate * a.deduction_days);
    } catch (const k::Error& e) {
      require((rate < 0 || rate > k::max_daily_rate) && e.code() == k::Errc::invalid_argument &&
              e.field() == "daily_rate");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  try {
    const k::Caseload load = k::caseload_from_json(text);
    evaluate_and_write(load);
  } catch (const k::Error&) {
    // A reader error: the input is not a caseload.
  }

  try {
    k::Caseload one;
    one.cases.push_back(k::case_from_json(text));
    check_bounds(one.cases.front(), from_bytes(data, size, 0), from_bytes(data, size, size / 2));
    evaluate_and_write(one);
  } catch (const k::Error&) {
  }

  k::SanctionQuestion q;
  try {
    q = k::sanction_question_from_json(text);
  } catch (const k::Error&) {
    return 0;
  }
  k::Evaluation e;
  try {
    e = k::evaluate(q.case_data, {.as_of = q.as_of, .daily_rate = q.daily_rate});
  } catch (const k::Error& err) {
    // The one refusal a read question may meet: an as_of before the rule set is in force.
    require(err.field() == "as_of" && q.as_of < k::default_rules().valid_from);
    return 0;
  }
  for (const auto& a : e.sanctions) require(!a.deduction || *a.deduction >= 0);
  for (std::size_t i = 0; i < e.sanctions.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) require(e.sanctions[j].failure_id != e.sanctions[i].failure_id);
    require(!k::to_json(e.sanctions[i], 2).empty());
  }
  return 0;
}
