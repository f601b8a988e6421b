// Inputs that crashed, tripped a sanitizer or exhausted memory in the fuzz targets (fuzz/), each kept
// as a test with the input as found: the reader must now refuse it with its documented error (or
// accept it) and the work behind it must be exact; nothing else may happen.
#include "helpers.hpp"

#include <kanten/bipartite/dimacs.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace kt;
namespace km = kanten::bipartite;

namespace {

/// The DimacsError `text` raises (fails the test if it raises none).
km::DimacsError dimacs_error_of(const std::string& text) {
  try {
    (void)km::parse_dimacs(text);
  } catch (const km::DimacsError& e) {
    return e;
  }
  FAIL("no DimacsError for: " << text);
  throw;  // not reached
}

/// Every pair score_pair accepts with a positive score, ordered as candidates() orders them.
std::vector<Candidate> brute_candidates(const Market& m) {
  std::vector<Candidate> brute;
  for (std::int32_t c = 0; c < static_cast<std::int32_t>(m.citizens.size()); ++c)
    for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t)
      if (const PairScore p = score_pair(m, c, t); p.rejected.empty() && p.score() > 0) brute.push_back({c, t, p.score()});
  std::sort(brute.begin(), brute.end(), [](const Candidate& a, const Candidate& b) {
    return a.citizen != b.citizen ? a.citizen < b.citizen : a.score != b.score ? a.score > b.score : a.task < b.task;
  });
  return brute;
}

}  // namespace

TEST_CASE("fuzz regression: a DIMACS arc count beyond the text is refused on its line before any allocation",
          "[fuzz][dimacs]") {
  // fuzz_dimacs, out-of-memory: the reader reserved room for the announced arcs (3 GB here).
  const std::string text = "p min 7 744444444444440\na 3 2 0 2  2\na 7 4 0 1 0\na 6 1\n\na 7 5 0 1 0\n";
  const km::DimacsError e = dimacs_error_of(text);
  CHECK(e.line() == 1);
  CHECK(e.field() == "arcs");
  CHECK(std::string(e.what()).find("744444444444440") != std::string::npos);
}

TEST_CASE("fuzz regression: a DIMACS node count no arcs can reach is refused on its line", "[fuzz][dimacs]") {
  // The same fault through the node count: two arrays of 2^31 entries for a three-line file.
  const km::DimacsError e = dimacs_error_of("p min 2147483632 1\nn 1 0\nn 2 0\na 1 2 0 0 0\n");
  CHECK(e.line() == 1);
  CHECK(e.field() == "nodes");
  // A small valid file is still read.
  const km::Instance inst = km::parse_dimacs("p min 4 3\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\na 4 2 0 1 0\n");
  CHECK(inst.num_left == 1);
  CHECK(inst.num_groups() == 1);
}

TEST_CASE("fuzz regression: a market at the poles with unlimited reach is matched and explained exactly",
          "[fuzz][matching]") {
  // fuzz/corpus/market_json/poles.json. The concern "near the citizen's limit" multiplied a reach of
  // 2^31 - 1 metres in 32 bits (signed overflow, caught by UBSan); a home at a pole made the grid box
  // east-west wider than any integer; tasks at both poles spread the grid over the globe. And a
  // citizen with no distance limit (max_travel_m 0) passed score_pair's filter at 20,000 km while
  // the candidates stopped at the documented 2,000 km: the filter now says too_far, as documented.
  const Market m = market_from_json(read_file(KANTEN_FUZZ_CORPUS_DIR "/market_json/poles.json"));
  REQUIRE(m.citizens.size() == 2);
  REQUIRE(m.citizens[1].max_travel_m == 2147483647);
  const std::vector<Candidate> brute = brute_candidates(m);
  CHECK(candidates(m) == brute);
  CHECK(brute.size() == 3);
  const PairScore far = score_pair(m, 0, 1);  // pole to pole, 20,038 km
  REQUIRE(far.rejected.size() == 1);
  CHECK(far.rejected[0].kind == Rejection::too_far);
  CHECK(far.rejected[0].text.find("> 2000 km") != std::string::npos);
  for (const MatchMode mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    const MatchResult r = match(m, {.mode = mode});
    for (const Match& x : r.matches) {
      CHECK_FALSE(x.reasons.empty());
      if (x.citizen == 1)  // 2.1 million km of reach: no distance on Earth is near it
        for (const auto& concern : x.concerns) CHECK(concern.find("near the citizen's limit") == std::string::npos);
    }
  }
}

