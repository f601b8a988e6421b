// The persistent matcher index (kanten/match/index.hpp): a market in memory with the scorer's
// per-task and per-citizen parts (match/scorer.hpp) and two location grids.
//
// - The tasks, filed by their company's location and by the 2-digit DISCO prefix of each of their
//   codes (as candidate generation files them, matching.cpp), answer top_tasks: a citizen opens
//   the cells within reach and, when the candidate rule asks for 2 shared digits, only the buckets
//   of the wishes' prefixes (and the one of tasks without codes).
// - The citizens, filed by home in one grid per reach class (reach up to 1, 2, 4, … 1,024 km, and
//   beyond: those without a distance limit reach 2,000 km, docs/matching.md), each by wish prefix,
//   or in a bucket every query opens when any task may suit them (no wishes, a 1-digit wish, or
//   min_wish_level below 2), answer top_citizens: a task opens, in each class, the cells that
//   class's reach can span, and its own codes' prefixes.
// The grids only narrow the search; every pair found is decided by the scorer's hard filters and
// scored by it, so the answers are those of kanten::top_tasks and kanten::top_citizens.
#include "kanten/match/index.hpp"

#include "kanten/core/error.hpp"
#include "kanten/core/input.hpp"
#include "match/scorer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

namespace kanten::inline v1 {

namespace {

using detail::CitizenInfo;
using detail::Hit;
using detail::metres_per_degree_lat;
using detail::pi;
using detail::TaskInfo;

/// A hash for ids that also looks up by std::string_view.
struct IdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using IdMap = std::unordered_map<std::string, std::int32_t, IdHash, std::equal_to<>>;

/// The index of `id` in `map`, or -1.
std::int32_t find_id(const IdMap& map, std::string_view id) noexcept {
  const auto it = map.find(id);
  return it == map.end() ? -1 : it->second;
}

/// The index of `id`, or kanten::Error(invalid_argument) naming `field` with the id — without the
/// id when it is empty or looks like a CPR number (decision "No CPR numbers": never echoed).
std::int32_t index_of(const IdMap& map, std::string_view id, const char* field, const char* what) {
  const std::int32_t i = find_id(map, id);
  if (i < 0) throw unknown_id(Errc::invalid_argument, field, id, std::string("the market has no ") + what + " with this id");
  return i;
}

/// A location the grids can file: finite degrees, latitude within ±90 and longitude within ±180
/// (the range the market reader accepts, docs/matching.md).
void check_point(GeoPoint p, const std::string& field) {
  if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180)
    throw Error(Errc::invalid_argument, field, std::to_string(p.lat) + "," + std::to_string(p.lon),
                "a location needs finite degrees: latitude from -90 to 90, longitude from -180 to 180");
}

/// Weights the scorer can divide by and sum without wrapping: the ranges of the weights reader
/// (weights_from_json, docs/matching.md).
void check_weights(const MatchWeights& w) {
  auto in = [](const char* name, std::int32_t v, std::int32_t lo, std::int32_t hi) {
    if (v < lo || v > hi)
      throw Error(Errc::invalid_argument, std::string("weights.") + name, std::to_string(v),
                  "out of range: from " + std::to_string(lo) + " to " + std::to_string(hi));
  };
  constexpr std::int32_t max_points = 1'000'000;
  for (std::size_t i = 0; i < w.wish_by_level.size(); ++i)
    in(("wish_by_level[" + std::to_string(i) + "]").c_str(), w.wish_by_level[i], 0, max_points);
  in("competences", w.competences, 0, max_points);
  in("hours", w.hours, 0, max_points);
  in("travel", w.travel, 0, max_points);
  in("inclusion_experience", w.inclusion_experience, 0, max_points);
  in("inclusion_paid", w.inclusion_paid, 0, max_points);
  in("social_responsibility", w.social_responsibility, 0, max_points);
  in("labour_shortage", w.labour_shortage, 0, max_points);
  in("mentors", w.mentors, 0, max_points);
  in("relation", w.relation, 0, max_points);
  in("ordinary_from_start", w.ordinary_from_start, 0, max_points);
  in("min_wish_level", w.min_wish_level, 0, 4);
  in("car_kmh", w.car_kmh, 1, 1000);
  in("public_transport_kmh", w.public_transport_kmh, 1, 1000);
  in("bicycle_kmh", w.bicycle_kmh, 1, 1000);
  in("walk_kmh", w.walk_kmh, 1, 1000);
}

/// A task as the task grid files it: its place and its plain hard-filter fields, so most rejected
/// pairs never touch the scorer's record.
struct TaskEntry {
  double lat, lon;
  std::int32_t id;  // the task
  Minutes min_per_week;
  std::uint8_t demands;
  std::int8_t min_danish;
  bool needs_licence;
};

/// A citizen as the citizen grids file them: home, reach and plain hard-filter fields.
struct CitizenEntry {
  double lat, lon, cos_lat;  // cos_lat: the cosine of the home's latitude, as distance_m computes it
  std::int32_t id;           // the citizen
  std::int32_t reach;
  Minutes hours_max;
  std::uint8_t health;
  std::int8_t danish;
  bool licence;
};

/// A location grid on an equirectangular plane (x = lon · kx / cell, y = lat · ky / cell), sparse:
/// only cells holding entries exist. A cell holds entries by 2-digit DISCO prefix, and a list of
/// entries every search of the cell opens.
template <class Entry>
class Grid {
 public:
  struct Bucket {
    std::uint16_t prefix;
    std::vector<Entry> entries;
  };
  struct Cell {
    std::vector<Entry> any;
    std::vector<Bucket> buckets;  // sorted by prefix
  };

