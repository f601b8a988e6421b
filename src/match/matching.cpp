// Matching: hard filters, explainable integer scores, and candidate generation through a
// location grid and an occupation index.
#include "kanten/match/matching.hpp"

#include "kanten/core/error.hpp"
#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/stable.hpp"
#include "kanten/bipartite/topk.hpp"
#include "core/huge.hpp"
#include "bipartite/solve.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <bit>
#include <cmath>
#include <climits>
#include <mutex>
#include <numeric>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace kanten::inline v1 {

const MatchWeights& default_weights() noexcept {
  static const MatchWeights w{};
  return w;
}

namespace {
constexpr double metres_per_degree_lat = 111'320.0;
constexpr double pi = 3.14159265358979323846;
}  // namespace

namespace {
/// Equirectangular distance at the first point's latitude, with its cosine given.
std::int32_t detail_distance_m(GeoPoint a, GeoPoint b, double cos_a) noexcept {
  const double dx = (b.lon - a.lon) * cos_a * metres_per_degree_lat;
  const double dy = (b.lat - a.lat) * metres_per_degree_lat;
  return static_cast<std::int32_t>(std::sqrt(dx * dx + dy * dy) + 0.5);
}
}  // namespace

std::int32_t distance_m(GeoPoint a, GeoPoint b) noexcept {
  return detail_distance_m(a, b, std::cos(a.lat * pi / 180.0));
}

int disco_level(std::string_view a, std::string_view b) noexcept {
  int n = 0;
  while (n < 4 && static_cast<std::size_t>(n) < a.size() && static_cast<std::size_t>(n) < b.size() && a[n] == b[n]) ++n;
  return n;
}