TEST_CASE("fuzz regression: a citizen at a pole finds the tasks of a grid one column wide", "[fuzz][matching]") {
  // fuzz_market_json, fuzz/corpus/market_json/pole-one-column.json: both tasks at one company, so
  // the grid is a single column far west of the citizen at the North Pole; the citizen's box,
  // clamped to the grid's width, stopped short of it and the candidates missed every pair.
  const Market m = market_from_json(read_file(KANTEN_FUZZ_CORPUS_DIR "/market_json/pole-one-column.json"));
  const std::vector<Candidate> brute = brute_candidates(m);
  REQUIRE(brute.size() == 4);
  CHECK(candidates(m) == brute);
  CHECK(match(m).candidates == 4);
}

TEST_CASE("A number beyond any double is a parse error, not a crash (found by fuzz_caseload_json and fuzz_market_json)",
          "[fuzz][json]") {
  for (const char* text : {"2320000000000000000E000000000000000004000000000000", "[1E400]",
                           R"({"citizens": [], "companies": [], "tasks": [], "x": 5e5555})"}) {
    CAPTURE(text);
    try {
      (void)kanten::caseload_from_json(text);
      FAIL("must throw");
    } catch (const kanten::Error& e) {
      CHECK(e.code() == kanten::Errc::parse_error);
    }
    try {
      (void)kanten::market_from_json(text);
      FAIL("must throw");
    } catch (const kanten::Error& e) {
      CHECK(e.code() == kanten::Errc::parse_error);
    }
  }
}

TEST_CASE("fuzz regression: citizens without any task have no candidates and stay unmatched, on any thread count",
          "[fuzz][matching]") {
  // Found by fuzz_market_json: the candidate gather read a chunk that was never made.
  const Market m = market_from_json(
      R"({"citizens": [{"id": "c-1", "home": {"lat": 54.77, "lon": 11.87}}], "companies": [], "tasks": []})");
  for (const std::int32_t threads : {1, 2}) {
    INFO("threads " << threads);
    CHECK(candidates(m, default_weights(), threads).empty());
    for (const MatchMode mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
      const MatchResult r = match(m, {.mode = mode, .threads = threads});
      CHECK(r.matches.empty());
      CHECK(r.unmatched == std::vector<std::int32_t>{0});
      CHECK(r.total_score == 0);
    }
  }
}

TEST_CASE("fuzz regression: a sanction question as of a date before the rule set is in force is an error naming "
          "as_of, not a crash (found by fuzz_caseload_json)",
          "[fuzz][sanction]") {
  // fuzz/corpus/caseload_json/sanction-before-rules.json: the question reads; its evaluation is
  // refused with the reason (RuleSet::valid_from), which every surface reports as an error.
  const std::string text = kanten::read_file(std::string(KANTEN_FUZZ_CORPUS_DIR) + "/caseload_json/sanction-before-rules.json");
  const kanten::SanctionQuestion q = kanten::sanction_question_from_json(text);
  try {
    (void)kanten::evaluate(q);
    FAIL("no error");
  } catch (const kanten::Error& e) {
    CHECK(e.code() == kanten::Errc::invalid_argument);
    CHECK(e.field() == "as_of");
    CHECK(e.value() == "2014-05-01");
  }
}
