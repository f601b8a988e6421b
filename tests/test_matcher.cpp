// The persistent matcher index (include/kanten/match/index.hpp): its answers are those of
// kanten::top_tasks and kanten::top_citizens on its market(), and those of candidate generation
// over the whole market (the way the top lists were computed before the index), on generated
// markets and on markets varied to reach every branch of its grids; after every kind of update
// they equal a freshly built index's; hostile input gives errors naming the parameter.
#include "helpers.hpp"

#include <kanten/match/index.hpp>
#include <kanten/match/json.hpp>
#include <kanten/synth/market.hpp>

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace kt;

namespace {

/// A citizen's top list as candidate generation gives it: the top-k proposal of a market of that
/// citizen alone (how kanten::top_tasks computed it before the index).
std::vector<Match> reference_top_tasks(const Market& m, std::int32_t ci, std::int32_t k, std::int32_t per_company,
                                       const MatchWeights& w) {
  Market one;
  one.citizens = {m.citizens[static_cast<std::size_t>(ci)]};
  one.companies = m.companies;
  one.tasks = m.tasks;
  MatchOptions o;
  o.mode = MatchMode::top_k;
  o.weights = &w;
  o.k = k;
  o.per_company = per_company;
  MatchResult r = match(one, o);
  for (auto& x : r.matches) x.citizen = ci;
  return r.matches;
}

/// A task's top list from the whole market's candidates (how kanten::top_citizens computed it
/// before the index): best score first, ties by citizen, each pair scored and explained alone.
std::vector<Match> reference_top_citizens(const Market& m, const std::vector<Candidate>& cands, std::int32_t ti,
                                          std::int32_t k, const MatchWeights& w) {
  std::vector<Candidate> mine;
  for (const auto& c : cands)
    if (c.task == ti) mine.push_back(c);
  std::stable_sort(mine.begin(), mine.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<Match> out;
  for (const auto& c : mine) {
    if (static_cast<std::int32_t>(out.size()) >= k) break;
    Match x;
    x.citizen = c.citizen;
    x.task = ti;
    x.breakdown = score_pair(m, c.citizen, ti, w).breakdown;
    explain_match(m, x, w);
    out.push_back(std::move(x));
  }
  return out;
}

/// The matches as text, one a line: ids, every breakdown field, reasons and concerns.
std::string text(const std::vector<Match>& v, const Market& m) {
  std::ostringstream s;
  for (const auto& x : v) {
    const auto& b = x.breakdown;
    s << m.citizens[static_cast<std::size_t>(x.citizen)].id << " " << m.tasks[static_cast<std::size_t>(x.task)].id << " "
      << b.wish << "/" << b.competences << "/" << b.hours << "/" << b.travel << "/" << b.readiness << "/" << b.ordinary
      << "/" << b.wish_level << "/" << b.distance_m;
    for (const auto& r : x.reasons) s << " | " << r;
    for (const auto& c : x.concerns) s << " ! " << c;
    s << "\n";
  }
  return s.str();
}

/// The same matches: indices, breakdowns, reasons and concerns.
bool same(const std::vector<Match>& a, const std::vector<Match>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    const auto &p = x.breakdown, &q = y.breakdown;
    if (x.citizen != y.citizen || x.task != y.task || x.reasons != y.reasons || x.concerns != y.concerns ||
        p.wish != q.wish || p.competences != q.competences || p.hours != q.hours || p.travel != q.travel ||
        p.readiness != q.readiness || p.ordinary != q.ordinary || p.wish_level != q.wish_level ||
        p.distance_m != q.distance_m)
      return false;
  }
  return true;
}

#define CHECK_SAME(a, b, m)                             \
  do {                                                  \
    const auto& a_ = (a);                               \
    const auto& b_ = (b);                               \
    INFO("left:\n" << text(a_, m) << "right:\n" << text(b_, m)); \
    CHECK(same(a_, b_));                                \
  } while (0)

Market generated(std::size_t citizens, std::size_t companies, std::uint64_t seed) {
  MarketOptions o;
  o.citizens = citizens;
  o.companies = companies;
  o.seed = seed;
  return generate_market(o);
}

/// A generated market varied to reach every branch: citizens without wishes, with a 1-digit wish,
/// without a distance limit, walking with a time limit, with visits; tasks without codes or with
/// codes under two prefixes, without slots; companies without capacity, and one far away.
Market varied(std::uint64_t seed, bool many_words = false) {
  Market m = generated(300, 150, seed);
  for (std::size_t i = 0; i < m.citizens.size(); ++i) {
    Citizen& c = m.citizens[i];
    if (i % 7 == 0) c.wishes.clear();
    if (i % 11 == 0) c.max_travel_m = 0, c.max_travel_minutes = 0;
    if (i % 13 == 0) c.wishes = {"5"};
    if (i % 17 == 0) c.visited_companies = {m.companies[i % m.companies.size()].id, m.companies[(i * 3) % m.companies.size()].id};
    if (i % 19 == 0) c.mode = TravelMode::walk, c.max_travel_minutes = 45;
    if (many_words && i % 5 == 0)
      for (int k = 0; k < 3; ++k) c.competences.push_back("word-" + std::to_string((i * 3 + static_cast<std::size_t>(k)) % 90));
  }
  for (std::size_t i = 0; i < m.tasks.size(); ++i) {
    Task& t = m.tasks[i];
    if (i % 9 == 0) t.disco.clear();
    if (i % 29 == 0) t.disco = {"9", "51", "5120"};
    if (i % 10 == 3) t.slots = 0;
    if (many_words && i % 4 == 0) t.optional_competences.push_back("word-" + std::to_string(i % 90));
  }
  for (std::size_t i = 0; i < m.companies.size(); ++i)
    if (i % 12 == 5) m.companies[i].capacity = 0;
  m.companies[1].location = {0.5, 0.5};  // far from every citizen but those without a limit
  return m;
}

/// Every citizen's and every task's top list from the index equals the free functions' on its
/// market and the candidate-generation lists.
void check_all(const Matcher& index, std::int32_t k, std::int32_t per_company) {
  const Market& m = index.market();
  const MatchWeights& w = index.weights();
  const auto cands = candidates(m, w);
  for (std::int32_t ci = 0; ci < static_cast<std::int32_t>(m.citizens.size()); ++ci) {
    INFO("citizen " << m.citizens[static_cast<std::size_t>(ci)].id);
    const auto got = index.top_tasks(m.citizens[static_cast<std::size_t>(ci)].id, k, per_company);
    CHECK_SAME(got, top_tasks(m, ci, k, per_company, w), m);
    CHECK_SAME(got, reference_top_tasks(m, ci, k, per_company, w), m);
  }
  for (std::int32_t ti = 0; ti < static_cast<std::int32_t>(m.tasks.size()); ++ti) {
    INFO("task " << m.tasks[static_cast<std::size_t>(ti)].id);
    const auto got = index.top_citizens(m.tasks[static_cast<std::size_t>(ti)].id, k);
    CHECK_SAME(got, top_citizens(m, ti, k, w), m);
    CHECK_SAME(got, reference_top_citizens(m, cands, ti, k, w), m);
  }
}

/// The index's answers equal those of an index built afresh on its market().
void check_against_fresh(const Matcher& index, std::int32_t k) {
  const Matcher fresh(index.market(), index.weights());
  const Market& m = index.market();
  for (const auto& c : m.citizens) {
    INFO("citizen " << c.id);
    CHECK_SAME(index.top_tasks(c.id, k, 1), fresh.top_tasks(c.id, k, 1), m);
  }
  for (const auto& t : m.tasks) {
    INFO("task " << t.id);
    CHECK_SAME(index.top_citizens(t.id, k), fresh.top_citizens(t.id, k), m);
  }
}

/// Every id maps to its index in market().
void check_ids(const Matcher& index) {
  const Market& m = index.market();
  for (std::size_t i = 0; i < m.citizens.size(); ++i) REQUIRE(index.citizen_index(m.citizens[i].id) == static_cast<std::int32_t>(i));
  for (std::size_t i = 0; i < m.tasks.size(); ++i) REQUIRE(index.task_index(m.tasks[i].id) == static_cast<std::int32_t>(i));
  for (std::size_t i = 0; i < m.companies.size(); ++i)
    REQUIRE(index.company_index(m.companies[i].id) == static_cast<std::int32_t>(i));
}

}  // namespace