namespace {

std::string km_text(std::int32_t m) {
  const std::int32_t tenths = (m + 50) / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " km";
}

std::uint8_t health_mask(const std::vector<Health>& h) {
  std::uint8_t m = 0;
  for (auto x : h) m = static_cast<std::uint8_t>(m | (1u << static_cast<unsigned>(x)));
  return m;
}
std::uint8_t demand_mask(const std::vector<Demand>& d) {
  std::uint8_t m = 0;
  for (auto x : d) m = static_cast<std::uint8_t>(m | (1u << static_cast<unsigned>(x)));
  return m;
}

std::int32_t speed_kmh(TravelMode mode, const MatchWeights& w) {
  switch (mode) {
    case TravelMode::car: return w.car_kmh;
    case TravelMode::public_transport: return w.public_transport_kmh;
    case TravelMode::bicycle: return w.bicycle_kmh;
    case TravelMode::walk: return w.walk_kmh;
  }
  return w.public_transport_kmh;
}

/// The distance limit of a citizen with none (max_travel_m 0): 2,000 km, farther than Denmark spans.
constexpr std::int32_t no_distance_limit_m = 2'000'000;

/// The farthest a citizen can go, in metres: the tighter of the distance and the time limits.
std::int32_t reach_m(const Citizen& c, const MatchWeights& w) {
  std::int64_t reach = c.max_travel_m > 0 ? c.max_travel_m : no_distance_limit_m;
  if (c.max_travel_minutes > 0)
    reach = std::min<std::int64_t>(reach, std::int64_t{c.max_travel_minutes} * speed_kmh(c.mode, w) * 1000 / 60);
  return static_cast<std::int32_t>(std::max<std::int64_t>(reach, 1));
}

std::int32_t travel_minutes(std::int32_t metres, TravelMode mode, const MatchWeights& w) {
  return static_cast<std::int32_t>((std::int64_t{metres} * 60 + speed_kmh(mode, w) * 1000 - 1) / (speed_kmh(mode, w) * 1000));
}

std::int32_t readiness_points(const Company& co, const MatchWeights& w) {
  std::int32_t p = 0;
  if (co.inclusion_internships + co.inclusion_paid > 0) p += w.inclusion_experience;
  if (co.inclusion_paid > 0) p += w.inclusion_paid;
  if (co.social_responsibility) p += w.social_responsibility;
  if (co.labour_shortage) p += w.labour_shortage;
  if (co.mentors > 0) p += w.mentors;
  return p;
}

/// Interned competence ids, so coverage compares integers, not strings.
class Vocabulary {
 public:
  std::vector<std::int32_t> ids(const std::vector<std::string>& words) {
    std::vector<std::int32_t> out;
    out.reserve(words.size());
    for (const auto& s : words) out.push_back(map_.try_emplace(s, static_cast<std::int32_t>(map_.size())).first->second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  [[nodiscard]] std::size_t size() const noexcept { return map_.size(); }

 private:
  std::unordered_map<std::string, std::int32_t> map_;
};

/// A set of competences: a 64-bit mask while the market's vocabulary fits, else sorted ids.
struct CompetenceSet {
  std::uint64_t mask = 0;
  std::vector<std::int32_t> ids;
};

std::size_t covered(const CompetenceSet& have, const CompetenceSet& want, bool masks) {
  if (masks) return static_cast<std::size_t>(std::popcount(have.mask & want.mask));
  std::size_t n = 0;
  auto h = have.ids.begin();
  for (auto x : want.ids) {
    h = std::lower_bound(h, have.ids.end(), x);
    if (h != have.ids.end() && *h == x) ++n;
  }
  return n;
}
std::size_t count(const CompetenceSet& s, bool masks) {
  return masks ? static_cast<std::size_t>(std::popcount(s.mask)) : s.ids.size();
}

/// A DISCO-08 code's first four digits packed big-endian, with its length (capped at 4).
struct PackedCode {
  std::uint32_t digits = 0;
  std::uint32_t len = 0;
};
PackedCode pack(std::string_view code) {
  PackedCode p;
  p.len = static_cast<std::uint32_t>(std::min<std::size_t>(code.size(), 4));
  for (std::uint32_t i = 0; i < 4; ++i)
    p.digits = (p.digits << 8) | (i < p.len ? static_cast<unsigned char>(code[i]) : 0u);
  return p;
}
/// disco_level on packed codes.
int level(PackedCode a, PackedCode b) {
  const std::uint32_t x = a.digits ^ b.digits;
  const int same = x == 0 ? 4 : std::countl_zero(x) / 8;
  return std::min<int>({same, static_cast<int>(a.len), static_cast<int>(b.len)});
}

/// Everything about a task the scorer needs, flat, precomputed once per market.
struct TaskInfo {
  std::int32_t company = -1;
  std::uint8_t demands = 0;
  bool open = true;  // slots and company capacity > 0
  bool ordinary = false;
  bool needs_licence = false;
  std::int8_t min_danish = 0;
  Minutes min_per_week = 0;
  std::int32_t readiness = 0;
  std::uint32_t code_off = 0, code_n = 0;  // into Scorer::codes_
  CompetenceSet required, optional;
};

struct CitizenInfo {
  std::uint8_t health = 0;
  bool licence = false;
  std::int8_t danish = 0;
  TravelMode mode = TravelMode::public_transport;
  std::int32_t reach = 0, max_m = 0, max_minutes = 0;
  Minutes hours_now = 0, hours_max = 0;
  std::uint32_t wish_off = 0, wish_n = 0;  // into Scorer::codes_
  std::uint32_t visit_off = 0, visit_n = 0;  // into Scorer::visits_: companies visited (sorted)
  CompetenceSet competences;
};

class Scorer {
 public:
  Scorer(const Market& m, const MatchWeights& w) : m_(m), w_(w) {
    std::unordered_map<std::string_view, std::int32_t> company_index;
    company_index.reserve(m.companies.size());
    for (std::size_t i = 0; i < m.companies.size(); ++i)
      company_index.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
    tasks_.resize(m.tasks.size());
    for (std::size_t i = 0; i < m.tasks.size(); ++i) {
      const Task& t = m.tasks[i];
      auto it = company_index.find(t.company);
      if (it == company_index.end())
        throw Error(Errc::invalid_input, "tasks[" + std::to_string(i) + "].company", t.company,
                    "the task names a company that is not in the market");
      TaskInfo& ti = tasks_[i];
      ti.company = it->second;
      const Company& co = m.companies[ti.company];
      ti.demands = demand_mask(t.demands);
      ti.open = t.slots > 0 && co.capacity > 0;
      ti.ordinary = t.ordinary_from_start;
      ti.needs_licence = t.needs_driving_licence;
      ti.min_danish = t.min_danish_level;
      ti.min_per_week = t.min_per_week;
      ti.readiness = readiness_points(co, w);
      ti.code_off = static_cast<std::uint32_t>(codes_.size());
      for (const auto& code : t.disco) codes_.push_back(pack(code));
      ti.code_n = static_cast<std::uint32_t>(t.disco.size());
      ti.required.ids = vocab_.ids(t.required_competences);
      ti.optional.ids = vocab_.ids(t.optional_competences);
    }
    citizens_.resize(m.citizens.size());
    for (std::size_t i = 0; i < m.citizens.size(); ++i) {
      const Citizen& c = m.citizens[i];
      CitizenInfo& cx = citizens_[i];
      cx.health = health_mask(c.health);
      cx.licence = c.driving_licence;
      cx.danish = c.danish_level;
      cx.mode = c.mode;
      cx.reach = reach_m(c, w);
      cx.max_m = c.max_travel_m > 0 ? c.max_travel_m : no_distance_limit_m;  // the filter and the grid agree
      cx.max_minutes = c.max_travel_minutes;
      cx.hours_now = c.hours_now;
      cx.hours_max = c.hours_max;
      cx.wish_off = static_cast<std::uint32_t>(codes_.size());
      for (const auto& code : c.wishes) codes_.push_back(pack(code));
      cx.wish_n = static_cast<std::uint32_t>(c.wishes.size());
      cx.competences.ids = vocab_.ids(c.competences);
      cx.visit_off = static_cast<std::uint32_t>(visits_.size());
      for (std::size_t v = 0; v < c.visited_companies.size(); ++v) {
        auto co = company_index.find(c.visited_companies[v]);
        if (co == company_index.end())
          throw Error(Errc::invalid_input, "citizens[" + std::to_string(i) + "].visited_companies[" + std::to_string(v) + "]",
                      c.visited_companies[v], "no company of the market has this id");
        visits_.push_back(co->second);
      }
      std::sort(visits_.begin() + cx.visit_off, visits_.end());
      cx.visit_n = static_cast<std::uint32_t>(visits_.size() - cx.visit_off);
    }
    // Competence sets become 64-bit masks when the market's vocabulary fits.
    masks_ = vocab_.size() <= 64;
    if (masks_) {
      auto to_mask = [](CompetenceSet& s) {
        for (auto id : s.ids) s.mask |= std::uint64_t{1} << id;
        s.ids.clear();
      };
      for (auto& t : tasks_) to_mask(t.required), to_mask(t.optional);
      for (auto& c : citizens_) to_mask(c.competences);
    }
  }

  [[nodiscard]] const TaskInfo& task(std::int32_t t) const { return tasks_[t]; }
  [[nodiscard]] const CitizenInfo& citizen(std::int32_t c) const { return citizens_[c]; }

  /// Whether the citizen has visited company `k`.
  [[nodiscard]] bool visited(const CitizenInfo& c, std::int32_t k) const {
    const auto* b = visits_.data() + c.visit_off;
    return c.visit_n != 0 && std::binary_search(b, b + c.visit_n, k);
  }

  /// Shared DISCO digits between the citizen's best wish and the task (0–4).
  [[nodiscard]] int wish_level(const CitizenInfo& c, const TaskInfo& t) const {
    int best = 0;
    for (std::uint32_t i = 0; i < c.wish_n; ++i)
      for (std::uint32_t j = 0; j < t.code_n; ++j)
        best = std::max(best, level(codes_[c.wish_off + i], codes_[t.code_off + j]));
    return best;
  }

  /// Whether a task shares at least `min_level` DISCO digits with one of the wishes (a wish
  /// shorter than that, e.g. a 1-digit major group, needs all of its own digits). A citizen
  /// without wishes, or a task without codes, is open to all.
  [[nodiscard]] bool within_wishes(const CitizenInfo& c, const TaskInfo& t, int min_level) const {
    if (c.wish_n == 0 || t.code_n == 0) return true;
    for (std::uint32_t i = 0; i < c.wish_n; ++i) {
      const PackedCode wish = codes_[c.wish_off + i];
      const int need = std::min(min_level, static_cast<int>(wish.len));
      for (std::uint32_t j = 0; j < t.code_n; ++j)
        if (level(wish, codes_[t.code_off + j]) >= need) return true;
    }
    return false;
  }

  /// Scores a pair; fills `why` with every failing filter when asked (explanations), else stops
  /// at the first (candidate generation). Returns false when rejected.
  bool score(std::int32_t ci, std::int32_t ti, std::int32_t dist, ScoreBreakdown& b,
             std::vector<RejectReason>* why) const {
    const CitizenInfo& cx = citizens_[ci];
    const TaskInfo& tx = tasks_[ti];
    bool ok = true;
    // Reject: the reason's text is only built when explaining; when not, stop at the first.
    auto reject = [&](Rejection r, auto&& text) {
      ok = false;
      if (why) why->push_back({r, text()});
      return why != nullptr;
    };
    if (!tx.open && !reject(Rejection::no_capacity, [&] { return std::string("the task or its company takes nobody now"); }))
      return false;
    if (const auto clash = static_cast<std::uint8_t>(cx.health & tx.demands); clash) {
      if (!reject(Rejection::health_conflict, [&] {
            std::string s;
            for (unsigned i = 0; i < enum_size<Demand>; ++i)
              if (clash & (1u << i))
                s += std::string(s.empty() ? "" : "; ") + "task demands " + std::string(name(static_cast<Demand>(i))) +
                     "; citizen has " + std::string(name(static_cast<Health>(i)));
            return s;
          }))
        return false;
    }
    if (dist > cx.max_m &&
        !reject(Rejection::too_far, [&] { return "travel " + km_text(dist) + " > " + km_text(cx.max_m); }))
      return false;
    if (cx.max_minutes > 0) {
      const std::int32_t minutes = travel_minutes(dist, cx.mode, w_);
      if (minutes > cx.max_minutes && !reject(Rejection::too_long_travel, [&] {
            return "travel about " + std::to_string(minutes) + " min by " + std::string(name(cx.mode)) + " > " +
                   std::to_string(cx.max_minutes) + " min";
          }))
        return false;
    }
    if (tx.min_per_week > cx.hours_max && !reject(Rejection::too_many_hours, [&] {
          return "task needs at least " + hours_text(tx.min_per_week) + " h/week; citizen can do " +
                 hours_text(cx.hours_max);
        }))
      return false;
    if (covered(cx.competences, tx.required, masks_) < count(tx.required, masks_) &&
        !reject(Rejection::missing_competence, [&] {
          const Citizen& c = m_.citizens[ci];
          std::string s = "task requires";
          for (const auto& r : m_.tasks[ti].required_competences)
            if (std::find(c.competences.begin(), c.competences.end(), r) == c.competences.end()) s += " '" + r + "'";
          return s + "; citizen lacks it";
        }))
      return false;
    if (tx.min_danish > cx.danish && !reject(Rejection::danish_level, [&] {
          return "task needs Danish level " + std::to_string(tx.min_danish) + "; citizen has " + std::to_string(cx.danish);
        }))
      return false;
    if (tx.needs_licence && !cx.licence &&
        !reject(Rejection::driving_licence, [&] { return std::string("task needs a driving licence; citizen has none"); }))
      return false;
    // The citizen's own wish sets the direction (004, Kerneelement 4 and 6).
    if (!within_wishes(cx, tx, w_.min_wish_level) && !reject(Rejection::outside_wishes, [&] {
          return "the task's DISCO codes share fewer than " + std::to_string(w_.min_wish_level) +
                 " digits with each of the citizen's wishes";
        }))
      return false;
    if (!ok) return false;

    // The features (docs/matching.md). Wish fit through the DISCO hierarchy (004, KE4 and KE6).
    b.wish_level = wish_level(cx, tx);
    b.wish = w_.wish_by_level[static_cast<std::size_t>(b.wish_level)];
    const std::size_t optional = count(tx.optional, masks_);
    b.competences = optional == 0 ? w_.competences
                                  : static_cast<std::int32_t>(w_.competences * covered(cx.competences, tx.optional, masks_) /
                                                              optional);
    // Small starting hours are welcome (001; 004, KE7: "selv få ordinære løntimer").
    if (tx.min_per_week <= cx.hours_now || cx.hours_max <= cx.hours_now)
      b.hours = w_.hours;
    else
      b.hours = static_cast<std::int32_t>(std::int64_t{w_.hours} * (cx.hours_max - tx.min_per_week) /
                                          (cx.hours_max - cx.hours_now));
    b.distance_m = dist;
    b.travel = static_cast<std::int32_t>(std::int64_t{w_.travel} * std::max(0, cx.reach - dist) / cx.reach);
    // A visit, e.g. on a bus trip, leaves a relation to the company (002, Introduktion).
    b.readiness = tx.readiness + (visited(cx, tx.company) ? w_.relation : 0);
    b.ordinary = tx.ordinary ? w_.ordinary_from_start : 0;  // 004, KE7: ordinary hours from the start
    return true;
  }

 private:
  const Market& m_;
  const MatchWeights& w_;
  Vocabulary vocab_;
  bool masks_ = true;
  std::vector<PackedCode> codes_;
  std::vector<std::int32_t> visits_;
  std::vector<TaskInfo> tasks_;
  std::vector<CitizenInfo> citizens_;
};

void check_index(std::int32_t i, std::size_t n, const char* field) {
  if (i < 0 || static_cast<std::size_t>(i) >= n)
    throw Error(Errc::invalid_argument, field, std::to_string(i), "index out of range (size " + std::to_string(n) + ")");
}

}  // namespace

PairScore score_pair(const Market& m, std::int32_t citizen, std::int32_t task, const MatchWeights& w) {
  check_index(citizen, m.citizens.size(), "citizen");
  check_index(task, m.tasks.size(), "task");
  // A pair's score depends on the citizen, the task and its company only: score it in a market
  // of just those three, so explaining one pair never costs the whole market.
  Market one;
  one.citizens = {m.citizens[static_cast<std::size_t>(citizen)]};
  one.tasks = {m.tasks[static_cast<std::size_t>(task)]};
  for (const auto& co : m.companies)
    if (co.id == one.tasks[0].company) {
      one.companies = {co};
      break;
    }
  if (one.companies.empty())
    throw Error(Errc::invalid_input, "tasks[" + std::to_string(task) + "].company", one.tasks[0].company,
                "the task names a company that is not in the market");
  // Of the citizen's visits only the one to this company can count here.
  auto& visited = one.citizens[0].visited_companies;
  const bool here = std::find(visited.begin(), visited.end(), one.tasks[0].company) != visited.end();
  visited.clear();
  if (here) visited.push_back(one.tasks[0].company);
  Scorer s(one, w);
  PairScore p;
  p.citizen = citizen;
  p.task = task;
  s.score(0, 0, distance_m(one.citizens[0].home, one.companies[0].location), p.breakdown, &p.rejected);
  if (!p.rejected.empty()) p.breakdown = ScoreBreakdown{};
  return p;
}

namespace {

/// Found pairs as (task, score), a citizen's run at a time; the citizen is implied by the range.
/// The citizens (in cell order) fall into contiguous chunks, each with its own buffer, so threads
/// share nothing they write; a citizen's run depends on the citizen alone, so the result is the
/// same for any number of threads.
struct Found {
  std::int32_t task, score;
};
struct CandidateRuns {
  struct Chunk {
    std::size_t begin, end;            // [begin, end) in the search order
    detail::big_vector<Found> found;  // the chunk's citizens' runs, one after another
  };
  std::vector<Chunk> chunks;
  std::vector<std::pair<std::size_t, std::size_t>> range;  // per citizen: [first, last) in its chunk
  std::vector<std::int32_t> chunk_of;                      // per citizen: its chunk
  std::size_t workers = 1;

