// Issue 10's classes of defect, each proved on the C++ surface (the C ABI's are in
// capi/tests/test_capi.c, Python's in python/tests/test_hostile.py and test_api.py, every surface's
// bad inputs in tests/bad_inputs/).
#include <catch2/catch.hpp>

#include "helpers.hpp"

#include <kanten/kanten.hpp>

#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

using namespace kanten;
using kt::CaseBuilder;
using kt::D;

namespace {

/// Runs `f`, which must throw kanten::Error with `code`, whose message holds every fragment.
template <class F>
Error error_of(F&& f, Errc code, std::initializer_list<std::string_view> fragments) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.code() == code);
    for (auto part : fragments) CHECK_THAT(e.what(), Catch::Contains(std::string(part)));
    return e;
  }
  FAIL("no kanten::Error");
  throw;  // unreachable
}

const std::string one_case = R"({"citizen": "c-1", "events": []})";

}  // namespace

TEST_CASE("hardening: any indent is served or refused naming 'indent', never an overread", "[hardening]") {
  const Case c = case_from_json(one_case);
  CHECK(to_json(c, max_indent).find(std::string(max_indent, ' ') + "\"citizen\"") != std::string::npos);
  CHECK(to_json(c, INT_MIN) == to_json(c, -1));
  for (int indent : {max_indent + 1, 1025, 100000, INT_MAX}) {
    const Error e = error_of([&] { (void)to_json(c, indent); }, Errc::invalid_argument, {"out of range"});
    CHECK(e.field() == "indent");
  }
  const Evaluation ev = evaluate(c, {.as_of = D("2024-01-01")});
  error_of([&] { (void)to_json(ev, 2048); }, Errc::invalid_argument, {"'indent'"});
}

TEST_CASE("hardening: a NUL byte or anything after the document is a parse error, never the end of input",
          "[hardening]") {
  const std::string text = R"({"cases": [{"citizen": "c-1"}]})" + std::string(1, '\0') + R"({"citizen": "c-2"})";
  error_of([&] { (void)caseload_from_json(text); }, Errc::parse_error, {"NUL byte at offset 31"});
  error_of([&] { (void)case_from_json(one_case + " x"); }, Errc::parse_error, {"not valid JSON"});
  CHECK(case_from_json(one_case + " \n\t").citizen == "c-1");
}

TEST_CASE("hardening: input beyond the maximum size is refused before it is read", "[hardening]") {
  const Error e = error_of([&] { (void)case_from_json(one_case, {.max_bytes = 10}); }, Errc::invalid_input,
                           {"maximum input size of 10 bytes"});
  CHECK(e.field() == "input");
  const auto path = std::filesystem::temp_directory_path() / "kanten-hardening-size.json";
  std::ofstream(path) << one_case;
  error_of([&] { (void)read_file(path.string(), 10); }, Errc::invalid_input, {"maximum input size"});
  CHECK(read_file(path.string()) == one_case);
  std::filesystem::remove(path);
  if (std::filesystem::exists("/dev/urandom"))  // a device: stops at the first NUL, not at the end
    error_of([] { (void)read_file("/dev/urandom"); }, Errc::parse_error, {"NUL byte"});
}

TEST_CASE("hardening: two cases of one citizen are an error naming both positions", "[hardening]") {
  const Error e = error_of(
      [] { (void)caseload_from_json(R"({"cases": [{"citizen": "a"}, {"citizen": "b"}, {"citizen": "a"}]})"); },
      Errc::invalid_input, {"duplicate citizen id", "cases[0]"});
  CHECK(e.field() == "cases[2].citizen");
  Caseload load;
  load.cases.resize(2);
  load.cases[0].citizen = load.cases[1].citizen = "x";
  error_of([&] { check_unique_citizens(load); }, Errc::invalid_input, {"cases[1].citizen"});
}

