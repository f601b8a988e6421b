// The vocabularies (core/vocabulary.hpp): each declared once, as an X-macro list, and everything
// else — names, parsing, counts — made from it. These tests hold every vocabulary to the same
// contract, and keep the fuzzers' dictionary in step with the names a JSON input takes.
#include <kanten/kanten.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace kanten;

namespace {

template <class... E>
struct List {};

/// Every vocabulary of the library.
using All = List<Errc, Step, Condition, EventKind, Benefit, VisitationOutcome, Goal, AgreementKind, HoursKind, Channel,
                 SelfSupportKind, FailureKind, CauseKind, Health, TargetGroupReason, Missing, NotAppliedReason,
                 SanctionStatus, MonthDefinition, Demand, TravelMode, Rejection, MatchMode, FunnelStage, Endpoint,
                 BusEligibility, BusCategory, WorkplaceRoute, Region, AlertKind>;

/// The vocabularies a JSON input takes names of (docs/json-format.md, docs/matching.md).
using Input = List<EventKind, Benefit, VisitationOutcome, Goal, AgreementKind, HoursKind, Channel, SelfSupportKind,
                   FailureKind, CauseKind, Health, Demand, TravelMode>;

template <class Enum>
void check_vocabulary() {
  using V = Vocabulary<Enum>;
  INFO("vocabulary with first name " << V::names[0]);
  REQUIRE(enum_size<Enum> == std::size(V::names));
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < enum_size<Enum>; ++i) {
    const Enum v = V::values[i];
    const std::string_view n = name(v);
    INFO(n);
    CHECK(n == V::names[i]);
    CHECK(seen.insert(n).second);  // names are unique
    CHECK(!n.empty());
    for (char c : n) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'));  // snake_case
    Enum back{};
    CHECK(parse_name(n, back));
    CHECK(back == v);
    std::ostringstream out;
    out << v;
    CHECK(out.str() == n);
  }
  Enum untouched = V::values[0];
  CHECK_FALSE(parse_name("no such name", untouched));
  CHECK(untouched == V::values[0]);
  // One past the last value has no name.
  CHECK(name(static_cast<Enum>(static_cast<std::int64_t>(V::values[enum_size<Enum> - 1]) + 1)) == "unknown");
}

template <class... E>
void check_all(List<E...>) {
  (check_vocabulary<E>(), ...);
}

}  // namespace

TEST_CASE("every vocabulary: dense values, unique snake_case names, parse_name inverts name") {
  check_all(All{});
  // The values are the C ABI's numbers: from 0, except the error codes (1…, negated in C).
  CHECK(static_cast<int>(Step::not_started) == 0);
  CHECK(static_cast<int>(Errc::invalid_argument) == 1);
  CHECK(static_cast<int>(Errc::io_error) == 4);
  CHECK(name(Errc::invalid_input) == "invalid_input");
  CHECK(label(Step::trin2_paa_vej_mod_job) == "Trin 2: På vej mod job");
  CHECK(label(static_cast<Step>(step_count)) == "unknown");
  STATIC_REQUIRE(event_kind_count == std::variant_size_v<EventData>);
  STATIC_REQUIRE(enum_size<Demand> == enum_size<Health>);
  STATIC_REQUIRE(name(Health::calm_pace) == "calm_pace");  // constexpr
}

#ifdef KANTEN_SOURCE_ROOT
namespace {
template <class... E>
void check_dictionary(const std::string& dict, List<E...>) {
  auto check = [&](std::string_view n) {
    INFO("fuzz/json.dict lacks \"\\\"" << n << "\\\"\"");
    CHECK(dict.find("\n\"\\\"" + std::string(n) + "\\\"\"\n") != std::string::npos);
  };
  (
      [&] {
        for (std::string_view n : Vocabulary<E>::names) check(n);
      }(),
      ...);
}
}  // namespace

TEST_CASE("fuzz/json.dict has every name a JSON input takes") {
  std::ifstream in(std::string(KANTEN_SOURCE_ROOT) + "/fuzz/json.dict");
  REQUIRE(in);
  std::stringstream text;
  text << "\n" << in.rdbuf() << "\n";
  check_dictionary(text.str(), Input{});
}
#endif
