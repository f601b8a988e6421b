// fuzz/fuzz_workplace_json.cpp — libFuzzer target: bytes → the bus-trip and training request readers
// (include/kanten/bus.hpp, include/kanten/training.hpp) → the plans, attendance and JSON out.
//
// Whatever text arrives, the readers either return a request or throw kanten::Error, and the
// planners never crash, leak or trip a sanitizer. Invariants checked (a failure traps):
//   - every referral ends in exactly one group or in left_out; groups keep the model's sizes and
//     each trip has at most the model's visits;
//   - attendance with everyone present invites nobody again;
//   - no workplace gets more new tracks than it has mentors free, nor more than its capacity;
//     every requested citizen is placed or reported; no company view of a finished track names
//     the citizen.
#include "kanten/bus.hpp"
#include "kanten/error.hpp"
#include "kanten/training.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace k = kanten;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void bus(std::string_view text) {
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
  (void)k::to_json(plan, req.market, req.referrals);
  if (!plan.groups.empty() && !plan.groups[0].trips.empty()) {
    std::vector<std::string> all;
    for (const auto& p : plan.groups[0].participants) all.push_back(req.market.citizens.at(p.citizen).id);
    const auto a = k::record_attendance(req.market, plan, 0, 0, k::Date(2026, 3, 12), all);
    require(a.invite_next.empty() && a.came.size() == all.size());
    (void)k::to_json(a);
  }
}

void training(std::string_view text) {
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
    const auto after = k::company_view(t, t.end + boost::gregorian::days(1));
    require(after.ended && !after.citizen && after.accommodations.empty());
  }
  for (const auto& l : plan.mentors) {
    const auto& co = in.market.companies.at(static_cast<std::size_t>(l.company));
    require(placed[co.id] <= l.free());
    require(placed[co.id] <= std::max(0, co.capacity));
  }
  (void)k::to_json(plan, in.market);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bus(text);
  training(text);
  return 0;
}