TEST_CASE("hardening: an empty failure id is ambiguous and an error", "[hardening]") {
  const Error e = error_of(
      [] {
        (void)sanction_question_from_json(
            R"({"case": {"citizen": "c-1"}, "as_of": "2024-01-01", "failure_id": ""})");
      },
      Errc::invalid_input, {"must not be empty"});
  CHECK(e.field() == "failure_id");
  CHECK(sanction_question_from_json(R"({"case": {"citizen": "c-1"}, "as_of": "2024-01-01"})").failure_id.empty());
}

TEST_CASE("hardening: money is bounded and computed with checked arithmetic on every path", "[hardening]") {
  // The JSON question and the options: one bound, max_daily_rate.
  for (const char* rate : {"9223372036854775807", "100000001", "-1", "1e30", "18446744073709551616"})
    error_of(
        [&] {
          (void)sanction_question_from_json(std::string(R"({"case": {"citizen": "c-1"}, "as_of": "2024-01-01", "daily_rate": )") +
                                            rate + "}");
        },
        Errc::invalid_input, {"daily_rate"});
  CHECK(sanction_question_from_json(R"({"case": {"citizen": "c-1"}, "as_of": "2024-01-01", "daily_rate": 100000000})")
            .daily_rate == max_daily_rate);
  const Case c = case_from_json(one_case);
  for (std::int64_t rate : {std::int64_t{-1}, max_daily_rate + 1, std::int64_t{INT64_MAX}}) {
    const Error e = error_of([&] { (void)evaluate(c, {.as_of = D("2024-01-01"), .daily_rate = rate}); },
                             Errc::invalid_argument, {"out of range"});
    CHECK(e.field() == "daily_rate");
  }
  // An eligible answer with an absurd rule set: a negative deduction is refused, never stated.
  CaseBuilder b;
  b.trin1_complete("2024-01-02").failure("2024-02-01", "f1", FailureKind::did_not_apply_for_jobs);
  b.vulnerability("2024-02-02", false).assessment("2024-02-03", true).hearing_sent("2024-02-04");
  b.hearing_answered("2024-02-08");
  EvaluateOptions o{.as_of = D("2024-02-10"), .daily_rate = max_daily_rate};
  const Evaluation ok = evaluate(b.get(), o);
  REQUIRE(ok.sanctions.size() == 1);
  REQUIRE(ok.sanctions[0].status == SanctionStatus::eligible);
  CHECK(ok.sanctions[0].deduction == 3 * max_daily_rate);
  RuleSet absurd = default_rules();
  absurd.sanction_days = -3;
  o.rules = &absurd;
  error_of([&] { (void)evaluate(b.get(), o); }, Errc::invalid_argument, {"rules.sanction_days", "out of range"});
}

TEST_CASE("hardening: unknown fields are warnings with their path, and errors under strict reading", "[hardening]") {
  const std::string typo = R"({"citizen": "c-1", "profle": {},
    "events": [{"date": "2024-01-02", "kind": "agreement", "agreement_kind": "internship", "strat": "2024-02-01"}]})";
  const Case c = case_from_json(typo);
  REQUIRE(c.warnings.size() == 2);
  CHECK(c.warnings[0].field == "profle");
  CHECK_THAT(c.warnings[0].message, Catch::Contains("did you mean \"profile\""));
  CHECK(c.warnings[1].field == "events[0].strat");
  CHECK_THAT(c.warnings[1].message, Catch::Contains("did you mean \"start\""));
  // The evaluation reports them, in C++ and in its JSON.
  const Evaluation e = evaluate(c, {.as_of = D("2024-03-01")});
  CHECK(e.warnings == c.warnings);
  CHECK_THAT(to_json(e), Catch::Contains(R"("input_warnings":[{"field":"profle")"));
  const Error strict = error_of([&] { (void)case_from_json(typo, {.strict = true}); }, Errc::invalid_input,
                                {"unknown field", "strict"});
  CHECK(strict.field() == "profle");
  // A caseload's own fields, a market's and a weight set's.
  CHECK(caseload_from_json(R"({"cases": [], "case": []})").warnings.at(0).field == "case");
  const Market m = market_from_json(
      R"({"citizens": [{"id": "c", "home": {"lat": 55, "lon": 12, "alt": 3}, "hours_nw": 60}], "companies": [], "tasks": []})");
  REQUIRE(m.warnings.size() == 2);
  CHECK(m.warnings[0].field == "citizens[0].home.alt");
  CHECK(m.warnings[1].field == "citizens[0].hours_nw");
  CHECK_THAT(m.warnings[1].message, Catch::Contains("\"hours_now\""));
  error_of([] { (void)weights_from_json(R"({"version": "v", "travl": 3})", {.strict = true}); }, Errc::invalid_input,
           {"'travl'", "did you mean \"travel\""});
}

