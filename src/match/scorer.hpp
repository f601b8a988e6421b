// src/match/scorer.hpp — internal: the matcher's scorer, shared by candidate generation and the
// proposals (matching.cpp) and by the persistent matcher index (index.cpp, kanten/match/index.hpp).
//
// The hard filters and the score's features are documented in docs/matching.md with their
// sources; the code below cites them where it encodes them.
#pragma once

#include "kanten/core/error.hpp"
#include "kanten/match/matching.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kanten::inline v1::detail {

inline constexpr double metres_per_degree_lat = 111'320.0;
inline constexpr double pi = 3.14159265358979323846;

/// Equirectangular distance at the first point's latitude, with its cosine given.
inline std::int32_t detail_distance_m(GeoPoint a, GeoPoint b, double cos_a) noexcept {
  const double dx = (b.lon - a.lon) * cos_a * metres_per_degree_lat;
  const double dy = (b.lat - a.lat) * metres_per_degree_lat;
  return static_cast<std::int32_t>(std::sqrt(dx * dx + dy * dy) + 0.5);
}

inline std::string km_text(std::int32_t m) {
  const std::int32_t tenths = (m + 50) / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " km";
}

inline std::uint8_t health_mask(const std::vector<Health>& h) {
  std::uint8_t m = 0;
  for (auto x : h) m = static_cast<std::uint8_t>(m | (1u << static_cast<unsigned>(x)));
  return m;
}
inline std::uint8_t demand_mask(const std::vector<Demand>& d) {
  std::uint8_t m = 0;
  for (auto x : d) m = static_cast<std::uint8_t>(m | (1u << static_cast<unsigned>(x)));
  return m;
}

inline std::int32_t speed_kmh(TravelMode mode, const MatchWeights& w) {
  switch (mode) {
    case TravelMode::car: return w.car_kmh;
    case TravelMode::public_transport: return w.public_transport_kmh;
    case TravelMode::bicycle: return w.bicycle_kmh;
    case TravelMode::walk: return w.walk_kmh;
  }
  return w.public_transport_kmh;
}

/// The distance limit of a citizen with none (max_travel_m 0): 2,000 km, farther than Denmark spans.
inline constexpr std::int32_t no_distance_limit_m = 2'000'000;

/// The farthest a citizen can go, in metres: the tighter of the distance and the time limits.
inline std::int32_t reach_m(const Citizen& c, const MatchWeights& w) {
  std::int64_t reach = c.max_travel_m > 0 ? c.max_travel_m : no_distance_limit_m;
  if (c.max_travel_minutes > 0)
    reach = std::min<std::int64_t>(reach, std::int64_t{c.max_travel_minutes} * speed_kmh(c.mode, w) * 1000 / 60);
  return static_cast<std::int32_t>(std::max<std::int64_t>(reach, 1));
}

inline std::int32_t travel_minutes(std::int32_t metres, TravelMode mode, const MatchWeights& w) {
  return static_cast<std::int32_t>((std::int64_t{metres} * 60 + speed_kmh(mode, w) * 1000 - 1) / (speed_kmh(mode, w) * 1000));
}