  Grid() = default;
  Grid(double cell_m, double kx) : cell_(cell_m), kx_(kx) {}

  [[nodiscard]] double cell() const noexcept { return cell_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// The cell of a point (finite degrees: the coordinates are far inside 32 bits).
  [[nodiscard]] std::pair<std::int64_t, std::int64_t> xy(GeoPoint p) const {
    return {static_cast<std::int64_t>(std::floor(p.lon * kx_ / cell_)),
            static_cast<std::int64_t>(std::floor(p.lat * metres_per_degree_lat / cell_))};
  }

  /// Files `e` in cell (x, y) under `prefix` (nullptr: the list every search opens).
  void add(std::int64_t x, std::int64_t y, const std::uint16_t* prefix, const Entry& e) {
    Cell& c = cells_[key(x, y)];
    list(c, prefix, true)->push_back(e);
    if (size_++ == 0) x0_ = x1_ = x, y0_ = y1_ = y;
    x0_ = std::min(x0_, x), x1_ = std::max(x1_, x), y0_ = std::min(y0_, y), y1_ = std::max(y1_, y);
  }

  /// Removes the entry of `id` filed in cell (x, y) under `prefix`.
  void remove(std::int64_t x, std::int64_t y, const std::uint16_t* prefix, std::int32_t id) {
    const auto it = cells_.find(key(x, y));
    if (it == cells_.end()) return;
    std::vector<Entry>* l = list(it->second, prefix, false);
    if (!l) return;
    const auto e = std::find_if(l->begin(), l->end(), [&](const Entry& x) { return x.id == id; });
    if (e == l->end()) return;
    *e = l->back();
    l->pop_back();
    --size_;
    if (l->empty() && prefix) {
      auto& b = it->second.buckets;
      b.erase(std::find_if(b.begin(), b.end(), [&](const Bucket& k) { return k.prefix == *prefix; }));
    }
    if (it->second.any.empty() && it->second.buckets.empty()) cells_.erase(it);
  }

  /// Renumbers the entry of `from` filed in cell (x, y) under `prefix` to `to`.
  void relabel(std::int64_t x, std::int64_t y, const std::uint16_t* prefix, std::int32_t from, std::int32_t to) {
    const auto it = cells_.find(key(x, y));
    if (it == cells_.end()) return;
    if (std::vector<Entry>* l = list(it->second, prefix, false))
      for (Entry& e : *l)
        if (e.id == from) e.id = to;
  }

  /// Calls f(cell) for every cell in [xlo, xhi] × [ylo, yhi]: by looking each up, or, when the box
  /// has more cells than the grid holds (a reach across the whole market), by going through the
  /// grid's cells.
  template <class F>
  void visit(double xlo, double xhi, double ylo, double yhi, F&& f) const {
    if (size_ == 0) return;
    xlo = std::max(xlo, static_cast<double>(x0_)), xhi = std::min(xhi, static_cast<double>(x1_));
    ylo = std::max(ylo, static_cast<double>(y0_)), yhi = std::min(yhi, static_cast<double>(y1_));
    if (xlo > xhi || ylo > yhi) return;
    const auto ax = static_cast<std::int64_t>(xlo), bx = static_cast<std::int64_t>(xhi);
    const auto ay = static_cast<std::int64_t>(ylo), by = static_cast<std::int64_t>(yhi);
    if ((xhi - xlo + 1) * (yhi - ylo + 1) > static_cast<double>(cells_.size())) {
      for (const auto& [k, c] : cells_) {
        const auto x = static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(k)));
        const auto y = static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(k >> 32)));
        if (x >= ax && x <= bx && y >= ay && y <= by) f(c);
      }
      return;
    }
    for (std::int64_t y = ay; y <= by; ++y)
      for (std::int64_t x = ax; x <= bx; ++x)
        if (const auto it = cells_.find(key(x, y)); it != cells_.end()) f(it->second);
  }

 private:
  static std::uint64_t key(std::int64_t x, std::int64_t y) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(y)) << 32) | static_cast<std::uint32_t>(x);
  }
  static std::vector<Entry>* list(Cell& c, const std::uint16_t* prefix, bool create) {
    if (!prefix) return &c.any;
    auto& b = c.buckets;
    auto it = std::lower_bound(b.begin(), b.end(), *prefix, [](const Bucket& k, std::uint16_t p) { return k.prefix < p; });
    if (it == b.end() || it->prefix != *prefix) {
      if (!create) return nullptr;
      it = b.insert(it, Bucket{*prefix, {}});
    }
    return &it->entries;
  }

  double cell_ = 10'000, kx_ = metres_per_degree_lat;
  std::unordered_map<std::uint64_t, Cell> cells_;
  std::size_t size_ = 0;
  std::int64_t x0_ = 0, x1_ = -1, y0_ = 0, y1_ = -1;  // the cells ever filed span at most this box
};