TEST_CASE("hardening: not-applied events are numbered by input position, one index space", "[hardening]") {
  // Input: 0 readable (applied), 1 unreadable (bad kind), 2 unreadable payload (kind and date kept),
  // 3 readable but not applied (hours before any agreement).
  const Case c = case_from_json(R"({"citizen": "c-1", "events": [
    {"date": "2024-01-02", "kind": "first_conversation"},
    {"date": "2024-01-03", "kind": "coffee_break"},
    {"date": "2024-01-04", "kind": "contact", "channel": "pigeon"},
    {"date": "2024-01-05", "kind": "hours_worked", "minutes": 60, "type": "ordinary"}]})");
  REQUIRE(c.rejected.size() == 2);
  const Evaluation e = evaluate(c, {.as_of = D("2024-02-01")});
  std::map<std::size_t, const NotApplied*> by_index;
  for (const auto& n : e.not_applied) CHECK(by_index.emplace(n.index, &n).second);  // indexes are unique
  REQUIRE(by_index.size() == 3);
  CHECK(by_index.at(1)->reason == NotAppliedReason::unreadable);
  CHECK_FALSE(by_index.at(1)->kind.has_value());
  CHECK(by_index.at(2)->reason == NotAppliedReason::unreadable);
  CHECK(by_index.at(2)->kind == EventKind::contact);
  CHECK(by_index.at(2)->date == D("2024-01-04"));
  CHECK(by_index.at(3)->reason != NotAppliedReason::unreadable);
  CHECK(by_index.at(3)->kind == EventKind::hours_worked);
  const auto flags = not_applied_events(c, e);
  CHECK(flags == std::vector<bool>{false, true});
}

TEST_CASE("hardening: an id shaped like a CPR number is refused everywhere and never echoed", "[hardening]") {
  CHECK(looks_like_cpr("0101901234"));
  CHECK(looks_like_cpr("010190-1234"));
  CHECK(looks_like_cpr("borger 010190 1234"));
  CHECK_FALSE(looks_like_cpr("c-000001"));
  CHECK_FALSE(looks_like_cpr("12345678901"));  // eleven digits: not a CPR number's shape
  CHECK_FALSE(looks_like_cpr("010190-12345"));
  for (const char* id : {"0101901234", "010190-1234"}) {
    const Error e = error_of([&] { (void)case_from_json(std::string(R"({"citizen": ")") + id + "\"}"); },
                             Errc::invalid_input, {"CPR"});
    CHECK(std::string(e.what()).find(id) == std::string::npos);
    CHECK(e.value().empty());
    const Error m = error_of(
        [&] {
          (void)market_from_json(std::string(R"({"citizens": [{"id": ")") + id +
                                 R"(", "home": {"lat": 55, "lon": 12}}], "companies": [], "tasks": []})");
        },
        Errc::invalid_input, {"CPR"});
    CHECK(std::string(m.what()).find(id) == std::string::npos);
  }
  // An id inside an event: the event is rejected with the field named and the value withheld.
  const Case c = case_from_json(
      R"({"citizen": "c-1", "events": [{"date": "2024-01-02", "kind": "jobformidler_assigned", "jobformidler": "0101901234"}]})");
  REQUIRE(c.rejected.size() == 1);
  CHECK(c.rejected[0].field == "jobformidler");
  CHECK(c.rejected[0].value.empty());
}

