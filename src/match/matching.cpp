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
#include "kanten/core/input.hpp"
#include "match/scorer.hpp"

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

// The scorer, its helpers and the explanations are shared with the persistent matcher
// (kanten/match/index.hpp): src/match/scorer.hpp.
using detail::CitizenInfo;
using detail::Scorer;
using detail::TaskInfo;
using detail::check_index;
using detail::detail_distance_m;
using detail::explain_with;
using detail::metres_per_degree_lat;
using detail::pi;

std::int32_t distance_m(GeoPoint a, GeoPoint b) noexcept {
  return detail_distance_m(a, b, std::cos(a.lat * pi / 180.0));
}

int disco_level(std::string_view a, std::string_view b) noexcept {
  int n = 0;
  while (n < 4 && static_cast<std::size_t>(n) < a.size() && static_cast<std::size_t>(n) < b.size() && a[n] == b[n]) ++n;
  return n;
}


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

/// The number of bits set, inline (std::popcount calls a library routine on the baseline x86-64).
constexpr std::int32_t ones(std::uint64_t x) noexcept {
  x -= (x >> 1) & 0x5555'5555'5555'5555u;
  x = (x & 0x3333'3333'3333'3333u) + ((x >> 2) & 0x3333'3333'3333'3333u);
  x = (x + (x >> 4)) & 0x0f0f'0f0f'0f0f'0f0fu;
  return static_cast<std::int32_t>((x * 0x0101'0101'0101'0101u) >> 56);
}

/// A DISCO-08 code's first four characters packed big-endian, padded past its end with `pad`. Two
/// codes padded with different bytes share exactly their common leading digits up to the shorter
/// one's length (disco_level), or more where a character equals the other's pad: the wish level
/// they give is never below the scorer's, as a bound on the score needs.
std::uint32_t padded_code(std::string_view code, unsigned char pad) noexcept {
  std::uint32_t x = 0;
  for (std::size_t i = 0; i < 4; ++i) x = (x << 8) | (i < code.size() ? static_cast<unsigned char>(code[i]) : pad);
  return x;
}
/// Shared leading bytes of two padded codes (0–4).
int shared_digits(std::uint32_t a, std::uint32_t b) noexcept {
  const std::uint32_t x = a ^ b;
  return x == 0 ? 4 : std::countl_zero(x) / 8;
}

/// Found pairs as (task, score), a citizen's run at a time; the citizen is implied by the range.
/// The citizens (in cell order) fall into contiguous chunks, each with its own buffer, so threads
/// share nothing they write; a citizen's run depends on the citizen alone, so the result is the
/// same for any number of threads. A pair is one 64-bit key, score descending then task
/// ascending in plain integer order, so a run sorts as integers.
struct Found {
  std::uint64_t key;
  static Found of(std::int32_t task, std::int32_t score) {
    return {(std::uint64_t{static_cast<std::uint32_t>(INT32_MAX - score)} << 32) | static_cast<std::uint32_t>(task)};
  }
  [[nodiscard]] std::int32_t task() const { return static_cast<std::int32_t>(key & 0xffff'ffffu); }
  [[nodiscard]] std::int32_t score() const { return INT32_MAX - static_cast<std::int32_t>(key >> 32); }
};
struct CandidateRuns {
  struct Chunk {
    std::size_t begin, end;            // [begin, end) in the search order
    detail::big_vector<Found> found;  // the chunk's citizens' runs, one after another
  };
  std::vector<Chunk> chunks;
  std::vector<std::pair<std::size_t, std::size_t>> range;  // per citizen: [first, last) in its chunk (empty when not searched)
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
          out[at++] = make(static_cast<std::int32_t>(ci), found[k].task(), found[k].score());
      }
    });
  }
};

