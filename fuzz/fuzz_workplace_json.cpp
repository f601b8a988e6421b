// fuzz/fuzz_workplace_json.cpp — libFuzzer target: bytes → the bus-trip and training request readers
// (include/kanten/programme/bus.hpp, include/kanten/programme/training.hpp) → the plans, attendance and JSON out.
//
// Whatever text arrives, the readers either return a request or throw kanten::Error, and the
// planners never crash, leak or trip a sanitizer. Invariants checked (a failure traps):
//   - every referral ends in exactly one group or in left_out; groups keep the model's sizes and
//     each trip has at most the model's visits;
//   - attendance with everyone present invites nobody again;
//   - no workplace gets more new tracks than it has mentors free, nor more than its capacity;
//     every requested citizen is placed or reported; no company view of a finished track names
//     the citizen;
//   - trip_cost() with extreme inputs taken from the bytes: inside the documented bounds
//     (max_trip_participants, max_staff_dkk_per_hour) every amount is non-negative, low <= high and
//     the total holds bus and food; outside them it throws kanten::Error(invalid_argument) naming
//     the input — never a wrapped amount;
//   - the JSON writers with an indent taken from the bytes either write or throw kanten::Error
//     (invalid_argument, field "indent").
#include "kanten/programme/bus.hpp"
#include "kanten/core/error.hpp"
#include "kanten/programme/training.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace k = kanten;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

/// Numbers taken from the input's bytes (zero where it is short): raw, and folded near the bounds.
struct Knobs {
  std::int32_t participants = 0;
  std::int64_t rate = 0;
  std::int32_t indent = 0;
  bool priced = false;
};

Knobs knobs_of(const std::uint8_t* data, std::size_t size) {
  std::uint8_t b[17] = {};
  std::memcpy(b, data, std::min(size, sizeof b));
  Knobs k;
  std::memcpy(&k.participants, b, 4);
  std::memcpy(&k.rate, b + 4, 8);
  std::memcpy(&k.indent, b + 12, 4);
  k.priced = (b[16] & 1U) != 0;
  return k;
}

/// trip_cost() either prices the trip with sane amounts or refuses an input beyond its bound.
void cost(std::int32_t participants, std::optional<std::int64_t> rate) {
  const bool in_range = participants >= 0 && participants <= k::max_trip_participants &&
                        (!rate || (*rate >= 0 && *rate <= k::max_staff_dkk_per_hour));
  try {
    const k::TripCost c = k::trip_cost(participants, rate);
    require(in_range);
    for (const k::Range& r : {c.bus_dkk, c.food_dkk, c.planning_staff_minutes, c.running_staff_minutes, c.total_dkk})
      require(r.low >= 0 && r.low <= r.high);
    require(c.total_dkk.low >= c.bus_dkk.low + c.food_dkk.low && c.total_dkk.high >= c.bus_dkk.high + c.food_dkk.high);
  } catch (const k::Error& e) {
    require(!in_range && e.code() == k::Errc::invalid_argument);
    require(e.field() == "participants" || e.field() == "staff_dkk_per_hour");
  }
}

void costs(const Knobs& n) {
  const auto rate = [&](std::int64_t r) { return n.priced ? std::optional<std::int64_t>(r) : std::nullopt; };
  cost(n.participants, rate(n.rate));  // raw: mostly far out of range
  // Folded to just around the bounds: -101..101 citizens, -10001..10001 kr an hour.
  cost(n.participants % (k::max_trip_participants + 2), rate(n.rate % (k::max_staff_dkk_per_hour + 2)));
  cost(k::max_trip_participants, rate(k::max_staff_dkk_per_hour));
}

/// Calls a writer with an indent from the input: it writes, or refuses the indent by name.
template <class F>
void write(const F& f, std::int32_t indent) {
  for (const int i : {static_cast<int>(indent), static_cast<int>(indent % 40) - 2}) {
    try {
      (void)f(i);
    } catch (const k::Error& e) {
      require(e.code() == k::Errc::invalid_argument && e.field() == "indent");
    }
  }
}

