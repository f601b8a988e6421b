// capi/kanten_c_workplace.cpp — the C ABI over bus trips (002) and social training tracks (001).
// Same conventions as kanten_c.cpp (kanten_c_internal.hpp): guard() around every body.
#include "kanten.h"
#include "kanten_c_internal.hpp"

#include <kanten/programme/bus.hpp>
#include <kanten/programme/training.hpp>

namespace k = kanten;
using namespace kanten_capi;

namespace {
kanten_range range_of(const k::Range& r) { return {r.low, r.high}; }
}  // namespace

extern "C" {

int kanten_bus_eligibility(const kanten_bus_referral* r, int model, kanten_bus_answer* out, char** reason) noexcept {
  if (reason) *reason = nullptr;
  return guard(__func__, [&] {
    need(r, "r");
    need(out, "out");
    need_version(r->version, KANTEN_BUS_REFERRAL_VERSION, "r->version");
    need_version(out->version, KANTEN_BUS_ANSWER_VERSION, "out->version");
    if (model != 1 && model != 2)
      throw k::Error(k::Errc::invalid_argument, "model", std::to_string(model), "must be 1 or 2");
    k::BusReferral b;
    b.activity_ready = r->activity_ready != 0;
    if (r->age >= 0) b.age = r->age;
    b.vocational_education = r->vocational_education != 0;
    b.exempt_from_activity = r->exempt_from_activity != 0;
    b.caseworker_finds_it_helps = r->caseworker_finds_it_helps != 0;
    const auto a = k::bus_eligibility(b, model == 1 ? k::bus_model_1() : k::bus_model_2());
    out->answer = static_cast<int>(a.answer);
    out->category = static_cast<int>(a.category);
    out->seed = cstr(a.source.seed);
    out->section = cstr(a.source.section);
    out->quote = cstr(a.source.quote);
    if (reason) *reason = hand_over(a.reason);
    return KANTEN_OK;
  });
}

int kanten_bus_trip_cost(std::int32_t participants, std::int64_t staff_dkk_per_hour, kanten_trip_cost* out) noexcept {
  return guard(__func__, [&] {
    need(out, "out");
    need_version(out->version, KANTEN_TRIP_COST_VERSION, "out->version");
    // A negative rate means "unpriced"; the bounds (participants 0–max_trip_participants, a rate up
    // to max_staff_dkk_per_hour) are trip_cost()'s own: KANTEN_EINVAL naming the field beyond them.
    const auto c = k::trip_cost(participants, staff_dkk_per_hour < 0 ? std::nullopt : std::optional(staff_dkk_per_hour));
    out->bus_dkk = range_of(c.bus_dkk);
    out->food_dkk = range_of(c.food_dkk);
    out->planning_staff_minutes = range_of(c.planning_staff_minutes);
    out->running_staff_minutes = range_of(c.running_staff_minutes);
    out->total_dkk = range_of(c.total_dkk);
    return KANTEN_OK;
  });
}

int kanten_bus_plan_json(const char* text, std::size_t length, int indent, char** out) noexcept {
  return kanten_bus_plan_json_v2(text, length, nullptr, indent, out);
}
int kanten_bus_plan_json_v2(const char* text, std::size_t length, const kanten_read_options* options, int indent,
                            char** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_bus_plan_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    k::BusRequest req = k::bus_request_from_json(t, o);
    req.options.model = &k::bus_model(req.model);
    const auto plan = k::plan_bus_trips(req.market, req.referrals, req.options);
    *out = hand_over(k::to_json(plan, req.market, req.referrals, indent, req.warnings));
    return KANTEN_OK;
  });
}

int kanten_route_workplace(int close_to_ordinary_job, int close_to_special_terms_job, int* route, char** reason) noexcept {
  if (reason) *reason = nullptr;
  return guard(__func__, [&] {
    need(route, "route");
    const auto a = k::route_workplace({close_to_ordinary_job != 0, close_to_special_terms_job != 0});
    *route = static_cast<int>(a.route);
    if (reason) *reason = hand_over(a.reason);
    return KANTEN_OK;
  });
}

int kanten_training_plan_json(const char* text, std::size_t length, kanten_date start, int indent, char** out) noexcept {
  return kanten_training_plan_json_v2(text, length, nullptr, start, indent, out);
}
int kanten_training_plan_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                                 kanten_date start, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_training_plan_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::TrainingInput in = k::training_input_from_json(t, read_options_of(options));
    k::TrainingOptions o;
    const bool given = !(start.year == 0 && start.month == 0 && start.day == 0);
    o.start = given ? to_date(start) : in.start;
    if (given && o.start.is_special())
      throw k::Error(k::Errc::invalid_argument, "start",
                     std::to_string(start.year) + "-" + std::to_string(start.month) + "-" + std::to_string(start.day),
                     "not a calendar date");
    if (o.start.is_special())
      throw k::Error(k::Errc::invalid_argument, "start", "", "a start date is required (argument or training.start)");
    o.ongoing = in.ongoing;
    o.citizens_per_mentor = in.citizens_per_mentor;
    *out = hand_over(k::to_json(k::plan_training_tracks(in.market, in.requests, o), in.market, indent, in.warnings));
    return KANTEN_OK;
  });
}

}  // extern "C"
