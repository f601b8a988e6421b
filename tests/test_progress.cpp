// The progress callback of long work (include/kanten/core/progress.hpp): evaluate_all(), match(),
// generate_caseload() and generate_market() report each stage from 0 to its total, never backwards, a bounded number of
// times however large the input, and the results are the same with and without a callback.
#include "helpers.hpp"

#include <kanten/synth/market.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/rules/json.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>
#include <kanten/core/progress.hpp>

#include <cstddef>
#include <string>
#include <vector>

using namespace kt;

namespace {

struct Report {
  std::string stage;
  std::size_t done, total;
};

/// Records every report.
struct Recorder {
  std::vector<Report> reports;
  Progress callback() {
    return [this](std::string_view stage, std::size_t done, std::size_t total) {
      reports.push_back({std::string(stage), done, total});
    };
  }
  /// The stages in the order they first reported.
  [[nodiscard]] std::vector<std::string> stages() const {
    std::vector<std::string> s;
    for (const auto& r : reports)
      if (s.empty() || s.back() != r.stage) s.push_back(r.stage);
    return s;
  }
  /// The reports of one stage.
  [[nodiscard]] std::vector<Report> of(const std::string& stage) const {
    std::vector<Report> out;
    for (const auto& r : reports)
      if (r.stage == stage) out.push_back(r);
    return out;
  }
};

/// One stage's reports: contiguous, starting at 0, never backwards, ending at `total`, at most
/// about a hundred of them.
void check_stage(const Recorder& rec, const std::string& stage, std::size_t total) {
  INFO("stage " << stage);
  const auto rs = rec.of(stage);
  REQUIRE_FALSE(rs.empty());
  CHECK(rs.front().done == 0);
  CHECK(rs.back().done == total);
  CHECK(rs.size() <= 102);
  for (std::size_t i = 0; i < rs.size(); ++i) {
    CHECK(rs[i].total == total);
    if (i) CHECK(rs[i].done >= rs[i - 1].done);
  }
}

}  // namespace

TEST_CASE("progress: evaluate_all reports the cases evaluated from 0 to all", "[progress]") {
  const Caseload load = generate_caseload({.citizens = 850});
  Recorder rec;
  const auto with = evaluate_all(load, {.as_of = D("2019-12-15"), .progress = rec.callback()});
  REQUIRE(rec.stages() == std::vector<std::string>{"evaluate"});
  check_stage(rec, "evaluate", 850);
  CHECK(rec.reports.size() > 2);  // reports along the way, not only at the ends
  CHECK(to_json(with) == to_json(evaluate_all(load, {.as_of = D("2019-12-15")})));
}

TEST_CASE("progress: a large caseload still gets about a hundred reports", "[progress]") {
  Caseload load;
  const Case one = generate_caseload({.citizens = 1}).cases.front();
  load.cases.assign(20'000, one);
  Recorder rec;
  (void)evaluate_all(load, {.as_of = D("2019-12-15"), .progress = rec.callback()});
  check_stage(rec, "evaluate", 20'000);
  CHECK(rec.reports.size() >= 50);
}

TEST_CASE("progress: an empty caseload reports 0 of 0 once", "[progress]") {
  Recorder rec;
  (void)evaluate_all(Caseload{}, {.as_of = D("2019-12-15"), .progress = rec.callback()});
  REQUIRE(rec.reports.size() == 1);
  CHECK(rec.reports.front().done == 0);
  CHECK(rec.reports.front().total == 0);
}

TEST_CASE("progress: match reports candidates, solve and explain in every mode", "[progress][matching]") {
  const Market m = generate_market({.citizens = 400, .companies = 150});
  for (const MatchMode mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    INFO("mode " << name(mode));
    Recorder rec;
    const MatchResult with = match(m, {.mode = mode, .progress = rec.callback()});
    REQUIRE(rec.stages() == std::vector<std::string>{"candidates", "solve", "explain"});
    check_stage(rec, "candidates", 400);
    check_stage(rec, "solve", 1);
    check_stage(rec, "explain", 400);
    CHECK(to_json(with, m) == to_json(match(m, {.mode = mode}), m));
  }
}

TEST_CASE("progress: generate_market reports the companies and then the citizens", "[progress][matching]") {
  Recorder rec;
  const Market with = generate_market({.citizens = 300, .companies = 120, .progress = rec.callback()});
  REQUIRE(rec.stages() == std::vector<std::string>{"companies", "citizens"});
  check_stage(rec, "companies", 120);
  check_stage(rec, "citizens", 300);
  CHECK(to_json(with) == to_json(generate_market({.citizens = 300, .companies = 120})));
}

TEST_CASE("progress: generate_caseload reports the citizens generated", "[progress]") {
  Recorder rec;
  const Caseload with = generate_caseload({.citizens = 500, .progress = rec.callback()});
  REQUIRE(rec.stages() == std::vector<std::string>{"generate"});
  check_stage(rec, "generate", 500);
  CHECK(to_json(with) == to_json(generate_caseload({.citizens = 500})));
}