inline std::int32_t readiness_points(const Company& co, const MatchWeights& w) {
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

/// A set of competences: its sorted ids, and a 64-bit mask used while the market's vocabulary fits.
struct CompetenceSet {
  std::uint64_t mask = 0;
  std::vector<std::int32_t> ids;
};

inline std::size_t covered(const CompetenceSet& have, const CompetenceSet& want, bool masks) {
  if (masks) return static_cast<std::size_t>(std::popcount(have.mask & want.mask));
  std::size_t n = 0;
  auto h = have.ids.begin();
  for (auto x : want.ids) {
    h = std::lower_bound(h, have.ids.end(), x);
    if (h != have.ids.end() && *h == x) ++n;
  }
  return n;
}
inline std::size_t count(const CompetenceSet& s, bool masks) {
  return masks ? static_cast<std::size_t>(std::popcount(s.mask)) : s.ids.size();
}

/// A DISCO-08 code's first four digits packed big-endian, with its length (capped at 4).
struct PackedCode {
  std::uint32_t digits = 0;
  std::uint32_t len = 0;
};
inline PackedCode pack(std::string_view code) {
  PackedCode p;
  p.len = static_cast<std::uint32_t>(std::min<std::size_t>(code.size(), 4));
  for (std::uint32_t i = 0; i < 4; ++i)
    p.digits = (p.digits << 8) | (i < p.len ? static_cast<unsigned char>(code[i]) : 0u);
  return p;
}
/// disco_level on packed codes.
inline int level(PackedCode a, PackedCode b) {
  const std::uint32_t x = a.digits ^ b.digits;
  const int same = x == 0 ? 4 : std::countl_zero(x) / 8;
  return std::min<int>({same, static_cast<int>(a.len), static_cast<int>(b.len)});
}

/// A DISCO-08 code's first two characters, the key of the occupation indexes (2-digit sub-major
/// group; "" for a task without codes).
inline std::uint16_t disco_prefix(std::string_view code) {
  return static_cast<std::uint16_t>((code.size() > 0 ? static_cast<unsigned char>(code[0]) << 8 : 0u) |
                                    (code.size() > 1 ? static_cast<unsigned char>(code[1]) : 0u));
}

/// Whether a citizen's candidates all share a 2-digit prefix with one of the wishes: the candidate
/// rule asks for at least 2 shared digits (MatchWeights::min_wish_level) and every wish has 2 or
/// more. Otherwise (no wishes, or a 1-digit wish) any task in reach may be a candidate.
inline bool wishes_by_prefix(const Citizen& c, const MatchWeights& w) {
  return w.min_wish_level >= 2 && !c.wishes.empty() &&
         std::all_of(c.wishes.begin(), c.wishes.end(), [](const auto& s) { return s.size() >= 2; });
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

/// The scorer: every task's and citizen's part of the filters and features precomputed, and the
/// pair scored from the two. Built for a whole market at once (candidate generation, match()), or
/// empty and filled one task and citizen at a time (the persistent matcher, index.cpp), which may
/// also replace and remove them; a pair scores the same either way.
class Scorer {
 public:
  /// The scorer of the whole market `m`. Throws kanten::Error(invalid_input) naming the field for
  /// a task whose company, or a citizen's visited company, is not in the market.
  Scorer(const Market& m, const MatchWeights& w) : m_(m), w_(w) {
    std::unordered_map<std::string_view, std::int32_t> company_index;
    company_index.reserve(m.companies.size());
    for (std::size_t i = 0; i < m.companies.size(); ++i)
      company_index.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
    tasks_.reserve(m.tasks.size());
    for (std::size_t i = 0; i < m.tasks.size(); ++i) {
      const Task& t = m.tasks[i];
      auto it = company_index.find(t.company);
      if (it == company_index.end())
        throw Error(Errc::invalid_input, "tasks[" + std::to_string(i) + "].company", t.company,
                    "the task names a company that is not in the market");
      tasks_.push_back(task_info(t, it->second));
    }
    citizens_.reserve(m.citizens.size());
    std::vector<std::int32_t> visits;
    for (std::size_t i = 0; i < m.citizens.size(); ++i) {
      const Citizen& c = m.citizens[i];
      visits.clear();
      for (std::size_t v = 0; v < c.visited_companies.size(); ++v) {
        auto co = company_index.find(c.visited_companies[v]);
        if (co == company_index.end())
          throw Error(Errc::invalid_input, "citizens[" + std::to_string(i) + "].visited_companies[" + std::to_string(v) + "]",
                      c.visited_companies[v], "no company of the market has this id");
        visits.push_back(co->second);
      }
      citizens_.push_back(citizen_info(c, visits));
    }
  }

  /// Selects the empty constructor.
  struct Empty {};
  /// An empty scorer over `m` (which must outlive it): tasks and citizens are added with
  /// set_task() and set_citizen(), in step with `m`.
  Scorer(const Market& m, const MatchWeights& w, Empty) : m_(m), w_(w) {}

  /// The precomputed part of task `t` of company `company` (an index into the market's companies).
  /// Grows the competence vocabulary; competence sets are 64-bit masks while it has at most 64
  /// words, sorted ids always (the scorer turns to them for good once the vocabulary outgrows
  /// the masks).
  [[nodiscard]] TaskInfo task_info(const Task& t, std::int32_t company) {
    TaskInfo ti;
    ti.company = company;
    ti.demands = demand_mask(t.demands);
    ti.ordinary = t.ordinary_from_start;
    ti.needs_licence = t.needs_driving_licence;
    ti.min_danish = t.min_danish_level;
    ti.min_per_week = t.min_per_week;
    company_fields(ti, t);
    ti.code_off = static_cast<std::uint32_t>(codes_.size());
    for (const auto& code : t.disco) codes_.push_back(pack(code));
    ti.code_n = static_cast<std::uint32_t>(t.disco.size());
    competences(ti.required, t.required_competences);
    competences(ti.optional, t.optional_competences);
    return ti;
  }
  /// The precomputed part of citizen `c`, who has visited the companies `visits` (indices into the
  /// market's companies, any order).
  [[nodiscard]] CitizenInfo citizen_info(const Citizen& c, const std::vector<std::int32_t>& visits) {
    CitizenInfo cx;
    cx.health = health_mask(c.health);
    cx.licence = c.driving_licence;
    cx.danish = c.danish_level;
    cx.mode = c.mode;
    cx.reach = reach_m(c, w_);
    cx.max_m = c.max_travel_m > 0 ? c.max_travel_m : no_distance_limit_m;  // the filter and the grid agree
    cx.max_minutes = c.max_travel_minutes;
    cx.hours_now = c.hours_now;
    cx.hours_max = c.hours_max;
    cx.wish_off = static_cast<std::uint32_t>(codes_.size());
    for (const auto& code : c.wishes) codes_.push_back(pack(code));
    cx.wish_n = static_cast<std::uint32_t>(c.wishes.size());
    competences(cx.competences, c.competences);
    cx.visit_off = static_cast<std::uint32_t>(visits_.size());
    visits_.insert(visits_.end(), visits.begin(), visits.end());
    std::sort(visits_.begin() + cx.visit_off, visits_.end());
    cx.visit_n = static_cast<std::uint32_t>(visits_.size() - cx.visit_off);
    return cx;
  }

  /// Sets task `i` (the market's tasks[i], of company `company`), appending it when `i` is the
  /// number of tasks so far. The scorer's storage of the old task is reclaimed now and then.
  void set_task(std::int32_t i, std::int32_t company) {
    TaskInfo ti = task_info(m_.tasks[static_cast<std::size_t>(i)], company);
    if (static_cast<std::size_t>(i) == tasks_.size()) {
      tasks_.push_back(std::move(ti));
    } else {
      dead_codes_ += tasks_[i].code_n;
      tasks_[i] = std::move(ti);
    }
    compact_if_sparse();
  }
  /// Sets citizen `i` (the market's citizens[i]), who has visited the companies `visits`; appends
  /// when `i` is the number of citizens so far.
  void set_citizen(std::int32_t i, const std::vector<std::int32_t>& visits) {
    CitizenInfo cx = citizen_info(m_.citizens[static_cast<std::size_t>(i)], visits);
    if (static_cast<std::size_t>(i) == citizens_.size()) {
      citizens_.push_back(std::move(cx));
    } else {
      dead_codes_ += citizens_[i].wish_n;
      dead_visits_ += citizens_[i].visit_n;
      citizens_[i] = std::move(cx);
    }
    compact_if_sparse();
  }
  /// Task `i` now belongs to company `company` (an index), or its slots or its company changed:
  /// recomputes what the task takes from its company and its slots.
  void set_task_company(std::int32_t i, std::int32_t company) {
    tasks_[i].company = company;
    company_fields(tasks_[i], m_.tasks[static_cast<std::size_t>(i)]);
  }
  /// Removes task `i`, moving the last task into its place (as the market does).
  void remove_task(std::int32_t i) {
    dead_codes_ += tasks_[i].code_n;
    if (static_cast<std::size_t>(i) + 1 != tasks_.size()) tasks_[i] = std::move(tasks_.back());
    tasks_.pop_back();
  }
  /// Removes citizen `i`, moving the last citizen into its place (as the market does).
  void remove_citizen(std::int32_t i) {
    dead_codes_ += citizens_[i].wish_n;
    dead_visits_ += citizens_[i].visit_n;
    if (static_cast<std::size_t>(i) + 1 != citizens_.size()) citizens_[i] = std::move(citizens_.back());
    citizens_.pop_back();
  }

  [[nodiscard]] const TaskInfo& task(std::int32_t t) const { return tasks_[t]; }
  [[nodiscard]] const CitizenInfo& citizen(std::int32_t c) const { return citizens_[c]; }
  /// Whether every competence set's mask is exact (the vocabulary has at most 64 words).
  [[nodiscard]] bool masks() const noexcept { return masks_; }

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
    return score(citizens_[ci], ci, ti, dist, b, why);
  }
  /// score() for a citizen given by its precomputed part `cx` (citizen_info()); `ci` is the
  /// market's index of the citizen, read only to explain a missing competence.
  bool score(const CitizenInfo& cx, std::int32_t ci, std::int32_t ti, std::int32_t dist, ScoreBreakdown& b,
             std::vector<RejectReason>* why) const {
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
  /// What a task takes from its company and slots: whether it takes anyone, and the readiness points.
  void company_fields(TaskInfo& ti, const Task& t) const {
    const Company& co = m_.companies[static_cast<std::size_t>(ti.company)];
    ti.open = t.slots > 0 && co.capacity > 0;
    ti.readiness = readiness_points(co, w_);
  }
  /// Interns `words` into `s`: its sorted ids, and its mask while the vocabulary fits 64 bits.
  void competences(CompetenceSet& s, const std::vector<std::string>& words) {
    s.ids = vocab_.ids(words);
    s.mask = 0;
    for (auto id : s.ids)
      if (id < 64) s.mask |= std::uint64_t{1} << id;
    masks_ = masks_ && vocab_.size() <= 64;
  }
  /// Reclaims the codes and visits of replaced and removed tasks and citizens once they are more
  /// than half of the storage (amortised: each update pays for a constant share).
  void compact_if_sparse() {
    if (dead_codes_ * 2 <= codes_.size() + 4096 && dead_visits_ * 2 <= visits_.size() + 4096) return;
    std::vector<PackedCode> codes;
    std::vector<std::int32_t> visits;
    codes.reserve(codes_.size() - dead_codes_);
    visits.reserve(visits_.size() - dead_visits_);
    for (auto& t : tasks_) {
      const auto off = static_cast<std::uint32_t>(codes.size());
      codes.insert(codes.end(), codes_.begin() + t.code_off, codes_.begin() + t.code_off + t.code_n);
      t.code_off = off;
    }
    for (auto& c : citizens_) {
      const auto off = static_cast<std::uint32_t>(codes.size());
      codes.insert(codes.end(), codes_.begin() + c.wish_off, codes_.begin() + c.wish_off + c.wish_n);
      c.wish_off = off;
      const auto voff = static_cast<std::uint32_t>(visits.size());
      visits.insert(visits.end(), visits_.begin() + c.visit_off, visits_.begin() + c.visit_off + c.visit_n);
      c.visit_off = voff;
    }
    codes_ = std::move(codes);
    visits_ = std::move(visits);
    dead_codes_ = dead_visits_ = 0;
  }

  const Market& m_;
  const MatchWeights& w_;
  Vocabulary vocab_;
  bool masks_ = true;  // every competence set's mask is exact (the vocabulary has at most 64 words)
  std::vector<PackedCode> codes_;
  std::vector<std::int32_t> visits_;
  std::vector<TaskInfo> tasks_;
  std::vector<CitizenInfo> citizens_;
  std::size_t dead_codes_ = 0, dead_visits_ = 0;  // codes_ and visits_ entries no task or citizen uses
};

inline void check_index(std::int32_t i, std::size_t n, const char* field) {
  if (i < 0 || static_cast<std::size_t>(i) >= n)
    throw Error(Errc::invalid_argument, field, std::to_string(i), "index out of range (size " + std::to_string(n) + ")");
}

/// Fills a match's reasons and concerns from its breakdown; `co` is the task's company (nullptr:
/// no company line). Defined in matching.cpp.
void explain_with(const Market& m, Match& x, const Company* co, const MatchWeights& w);

/// One candidate found for a top list: the other side's index, the score and its breakdown.
struct Hit {
  std::int32_t score = 0;
  std::int32_t id = -1;  // a task (a citizen's list) or a citizen (a task's list)
  ScoreBreakdown breakdown;
};

/// Orders hits as the top lists do (kanten/bipartite/topk.hpp): score descending, ties by lower
/// index, each index once (a search may find one pair twice, under two occupation prefixes).
/// Without repeats, only the best `keep` are ordered and kept.
inline void rank(std::vector<Hit>& hits, bool may_repeat, std::size_t keep) {
  auto better = [](const Hit& a, const Hit& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; };
  if (!may_repeat && keep < hits.size()) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(), better);
    hits.resize(keep);
    return;
  }
  std::sort(hits.begin(), hits.end(), better);
  hits.erase(std::unique(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.id == b.id; }),
             hits.end());
}