/// The citizens' reach classes: class j < 11 holds reaches up to 2^j km, class 11 the rest (up to
/// 2^31 − 1 m; a citizen without a distance limit reaches 2,000 km).
constexpr int reach_classes = 12;
constexpr std::int32_t class_reach(int j) {
  return j + 1 < reach_classes ? 1000 << j : std::numeric_limits<std::int32_t>::max();
}
int class_of(std::int32_t reach) {
  int j = 0;
  while (j + 1 < reach_classes && reach > class_reach(j)) ++j;
  return j;
}

/// Half-widths, in cells, of the box around a point at `lat` that holds every point within `reach`
/// metres by distance_m from any point of the box's latitudes (the distance takes the cosine at
/// the first point, here the citizen's). One cell more on each side absorbs rounding.
std::pair<double, double> box_half(double lat, double reach, double cell, double kx) {
  const double ry = std::ceil((reach + 1) / cell) + 1;
  const double max_lat = std::min(90.0, std::abs(lat) + (reach + 1) / metres_per_degree_lat);
  const double cos_min = std::cos(max_lat * pi / 180.0);
  const double rx = cos_min > 1e-9 ? std::ceil((reach + 1) * kx / (cos_min * metres_per_degree_lat * cell)) + 1 : 1e15;
  return {std::min(rx, 1e15), std::min(ry, 1e15)};
}

/// The distinct 2-digit prefixes of `codes`, sorted; {0} for no codes (filed with "").
std::vector<std::uint16_t> prefixes_of(const std::vector<std::string>& codes) {
  std::vector<std::uint16_t> p;
  if (codes.empty()) p.push_back(0);
  for (const auto& c : codes) p.push_back(detail::disco_prefix(c));
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  return p;
}

}  // namespace

struct Matcher::Impl {
  Market m;
  MatchWeights w;
  detail::Scorer scorer{m, w, detail::Scorer::Empty{}};
  IdMap citizen_at, task_at, company_at;
  std::vector<std::vector<std::int32_t>> tasks_of;  // by company: its tasks
  // By company id: the ids of the citizens who have visited it (each once).
  std::unordered_map<std::string, std::vector<std::string>, IdHash, std::equal_to<>> visitors;
  double kx = metres_per_degree_lat;
  Grid<TaskEntry> task_grid;
  std::array<Grid<CitizenEntry>, reach_classes> citizen_grid;
  /// Where a task is filed: in its cell under each prefix; a task that takes nobody is not filed.
  struct TaskPlace {
    bool filed = false;
    std::int64_t x = 0, y = 0;
    std::vector<std::uint16_t> prefixes;
  };
  /// Where a citizen is filed: a reach class, a cell, and each wish prefix (none: every search opens it).
  struct CitizenPlace {
    int cls = 0;
    std::int64_t x = 0, y = 0;
    std::vector<std::uint16_t> prefixes;
  };
  std::vector<TaskPlace> task_place;
  std::vector<CitizenPlace> citizen_place;