  /// All runs in citizen order as out[k] = make(citizen, task, score), written on the same threads.
  template <class Vector, class Make>
  void gather(Vector& out, const Make& make) const {
    out.clear();
    if (chunks.empty()) return;  // no citizens or no tasks: nothing was searched
    const std::size_t nc = range.size();
    std::vector<std::size_t> offset(nc + 1, 0);
    for (std::size_t ci = 0; ci < nc; ++ci) offset[ci + 1] = offset[ci] + (range[ci].second - range[ci].first);
    out.resize(offset[nc]);
    detail::run_parallel(workers, workers, [&](std::size_t part) {
      for (std::size_t ci = nc * part / workers, end = nc * (part + 1) / workers; ci < end; ++ci) {
        const auto& found = chunks[static_cast<std::size_t>(chunk_of[ci])].found;
        std::size_t at = offset[ci];
        for (std::size_t k = range[ci].first; k < range[ci].second; ++k)
          out[at++] = make(static_cast<std::int32_t>(ci), found[k].task, found[k].score);
      }
    });
  }
};

/// candidates() on `threads` threads, reporting the citizens done through `progress` (may be empty).
/// `scorer` is the market's (it has checked the market).
CandidateRuns find_candidates(const Market& m, const MatchWeights& w, const Scorer& scorer, std::int32_t threads,
                              const Progress& progress) {
  if (threads < 0)
    throw Error(Errc::invalid_argument, "threads", std::to_string(threads), "the thread count cannot be negative");
  threads = static_cast<std::int32_t>(detail::thread_count(threads));
  detail::StageProgress stage(progress, "candidates", m.citizens.size());
  std::mutex stage_mutex;  // the workers report through one StageProgress
  std::size_t done = 0;
  const auto nc = static_cast<std::int32_t>(m.citizens.size());
  const auto nt = static_cast<std::int32_t>(m.tasks.size());
  CandidateRuns runs;
  runs.range.assign(m.citizens.size(), {0, 0});
  runs.chunk_of.assign(m.citizens.size(), 0);
  if (nc == 0 || nt == 0) {
    stage.finish();
    return runs;
  }
  // A location grid on an equirectangular plane. The cell is half the median reach (2–20 km),
  // so a citizen's box of cells hugs their circle.
  double cell = 10'000.0;
  {
    std::vector<std::int32_t> reaches(m.citizens.size());
    for (std::int32_t i = 0; i < nc; ++i) reaches[i] = scorer.citizen(i).reach;
    std::nth_element(reaches.begin(), reaches.begin() + nc / 2, reaches.end());
    cell = std::clamp(reaches[nc / 2] / 2.0, 2'000.0, 20'000.0);
  }
  double lat0 = 0;
  for (const auto& co : m.companies) lat0 += co.location.lat;
  lat0 /= static_cast<double>(m.companies.size());
  const double kx = std::cos(lat0 * pi / 180.0) * metres_per_degree_lat, ky = metres_per_degree_lat;
  auto cell_xy = [&](GeoPoint p) {
    return std::pair<std::int64_t, std::int64_t>{static_cast<std::int64_t>(std::floor(p.lon * kx / cell)),
                                                 static_cast<std::int64_t>(std::floor(p.lat * ky / cell))};
  };
  // The tasks' cells span a dense grid [x0, x0 + gw) × [y0, y0 + gh). Tasks spread far wider than
  // the reach (across the globe) would make it huge: the cell then grows until the grid has at most
  // a few cells per task. The candidates are the same whatever the cell; only the speed differs.
  std::int64_t x0 = 0, y0 = 0, x1 = 0, y1 = 0, gw = 0, gh = 0;
  const double max_cells = std::max(4096.0, 4.0 * nt);
  for (;; cell *= 2) {
    x0 = INT64_MAX, y0 = INT64_MAX, x1 = INT64_MIN, y1 = INT64_MIN;
    for (std::int32_t t = 0; t < nt; ++t) {
      const auto [x, y] = cell_xy(m.companies[scorer.task(t).company].location);
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
    gw = x1 - x0 + 1, gh = y1 - y0 + 1;
    if (static_cast<double>(gw) * static_cast<double>(gh) <= max_cells) break;
  }
  std::vector<std::int64_t> task_cell(m.tasks.size());
  for (std::int32_t t = 0; t < nt; ++t) {
    const auto [x, y] = cell_xy(m.companies[scorer.task(t).company].location);
    task_cell[t] = (y - y0) * gw + (x - x0);
  }
  // The occupation index inside each cell: entries sorted by (cell, 2-digit DISCO prefix, task),
  // with the task's position inline so the distance test reads the index sequentially. A task
  // without codes is filed under "" and found by every citizen. The entry also carries the task's
  // plain hard-filter fields, so most rejected pairs never touch the scorer's task record (the
  // scorer still decides every pair that passes).
  struct Entry {
    double lat, lon;
    std::int32_t task;
    std::uint16_t prefix;
    std::uint8_t demands;
    std::int8_t min_danish;
    Minutes min_per_week;
    bool open, needs_licence;
  };
  auto prefix_of = [](std::string_view code) {
    return static_cast<std::uint16_t>((code.size() > 0 ? static_cast<unsigned char>(code[0]) << 8 : 0u) |
                                      (code.size() > 1 ? static_cast<unsigned char>(code[1]) : 0u));
  };
  std::vector<std::pair<std::int64_t, Entry>> keyed;
  keyed.reserve(m.tasks.size() * 2);
  for (std::int32_t t = 0; t < nt; ++t) {
    const GeoPoint p = m.companies[scorer.task(t).company].location;
    const TaskInfo& ti = scorer.task(t);
    const Entry base{p.lat, p.lon, t, 0, ti.demands, ti.min_danish, ti.min_per_week, ti.open, ti.needs_licence};
    std::vector<std::uint16_t> seen_prefixes;
    if (m.tasks[t].disco.empty()) seen_prefixes.push_back(base.prefix);
    for (const auto& code : m.tasks[t].disco) seen_prefixes.push_back(prefix_of(code));
    std::sort(seen_prefixes.begin(), seen_prefixes.end());
    seen_prefixes.erase(std::unique(seen_prefixes.begin(), seen_prefixes.end()), seen_prefixes.end());
    for (const auto& pr : seen_prefixes) {
      Entry e = base;
      e.prefix = pr;
      keyed.emplace_back(task_cell[t], e);
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.prefix, a.second.task) < std::tie(b.first, b.second.prefix, b.second.task);
  });
  std::vector<Entry> index(keyed.size());
  std::vector<std::uint32_t> cell_start(static_cast<std::size_t>(gw * gh + 1), 0);
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    index[i] = keyed[i].second;
    ++cell_start[static_cast<std::size_t>(keyed[i].first) + 1];
  }
  std::partial_sum(cell_start.begin(), cell_start.end(), cell_start.begin());
  keyed = {};