/// Citizen `ci`'s best k of the ranked task hits, at most `per_company` of one company (as
/// bipartite::BipartiteIndex::top_rights), as matches, explained when `explain`.
inline std::vector<Match> best_tasks(const Market& m, const Scorer& s, std::int32_t ci, const std::vector<Hit>& ranked,
                                     std::int32_t k, std::int32_t per_company, bool explain, const MatchWeights& w) {
  std::vector<Match> out;
  std::unordered_map<std::int32_t, std::int32_t> taken;  // by company
  for (const Hit& h : ranked) {
    if (static_cast<std::int64_t>(out.size()) >= k) break;
    const std::int32_t co = s.task(h.id).company;
    std::int32_t& n = taken[co];
    if (n >= per_company) continue;
    ++n;
    Match x;
    x.citizen = ci;
    x.task = h.id;
    x.breakdown = h.breakdown;
    if (explain) explain_with(m, x, &m.companies[static_cast<std::size_t>(co)], w);
    out.push_back(std::move(x));
  }
  return out;
}

/// Task `ti`'s best k of the ranked citizen hits, as matches, explained when `explain`.
inline std::vector<Match> best_citizens(const Market& m, const Scorer& s, std::int32_t ti, const std::vector<Hit>& ranked,
                                        std::int32_t k, bool explain, const MatchWeights& w) {
  std::vector<Match> out;
  const Company& co = m.companies[static_cast<std::size_t>(s.task(ti).company)];
  for (const Hit& h : ranked) {
    if (static_cast<std::int64_t>(out.size()) >= k) break;
    Match x;
    x.citizen = h.id;
    x.task = ti;
    x.breakdown = h.breakdown;
    if (explain) explain_with(m, x, &co, w);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace kanten::inline v1::detail