TEST_CASE("matcher: top lists equal kanten::top_tasks, kanten::top_citizens and the candidates on a generated market",
          "[matcher]") {
  const Matcher index(generated(400, 200, 7));
  check_all(index, 10, 1);
  check_all(index, 3, 2);
}

TEST_CASE("matcher: top lists equal the free functions and the candidates on a varied market", "[matcher]") {
  for (std::uint64_t seed : {11u, 12u}) {
    const Matcher index(varied(seed));
    check_all(index, 10, 1);
    check_all(index, 25, 3);
  }
}

TEST_CASE("matcher: top lists stay equal with a competence vocabulary beyond 64 words", "[matcher]") {
  const Matcher index(varied(13, /*many_words=*/true));
  check_all(index, 10, 1);
}

TEST_CASE("matcher: top lists equal the free functions with non-default weights", "[matcher]") {
  MatchWeights w;
  w.version = "test-weights";
  w.min_wish_level = 1;  // every citizen sees every occupation bucket
  w.travel = 40;
  w.car_kmh = 70;
  const Matcher index(varied(14), w);
  check_all(index, 10, 1);
  w.min_wish_level = 4;
  const Matcher strict(varied(14), w);
  check_all(strict, 10, 1);
}

TEST_CASE("matcher: explain false gives the same matches without reasons or concerns", "[matcher]") {
  const Matcher index(varied(15));
  for (const auto& c : index.market().citizens) {
    auto a = index.top_tasks(c.id, 10, 1, true);
    const auto b = index.top_tasks(c.id, 10, 1, false);
    for (auto& x : a) x.reasons.clear(), x.concerns.clear();
    CHECK_SAME(a, b, index.market());
  }
  for (const auto& t : index.market().tasks) {
    auto a = index.top_citizens(t.id, 10, true);
    const auto b = index.top_citizens(t.id, 10, false);
    for (auto& x : a) x.reasons.clear(), x.concerns.clear();
    CHECK_SAME(a, b, index.market());
  }
}