  // Citizens in cell order, so neighbours reuse the same part of the index.
  std::vector<std::int32_t> order(m.citizens.size());
  std::iota(order.begin(), order.end(), 0);
  {
    std::vector<std::int64_t> home_cell(m.citizens.size());
    for (std::int32_t i = 0; i < nc; ++i) {
      const auto [x, y] = cell_xy(m.citizens[i].home);
      home_cell[i] = y * gw + x;
    }
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
      return home_cell[a] != home_cell[b] ? home_cell[a] < home_cell[b] : a < b;
    });
  }

  auto& range = runs.range;
  auto& chunk_of = runs.chunk_of;
  // More chunks than threads: a thread that finishes early takes the next chunk, so a dense
  // city in one part of the order does not leave the other threads idle.
  const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(threads), m.citizens.size());
  const std::size_t n_chunks = workers == 1 ? 1 : std::min<std::size_t>(workers * 8, m.citizens.size());
  runs.workers = workers;
  auto& chunks = runs.chunks;
  chunks.resize(n_chunks);
  for (std::size_t k = 0; k < n_chunks; ++k)
    chunks[k] = {m.citizens.size() * k / n_chunks, m.citizens.size() * (k + 1) / n_chunks, {}};

  auto search = [&](std::size_t chunk_id) {
    CandidateRuns::Chunk& chunk = chunks[chunk_id];
    // The reserve is generous: pages are only touched when written, and regrowing would copy it all.
    auto& found = chunk.found;
    found.reserve((chunk.end - chunk.begin) * 64);
    std::vector<std::int32_t> seen(m.tasks.size(), -1);
    std::vector<std::uint16_t> prefixes;
    std::vector<std::uint8_t> wanted(1u << 16, 0);  // by prefix: does the current citizen open it
    for (std::size_t oi = chunk.begin; oi < chunk.end; ++oi) {
      const std::int32_t ci = order[oi];
      const Citizen& c = m.citizens[ci];
      const CitizenInfo& cinfo = scorer.citizen(ci);
      const std::int32_t reach = cinfo.reach;
      // Which occupation buckets to open: the wishes' prefixes when the candidate rule asks for
      // ≥ 2 shared digits, else every bucket (a no-wish or 1-digit-wish citizen sees all in reach).
      const bool by_prefix = w.min_wish_level >= 2 && !c.wishes.empty() &&
                             std::all_of(c.wishes.begin(), c.wishes.end(), [](const auto& s) { return s.size() >= 2; });
      prefixes.clear();
      if (by_prefix) {
        for (const auto& wish : c.wishes) prefixes.push_back(prefix_of(wish));
        prefixes.push_back(0);
      }
      for (const auto pr : prefixes) wanted[pr] = 1;
      const double cos_home = std::cos(c.home.lat * pi / 180.0);
      const auto [cx, cy] = cell_xy(c.home);
      // A cell spans `cell` metres north–south, but east–west only cell × cos(lat) / cos(lat0)
      // at the citizen's latitude: the box reaches further east and west in the north.
      const auto ry = static_cast<std::int64_t>(std::ceil(reach / cell));
      // Near a pole cos_home tends to 0 and the half-width to infinity: reaching the grid's farthest
      // column from the citizen, the box already spans the whole grid.
      const auto x_span = static_cast<double>(std::max(std::abs(cx - x0), std::abs(cx - x1)));
      const auto rx = static_cast<std::int64_t>(
          std::min(std::ceil(reach * std::cos(lat0 * pi / 180.0) / (cos_home * cell)), x_span));
      const std::size_t first = found.size();
      for (std::int64_t y = std::max(cy - ry, y0); y <= std::min(cy + ry, y1); ++y) {
        for (std::int64_t x = std::max(cx - rx, x0); x <= std::min(cx + rx, x1); ++x) {
          const auto id = static_cast<std::size_t>((y - y0) * gw + (x - x0));
          for (std::uint32_t k = cell_start[id]; k < cell_start[id + 1]; ++k) {
            const Entry& e = index[k];
            if (by_prefix && !wanted[e.prefix]) continue;
            if (!e.open || (e.demands & cinfo.health) != 0 || e.min_per_week > cinfo.hours_max ||
                e.min_danish > cinfo.danish || (e.needs_licence && !cinfo.licence))
              continue;  // rejected by a plain filter (no capacity, health, hours, Danish, licence)
            const std::int32_t d = detail_distance_m(c.home, GeoPoint{e.lat, e.lon}, cos_home);
            if (d > reach) continue;
            const std::int32_t t = e.task;
            if (seen[t] == ci) continue;  // a task filed under two of the citizen's prefixes
            seen[t] = ci;
            ScoreBreakdown b;
            if (!scorer.score(ci, t, d, b, nullptr)) continue;
            if (b.total() > 0) found.push_back({t, b.total()});
          }
        }
      }
      for (const auto pr : prefixes) wanted[pr] = 0;
      std::sort(found.begin() + static_cast<std::ptrdiff_t>(first), found.end(),
                [](const Found& a, const Found& b) { return a.score != b.score ? a.score > b.score : a.task < b.task; });
      range[ci] = {first, found.size()};
      chunk_of[ci] = static_cast<std::int32_t>(chunk_id);
      if (progress) {
        const std::lock_guard<std::mutex> lock(stage_mutex);
        stage.at(++done);
      }
    }
  };
  detail::run_parallel(n_chunks, workers, search);
  stage.finish();
  return runs;
}

}  // namespace