TEST_CASE("hardening: messages say what is wrong (out of range, not a fraction or a shape)", "[hardening]") {
  const Case c = case_from_json(R"({"citizen": "c-1", "events": [
    {"date": "2024-01-02", "kind": "hours_worked", "minutes": 1e30, "type": "ordinary"},
    {"date": "2024-01-02", "kind": "hours_worked", "hours": "999999999:00", "type": "ordinary"},
    {"date": "2024-01-02", "kind": "hours_worked", "minutes": 7.5, "type": "ordinary"},
    {"date": "2024-01-02", "kind": "contact", "channel": "called her mother on tuesday"}]})");
  REQUIRE(c.rejected.size() == 4);
  CHECK_THAT(c.rejected[0].reason, Catch::Contains("out of range"));
  CHECK_THAT(c.rejected[1].reason, Catch::Contains("out of range"));
  CHECK_THAT(c.rejected[2].reason, Catch::Contains("not a fraction"));
  CHECK(c.rejected[3].value == "<text of 28 bytes>");  // a sentence in a name's place is never shown
  error_of(
      [] {
        (void)market_from_json(R"({"citizens": [], "companies": [{"id": "co", "location": {"lat": 55, "lon": 12}}],
          "tasks": [{"id": "t", "company": "co", "max_per_week": "200:00"}]})");
      },
      Errc::invalid_input, {"tasks[0].max_per_week", "out of range"});
}

TEST_CASE("hardening: out-of-range parameters are kanten errors naming the field", "[hardening]") {
  Caseload load;
  ProgrammeOptions o{.as_of = D("2019-12-31")};
  o.retention_months = {3, 100000000};
  const Error e = error_of([&] { (void)programme_figures(load, o); }, Errc::invalid_argument, {"out of range"});
  CHECK(e.field() == "retention_months[1]");
}

TEST_CASE("hardening: a key given twice in one object is an error with its path, never the last one silently",
          "[hardening]") {
  const Error e = error_of(
      [] { (void)caseload_from_json(R"({"cases": [{"citizen": "a"}, {"citizen": "b", "citizen": "c"}]})"); },
      Errc::invalid_input, {"duplicate key"});
  CHECK(e.field() == "cases[1].citizen");
  const Error m = error_of(
      [] {
        (void)case_from_json(R"({"citizen": "a", "events": [{"date": "2024-01-02"},
          {"date": "2024-01-02", "kind": "hours_worked", "minutes": 60, "minutes": 6000, "type": "ordinary"}]})");
      },
      Errc::invalid_input, {"duplicate key"});
  CHECK(m.field() == "events[1].minutes");
  // The same key in different objects is fine.
  CHECK(caseload_from_json(R"([{"citizen": "a", "profile": {"benefit": "kontanthjaelp"}}, {"citizen": "b"}])").cases.size() == 2);
}

TEST_CASE("hardening: the generators' sizes and parameters are bounded, never wrapped", "[hardening]") {
  error_of([] { (void)generate_caseload({.citizens = max_generated + 1}); }, Errc::invalid_argument, {"'citizens'"});
  error_of([] { (void)generate_market({.citizens = 0, .companies = std::size_t{1} << 40}); }, Errc::invalid_argument,
           {"'companies'"});
  error_of([] { (void)generate_market({.citizens = 0, .companies = 1, .tasks_per_company = 1e18}); },
           Errc::invalid_argument, {"'tasks_per_company'"});
  error_of([] { (void)generate_market({.citizens = 0, .companies = 1, .tasks_per_company = std::nan("")}); },
           Errc::invalid_argument, {"'tasks_per_company'"});
  error_of([] { (void)generate_market({.citizens = 1, .companies = 1, .travel_m = -1}); }, Errc::invalid_argument,
           {"'travel_m'"});
  CHECK(generate_market({.citizens = 3, .companies = 2}).citizens.size() == 3);
}