TEST_CASE("matcher: after random updates of every kind the answers equal a fresh index's and the free functions'",
          "[matcher][updates]") {
  Matcher index(varied(21));
  std::mt19937_64 rng(2026);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  int fresh_ids = 0;
  for (int step = 0; step < 400; ++step) {
    const Market& m = index.market();
    const int op = static_cast<int>(rng() % 11);
    INFO("step " << step << " op " << op);
    switch (op) {
      case 0: {  // a citizen moves, changes wishes and reach
        Citizen c = m.citizens[pick(m.citizens.size())];
        c.home.lat += (static_cast<double>(rng() % 200) - 100) / 1000.0;
        c.wishes = m.citizens[pick(m.citizens.size())].wishes;
        c.max_travel_m = static_cast<std::int32_t>(rng() % 4) * 10'000;  // 0: no limit
        index.upsert_citizen(std::move(c));
        break;
      }
      case 1: {  // a new citizen, who has visited a company
        Citizen c = m.citizens[pick(m.citizens.size())];
        c.id = "new-c-" + std::to_string(++fresh_ids);
        c.visited_companies = {m.companies[pick(m.companies.size())].id};
        index.upsert_citizen(std::move(c));
        break;
      }
      case 2:
        if (m.citizens.size() > 10) REQUIRE(index.remove_citizen(std::string(m.citizens[pick(m.citizens.size())].id)));
        break;
      case 3: {  // a task changes company, codes and slots
        Task t = m.tasks[pick(m.tasks.size())];
        t.company = m.companies[pick(m.companies.size())].id;
        t.disco = m.tasks[pick(m.tasks.size())].disco;
        t.slots = static_cast<std::int32_t>(rng() % 3);
        index.upsert_task(std::move(t));
        break;
      }
      case 4: {
        Task t = m.tasks[pick(m.tasks.size())];
        t.id = "new-t-" + std::to_string(++fresh_ids);
        index.upsert_task(std::move(t));
        break;
      }
      case 5:
        if (m.tasks.size() > 10) REQUIRE(index.remove_task(std::string(m.tasks[pick(m.tasks.size())].id)));
        break;
      case 6: {  // a company moves and changes its readiness
        Company c = m.companies[pick(m.companies.size())];
        c.location.lon += (static_cast<double>(rng() % 400) - 200) / 1000.0;
        c.mentors = static_cast<std::int32_t>(rng() % 2);
        c.labour_shortage = !c.labour_shortage;
        index.upsert_company(std::move(c));
        break;
      }
      case 7: {  // a new company with a task
        Company c = m.companies[pick(m.companies.size())];
        c.id = "new-co-" + std::to_string(++fresh_ids);
        Task t = m.tasks[pick(m.tasks.size())];
        t.id = "new-t-" + std::to_string(++fresh_ids);
        t.company = c.id;
        index.upsert_company(std::move(c));
        index.upsert_task(std::move(t));
        break;
      }
      case 8:
        if (m.companies.size() > 10) REQUIRE(index.remove_company(std::string(m.companies[pick(m.companies.size())].id)));
        break;
      case 9: {  // a capacity set to 0 and, often, back
        const std::string id = m.companies[pick(m.companies.size())].id;
        index.set_capacity(id, 0);
        if (rng() % 2) index.set_capacity(id, 1 + static_cast<std::int32_t>(rng() % 3));
        break;
      }
      default:
        index.set_slots(std::string(m.tasks[pick(m.tasks.size())].id), static_cast<std::int32_t>(rng() % 3));
        break;
    }
    check_ids(index);
    const Market& now = index.market();
    for (int q = 0; q < 3; ++q) {
      const auto ci = static_cast<std::int32_t>(pick(now.citizens.size()));
      CHECK_SAME(index.top_tasks(now.citizens[static_cast<std::size_t>(ci)].id, 10, 1), top_tasks(now, ci, 10, 1), now);
      const auto ti = static_cast<std::int32_t>(pick(now.tasks.size()));
      CHECK_SAME(index.top_citizens(now.tasks[static_cast<std::size_t>(ti)].id, 10), top_citizens(now, ti, 10), now);
    }
    if (step % 100 == 99) check_against_fresh(index, 10);
  }
  check_all(index, 10, 1);
}