std::vector<Candidate> candidates(const Market& m, const MatchWeights& w, std::int32_t threads) {
  std::vector<Candidate> out;
  find_candidates(m, w, Scorer(m, w), threads, {}).gather(
      out, [](std::int32_t ci, std::int32_t t, std::int32_t score) { return Candidate{ci, t, score}; });
  return out;
}

}  // namespace kanten::inline v1

// =============================================================================================
// Proposals for a whole market: the optimal assignment, the stable matching, top-k lists.
// =============================================================================================

namespace kanten::inline v1 {

namespace {

/// The market as a bipartite network without edges: citizens → tasks (slots) → companies (capacity).
bipartite::Instance network_of(const Market& m) {
  bipartite::Instance inst;
  inst.num_left = static_cast<std::int32_t>(m.citizens.size());
  std::unordered_map<std::string_view, std::int32_t> company_index;
  for (std::size_t i = 0; i < m.companies.size(); ++i) {
    company_index.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
    inst.group_capacity.push_back(std::max(0, m.companies[i].capacity));
  }
  for (const auto& t : m.tasks) {
    inst.right_slots.push_back(std::max(0, t.slots));
    inst.right_group.push_back(company_index.at(t.company));  // candidates() has checked every company
  }
  return inst;
}

/// The candidates as a bipartite instance.
bipartite::Instance to_instance(const Market& m, const std::vector<Candidate>& cands) {
  bipartite::Instance inst = network_of(m);
  inst.edges.reserve(cands.size());
  for (const auto& c : cands) inst.edges.push_back({c.citizen, c.task, c.score});
  return inst;
}

std::string points(std::int32_t p) { return (p >= 0 ? " +" : " ") + std::to_string(p); }

}  // namespace

namespace {
void explain_with(const Market& m, Match& x, const Company* co, const MatchWeights& w);
}  // namespace

void explain_match(const Market& m, Match& x, const MatchWeights& w) {
  const Task& t = m.tasks.at(static_cast<std::size_t>(x.task));
  const Company* co = nullptr;
  for (const auto& k : m.companies)
    if (k.id == t.company) co = &k;
  explain_with(m, x, co, w);
}

namespace {
void explain_with(const Market& m, Match& x, const Company* co, const MatchWeights& w) {
  const Citizen& c = m.citizens.at(static_cast<std::size_t>(x.citizen));
  const Task& t = m.tasks.at(static_cast<std::size_t>(x.task));
  const ScoreBreakdown& b = x.breakdown;
  x.reasons.clear();
  x.concerns.clear();
  // Why it fits, feature by feature.
  std::string best_wish, best_code;
  for (const auto& wish : c.wishes)
    for (const auto& code : t.disco)
      if (disco_level(wish, code) == b.wish_level && best_wish.empty()) best_wish = wish, best_code = code;
  if (b.wish_level > 0)
    x.reasons.push_back("wish: the task's DISCO " + best_code + " shares " + std::to_string(b.wish_level) +
                        (b.wish_level == 1 ? " digit" : " digits") + " with the citizen's wish " + best_wish +
                        points(b.wish));
  else if (c.wishes.empty())
    x.reasons.push_back("wish: the citizen has no job wishes recorded yet" + points(b.wish));
  else
    x.reasons.push_back("wish: the task is outside the citizen's wishes" + points(b.wish));
  std::size_t have = 0;
  std::vector<std::string> lacking;
  for (const auto& o : t.optional_competences) {
    if (std::find(c.competences.begin(), c.competences.end(), o) != c.competences.end()) ++have;
    else lacking.push_back(o);
  }
  x.reasons.push_back(t.optional_competences.empty()
                          ? "competences: the task lists no helpful competences" + points(b.competences)
                          : "competences: " + std::to_string(have) + " of " +
                                std::to_string(t.optional_competences.size()) + " helpful competences" +
                                points(b.competences));
  x.reasons.push_back("hours: the task starts at " + hours_text(t.min_per_week) + " h/week; the citizen can do " +
                      hours_text(c.hours_now) + " now" + points(b.hours));
  x.reasons.push_back("travel: " + km_text(b.distance_m) + points(b.travel));
  if (co) {
    std::string r;
    if (co->inclusion_internships + co->inclusion_paid > 0) r += "has had citizens in internship or paid hours; ";
    if (co->social_responsibility) r += "known for social responsibility; ";
    if (co->labour_shortage) r += "short of labour; ";
    if (co->mentors > 0) r += std::to_string(co->mentors) + " mentor-trained contact person(s); ";
    if (std::find(c.visited_companies.begin(), c.visited_companies.end(), co->id) != c.visited_companies.end())
      r += "the citizen has visited the company (a relation, 002); ";
    x.reasons.push_back("company: " + (r.empty() ? std::string("no inclusion record yet") : r.substr(0, r.size() - 2)) +
                        points(b.readiness));
  }
  if (t.ordinary_from_start)
    x.reasons.push_back("ordinary hours are possible from the start (004, Kerneelement 7)" + points(b.ordinary));

  // What stands in the way.
  if (c.wishes.empty())
    x.concerns.push_back("the citizen has no job wishes yet: the job direction is set with the consultant (004, "
                         "Kerneelement 4)");
  else if (b.wish_level == 0)
    x.concerns.push_back("the task is outside the citizen's own wishes (004, Kerneelement 4)");
  if (t.min_per_week > c.hours_now)
    x.concerns.push_back("the task needs at least " + hours_text(t.min_per_week) + " h/week; the citizen can do " +
                         hours_text(c.hours_now) + " now (up to " + hours_text(c.hours_max) + ")");
  if (!lacking.empty()) {
    std::string s = "the citizen lacks helpful competences:";
    for (const auto& l : lacking) s += " '" + l + "'";
    x.concerns.push_back(s);
  }
  if (!t.ordinary_from_start)
    x.concerns.push_back("ordinary hours are not possible from the start: an internship first, and when ordinary "
                         "hours can come must be discussed (004, Kerneelement 7)");
  const std::int32_t reach = reach_m(c, w);
  if (std::int64_t{b.distance_m} * 4 > std::int64_t{reach} * 3)  // in 64 bits: a reach may be up to 2^31 - 1 m
    x.concerns.push_back("travel " + km_text(b.distance_m) + " is near the citizen's limit");
  if (co && co->mentors == 0) x.concerns.push_back("no mentor-trained contact person at the company (001)");
}
}  // namespace

MatchResult match(const Market& m, const MatchOptions& o) {
  const MatchWeights& w = o.weights ? *o.weights : default_weights();
  if (o.mode == MatchMode::top_k && (o.k <= 0 || o.per_company <= 0))
    throw Error(Errc::invalid_argument, o.k <= 0 ? "k" : "per_company", std::to_string(o.k <= 0 ? o.k : o.per_company),
                "top-k needs a positive number");
  MatchResult r;
  r.weights_version = w.version;
  r.mode = o.mode;
  // The assignment reads the edges where the candidate search gathers them (large pages, no
  // copy); the stable matching and top-k take them as an instance.
  const Scorer scorer(m, w);  // checks the market first
  bipartite::Instance inst = network_of(m);
  detail::big_vector<bipartite::Edge> edges;
  find_candidates(m, w, scorer, o.threads, o.progress).gather(edges, [](std::int32_t ci, std::int32_t t, std::int32_t score) {
    return bipartite::Edge{ci, t, score};
  });
  r.candidates = edges.size();
  if (o.mode != MatchMode::assignment) {
    inst.edges.assign(edges.begin(), edges.end());
    edges = {};
  }
  detail::StageProgress solve(o.progress, "solve", 1);
  std::vector<std::int32_t> task_of(m.citizens.size(), -1);
  std::vector<std::int32_t> score_of(m.citizens.size(), 0);
  if (o.mode == MatchMode::assignment) {
    const auto a = bipartite::detail::solve_assignment(inst, edges, {.threads = o.threads});
    r.optimal = a.optimal;
    for (std::size_t i = 0; i < m.citizens.size(); ++i)
      if (a.edge_of_left[i] >= 0) {
        task_of[i] = a.right_of_left[i];
        score_of[i] = static_cast<std::int32_t>(edges[static_cast<std::size_t>(a.edge_of_left[i])].score);
      }
  } else if (o.mode == MatchMode::stable) {
    const auto s = bipartite::stable_matching(inst);
    for (std::size_t i = 0; i < m.citizens.size(); ++i)
      if (s.edge_of_left[i] >= 0) {
        task_of[i] = s.right_of_left[i];
        score_of[i] = static_cast<std::int32_t>(inst.edges[static_cast<std::size_t>(s.edge_of_left[i])].score);
      }
  }
  solve.finish();
  detail::StageProgress explaining(o.progress, "explain", m.citizens.size());
  auto make = [&](std::int32_t ci, std::int32_t ti) {
    Match x;
    x.citizen = ci;
    x.task = ti;
    const GeoPoint loc = m.companies[scorer.task(ti).company].location;
    scorer.score(ci, ti, distance_m(m.citizens[ci].home, loc), x.breakdown, nullptr);
    if (o.explain) explain_with(m, x, &m.companies[scorer.task(ti).company], w);
    return x;
  };
  if (o.mode == MatchMode::top_k) {
    const bipartite::BipartiteIndex index(inst);
    for (std::int32_t ci = 0; ci < inst.num_left; ++ci) {
      const auto top = index.top_rights(ci, o.k, o.per_company);
      if (top.empty()) r.unmatched.push_back(ci);
      for (const auto& c : top) r.matches.push_back(make(ci, c.id));
      explaining.at(static_cast<std::size_t>(ci) + 1);
    }
    explaining.finish();
    return r;
  }
  for (std::int32_t ci = 0; ci < inst.num_left; ++ci) {
    if (task_of[ci] >= 0) {
      r.total_score += score_of[ci];
      r.matches.push_back(make(ci, task_of[ci]));
    } else {
      r.unmatched.push_back(ci);
    }
    explaining.at(static_cast<std::size_t>(ci) + 1);
  }
  explaining.finish();
  return r;
}

std::vector<Match> top_tasks(const Market& m, std::int32_t citizen, std::int32_t k, std::int32_t per_company,
                             const MatchWeights& w) {
  check_index(citizen, m.citizens.size(), "citizen");
  Market one;  // candidates for this citizen only: the other citizens are never copied
  one.citizens = {m.citizens[static_cast<std::size_t>(citizen)]};
  one.companies = m.companies;
  one.tasks = m.tasks;
  MatchResult r = match(one, {.mode = MatchMode::top_k, .weights = &w, .k = k, .per_company = per_company});
  for (auto& x : r.matches) x.citizen = citizen;
  return std::move(r.matches);
}

std::vector<Match> top_citizens(const Market& m, std::int32_t task, std::int32_t k, const MatchWeights& w) {
  check_index(task, m.tasks.size(), "task");
  if (k <= 0) throw Error(Errc::invalid_argument, "k", std::to_string(k), "top-k needs a positive number");
  const std::vector<Candidate> cands = candidates(m, w);
  const bipartite::Instance inst = to_instance(m, cands);
  const bipartite::BipartiteIndex index(inst);
  Scorer scorer(m, w);
  std::vector<Match> out;
  for (const auto& c : index.top_lefts(task, k)) {
    Match x;
    x.citizen = c.id;
    x.task = task;
    const GeoPoint loc = m.companies[scorer.task(task).company].location;
    scorer.score(c.id, task, distance_m(m.citizens[c.id].home, loc), x.breakdown, nullptr);
    explain_with(m, x, &m.companies[scorer.task(task).company], w);
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<AuditRow> audit(const Market& m, const MatchResult& r, const std::vector<std::string>& group_of_citizen) {
  if (group_of_citizen.size() != m.citizens.size())
    throw Error(Errc::invalid_argument, "group_of_citizen", std::to_string(group_of_citizen.size()),
                "one group label per citizen is needed (" + std::to_string(m.citizens.size()) + " citizens)");
  std::vector<std::int64_t> best(m.citizens.size(), -1);
  for (const auto& x : r.matches)
    best[x.citizen] = std::max<std::int64_t>(best[x.citizen], x.breakdown.total());
  std::vector<AuditRow> rows;
  std::unordered_map<std::string, std::size_t> at;
  std::vector<std::int64_t> score_sum;
  for (std::size_t i = 0; i < m.citizens.size(); ++i) {
    auto [it, fresh] = at.try_emplace(group_of_citizen[i], rows.size());
    if (fresh) {
      rows.push_back(AuditRow{group_of_citizen[i]});
      score_sum.push_back(0);
    }
    AuditRow& row = rows[it->second];
    ++row.citizens;
    if (best[i] >= 0) {
      ++row.matched;
      score_sum[it->second] += best[i];
    }
  }
  for (std::size_t g = 0; g < rows.size(); ++g) {
    rows[g].rate = static_cast<double>(rows[g].matched) / static_cast<double>(rows[g].citizens);
    rows[g].mean_score = rows[g].matched ? static_cast<double>(score_sum[g]) / static_cast<double>(rows[g].matched) : 0.0;
  }
  std::sort(rows.begin(), rows.end(), [](const AuditRow& a, const AuditRow& b) { return a.group < b.group; });
  return rows;
}

PairExplanation explain_pair(const Market& m, std::int32_t citizen, std::int32_t task, const MatchWeights& w) {
  PairExplanation x;
  x.pair = score_pair(m, citizen, task, w);
  x.weights_version = w.version;
  const auto cands = candidates(m, w);
  x.candidate = std::any_of(cands.begin(), cands.end(),
                            [&](const Candidate& c) { return c.citizen == citizen && c.task == task; });
  if (x.pair.rejected.empty()) {
    Match match;
    match.citizen = citizen;
    match.task = task;
    match.breakdown = x.pair.breakdown;
    explain_match(m, match, w);
    x.reasons = std::move(match.reasons);
    x.concerns = std::move(match.concerns);
  }
  return x;
}

}  // namespace kanten::inline v1