  Impl(Market market, const MatchWeights& weights) : m(std::move(market)), w(weights) {
    check_weights(w);
    check_unique_ids(m);
    for (std::size_t i = 0; i < m.companies.size(); ++i)
      check_point(m.companies[i].location, "companies[" + std::to_string(i) + "].location");
    for (std::size_t i = 0; i < m.citizens.size(); ++i)
      check_point(m.citizens[i].home, "citizens[" + std::to_string(i) + "].home");
    company_at.reserve(m.companies.size());
    for (std::size_t i = 0; i < m.companies.size(); ++i) company_at.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
    tasks_of.resize(m.companies.size());
    task_at.reserve(m.tasks.size());
    for (std::size_t i = 0; i < m.tasks.size(); ++i) {
      const std::int32_t co = find_id(company_at, m.tasks[i].company);
      if (co < 0)
        throw Error(Errc::invalid_input, "tasks[" + std::to_string(i) + "].company", m.tasks[i].company,
                    "the task names a company that is not in the market");
      task_at.emplace(m.tasks[i].id, static_cast<std::int32_t>(i));
      tasks_of[static_cast<std::size_t>(co)].push_back(static_cast<std::int32_t>(i));
      scorer.set_task(static_cast<std::int32_t>(i), co);
    }
    citizen_at.reserve(m.citizens.size());
    for (std::size_t i = 0; i < m.citizens.size(); ++i) {
      const std::vector<std::int32_t> v = visits("citizens[" + std::to_string(i) + "]", m.citizens[i], Errc::invalid_input);
      citizen_at.emplace(m.citizens[i].id, static_cast<std::int32_t>(i));
      scorer.set_citizen(static_cast<std::int32_t>(i), v);
      add_visitor(m.citizens[i]);
    }
    // The plane's scale east–west at the market's mean latitude (any latitude is correct; this
    // one keeps the cells near square), and the task cell half the median reach, 2–20 km, as in
    // candidate generation (matching.cpp).
    double lat0 = 0;
    std::size_t n = 0;
    for (const auto& co : m.companies) lat0 += co.location.lat, ++n;
    if (n == 0)
      for (const auto& c : m.citizens) lat0 += c.home.lat, ++n;
    lat0 = std::clamp(n ? lat0 / static_cast<double>(n) : 0.0, -80.0, 80.0);
    kx = std::cos(lat0 * pi / 180.0) * metres_per_degree_lat;
    double cell = 10'000;
    if (!m.citizens.empty()) {
      std::vector<std::int32_t> reaches(m.citizens.size());
      for (std::size_t i = 0; i < m.citizens.size(); ++i) reaches[i] = scorer.citizen(static_cast<std::int32_t>(i)).reach;
      std::nth_element(reaches.begin(), reaches.begin() + static_cast<std::ptrdiff_t>(reaches.size() / 2), reaches.end());
      cell = std::clamp(reaches[reaches.size() / 2] / 2.0, 2'000.0, 20'000.0);
    }
    task_grid = Grid<TaskEntry>(cell, kx);
    for (int j = 0; j < reach_classes; ++j)
      citizen_grid[static_cast<std::size_t>(j)] =
          Grid<CitizenEntry>(j + 1 < reach_classes ? class_reach(j) / 2.0 : 1e9, kx);
    task_place.resize(m.tasks.size());
    for (std::size_t i = 0; i < m.tasks.size(); ++i) file_task(static_cast<std::int32_t>(i));
    citizen_place.resize(m.citizens.size());
    for (std::size_t i = 0; i < m.citizens.size(); ++i) file_citizen(static_cast<std::int32_t>(i));
  }

  // -------------------------------------------------------------------------------------------
  // Filing
  // -------------------------------------------------------------------------------------------

  void file_task(std::int32_t t) {
    TaskPlace& p = task_place[static_cast<std::size_t>(t)];
    const TaskInfo& tx = scorer.task(t);
    p.filed = tx.open;  // a task that takes nobody is never a candidate
    if (!p.filed) return;
    const GeoPoint loc = m.companies[static_cast<std::size_t>(tx.company)].location;
    std::tie(p.x, p.y) = task_grid.xy(loc);
    p.prefixes = prefixes_of(m.tasks[static_cast<std::size_t>(t)].disco);
    const TaskEntry e{loc.lat, loc.lon, t, tx.min_per_week, tx.demands, tx.min_danish, tx.needs_licence};
    for (const auto& pr : p.prefixes) task_grid.add(p.x, p.y, &pr, e);
  }
  void unfile_task(std::int32_t t) {
    TaskPlace& p = task_place[static_cast<std::size_t>(t)];
    if (!p.filed) return;
    for (const auto& pr : p.prefixes) task_grid.remove(p.x, p.y, &pr, t);
    p.filed = false;
  }
  void relabel_task(std::int32_t from, std::int32_t to) {
    const TaskPlace& p = task_place[static_cast<std::size_t>(from)];
    if (!p.filed) return;
    for (const auto& pr : p.prefixes) task_grid.relabel(p.x, p.y, &pr, from, to);
  }