TEST_CASE("matcher: a capacity set to 0 closes the company's tasks and set back reopens them", "[matcher][updates]") {
  Matcher index(generated(200, 60, 31));
  const Market& m = index.market();
  // A task with candidates, and its company.
  std::string task, company;
  for (const auto& t : m.tasks)
    if (!index.top_citizens(t.id, 5).empty()) {
      task = t.id, company = t.company;
      break;
    }
  REQUIRE(!task.empty());
  const auto before = index.top_citizens(task, 5);
  index.set_capacity(company, 0);
  CHECK(index.top_citizens(task, 5).empty());
  CHECK(top_citizens(index.market(), index.task_index(task), 5).empty());
  for (const auto& c : index.market().citizens)
    for (const auto& x : index.top_tasks(c.id, 50, 50)) CHECK(index.market().tasks[static_cast<std::size_t>(x.task)].company != company);
  index.set_capacity(company, 2);
  CHECK_SAME(index.top_citizens(task, 5), before, index.market());
  index.set_slots(task, 0);
  CHECK(index.top_citizens(task, 5).empty());
  index.set_slots(task, 1);
  CHECK_SAME(index.top_citizens(task, 5), before, index.market());
}

TEST_CASE("matcher: removing a company removes its tasks and the citizens' visits to it", "[matcher][updates]") {
  Market m = generated(100, 40, 41);
  m.citizens[3].visited_companies = {m.companies[0].id, m.companies[5].id};
  m.citizens[4].visited_companies = {m.companies[39].id};  // the last company: it takes the removed one's index
  const std::string gone = m.companies[0].id, last = m.companies[39].id;
  Matcher index(m);
  REQUIRE(index.remove_company(gone));
  CHECK(index.company_index(gone) == -1);
  CHECK(index.company_index(last) == 0);
  for (const auto& t : index.market().tasks) CHECK(t.company != gone);
  CHECK(index.market().citizens[3].visited_companies == std::vector<std::string>{m.companies[5].id});
  CHECK(index.market().citizens[4].visited_companies == std::vector<std::string>{last});
  check_ids(index);
  check_all(index, 10, 1);
  CHECK_FALSE(index.remove_company(gone));
}

TEST_CASE("matcher: a removal moves the last citizen and task into the removed one's index", "[matcher][updates]") {
  Matcher index(generated(50, 20, 51));
  const std::string first = index.market().citizens[0].id, last = index.market().citizens.back().id;
  REQUIRE(index.remove_citizen(first));
  CHECK(index.citizen_index(first) == -1);
  CHECK(index.citizen_index(last) == 0);
  CHECK(index.market().citizens.size() == 49);
  const std::string t0 = index.market().tasks[0].id, tl = index.market().tasks.back().id;
  REQUIRE(index.remove_task(t0));
  CHECK(index.task_index(tl) == 0);
  check_ids(index);
  check_all(index, 5, 1);
}