void bus(std::string_view text, const Knobs& n) {
  k::BusRequest req;
  try {
    req = k::bus_request_from_json(text);
    req.options.model = &k::bus_model(req.model);
  } catch (const k::Error&) {
    return;
  }
  k::BusPlan plan;
  try {
    plan = k::plan_bus_trips(req.market, req.referrals, req.options);
  } catch (const k::Error&) {
    return;  // e.g. a referral naming no citizen of the market: reported by the planner
  }
  const k::BusModel& model = *req.options.model;
  std::vector<int> seen(req.referrals.size(), 0);
  std::map<std::string, std::size_t> referral_of;
  for (std::size_t r = 0; r < req.referrals.size(); ++r) referral_of[req.referrals[r].citizen] = r;
  for (const auto& g : plan.groups) {
    require(static_cast<std::int32_t>(g.participants.size()) >= model.min_participants);
    require(static_cast<std::int32_t>(g.participants.size()) <= model.max_participants);
    require(static_cast<std::int32_t>(g.trips.size()) == model.trips_per_group);
    for (const auto& t : g.trips) require(static_cast<std::int32_t>(t.visits.size()) <= model.visits_per_trip);
    for (const auto& p : g.participants) ++seen[referral_of.at(req.market.citizens.at(p.citizen).id)];
  }
  for (const auto& l : plan.left_out) ++seen.at(static_cast<std::size_t>(l.referral));
  for (int s : seen) require(s == 1);
  require(plan.eligibility.size() == req.referrals.size());
  for (const auto& g : plan.groups)
    for (const auto& t : g.trips)
      for (const k::Range& r : {t.cost.food_dkk, t.cost.total_dkk}) require(r.low >= 0 && r.low <= r.high);
  write([&](int indent) { return k::to_json(plan, req.market, req.referrals, indent); }, n.indent);
  if (!plan.groups.empty() && !plan.groups[0].trips.empty()) {
    std::vector<std::string> all;
    for (const auto& p : plan.groups[0].participants) all.push_back(req.market.citizens.at(p.citizen).id);
    const auto a = k::record_attendance(req.market, plan, 0, 0, k::Date(2026, 3, 12), all);
    require(a.invite_next.empty() && a.came.size() == all.size());
    write([&](int indent) { return k::to_json(a, indent); }, n.indent);
  }
}

void training(std::string_view text, const Knobs& n) {
  k::TrainingInput in;
  try {
    in = k::training_input_from_json(text);
  } catch (const k::Error&) {
    return;
  }
  k::TrainingOptions o;
  o.start = in.start.is_special() ? k::Date(2026, 2, 2) : in.start;
  o.ongoing = in.ongoing;
  k::TrainingPlan plan;
  try {
    plan = k::plan_training_tracks(in.market, in.requests, o);
  } catch (const k::Error&) {
    return;  // e.g. an ongoing track at a company that is not in the market
  }
  require(plan.tracks.size() + plan.unplaced.size() == in.requests.size());
  std::map<std::string, std::int32_t> placed;
  for (const auto& t : plan.tracks) {
    ++placed[t.company];
    require(!t.end.is_special() && t.end >= t.start);
    const auto last = k::company_view(t, t.end);
    require(!last.ended && last.citizen == t.citizen);
    if (t.end < k::Date(9999, 12, 31)) {
      const auto after = k::company_view(t, t.end + boost::gregorian::days(1));
      require(after.ended && !after.citizen && after.per_week == 0 && after.accommodations.empty());
      write([&](int indent) { return k::to_json(after, indent); }, n.indent);
    }
  }
  for (const auto& l : plan.mentors) {
    const auto& co = in.market.companies.at(static_cast<std::size_t>(l.company));
    require(placed[co.id] <= l.free());
    require(placed[co.id] <= std::max(0, co.capacity));
  }
  write([&](int indent) { return k::to_json(plan, in.market, indent); }, n.indent);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Knobs n = knobs_of(data, size);
  costs(n);
  bus(text, n);
  training(text, n);
  return 0;
}