  void file_citizen(std::int32_t ci) {
    CitizenPlace& p = citizen_place[static_cast<std::size_t>(ci)];
    const Citizen& c = m.citizens[static_cast<std::size_t>(ci)];
    const CitizenInfo& cx = scorer.citizen(ci);
    p.cls = class_of(cx.reach);
    Grid<CitizenEntry>& g = citizen_grid[static_cast<std::size_t>(p.cls)];
    std::tie(p.x, p.y) = g.xy(c.home);
    p.prefixes.clear();
    if (detail::wishes_by_prefix(c, w)) p.prefixes = prefixes_of(c.wishes);
    const CitizenEntry e{c.home.lat, c.home.lon, std::cos(c.home.lat * pi / 180.0), ci, cx.reach,
                         cx.hours_max, cx.health, cx.danish, cx.licence};
    if (p.prefixes.empty()) g.add(p.x, p.y, nullptr, e);
    for (const auto& pr : p.prefixes) g.add(p.x, p.y, &pr, e);
  }
  void unfile_citizen(std::int32_t ci) {
    const CitizenPlace& p = citizen_place[static_cast<std::size_t>(ci)];
    Grid<CitizenEntry>& g = citizen_grid[static_cast<std::size_t>(p.cls)];
    if (p.prefixes.empty()) g.remove(p.x, p.y, nullptr, ci);
    for (const auto& pr : p.prefixes) g.remove(p.x, p.y, &pr, ci);
  }
  void relabel_citizen(std::int32_t from, std::int32_t to) {
    const CitizenPlace& p = citizen_place[static_cast<std::size_t>(from)];
    Grid<CitizenEntry>& g = citizen_grid[static_cast<std::size_t>(p.cls)];
    if (p.prefixes.empty()) g.relabel(p.x, p.y, nullptr, from, to);
    for (const auto& pr : p.prefixes) g.relabel(p.x, p.y, &pr, from, to);
  }

  // -------------------------------------------------------------------------------------------
  // Visits: a citizen's visited companies by index, and the citizens who visited each company
  // -------------------------------------------------------------------------------------------

  /// The indices of the companies `c` has visited; kanten::Error naming the field for one not in the market.
  [[nodiscard]] std::vector<std::int32_t> visits(const std::string& path, const Citizen& c, Errc code) const {
    std::vector<std::int32_t> v;
    v.reserve(c.visited_companies.size());
    for (std::size_t k = 0; k < c.visited_companies.size(); ++k) {
      const std::int32_t co = find_id(company_at, c.visited_companies[k]);
      if (co < 0)
        throw Error(code, path + (path.empty() ? "" : ".") + "visited_companies[" + std::to_string(k) + "]",
                    c.visited_companies[k], "no company of the market has this id");
      v.push_back(co);
    }
    return v;
  }
  void add_visitor(const Citizen& c) {
    for (const auto& co : c.visited_companies) {
      auto& list = visitors[co];
      if (std::find(list.begin(), list.end(), c.id) == list.end()) list.push_back(c.id);
    }
  }
  void remove_visitor(const Citizen& c) {
    for (const auto& co : c.visited_companies) {
      const auto it = visitors.find(co);
      if (it == visitors.end()) continue;
      auto& list = it->second;
      list.erase(std::remove(list.begin(), list.end(), c.id), list.end());
      if (list.empty()) visitors.erase(it);
    }
  }
  /// Recomputes citizen `ci`'s visits after a company left or moved (its filing does not change).
  void refresh_visits(std::int32_t ci) {
    scorer.set_citizen(ci, visits("", m.citizens[static_cast<std::size_t>(ci)], Errc::invalid_argument));
  }

  // -------------------------------------------------------------------------------------------
  // Updates
  // -------------------------------------------------------------------------------------------

  /// Removes task `t`, moving the last task into its place (decision "The persistent matcher's
  /// updates", docs/decisions.md).
  void remove_task_at(std::int32_t t) {
    unfile_task(t);
    auto& mine = tasks_of[static_cast<std::size_t>(scorer.task(t).company)];
    mine.erase(std::find(mine.begin(), mine.end(), t));
    task_at.erase(task_at.find(std::string_view(m.tasks[static_cast<std::size_t>(t)].id)));
    const auto last = static_cast<std::int32_t>(m.tasks.size()) - 1;
    if (t != last) {
      relabel_task(last, t);
      auto& theirs = tasks_of[static_cast<std::size_t>(scorer.task(last).company)];
      *std::find(theirs.begin(), theirs.end(), last) = t;
      task_at.find(std::string_view(m.tasks[static_cast<std::size_t>(last)].id))->second = t;
      m.tasks[static_cast<std::size_t>(t)] = std::move(m.tasks.back());
      task_place[static_cast<std::size_t>(t)] = std::move(task_place.back());
    }
    scorer.remove_task(t);
    m.tasks.pop_back();
    task_place.pop_back();
  }