TEST_CASE("matcher: an unknown id in a query throws naming citizen or task with the id", "[matcher][hostile]") {
  const Matcher index(generated(20, 10, 61));
  Error e = error_of([&] { (void)index.top_tasks("no-such-citizen"); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "citizen");
  CHECK(e.value() == "no-such-citizen");
  e = error_of([&] { (void)index.top_citizens("no-such-task"); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "task");
  CHECK(e.value() == "no-such-task");
  CHECK(index.citizen_index("") == -1);
  CHECK(index.task_index("no-such-task") == -1);
  CHECK(index.company_index("no-such-company") == -1);
}

TEST_CASE("matcher: k and per_company must be positive", "[matcher][hostile]") {
  const Matcher index(generated(20, 10, 62));
  const std::string c = index.market().citizens[0].id, t = index.market().tasks[0].id;
  for (std::int32_t bad : {0, -1, INT32_MIN}) {
    Error e = error_of([&] { (void)index.top_tasks(c, bad); });
    CHECK(e.field() == "k");
    CHECK(e.value() == std::to_string(bad));
    e = error_of([&] { (void)index.top_tasks(c, 10, bad); });
    CHECK(e.field() == "per_company");
    e = error_of([&] { (void)index.top_citizens(t, bad); });
    CHECK(e.field() == "k");
  }
}

TEST_CASE("matcher: k = INT32_MAX lists every candidate, as the free functions do", "[matcher][hostile]") {
  const Matcher index(varied(63));
  const Market& m = index.market();
  const auto cands = candidates(m, index.weights());
  for (std::int32_t ci = 0; ci < 40; ++ci) {
    const auto all = index.top_tasks(m.citizens[static_cast<std::size_t>(ci)].id, INT32_MAX, INT32_MAX);
    const auto n = std::count_if(cands.begin(), cands.end(), [&](const Candidate& c) { return c.citizen == ci; });
    CHECK(static_cast<std::ptrdiff_t>(all.size()) == n);
    CHECK_SAME(all, top_tasks(m, ci, INT32_MAX, INT32_MAX), m);
  }
  for (std::int32_t ti = 0; ti < 40; ++ti) {
    const auto all = index.top_citizens(m.tasks[static_cast<std::size_t>(ti)].id, INT32_MAX);
    const auto n = std::count_if(cands.begin(), cands.end(), [&](const Candidate& c) { return c.task == ti; });
    CHECK(static_cast<std::ptrdiff_t>(all.size()) == n);
    CHECK_SAME(all, top_citizens(m, ti, INT32_MAX), m);
  }
}

TEST_CASE("matcher: upserting the same citizen, task or company twice replaces it", "[matcher][hostile]") {
  Matcher index(generated(30, 10, 64));
  const Citizen c = index.market().citizens[5];
  const Task t = index.market().tasks[2];
  const Company co = index.market().companies[3];
  const auto sizes = [&] {
    return std::tuple(index.market().citizens.size(), index.market().tasks.size(), index.market().companies.size());
  };
  const auto before = sizes();
  for (int i = 0; i < 2; ++i) {
    index.upsert_citizen(c);
    index.upsert_task(t);
    index.upsert_company(co);
  }
  CHECK(sizes() == before);
  CHECK(index.citizen_index(c.id) == 5);
  check_ids(index);
  check_all(index, 10, 1);
}

TEST_CASE("matcher: a task naming an unknown company is refused and the index is unchanged", "[matcher][hostile]") {
  Matcher index(generated(30, 10, 65));
  Task t = index.market().tasks[0];
  t.id = "t-new";
  t.company = "no-such-company";
  const Error e = error_of([&] { index.upsert_task(t); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "company");
  CHECK(e.value() == "no-such-company");
  CHECK(index.task_index("t-new") == -1);
  Task old = index.market().tasks[0];
  old.company = "no-such-company";
  CHECK_THROWS_AS(index.upsert_task(old), Error);
  CHECK(index.market().tasks[0].company != "no-such-company");
  Citizen c = index.market().citizens[0];
  c.visited_companies = {"no-such-company"};
  const Error v = error_of([&] { index.upsert_citizen(c); });
  CHECK(v.field() == "citizen.visited_companies[0]");
  CHECK(v.value() == "no-such-company");
  CHECK(index.market().citizens[0].visited_companies.empty());
  check_all(index, 10, 1);
}

TEST_CASE("matcher: a removed citizen or task is unknown to queries; removing again returns false", "[matcher][hostile]") {
  Matcher index(generated(30, 10, 66));
  const std::string c = index.market().citizens[7].id, t = index.market().tasks[3].id;
  REQUIRE(index.remove_citizen(c));
  REQUIRE(index.remove_task(t));
  CHECK(error_of([&] { (void)index.top_tasks(c); }).field() == "citizen");
  CHECK(error_of([&] { (void)index.top_citizens(t); }).field() == "task");
  CHECK_FALSE(index.remove_citizen(c));
  CHECK_FALSE(index.remove_task(t));
  CHECK_FALSE(index.remove_company("no-such-company"));
  for (const auto& x : index.market().citizens) CHECK(x.id != c);
}

TEST_CASE("matcher: set_capacity and set_slots refuse a negative number or an unknown id", "[matcher][hostile]") {
  Matcher index(generated(30, 10, 67));
  const std::string co = index.market().companies[0].id, t = index.market().tasks[0].id;
  Error e = error_of([&] { index.set_capacity(co, -1); });
  CHECK(e.field() == "capacity");
  CHECK(e.value() == "-1");
  e = error_of([&] { index.set_capacity("no-such-company", 1); });
  CHECK(e.field() == "company");
  CHECK(e.value() == "no-such-company");
  e = error_of([&] { index.set_slots(t, INT32_MIN); });
  CHECK(e.field() == "slots");
  e = error_of([&] { index.set_slots("no-such-task", 1); });
  CHECK(e.field() == "task");
  index.set_capacity(co, INT32_MAX);
  index.set_slots(t, INT32_MAX);
  check_all(index, 10, 1);
}

TEST_CASE("matcher: a market or an update it cannot index is refused naming the field", "[matcher][hostile]") {
  Market m = generated(10, 5, 68);
  Market dup = m;
  dup.citizens[1].id = dup.citizens[0].id;
  CHECK(error_of([&] { Matcher x(dup); }).field() == "citizens[1].id");
  Market orphan = m;
  orphan.tasks[2].company = "no-such-company";
  CHECK(error_of([&] { Matcher x(orphan); }).field() == "tasks[2].company");
  Market visit = m;
  visit.citizens[4].visited_companies = {"no-such-company"};
  CHECK(error_of([&] { Matcher x(visit); }).field() == "citizens[4].visited_companies[0]");
  Market nan = m;
  nan.companies[1].location.lat = std::numeric_limits<double>::quiet_NaN();
  CHECK(error_of([&] { Matcher x(nan); }).field() == "companies[1].location");
  Market far = m;
  far.citizens[0].home.lon = 1e300;
  CHECK(error_of([&] { Matcher x(far); }).field() == "citizens[0].home");

  Matcher index(m);
  Citizen c = m.citizens[0];
  c.home.lat = std::numeric_limits<double>::infinity();
  CHECK(error_of([&] { index.upsert_citizen(c); }).field() == "citizen.home");
  c = m.citizens[0];
  c.id.clear();
  CHECK(error_of([&] { index.upsert_citizen(c); }).field() == "citizen.id");
  Company co = m.companies[0];
  co.location.lon = -200;
  CHECK(error_of([&] { index.upsert_company(co); }).field() == "company.location");
  CHECK(index.market().companies[0].location.lon == m.companies[0].location.lon);
}

TEST_CASE("matcher: weights it cannot score with are refused naming the weight", "[matcher][hostile]") {
  MatchWeights w;
  w.version = "bad";
  w.car_kmh = 0;  // the travel time would divide by zero
  Error e = error_of([&] { Matcher x(generated(5, 3, 69), w); });
  CHECK(e.field() == "weights.car_kmh");
  CHECK(e.value() == "0");
  w = MatchWeights{};
  w.version = "bad";
  w.travel = INT32_MAX;  // sums of points would wrap
  CHECK(error_of([&] { Matcher x(generated(5, 3, 69), w); }).field() == "weights.travel");
  w = MatchWeights{};
  w.version = "bad";
  w.min_wish_level = 5;
  CHECK(error_of([&] { Matcher x(generated(5, 3, 69), w); }).field() == "weights.min_wish_level");
}

TEST_CASE("matcher: concurrent queries give the sequential answers", "[matcher]") {
  const Matcher index(varied(70));
  const Market& m = index.market();
  std::vector<std::vector<Match>> seq(m.citizens.size()), par(m.citizens.size());
  for (std::size_t i = 0; i < m.citizens.size(); ++i) seq[i] = index.top_tasks(m.citizens[i].id);
  std::vector<std::thread> threads;
  for (std::size_t part = 0; part < 3; ++part)
    threads.emplace_back([&, part] {
      for (std::size_t i = part; i < m.citizens.size(); i += 3) {
        par[i] = index.top_tasks(m.citizens[i].id);
        (void)index.top_citizens(m.tasks[i % m.tasks.size()].id);
      }
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < m.citizens.size(); ++i) CHECK_SAME(par[i], seq[i], m);
}

TEST_CASE("matcher: an empty market answers with nothing and grows by upserts", "[matcher]") {
  Matcher index(Market{});
  CHECK(error_of([&] { (void)index.top_tasks("c-1"); }).field() == "citizen");
  const Market m = generated(20, 8, 71);
  for (const auto& co : m.companies) index.upsert_company(co);
  for (const auto& t : m.tasks) index.upsert_task(t);
  for (const auto& c : m.citizens) index.upsert_citizen(c);
  check_ids(index);
  check_all(index, 10, 1);
  check_against_fresh(index, 10);
}

TEST_CASE("matcher: the index can be moved", "[matcher]") {
  Matcher a(generated(20, 8, 72));
  const std::string c = a.market().citizens[0].id;
  const auto before = a.top_tasks(c);
  Matcher b(std::move(a));
  CHECK_SAME(b.top_tasks(c), before, b.market());
  Matcher d(Market{});
  d = std::move(b);
  CHECK_SAME(d.top_tasks(c), before, d.market());
}

// ---------------------------------------------------------------------------------------------
// The query stream (serve_json_line, `kanten match FILE --serve`)
// ---------------------------------------------------------------------------------------------

TEST_CASE("matcher stream: a top list line is answered as kanten match --citizen / --task writes it, with its id",
          "[matcher][stream]") {
  Matcher index(varied(81));
  const Market& m = index.market();
  const std::string c = m.citizens[3].id, t = m.tasks[5].id;
  const auto a = nlohmann::json::parse(
      serve_json_line(index, R"({"id": "q-1", "top_tasks": ")" + c + R"(", "k": 4, "per_company": 2})"));
  const auto want = nlohmann::json::parse(
      top_tasks_json(m, 3, top_tasks(m, 3, 4, 2), 4, 2, index.weights().version));
  CHECK(a["id"] == "q-1");
  CHECK(a["citizen"] == c);
  CHECK(a["k"] == 4);
  CHECK(a["per_company"] == 2);
  CHECK(a["matches"] == want["matches"]);
  const auto b = nlohmann::json::parse(serve_json_line(index, R"({"id": 7, "top_citizens": ")" + t + R"("})"));
  const auto want_b = nlohmann::json::parse(top_citizens_json(m, 5, top_citizens(m, 5, 10), 10, index.weights().version));
  CHECK(b["id"] == 7);
  CHECK(b["task"] == t);
  CHECK(b["matches"] == want_b["matches"]);
  const auto quiet = nlohmann::json::parse(serve_json_line(index, R"({"top_citizens": ")" + t + R"(", "explain": false})"));
  CHECK(quiet.count("id") == 0);
  CHECK(quiet["matches"].size() == want_b["matches"].size());
  for (const auto& x : quiet["matches"]) CHECK(x["reasons"].empty());
}

TEST_CASE("matcher stream: updates are answered with what was done and seen by the next query", "[matcher][stream]") {
  Matcher index(generated(200, 60, 82));
  std::string task, company;
  for (const auto& t : index.market().tasks)
    if (!index.top_citizens(t.id, 1).empty()) {
      task = t.id, company = t.company;
      break;
    }
  REQUIRE(!task.empty());
  auto ask = [&](const std::string& line) { return nlohmann::json::parse(serve_json_line(index, line)); };
  auto done = ask(R"({"id": 1, "set_capacity": {"company": ")" + company + R"(", "capacity": 0}})");
  CHECK(done["done"] == "set_capacity");
  CHECK(done["capacity"] == 0);
  CHECK(ask(R"({"top_citizens": ")" + task + R"("})")["matches"].empty());
  CHECK(ask(R"({"set_capacity": {"company": ")" + company + R"(", "capacity": 1}})")["done"] == "set_capacity");
  CHECK(!ask(R"({"top_citizens": ")" + task + R"("})")["matches"].empty());
  done = ask(R"({"upsert_citizen": {"id": "c-new", "home": {"lat": 54.77, "lon": 11.87}, "shoe_size": 44}})");
  CHECK(done["citizen"] == "c-new");
  CHECK(done["warnings"][0]["field"] == "upsert_citizen.shoe_size");
  CHECK(index.citizen_index("c-new") >= 0);
  CHECK(ask(R"({"remove_citizen": "c-new"})")["done"] == "remove_citizen");
  CHECK(index.citizen_index("c-new") == -1);
  CHECK(ask(R"({"remove_company": ")" + company + R"("})")["done"] == "remove_company");
  CHECK(index.task_index(task) == -1);
}

TEST_CASE("matcher stream: a bad line is answered with an error naming the field, and the index is unchanged",
          "[matcher][stream][hostile]") {
  Matcher index(generated(30, 10, 83));
  const std::string c = index.market().citizens[0].id, t = index.market().tasks[0].id,
                    co = index.market().companies[0].id;
  const std::string before = to_json(index.market());
  const std::vector<std::pair<std::string, std::string>> lines = {
      {R"({"top_tasks": "c-none"})", "top_tasks"},
      {R"({"top_tasks": ")" + c + R"(", "k": 0})", "k"},
      {R"({"top_tasks": ")" + c + R"(", "k": 1180591620717411303424})", "k"},  // 2**70
      {R"({"top_tasks": ")" + c + R"(", "k": -1})", "k"},
      {R"({"top_tasks": ")" + c + R"(", "per_company": 0})", "per_company"},
      {R"({"top_tasks": ")" + c + R"(", "explain": 1})", "explain"},
      {R"({"top_citizens": ")" + t + R"(", "per_company": 1})", "per_company"},  // not a task's option
      {R"({"top_tasks": 42})", "top_tasks"},
      {R"({"top_tasks": null})", "top_tasks"},  // a request given as null names itself
      {R"({"set_slots": null, "id": 3})", "set_slots"},
      {R"({"top_tasks": ")" + c + R"(", "top_citizens": ")" + t + R"("})", "top_citizens"},
      {R"({"upsert_task": {"id": "t-new", "company": "co-none"}})", "upsert_task.company"},
      {R"({"upsert_task": [1]})", "upsert_task"},
      {R"({"upsert_citizen": {"id": "c-new"}})", "upsert_citizen.home"},
      {R"({"upsert_citizen": {"id": "c-new", "home": {"lat": 91, "lon": 0}}})", "upsert_citizen.home.lat"},
      {R"({"upsert_citizen": {"id": "c-new", "home": {"lat": 55, "lon": 11}, "visited_companies": ["co-none"]}})",
       "upsert_citizen.visited_companies[0]"},
      {R"({"upsert_company": {"id": "co-new", "location": {"lat": 55, "lon": 11}, "capacity": -1}})",
       "upsert_company.capacity"},
      {R"({"remove_task": ""})", "remove_task"},
      {R"({"remove_company": "co-none"})", "remove_company"},
      {R"({"set_capacity": 3})", "set_capacity"},
      {R"({"set_capacity": {"company": ")" + co + R"("}})", "set_capacity.capacity"},
      {R"({"set_capacity": {"company": ")" + co + R"(", "capacity": 2147483648}})", "set_capacity.capacity"},
      {R"({"set_slots": {"task": ")" + t + R"(", "slots": 1, "extra": 1}})", "set_slots.extra"},
      {R"({"set_slots": {"task": "t-none", "slots": 1}})", "set_slots.task"},
      {R"({"id": 1.5, "top_tasks": ")" + c + R"("})", "id"},
      {R"({"id": 2, "top_task": ")" + c + R"("})", "top_task"},
      {R"([])", ""},
      {"", ""},
      {std::string("{\"top_tasks\": \"a\0b\"}", sizeof("{\"top_tasks\": \"a\0b\"}") - 1), ""},  // a NUL byte
      {"not json", ""},
  };
  for (const auto& [line, field] : lines) {
    INFO(line);
    const std::string out = serve_json_line(index, line);
    CHECK(out.find('\n') == std::string::npos);
    const auto a = nlohmann::json::parse(out);
    REQUIRE(a.contains("error"));
    CHECK(a["error"]["field"] == field);
    CHECK(!a["error"]["message"].get<std::string>().empty());
  }
  CHECK(to_json(index.market()) == before);
  const auto with_id = nlohmann::json::parse(serve_json_line(index, R"({"id": "r-9", "top_tasks": "c-none"})"));
  CHECK(with_id["id"] == "r-9");
}

TEST_CASE("matcher stream: a CPR-shaped id is refused without being shown", "[matcher][stream][hostile]") {
  Matcher index(generated(5, 3, 84));
  const std::string out = serve_json_line(index, R"({"top_tasks": "0101801234"})");
  CHECK(out.find("0101801234") == std::string::npos);
  CHECK(nlohmann::json::parse(out)["error"]["field"] == "top_tasks");
}