/// candidates() on `threads` threads for the citizens `selected` (indices into the market, each
/// once; nullptr: every citizen), keeping each citizen's best `bound` pairs (0: all), reporting the
/// citizens done through `progress` (may be empty). `scorer` is the market's (it has checked the market).
CandidateRuns find_candidates(const Market& m, const MatchWeights& w, const Scorer& scorer, std::int32_t threads,
                              const Progress& progress, const std::vector<std::int32_t>* selected = nullptr,
                              std::int32_t bound = 0) {
  if (threads < 0)
    throw Error(Errc::invalid_argument, "threads", std::to_string(threads), "the thread count cannot be negative");
  threads = static_cast<std::int32_t>(detail::thread_count(threads));
  // Citizens in the search: the selection, or everyone.
  std::vector<std::int32_t> order;
  if (selected) {
    order = *selected;
  } else {
    order.resize(m.citizens.size());
    std::iota(order.begin(), order.end(), 0);
  }
  const std::size_t n_search = order.size();
  detail::StageProgress stage(progress, "candidates", n_search);
  std::mutex stage_mutex;  // the workers report through one StageProgress
  std::size_t done = 0;
  const auto nt = static_cast<std::int32_t>(m.tasks.size());
  CandidateRuns runs;
  runs.range.assign(m.citizens.size(), {0, 0});
  runs.chunk_of.assign(m.citizens.size(), 0);
  if (n_search == 0 || nt == 0) {
    stage.finish();
    return runs;
  }
  // A location grid on an equirectangular plane. The cell is a quarter of the median reach
  // (1–20 km) of the citizens searched: each row of cells a citizen reads is cut to the columns
  // their circle touches, so the cells read hug the circle.
  double cell = 10'000.0;
  {
    std::vector<std::int32_t> reaches(n_search);
    for (std::size_t i = 0; i < n_search; ++i) reaches[i] = scorer.citizen(order[i]).reach;
    std::nth_element(reaches.begin(), reaches.begin() + static_cast<std::ptrdiff_t>(n_search / 2), reaches.end());
    cell = std::clamp(reaches[n_search / 2] / 4.0, 1'000.0, 20'000.0);
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
  // Cell ids fit 32 bits: the grid has at most max(4096, 4 × tasks) cells.
  std::vector<std::uint32_t> task_cell(m.tasks.size());
  for (std::int32_t t = 0; t < nt; ++t) {
    const auto [x, y] = cell_xy(m.companies[scorer.task(t).company].location);
    task_cell[t] = static_cast<std::uint32_t>((y - y0) * gw + (x - x0));
  }

  // With a bound, a pair is scored only when the most its score can be beats the citizen's worst
  // kept pair. That most follows the scorer's features (docs/matching.md) for weights of 0 and
  // more (every weight set read from JSON); with a negative weight every pair in reach is scored.
  const bool prune = bound > 0 && std::min({w.competences, w.hours, w.travel, w.relation, w.ordinary_from_start,
                                            w.inclusion_experience, w.inclusion_paid, w.social_responsibility,
                                            w.labour_shortage, w.mentors,
                                            *std::min_element(w.wish_by_level.begin(), w.wish_by_level.end())}) >= 0;
  const bool masks = scorer.masks();  // the competence masks are exact (the vocabulary fits 64 words)

  // Two indexes over the tasks. An entry carries the task's position (the distance test reads the
  // index sequentially), its plain hard-filter fields (most rejected pairs never touch the scorer's
  // task record; the scorer still decides every pair that passes) and what the bound needs:
  // - `flat`: every task once, by (cell, task), with the cells' starts: a citizen open to every
  //   occupation reads a row of cells as one contiguous range;
  // - `coded`: every task once per DISCO code ("" for a task without codes), by (the code's
  //   2-digit prefix, cell, task), with the prefixes' starts: a citizen whose candidates all share
  //   a prefix with a wish (detail::wishes_by_prefix) reads only those prefixes, a row of cells at
  //   a time as one contiguous range (each prefix's cell starts; below). A task with several codes
  //   appears once per code; the pairs are made unique before they are scored.
  struct Entry {
    double lat, lon;
    std::int32_t task;
    Minutes min_per_week;
    std::uint8_t demands;
    std::int8_t min_danish;
    bool open, needs_licence;
    std::int32_t points;     // the task's own points: readiness and ordinary hours
    std::uint32_t code;      // the code, padded_code(·, 0xff); `flat`: the task's only code, if any
    bool code_known;         // the wish level follows from `code` (`flat`: the task has at most one code)
    std::uint8_t n_optional; // optional competences (with masks)
    std::uint64_t required, optional;  // the competence masks (with masks)
  };
  auto entry_of = [&](std::int32_t t, const std::string* code) {
    const GeoPoint p = m.companies[scorer.task(t).company].location;
    const TaskInfo& ti = scorer.task(t);
    const auto& disco = m.tasks[t].disco;
    const bool known = code != nullptr || disco.size() <= 1;
    const std::string_view c = code ? std::string_view(*code) : disco.empty() ? std::string_view() : std::string_view(disco[0]);
    return Entry{p.lat, p.lon, t, ti.min_per_week, ti.demands, ti.min_danish, ti.open, ti.needs_licence,
                 ti.readiness + (ti.ordinary ? w.ordinary_from_start : 0), padded_code(c, 0xff), known,
                 static_cast<std::uint8_t>(ones(ti.optional.mask)), ti.required.mask, ti.optional.mask};
  };
  const auto n_cells = static_cast<std::size_t>(gw * gh);
  std::vector<Entry> flat(m.tasks.size());
  std::vector<std::uint32_t> cell_start(n_cells + 1, 0);
  {
    for (std::int32_t t = 0; t < nt; ++t) ++cell_start[task_cell[t] + 1];
    std::partial_sum(cell_start.begin(), cell_start.end(), cell_start.begin());
    std::vector<std::uint32_t> at(cell_start.begin(), cell_start.end() - 1);
    for (std::int32_t t = 0; t < nt; ++t) flat[at[task_cell[t]]++] = entry_of(t, nullptr);  // tasks ascending within a cell
  }
  std::vector<Entry> coded;
  std::vector<std::uint32_t> coded_cell;
  std::vector<std::uint32_t> prefix_start((std::size_t{1} << 16) + 1, 0);
  {
    struct Filed {
      std::uint16_t prefix;
      std::int32_t task;
      const std::string* code;  // nullptr: the task has no codes
    };
    std::vector<Filed> filed;
    filed.reserve(m.tasks.size() * 2);
    for (std::int32_t t = 0; t < nt; ++t) {
      if (m.tasks[t].disco.empty()) filed.push_back({0, t, nullptr});
      for (const auto& code : m.tasks[t].disco) filed.push_back({detail::disco_prefix(code), t, &code});
    }
    std::stable_sort(filed.begin(), filed.end(), [&](const Filed& a, const Filed& b) {
      return std::tie(a.prefix, task_cell[a.task], a.task) < std::tie(b.prefix, task_cell[b.task], b.task);
    });
    static const std::string none;
    coded.reserve(filed.size());
    coded_cell.reserve(filed.size());
    for (const auto& f : filed) {
      coded.push_back(entry_of(f.task, f.code ? f.code : &none));
      coded_cell.push_back(task_cell[f.task]);
      ++prefix_start[std::size_t{f.prefix} + 1];
    }
    std::partial_sum(prefix_start.begin(), prefix_start.end(), prefix_start.begin());
  }
  // Each prefix's cell starts, as `flat` has them, while the prefixes times the cells stay under
  // 4 Mi starts (16 MiB); beyond that a row's range is found by binary search over `coded_cell`.
  std::vector<std::int32_t> prefix_table;   // per prefix: its table in prefix_cells, or -1
  std::vector<std::uint32_t> prefix_cells;  // per table: n_cells + 1 starts into `coded`
  {
    std::size_t tables = 0;
    for (std::size_t pr = 0; pr < (std::size_t{1} << 16); ++pr) tables += prefix_start[pr + 1] > prefix_start[pr];
    if (tables * (n_cells + 1) <= (std::size_t{1} << 22)) {
      prefix_table.assign(std::size_t{1} << 16, -1);
      prefix_cells.reserve(tables * (n_cells + 1));
      for (std::size_t pr = 0; pr < (std::size_t{1} << 16); ++pr) {
        if (prefix_start[pr + 1] == prefix_start[pr]) continue;
        prefix_table[pr] = static_cast<std::int32_t>(prefix_cells.size() / (n_cells + 1));
        const std::size_t base = prefix_cells.size();
        prefix_cells.resize(base + n_cells + 1, 0);
        for (std::uint32_t k = prefix_start[pr]; k < prefix_start[pr + 1]; ++k) ++prefix_cells[base + coded_cell[k] + 1];
        prefix_cells[base] = prefix_start[pr];
        std::partial_sum(prefix_cells.begin() + static_cast<std::ptrdiff_t>(base),
                         prefix_cells.begin() + static_cast<std::ptrdiff_t>(base + n_cells + 1),
                         prefix_cells.begin() + static_cast<std::ptrdiff_t>(base));
      }
    }
  }

  // The searched citizens in cell order, so neighbours reuse the same part of the index.
  {
    std::vector<std::int64_t> home_cell(m.citizens.size());
    for (const std::int32_t i : order) {
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
  const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(threads), n_search);
  const std::size_t n_chunks = workers == 1 ? 1 : std::min<std::size_t>(workers * 8, n_search);
  runs.workers = workers;
  auto& chunks = runs.chunks;
  chunks.resize(n_chunks);
  for (std::size_t k = 0; k < n_chunks; ++k) chunks[k] = {n_search * k / n_chunks, n_search * (k + 1) / n_chunks, {}};
  const auto keep = bound > 0 ? static_cast<std::size_t>(bound) : SIZE_MAX;

  auto search = [&](std::size_t chunk_id) {
    CandidateRuns::Chunk& chunk = chunks[chunk_id];
    // The reserve is generous: pages are only touched when written, and regrowing would copy it all.
    auto& found = chunk.found;
    found.reserve((chunk.end - chunk.begin) * std::min<std::size_t>(keep, 64));
    // A pair in reach that passed the plain filters, with the most its score can be (with a bound).
    struct Near {
      std::int32_t most, task, distance;
    };
    std::vector<Near> near, by_most;
    std::vector<std::uint32_t> count;  // by_most's counting sort
    std::vector<Found> run;            // the current citizen's pairs
    std::vector<std::int32_t> seen(m.tasks.size(), -1);
    std::vector<std::uint16_t> prefixes;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rows;  // the first and last cell of each row read
    std::vector<std::uint32_t> wishes;  // the citizen's wishes, padded_code(·, 0)
    std::size_t unreported = 0;
    for (std::size_t oi = chunk.begin; oi < chunk.end; ++oi) {
      const std::int32_t ci = order[oi];
      const Citizen& c = m.citizens[ci];
      const CitizenInfo& cinfo = scorer.citizen(ci);
      const std::int32_t reach = cinfo.reach;
      // Beyond this squared distance the rounded distance exceeds the reach (a margin of a
      // quarter metre over the rounding): such pairs skip the square root.
      const double far2 = (reach + 0.75) * (reach + 0.75);
      const double cos_home = std::cos(c.home.lat * pi / 180.0);
      const bool by_prefix = detail::wishes_by_prefix(c, w);

      // The most a pair's score can be: the task's own points and the travel and hours points as
      // the scorer gives them; the wish from the entry's code against every wish (else at the
      // citizen's longest wish); the competences from the masks (else at their most); a visit's
      // relation at its most. It is summed in floating point, without a division per pair: each
      // term is at least the scorer's integer (the floor of the same quotient), and one point
      // more before truncating covers the sum's rounding.
      wishes.clear();
      std::size_t longest = 0;
      for (const auto& wish : c.wishes) wishes.push_back(padded_code(wish, 0)), longest = std::max(longest, wish.size());
      std::int32_t wish_most = 0;
      for (std::size_t lv = 0; lv <= std::min<std::size_t>(longest, 4); ++lv)
        wish_most = std::max(wish_most, w.wish_by_level[lv]);
      const double open_most = (cinfo.visit_n > 0 ? w.relation : 0) + 1.0;
      const std::uint64_t competences = cinfo.competences.mask;
      const double travel_per_m = static_cast<double>(w.travel) / reach;
      const double hours_per_minute =
          cinfo.hours_max > cinfo.hours_now ? static_cast<double>(w.hours) / (cinfo.hours_max - cinfo.hours_now) : 0.0;
      auto most_of = [&](const Entry& e, std::int32_t d) -> double {
        const double hours = e.min_per_week <= cinfo.hours_now || cinfo.hours_max <= cinfo.hours_now
                                 ? w.hours
                                 : hours_per_minute * (cinfo.hours_max - e.min_per_week);
        int level = 0;
        if (e.code_known)
          for (const auto wish : wishes) level = std::max(level, shared_digits(wish, e.code));
        const double competence = !masks || e.n_optional == 0
                                      ? w.competences
                                      : static_cast<double>(w.competences) * ones(e.optional & competences) / e.n_optional;
        return e.points + (e.code_known ? w.wish_by_level[static_cast<std::size_t>(level)] : wish_most) + hours +
               travel_per_m * std::max(0, reach - d) + competence + open_most;
      };

      near.clear();
      std::int32_t lowest = INT32_MAX, highest = 0;  // of the pairs' most
      // The pairs of entries [e, end) in reach that pass the plain filters, into `near`. The
      // citizen's fields are copied into locals, so the loop keeps them in registers.
      auto scan = [&](const Entry* e, const Entry* const end) {
        const std::uint8_t health = cinfo.health;
        const Minutes hours_max = cinfo.hours_max;
        const std::int8_t danish = cinfo.danish;
        const bool licence = cinfo.licence;
        const double lat = c.home.lat, lon = c.home.lon;
        for (; e != end; ++e) {
          if (!e->open || (e->demands & health) != 0 || e->min_per_week > hours_max || e->min_danish > danish ||
              (e->needs_licence && !licence))
            continue;  // rejected by a plain filter (no capacity, health, hours, Danish, licence)
          // detail_distance_m's arithmetic, step by step, so the distance is the same to the metre.
          const double dx = (e->lon - lon) * cos_home * metres_per_degree_lat;
          const double dy = (e->lat - lat) * metres_per_degree_lat;
          const double d2 = dx * dx + dy * dy;
          if (d2 > far2) continue;
          const auto d = static_cast<std::int32_t>(std::sqrt(d2) + 0.5);
          if (d > reach) continue;
          std::int32_t most = 0;  // without pruning every pair is alike, and each is scored
          if (prune) {
            if (masks && (e->required & ~competences) != 0) continue;  // a required competence is missing
            const double top = most_of(*e, d);
            if (top < 1.5) continue;  // its score cannot be positive
            most = static_cast<std::int32_t>(std::min(top, double{INT32_MAX}));
            lowest = std::min(lowest, most), highest = std::max(highest, most);
          }
          near.push_back({most, e->task, d});
        }
      };
      const double home_y = c.home.lat * ky;  // metres north, as the grid's rows
      const double margin = reach + 1.0;      // metres: any pair in reach lies within it
      const auto clamp_cell = [](double v, std::int64_t lo, std::int64_t hi) {
        return static_cast<std::int64_t>(std::clamp(std::floor(v), static_cast<double>(lo), static_cast<double>(hi)));
      };
      const std::int64_t ylo = clamp_cell((home_y - margin) / cell, y0, y1);
      const std::int64_t yhi = clamp_cell((home_y + margin) / cell, y0, y1);
      // The columns of row y that the citizen's circle touches: the half-width at the row's
      // nearest edge, as longitude at the citizen's latitude, then as grid columns. Near a pole
      // cos_home tends to 0 and the half-width to infinity: the row is then the grid's whole width.
      auto columns = [&](std::int64_t y) {
        const double edge = std::max({0.0, static_cast<double>(y) * cell - home_y, home_y - static_cast<double>(y + 1) * cell});
        const double half_m = std::sqrt(std::max(0.0, margin * margin - edge * edge)) + 1.0;
        const double half_lon = half_m / (std::abs(cos_home) * metres_per_degree_lat);
        return std::pair{clamp_cell((c.home.lon - half_lon) * kx / cell, x0, x1),
                         clamp_cell((c.home.lon + half_lon) * kx / cell, x0, x1)};
      };
      // Each row's first and last cell (ids in the grid), once for every prefix read.
      rows.clear();
      for (std::int64_t y = ylo; y <= yhi; ++y) {
        const auto [xlo, xhi] = columns(y);
        rows.emplace_back(static_cast<std::uint32_t>((y - y0) * gw + (xlo - x0)),
                          static_cast<std::uint32_t>((y - y0) * gw + (xhi - x0)));
      }
      if (by_prefix) {
        prefixes.clear();
        for (const auto& wish : c.wishes) prefixes.push_back(detail::disco_prefix(wish));
        prefixes.push_back(0);
        std::sort(prefixes.begin(), prefixes.end());
        prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
        for (const auto pr : prefixes) {
          if (prefix_start[std::size_t{pr} + 1] == prefix_start[pr]) continue;  // no task has this prefix
          if (!prefix_table.empty()) {
            const std::uint32_t* const starts =
                prefix_cells.data() + static_cast<std::size_t>(prefix_table[pr]) * (n_cells + 1);
            for (const auto& [first, last] : rows) scan(coded.data() + starts[first], coded.data() + starts[last + 1]);
            continue;
          }
          const std::uint32_t* const cells = coded_cell.data();
          const std::uint32_t* lo = cells + prefix_start[pr];
          const std::uint32_t* const end = cells + prefix_start[std::size_t{pr} + 1];
          for (const auto& [first, last] : rows) {
            lo = std::lower_bound(lo, end, first);
            const std::uint32_t* hi = std::upper_bound(lo, end, last);
            scan(coded.data() + (lo - cells), coded.data() + (hi - cells));
            lo = hi;
          }
        }
      } else {
        for (const auto& [first, last] : rows) scan(flat.data() + cell_start[first], flat.data() + cell_start[last + 1]);
      }

      // Score the pairs, each task once (a task with several codes may be near more than once).
      // With a bound, in descending order of their most: the first set the worst kept pair, and
      // the scoring stops at the first pair whose most cannot beat it.
      run.clear();
      auto score = [&](const Near& p) {
        if (seen[p.task] == ci) return false;
        seen[p.task] = ci;
        ScoreBreakdown b;
        if (!scorer.score(ci, p.task, p.distance, b, nullptr) || b.total() <= 0) return false;
        run.push_back(Found::of(p.task, b.total()));
        return true;
      };
      if (!prune) {
        for (const auto& p : near) score(p);
        if (run.size() > keep) {  // a bound with negative weights: the best `keep`
          std::nth_element(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(keep), run.end(),
                           [](Found a, Found b) { return a.key < b.key; });
          run.resize(keep);
        }
      } else {
        // The pairs by their most, descending: a counting sort over a small range, else a sort.
        by_most.resize(near.size());
        const auto span = near.empty() ? 0 : static_cast<std::size_t>(highest - lowest) + 1;
        if (span <= 4096) {
          count.assign(span + 1, 0);
          for (const auto& p : near) ++count[static_cast<std::size_t>(highest - p.most) + 1];
          std::partial_sum(count.begin(), count.end(), count.begin());
          for (const auto& p : near) by_most[count[static_cast<std::size_t>(highest - p.most)]++] = p;
        } else {
          by_most = near;
          std::sort(by_most.begin(), by_most.end(), [](const Near& a, const Near& b) { return a.most > b.most; });
        }
        const auto by_key = [](Found a, Found b) { return a.key < b.key; };  // a max-heap: the worst kept on top
        for (const Near& p : by_most) {
          if (run.size() == keep) {
            const Found worst = run.front();
            if (p.most < worst.score()) break;  // neither this pair nor any after it can beat the worst kept
            if (Found::of(p.task, p.most).key >= worst.key) continue;  // an equal score needs a lower task
          }
          if (!score(p)) continue;
          std::push_heap(run.begin(), run.end(), by_key);
          if (run.size() > keep) {
            std::pop_heap(run.begin(), run.end(), by_key);
            run.pop_back();
          }
        }
      }
      // The citizen's run (with a bound, its best `keep` pairs): score descending, then task.
      std::sort(run.begin(), run.end(), [](Found a, Found b) { return a.key < b.key; });
      const std::size_t first = found.size();
      found.insert(found.end(), run.begin(), run.end());
      range[ci] = {first, found.size()};
      chunk_of[ci] = static_cast<std::int32_t>(chunk_id);
      if (progress && ++unreported == 64) {
        const std::lock_guard<std::mutex> lock(stage_mutex);
        stage.at(done += unreported);
        unreported = 0;
      }
    }
    if (progress && unreported) {
      const std::lock_guard<std::mutex> lock(stage_mutex);
      stage.at(done += unreported);
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

std::string points(std::int32_t p) { return (p >= 0 ? " +" : " ") + std::to_string(p); }

}  // namespace


void explain_match(const Market& m, Match& x, const MatchWeights& w) {
  const Task& t = m.tasks.at(static_cast<std::size_t>(x.task));
  const Company* co = nullptr;
  for (const auto& k : m.companies)
    if (k.id == t.company) co = &k;
  explain_with(m, x, co, w);
}

namespace detail {
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
}  // namespace detail

namespace {
/// The market indices of the citizens `ids` names, ascending; kanten::Error naming "citizens[i]"
/// and the id for an id the market does not hold or one listed twice.
std::vector<std::int32_t> selected_citizens(const Market& m, const std::vector<std::string>& ids) {
  std::unordered_map<std::string_view, std::int32_t> index;
  index.reserve(m.citizens.size());
  for (std::size_t i = 0; i < m.citizens.size(); ++i) index.emplace(m.citizens[i].id, static_cast<std::int32_t>(i));
  std::vector<std::int32_t> out;
  out.reserve(ids.size());
  std::vector<std::int32_t> listed_at(m.citizens.size(), -1);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto it = index.find(ids[k]);
    const std::string field = "citizens[" + std::to_string(k) + "]";
    if (it == index.end()) throw unknown_id(Errc::invalid_argument, field, ids[k], "no citizen of the market has this id");
    if (listed_at[it->second] >= 0)
      throw Error(Errc::invalid_argument, field, ids[k],
                  "the citizen is listed twice: first at citizens[" + std::to_string(listed_at[it->second]) + "]");
    listed_at[it->second] = static_cast<std::int32_t>(k);
    out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

MatchResult match(const Market& m, const MatchOptions& o) {
  const MatchWeights& w = o.weights ? *o.weights : default_weights();
  if (o.mode == MatchMode::top_k && (o.k <= 0 || o.per_company <= 0))
    throw Error(Errc::invalid_argument, o.k <= 0 ? "k" : "per_company", std::to_string(o.k <= 0 ? o.k : o.per_company),
                "top-k needs a positive number");
  if (o.max_candidates_per_citizen < 0)
    throw Error(Errc::invalid_argument, "max_candidates_per_citizen", std::to_string(o.max_candidates_per_citizen),
                "cannot be negative (0 keeps every candidate)");
  MatchResult r;
  r.weights_version = w.version;
  r.mode = o.mode;
  // The assignment reads the edges where the candidate search gathers them (large pages, no
  // copy); the stable matching and top-k take them as an instance.
  const Scorer scorer(m, w);  // checks the market first
  // The citizens to propose for (all, or the caller's selection): only they are searched, and
  // only they are listed as matched or unmatched.
  std::vector<std::int32_t> chosen;
  if (o.citizens) {
    chosen = selected_citizens(m, *o.citizens);
  } else {
    chosen.resize(m.citizens.size());
    std::iota(chosen.begin(), chosen.end(), 0);
  }
  r.selected = chosen.size();
  bipartite::Instance inst = network_of(m);
  detail::big_vector<bipartite::Edge> edges;
  // The bound keeps each citizen's best pairs for the assignment and the stable matching; top-k
  // has its own (k, per_company). Decision "A bound on candidates per citizen" (docs/decisions.md).
  const std::int32_t bound = o.mode == MatchMode::top_k ? 0 : o.max_candidates_per_citizen;
  const CandidateRuns runs = find_candidates(m, w, scorer, o.threads, o.progress, o.citizens ? &chosen : nullptr, bound);
  runs.gather(edges, [](std::int32_t ci, std::int32_t t, std::int32_t score) { return bipartite::Edge{ci, t, score}; });
  r.candidates = edges.size();
  r.max_candidates_per_citizen = bound;
  if (bound > 0)
    for (const auto& [first, last] : runs.range) r.citizens_at_bound += last - first == static_cast<std::size_t>(bound);
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
  detail::StageProgress explaining(o.progress, "explain", chosen.size());
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
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      const std::int32_t ci = chosen[k];
      const auto top = index.top_rights(ci, o.k, o.per_company);
      if (top.empty()) r.unmatched.push_back(ci);
      for (const auto& c : top) r.matches.push_back(make(ci, c.id));
      explaining.at(k + 1);
    }
    explaining.finish();
    return r;
  }
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::int32_t ci = chosen[k];
    if (task_of[ci] >= 0) {
      r.total_score += score_of[ci];
      r.matches.push_back(make(ci, task_of[ci]));
    } else {
      r.unmatched.push_back(ci);
    }
    explaining.at(k + 1);
  }
  explaining.finish();
  return r;
}

std::vector<Match> top_tasks(const Market& m, std::int32_t citizen, std::int32_t k, std::int32_t per_company,
                             const MatchWeights& w) {
  check_index(citizen, m.citizens.size(), "citizen");
  if (k <= 0 || per_company <= 0)
    throw Error(Errc::invalid_argument, k <= 0 ? "k" : "per_company", std::to_string(k <= 0 ? k : per_company),
                "top-k needs a positive number");
  // The tasks' part of the scorer and this citizen's: the other citizens are never read. Every
  // task is tried (no grid to build for one query); the pairs kept are candidate generation's:
  // within reach, through every hard filter, a positive score. A persistent index answers many
  // queries faster (kanten::Matcher, kanten/match/index.hpp).
  Scorer scorer(m, w, Scorer::Empty{});
  std::unordered_map<std::string_view, std::int32_t> company_index;
  company_index.reserve(m.companies.size());
  for (std::size_t i = 0; i < m.companies.size(); ++i) company_index.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
  for (std::size_t i = 0; i < m.tasks.size(); ++i) {
    const auto co = company_index.find(m.tasks[i].company);
    if (co == company_index.end())
      throw Error(Errc::invalid_input, "tasks[" + std::to_string(i) + "].company", m.tasks[i].company,
                  "the task names a company that is not in the market");
    scorer.set_task(static_cast<std::int32_t>(i), co->second);
  }
  const Citizen& c = m.citizens[static_cast<std::size_t>(citizen)];
  std::vector<std::int32_t> visits;
  for (std::size_t v = 0; v < c.visited_companies.size(); ++v) {
    const auto co = company_index.find(c.visited_companies[v]);
    if (co == company_index.end())
      throw Error(Errc::invalid_input,
                  "citizens[" + std::to_string(citizen) + "].visited_companies[" + std::to_string(v) + "]",
                  c.visited_companies[v], "no company of the market has this id");
    visits.push_back(co->second);
  }
  const CitizenInfo cx = scorer.citizen_info(c, visits);
  const double cos_home = std::cos(c.home.lat * pi / 180.0);  // as distance_m computes it
  std::vector<detail::Hit> hits;
  for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t) {
    const TaskInfo& tx = scorer.task(t);
    if (!tx.open || (tx.demands & cx.health) != 0 || tx.min_per_week > cx.hours_max || tx.min_danish > cx.danish ||
        (tx.needs_licence && !cx.licence))
      continue;  // rejected by a plain filter (no capacity, health, hours, Danish, licence)
    const std::int32_t d = detail_distance_m(c.home, m.companies[static_cast<std::size_t>(tx.company)].location, cos_home);
    if (d > cx.reach) continue;
    detail::Hit h;
    if (!scorer.score(cx, citizen, t, d, h.breakdown, nullptr) || h.breakdown.total() <= 0) continue;
    h.score = h.breakdown.total();
    h.id = t;
    hits.push_back(h);
  }
  detail::rank(hits, false, hits.size());
  return detail::best_tasks(m, scorer, citizen, hits, k, per_company, true, w);
}

std::vector<Match> top_citizens(const Market& m, std::int32_t task, std::int32_t k, const MatchWeights& w) {
  check_index(task, m.tasks.size(), "task");
  if (k <= 0) throw Error(Errc::invalid_argument, "k", std::to_string(k), "top-k needs a positive number");
  // Every citizen tried against this one task (O(citizens), no candidates of other tasks); the
  // pairs kept are candidate generation's. kanten::Matcher answers from its grids instead.
  const Scorer scorer(m, w);  // checks the market as candidates() does
  const TaskInfo& tx = scorer.task(task);
  if (!tx.open) return {};  // the task or its company takes nobody now
  const GeoPoint loc = m.companies[static_cast<std::size_t>(tx.company)].location;
  std::vector<detail::Hit> hits;
  for (std::int32_t ci = 0; ci < static_cast<std::int32_t>(m.citizens.size()); ++ci) {
    const CitizenInfo& cx = scorer.citizen(ci);
    if ((tx.demands & cx.health) != 0 || tx.min_per_week > cx.hours_max || tx.min_danish > cx.danish ||
        (tx.needs_licence && !cx.licence))
      continue;  // rejected by a plain filter (health, hours, Danish, licence)
    const std::int32_t d = distance_m(m.citizens[static_cast<std::size_t>(ci)].home, loc);
    if (d > cx.reach) continue;
    detail::Hit h;
    if (!scorer.score(ci, task, d, h.breakdown, nullptr) || h.breakdown.total() <= 0) continue;
    h.score = h.breakdown.total();
    h.id = ci;
    hits.push_back(h);
  }
  detail::rank(hits, false, static_cast<std::size_t>(k));
  return detail::best_citizens(m, scorer, task, hits, k, true, w);
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