  /// Tasks of company `co` changed with it (location, readiness, capacity): refiled.
  template <class Change>
  void change_company(std::int32_t co, Change&& change) {
    const auto& mine = tasks_of[static_cast<std::size_t>(co)];
    for (auto t : mine) unfile_task(t);
    change(m.companies[static_cast<std::size_t>(co)]);
    for (auto t : mine) {
      scorer.set_task_company(t, co);
      file_task(t);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Matcher
// ---------------------------------------------------------------------------------------------

Matcher::Matcher(Market market, const MatchWeights& weights)
    : impl_(std::make_unique<Impl>(std::move(market), weights)) {}
Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

const Market& Matcher::market() const noexcept { return impl_->m; }
const MatchWeights& Matcher::weights() const noexcept { return impl_->w; }
std::int32_t Matcher::citizen_index(std::string_view id) const noexcept { return find_id(impl_->citizen_at, id); }
std::int32_t Matcher::task_index(std::string_view id) const noexcept { return find_id(impl_->task_at, id); }
std::int32_t Matcher::company_index(std::string_view id) const noexcept { return find_id(impl_->company_at, id); }

std::vector<Match> Matcher::top_tasks(std::string_view citizen_id, std::int32_t k, std::int32_t per_company,
                                      bool explain) const {
  const Impl& x = *impl_;
  const std::int32_t ci = index_of(x.citizen_at, citizen_id, "citizen", "citizen");
  if (k <= 0 || per_company <= 0)
    throw Error(Errc::invalid_argument, k <= 0 ? "k" : "per_company", std::to_string(k <= 0 ? k : per_company),
                "top-k needs a positive number");
  const Citizen& c = x.m.citizens[static_cast<std::size_t>(ci)];
  const CitizenInfo& cx = x.scorer.citizen(ci);
  const std::int32_t reach = cx.reach;
  const double cos_home = std::cos(c.home.lat * pi / 180.0);  // as distance_m computes it
  // Which occupation buckets to open, as candidate generation does: the wishes' prefixes (and
  // that of tasks without codes) when the candidate rule asks for 2 shared digits, else all.
  const bool by_prefix = detail::wishes_by_prefix(c, x.w);
  std::vector<std::uint16_t> wanted;
  if (by_prefix) {
    wanted = prefixes_of(c.wishes);
    wanted.insert(std::lower_bound(wanted.begin(), wanted.end(), std::uint16_t{0}), std::uint16_t{0});
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  }
  // The box of cells within reach: the distance takes the cosine at the citizen's latitude.
  const double cell = x.task_grid.cell();
  const double ry = std::ceil((reach + 1.0) / cell) + 1;
  const double rx = cos_home > 1e-9
                        ? std::min(std::ceil((reach + 1.0) * x.kx / (cos_home * metres_per_degree_lat * cell)) + 1, 1e15)
                        : 1e15;
  const auto [hx, hy] = x.task_grid.xy(c.home);
  std::vector<Hit> hits;
  auto search = [&](const std::vector<TaskEntry>& entries) {
    for (const TaskEntry& e : entries) {
      if ((e.demands & cx.health) != 0 || e.min_per_week > cx.hours_max || e.min_danish > cx.danish ||
          (e.needs_licence && !cx.licence))
        continue;  // rejected by a plain filter (health, hours, Danish, licence)
      const std::int32_t d = detail::detail_distance_m(c.home, GeoPoint{e.lat, e.lon}, cos_home);
      if (d > reach) continue;
      Hit h;
      if (!x.scorer.score(ci, e.id, d, h.breakdown, nullptr)) continue;
      h.score = h.breakdown.total();
      if (h.score <= 0) continue;
      h.id = e.id;
      hits.push_back(h);
    }
  };
  x.task_grid.visit(static_cast<double>(hx) - rx, static_cast<double>(hx) + rx, static_cast<double>(hy) - ry,
                    static_cast<double>(hy) + ry, [&](const Grid<TaskEntry>::Cell& cl) {
                      if (!by_prefix) {
                        for (const auto& b : cl.buckets) search(b.entries);
                        return;
                      }
                      auto b = cl.buckets.begin();
                      for (const auto pr : wanted) {
                        b = std::lower_bound(b, cl.buckets.end(), pr,
                                             [](const auto& k, std::uint16_t p) { return k.prefix < p; });
                        if (b == cl.buckets.end()) break;
                        if (b->prefix == pr) search(b->entries);
                      }
                    });
  // A task filed under two prefixes the citizen opens is found twice; the per-company limit needs
  // the whole order.
  detail::rank(hits, true, hits.size());
  return detail::best_tasks(x.m, x.scorer, ci, hits, k, per_company, explain, x.w);
}

std::vector<Match> Matcher::top_citizens(std::string_view task_id, std::int32_t k, bool explain) const {
  const Impl& x = *impl_;
  const std::int32_t ti = index_of(x.task_at, task_id, "task", "task");
  if (k <= 0) throw Error(Errc::invalid_argument, "k", std::to_string(k), "top-k needs a positive number");
  const TaskInfo& tx = x.scorer.task(ti);
  if (!tx.open) return {};  // the task or its company takes nobody now: no candidates
  const GeoPoint loc = x.m.companies[static_cast<std::size_t>(tx.company)].location;
  const Task& t = x.m.tasks[static_cast<std::size_t>(ti)];
  // A task without codes suits every wish; otherwise a citizen filed by prefix can only be a
  // candidate under one of the task's codes' prefixes (2 shared digits).
  const bool all_prefixes = t.disco.empty();
  const std::vector<std::uint16_t> prefixes = prefixes_of(t.disco);
  std::vector<Hit> hits;
  auto search = [&](const std::vector<CitizenEntry>& entries) {
    for (const CitizenEntry& e : entries) {
      if ((tx.demands & e.health) != 0 || tx.min_per_week > e.hours_max || tx.min_danish > e.danish ||
          (tx.needs_licence && !e.licence))
        continue;  // rejected by a plain filter (health, hours, Danish, licence)
      const std::int32_t d = detail::detail_distance_m(GeoPoint{e.lat, e.lon}, loc, e.cos_lat);
      if (d > e.reach) continue;
      Hit h;
      if (!x.scorer.score(e.id, ti, d, h.breakdown, nullptr)) continue;
      h.score = h.breakdown.total();
      if (h.score <= 0) continue;
      h.id = e.id;
      hits.push_back(h);
    }
  };
  for (int j = 0; j < reach_classes; ++j) {
    const Grid<CitizenEntry>& g = x.citizen_grid[static_cast<std::size_t>(j)];
    if (g.size() == 0) continue;
    const auto [rx, ry] = box_half(loc.lat, class_reach(j), g.cell(), x.kx);
    const auto [tx0, ty0] = g.xy(loc);
    g.visit(static_cast<double>(tx0) - rx, static_cast<double>(tx0) + rx, static_cast<double>(ty0) - ry,
            static_cast<double>(ty0) + ry, [&](const Grid<CitizenEntry>::Cell& cl) {
              search(cl.any);
              if (all_prefixes) {
                for (const auto& b : cl.buckets) search(b.entries);
                return;
              }
              auto b = cl.buckets.begin();
              for (const auto pr : prefixes) {
                b = std::lower_bound(b, cl.buckets.end(), pr, [](const auto& q, std::uint16_t p) { return q.prefix < p; });
                if (b == cl.buckets.end()) break;
                if (b->prefix == pr) search(b->entries);
              }
            });
  }
  // A citizen filed under two prefixes the task opens is found twice.
  detail::rank(hits, all_prefixes || prefixes.size() > 1, static_cast<std::size_t>(k));
  return detail::best_citizens(x.m, x.scorer, ti, hits, k, explain, x.w);
}

// ---------------------------------------------------------------------------------------------
// Updates
// ---------------------------------------------------------------------------------------------

void Matcher::upsert_citizen(Citizen c) {
  Impl& x = *impl_;
  if (c.id.empty()) throw Error(Errc::invalid_argument, "citizen.id", "", "every citizen needs an id");
  check_point(c.home, "citizen.home");
  const std::vector<std::int32_t> v = x.visits("citizen", c, Errc::invalid_argument);
  std::int32_t ci = find_id(x.citizen_at, c.id);
  if (ci >= 0) {
    x.unfile_citizen(ci);
    x.remove_visitor(x.m.citizens[static_cast<std::size_t>(ci)]);
    x.m.citizens[static_cast<std::size_t>(ci)] = std::move(c);
  } else {
    ci = static_cast<std::int32_t>(x.m.citizens.size());
    x.m.citizens.push_back(std::move(c));
    x.citizen_place.emplace_back();
    x.citizen_at.emplace(x.m.citizens.back().id, ci);
  }
  x.scorer.set_citizen(ci, v);
  x.file_citizen(ci);
  x.add_visitor(x.m.citizens[static_cast<std::size_t>(ci)]);
}

void Matcher::upsert_company(Company c) {
  Impl& x = *impl_;
  if (c.id.empty()) throw Error(Errc::invalid_argument, "company.id", "", "every company needs an id");
  check_point(c.location, "company.location");
  const std::int32_t co = find_id(x.company_at, c.id);
  if (co >= 0) {
    x.change_company(co, [&](Company& old) { old = std::move(c); });
    return;
  }
  x.company_at.emplace(c.id, static_cast<std::int32_t>(x.m.companies.size()));
  x.m.companies.push_back(std::move(c));
  x.tasks_of.emplace_back();
}

void Matcher::upsert_task(Task t) {
  Impl& x = *impl_;
  if (t.id.empty()) throw Error(Errc::invalid_argument, "task.id", "", "every task needs an id");
  const std::int32_t co = find_id(x.company_at, t.company);
  if (co < 0) throw Error(Errc::invalid_argument, "company", t.company, "the task names a company that is not in the market");
  std::int32_t ti = find_id(x.task_at, t.id);
  if (ti >= 0) {
    x.unfile_task(ti);
    auto& mine = x.tasks_of[static_cast<std::size_t>(x.scorer.task(ti).company)];
    mine.erase(std::find(mine.begin(), mine.end(), ti));
    x.m.tasks[static_cast<std::size_t>(ti)] = std::move(t);
  } else {
    ti = static_cast<std::int32_t>(x.m.tasks.size());
    x.m.tasks.push_back(std::move(t));
    x.task_place.emplace_back();
    x.task_at.emplace(x.m.tasks.back().id, ti);
  }
  x.tasks_of[static_cast<std::size_t>(co)].push_back(ti);
  x.scorer.set_task(ti, co);
  x.file_task(ti);
}

bool Matcher::remove_citizen(std::string_view id) {
  Impl& x = *impl_;
  const std::int32_t ci = find_id(x.citizen_at, id);
  if (ci < 0) return false;
  x.unfile_citizen(ci);
  x.remove_visitor(x.m.citizens[static_cast<std::size_t>(ci)]);
  x.citizen_at.erase(x.citizen_at.find(id));
  const auto last = static_cast<std::int32_t>(x.m.citizens.size()) - 1;
  if (ci != last) {
    x.relabel_citizen(last, ci);
    x.citizen_at.find(std::string_view(x.m.citizens.back().id))->second = ci;
    x.m.citizens[static_cast<std::size_t>(ci)] = std::move(x.m.citizens.back());
    x.citizen_place[static_cast<std::size_t>(ci)] = std::move(x.citizen_place.back());
  }
  x.scorer.remove_citizen(ci);
  x.m.citizens.pop_back();
  x.citizen_place.pop_back();
  return true;
}

bool Matcher::remove_task(std::string_view id) {
  Impl& x = *impl_;
  const std::int32_t ti = find_id(x.task_at, id);
  if (ti < 0) return false;
  x.remove_task_at(ti);
  return true;
}

bool Matcher::remove_company(std::string_view id) {
  Impl& x = *impl_;
  const std::int32_t co = find_id(x.company_at, id);
  if (co < 0) return false;
  while (!x.tasks_of[static_cast<std::size_t>(co)].empty()) x.remove_task_at(x.tasks_of[static_cast<std::size_t>(co)].back());
  // The citizens who visited it keep no relation to a company that has left the market, decision
  // "The persistent matcher's updates" (docs/decisions.md).
  std::vector<std::int32_t> changed;
  if (const auto it = x.visitors.find(id); it != x.visitors.end()) {
    for (const auto& cid : it->second) {
      const std::int32_t ci = find_id(x.citizen_at, cid);
      auto& v = x.m.citizens[static_cast<std::size_t>(ci)].visited_companies;
      v.erase(std::remove(v.begin(), v.end(), id), v.end());
      changed.push_back(ci);
    }
    x.visitors.erase(it);
  }
  x.company_at.erase(x.company_at.find(id));
  const auto last = static_cast<std::int32_t>(x.m.companies.size()) - 1;
  if (co != last) {
    // The last company takes the removed one's index: its tasks and its visitors follow.
    x.m.companies[static_cast<std::size_t>(co)] = std::move(x.m.companies.back());
    x.tasks_of[static_cast<std::size_t>(co)] = std::move(x.tasks_of.back());
    const std::string& moved = x.m.companies[static_cast<std::size_t>(co)].id;
    x.company_at.find(std::string_view(moved))->second = co;
    for (auto t : x.tasks_of[static_cast<std::size_t>(co)]) x.scorer.set_task_company(t, co);
    if (const auto it = x.visitors.find(std::string_view(moved)); it != x.visitors.end())
      for (const auto& cid : it->second) changed.push_back(find_id(x.citizen_at, cid));
  }
  x.m.companies.pop_back();
  x.tasks_of.pop_back();
  for (auto ci : changed) x.refresh_visits(ci);
  return true;
}

void Matcher::set_capacity(std::string_view company_id, std::int32_t capacity) {
  Impl& x = *impl_;
  const std::int32_t co = index_of(x.company_at, company_id, "company", "company");
  if (capacity < 0)
    throw Error(Errc::invalid_argument, "capacity", std::to_string(capacity), "a capacity cannot be negative (0: takes nobody now)");
  x.change_company(co, [&](Company& c) { c.capacity = capacity; });
}

void Matcher::set_slots(std::string_view task_id, std::int32_t slots) {
  Impl& x = *impl_;
  const std::int32_t ti = index_of(x.task_at, task_id, "task", "task");
  if (slots < 0) throw Error(Errc::invalid_argument, "slots", std::to_string(slots), "slots cannot be negative (0: takes nobody now)");
  x.unfile_task(ti);
  x.m.tasks[static_cast<std::size_t>(ti)].slots = slots;
  x.scorer.set_task_company(ti, x.scorer.task(ti).company);
  x.file_task(ti);
}

}  // namespace kanten::inline v1
