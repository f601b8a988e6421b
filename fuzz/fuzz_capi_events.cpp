// fuzz/fuzz_capi_events.cpp — libFuzzer target: bytes → typed kanten_events through the C ABI →
// evaluation, every accessor, JSON out, explanation, caseload and worklist.
//
// Issue 4, "Hard to break": whatever a case system passes through kanten.h — any kind number,
// any date triple, any minutes, NULL or empty strings, arrays with NULL elements — the C ABI
// either carries the event (and the evaluation reports what it could not apply) or refuses it
// with KANTEN_EINVAL and a message; it never crashes, leaks or trips a sanitizer.
// Invariants checked (a failure traps, so libFuzzer records the input):
//   - every status is 0 or a documented negative code; a failure leaves a non-empty message,
//     a success an empty one;
//   - every event added is accounted for: applied + not applied + after as-of = events;
//   - the step is a step; every enum a result reports has a name.
//
// Build: cmake -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 -DKANTEN_BUILD_FUZZERS=ON
// Run:   build/fuzz/fuzz_capi_events -max_total_time=60 fuzz/corpus/capi_events
#include "kanten.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void require_status(int status) {
  require(status <= 0 && status >= KANTEN_EINTERNAL);
  require(status != KANTEN_EINTERNAL);  // an internal error is a bug
  const char* msg = kanten_last_error();
  require(msg != nullptr);
  require(status == KANTEN_OK ? msg[0] == '\0' : msg[0] != '\0');
}

// Small pools, so ids meet each other (failure ids must match for the sanction rules to run).
const char* const kIds[] = {"F1", "F2", "", "jf-1", "company-1", "F1", "jf-2", "0101901234"};

const char* pick_string(FuzzedDataProvider& in, std::vector<std::string>& keep) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return nullptr;
    case 1: keep.push_back(in.ConsumeRandomLengthString(16)); return keep.back().c_str();
    default: return kIds[in.ConsumeIntegralInRange<std::size_t>(0, sizeof kIds / sizeof kIds[0] - 1)];
  }
}

// Mostly plausible values (so the engine gets deep), sometimes anything at all.
int pick_enum(FuzzedDataProvider& in, int count) {
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) return in.ConsumeIntegral<int>();
  return in.ConsumeIntegralInRange<int>(0, count - 1);
}

kanten_date pick_date(FuzzedDataProvider& in, kanten_date base) {
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0)
    return {in.ConsumeIntegral<int>(), in.ConsumeIntegral<int>(), in.ConsumeIntegral<int>()};
  // Near the base date: year, month and day stepped independently (so impossible days occur).
  kanten_date d = base;
  d.month += in.ConsumeIntegralInRange<int>(0, 14);
  d.day = in.ConsumeIntegralInRange<int>(1, 31);
  d.year += (d.month - 1) / 12;
  d.month = (d.month - 1) % 12 + 1;
  return d;
}

int32_t pick_minutes(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) return in.ConsumeIntegral<int32_t>();
  return in.ConsumeIntegralInRange<int32_t>(-60, 1500);
}

void walk(const kanten_evaluation* e, std::size_t events) {
  const int step = kanten_evaluation_step(e);
  require(kanten_step_name(step) != nullptr);
  kanten_date d;
  require(kanten_evaluation_since(e, &d) >= 0);
  kanten_step_change ch = KANTEN_STEP_CHANGE_INIT;
  require(kanten_evaluation_exit(e, &ch) >= 0);
  for (std::size_t i = 0; i < kanten_evaluation_history_count(e); ++i) {
    require(kanten_evaluation_history(e, i, &ch) == KANTEN_OK);
    require(kanten_step_name(ch.from) && kanten_step_name(ch.to) && ch.rule);
  }
  for (std::size_t i = 0; i < kanten_evaluation_missing_count(e); ++i) {
    require(kanten_missing_name(kanten_evaluation_missing(e, i)) != nullptr);
    require(kanten_evaluation_missing_text(e, i) != nullptr);
  }
  for (std::size_t i = 0; i < kanten_evaluation_target_group_reason_count(e); ++i)
    require(kanten_evaluation_target_group_reason_text(e, i) != nullptr);
  const std::size_t not_applied = kanten_evaluation_not_applied_count(e);
  for (std::size_t i = 0; i < not_applied; ++i) {
    kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
    require(kanten_evaluation_not_applied(e, i, &na) == KANTEN_OK);
    require(na.index < events && na.text && na.field && na.value);
    require(kanten_not_applied_reason_name(na.reason) != nullptr);
    require(na.kind == -1 || kanten_event_kind_name(na.kind) != nullptr);
  }
  require(kanten_evaluation_events_applied(e) + not_applied + kanten_evaluation_events_after_as_of(e) == events);
  kanten_month_hours h = KANTEN_MONTH_HOURS_INIT;
  for (std::size_t i = 0; i < kanten_evaluation_hours_count(e); ++i) require(kanten_evaluation_hours(e, i, &h) == 0);
  kanten_violation v = KANTEN_VIOLATION_INIT;
  for (std::size_t i = 0; i < kanten_evaluation_violation_count(e); ++i) require(kanten_evaluation_violation(e, i, &v) == 0);
  require(kanten_evaluation_ordinary_in_trin3_this_month(e) >= 0);
  require(kanten_evaluation_ordinary_in_trin3_this_month(e) <= kanten_evaluation_ordinary_this_month(e));
  kanten_profile p = KANTEN_PROFILE_INIT;
  require(kanten_evaluation_profile(e, &p) == KANTEN_OK && kanten_benefit_name(p.benefit) != nullptr);
  require(kanten_evaluation_profile_period_count(e) >= 1);
  for (std::size_t i = 0; i < kanten_evaluation_profile_period_count(e); ++i) {
    kanten_profile_period pp = KANTEN_PROFILE_PERIOD_INIT;
    require(kanten_evaluation_profile_period(e, i, &pp) == KANTEN_OK);
    require(pp.member == (pp.reason_count == 0 ? 1 : 0));
    for (std::size_t j = 0; j < pp.reason_count; ++j)
      require(kanten_target_group_reason_name(kanten_evaluation_profile_period_reason(e, i, j)) != nullptr);
  }
  kanten_jobformidler_continuity jc = KANTEN_JOBFORMIDLER_CONTINUITY_INIT;
  const int assigned = kanten_evaluation_jobformidler(e, &jc);
  require(assigned == (jc.current != nullptr ? 1 : 0) && jc.days_with_current >= 0);
  require(kanten_evaluation_inactive_since(e, &d) >= 0);
  require(kanten_evaluation_days_in_trin2(e) >= 0);
  require(kanten_evaluation_total_days_in_trin2(e) >= kanten_evaluation_days_in_trin2(e));
  for (std::size_t i = 0; i < kanten_evaluation_agreement_count(e); ++i) {
    kanten_agreement_record a = KANTEN_AGREEMENT_RECORD_INIT;
    require(kanten_evaluation_agreement(e, i, &a) == KANTEN_OK && a.index < events);
    for (std::size_t j = 0; j < a.missing_term_count; ++j)
      require(kanten_missing_name(kanten_evaluation_agreement_missing_term(e, i, j)) != nullptr);
  }
  for (std::size_t i = 0; i < kanten_evaluation_aftercare_count(e); ++i) {
    kanten_aftercare a = KANTEN_AFTERCARE_INIT;
    require(kanten_evaluation_aftercare(e, i, &a) == KANTEN_OK && kanten_channel_name(a.channel) != nullptr);
  }
  for (std::size_t i = 0; i < kanten_evaluation_bus_trip_count(e); ++i) {
    kanten_bus_trip_record b = KANTEN_BUS_TRIP_RECORD_INIT;
    require(kanten_evaluation_bus_trip(e, i, &b) == KANTEN_OK && b.trip != nullptr);
    for (std::size_t j = 0; j < b.company_count; ++j) require(kanten_evaluation_bus_trip_company(e, i, j) != nullptr);
  }
  for (std::size_t i = 0; i < kanten_evaluation_training_count(e); ++i) {
    kanten_training_record t = KANTEN_TRAINING_RECORD_INIT;
    require(kanten_evaluation_training(e, i, &t) == KANTEN_OK && t.track != nullptr);
  }
  for (std::size_t i = 0; i < kanten_evaluation_alert_count(e); ++i) {
    kanten_alert a = KANTEN_ALERT_INIT;
    require(kanten_evaluation_alert(e, i, &a) == KANTEN_OK && a.text != nullptr && a.value >= a.threshold);
    require(kanten_alert_kind_name(a.kind) != nullptr);
  }
  kanten_followup f = KANTEN_FOLLOWUP_INIT;
  require(kanten_evaluation_followup(e, &f) == KANTEN_OK);
  kanten_month m;
  for (std::size_t i = 0; i < f.breached_count; ++i) require(kanten_evaluation_followup_breached(e, i, &m) == 0);
  for (std::size_t i = 0; i < kanten_evaluation_sanction_count(e); ++i) {
    kanten_sanction s = KANTEN_SANCTION_INIT;
    require(kanten_evaluation_sanction(e, i, &s) == KANTEN_OK);
    require(kanten_sanction_status_name(s.status) != nullptr);
    kanten_reason r = KANTEN_REASON_INIT;
    for (std::size_t j = 0; j < s.reason_count; ++j) require(kanten_evaluation_sanction_reason(e, i, j, &r) == 0);
    for (std::size_t j = 0; j < s.pending_count; ++j) require(kanten_evaluation_sanction_pending(e, i, j, &r) == 0);
    char* json = nullptr;
    require(kanten_evaluation_sanction_to_json(e, i, -1, &json) == KANTEN_OK);
    kanten_string_free(json);
  }
  char* json = nullptr;
  require(kanten_evaluation_to_json(e, -1, &json) == KANTEN_OK && json != nullptr);
  kanten_string_free(json);
  char* text = nullptr;
  require(kanten_evaluation_explain(e, &text) == KANTEN_OK && text != nullptr);
  kanten_string_free(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<std::string> keep;
  keep.reserve(4096);  // c_str() pointers into `keep` must stay valid until the event is added

  kanten_profile p = KANTEN_PROFILE_INIT;
  p.benefit = pick_enum(in, KANTEN_BENEFIT_COUNT);
  p.activity_ready = in.ConsumeIntegralInRange<int>(0, 7) != 0;
  p.lives_in_designated_area = in.ConsumeIntegralInRange<int>(0, 7) != 0;
  p.in_integration_programme = in.ConsumeIntegralInRange<int>(0, 7) == 0;
  kanten_case* c = nullptr;
  int status = kanten_case_new("c-fuzz", &p, &c);
  require_status(status);
  if (status != KANTEN_OK) {
    require(status == KANTEN_EINVAL && c == nullptr);
    return 0;
  }

  const kanten_date base{2024, 1, 1};
  std::size_t added = 0;
  while (in.remaining_bytes() > 0 && added < 200 && keep.size() + 8 < keep.capacity()) {
    kanten_event ev = KANTEN_EVENT_INIT;
    ev.kind = in.ConsumeIntegralInRange<int>(0, 20) == 20 ? in.ConsumeIntegral<int>()
                                                           : in.ConsumeIntegralInRange<int>(0, KANTEN_EVENT_KIND_COUNT - 1);
    ev.date = pick_date(in, base);
    ev.outcome = pick_enum(in, KANTEN_VISITATION_OUTCOME_COUNT);
    ev.jobformidler = pick_string(in, keep);
    ev.goal = pick_enum(in, KANTEN_GOAL_COUNT);
    const char* wishes[3] = {"9412", "93", pick_string(in, keep)};
    ev.wishes = in.ConsumeBool() ? wishes : nullptr;
    ev.wish_count = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    ev.rehabilitation_assessment = in.ConsumeBool();
    ev.agreement_kind = pick_enum(in, KANTEN_AGREEMENT_KIND_COUNT);
    ev.start = in.ConsumeBool() ? kanten_date{0, 0, 0} : pick_date(in, base);
    ev.minutes_per_week = pick_minutes(in);
    ev.company = pick_string(in, keep);
    const char* tasks[2] = {"task", pick_string(in, keep)};
    ev.tasks = in.ConsumeBool() ? tasks : nullptr;
    ev.task_count = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    ev.sub_goals = ev.tasks;
    ev.sub_goal_count = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    const int health[2] = {pick_enum(in, KANTEN_HEALTH_COUNT), pick_enum(in, KANTEN_HEALTH_COUNT)};
    ev.health = in.ConsumeBool() ? health : nullptr;
    ev.health_count = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    ev.minutes = pick_minutes(in);
    ev.hours_kind = pick_enum(in, KANTEN_HOURS_KIND_COUNT);
    ev.channel = pick_enum(in, KANTEN_CHANNEL_COUNT);
    ev.failure_id = pick_string(in, keep);
    ev.failure = pick_enum(in, KANTEN_FAILURE_KIND_COUNT);
    ev.cause = pick_enum(in, KANTEN_CAUSE_KIND_COUNT);
    ev.text = pick_string(in, keep);
    ev.vulnerable = in.ConsumeBool();
    ev.promotes_availability = in.ConsumeBool();
    ev.considers_vulnerability = in.ConsumeBool();
    ev.reached = in.ConsumeBool();
    ev.via = pick_enum(in, KANTEN_SELF_SUPPORT_KIND_COUNT);
    // Version 2 fields; sometimes a version 1 struct (whose version 2 fields are never read).
    ev.answer_by = in.ConsumeBool() ? kanten_date{0, 0, 0} : pick_date(in, base);
    ev.has_ordinary_minutes_per_week = in.ConsumeBool();
    ev.ordinary_minutes_per_week = pick_minutes(in);
    ev.profile_change.has_benefit = in.ConsumeBool();
    ev.profile_change.benefit = pick_enum(in, KANTEN_BENEFIT_COUNT);
    ev.profile_change.has_activity_ready = in.ConsumeBool();
    ev.profile_change.activity_ready = in.ConsumeBool();
    ev.profile_change.has_lives_in_designated_area = in.ConsumeBool();
    ev.profile_change.lives_in_designated_area = in.ConsumeBool();
    ev.profile_change.has_in_integration_programme = in.ConsumeBool();
    ev.profile_change.in_integration_programme = in.ConsumeBool();
    ev.trip = pick_string(in, keep);
    ev.attended = in.ConsumeBool();
    const char* companies[2] = {"company-1", pick_string(in, keep)};
    ev.companies = in.ConsumeBool() ? companies : nullptr;
    ev.company_count = in.ConsumeIntegralInRange<std::size_t>(0, 2);
    ev.track = pick_string(in, keep);
    ev.workplace = pick_string(in, keep);
    ev.mentor = pick_string(in, keep);
    ev.end = in.ConsumeBool() ? kanten_date{0, 0, 0} : pick_date(in, base);
    if (in.ConsumeIntegralInRange<int>(0, 15) == 0) ev.version = 1;

    const std::size_t before = kanten_case_event_count(c);
    status = kanten_case_add_event(c, &ev);
    require_status(status);
    require(status == KANTEN_OK || status == KANTEN_EINVAL);
    require(kanten_case_event_count(c) == before + (status == KANTEN_OK ? 1 : 0));
    if (status == KANTEN_OK) ++added;
  }

  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of = {2024 + static_cast<int>(added % 3), 1 + static_cast<int>(added % 12), 28};
  o.has_daily_rate = static_cast<int>(added % 2);
  o.daily_rate = 49100;
  // Alerts on for some inputs (0 is off; every threshold here is in range).
  o.alerts.inactive_days = static_cast<int32_t>(added % 4) * 10;
  o.alerts.trin2_days = static_cast<int32_t>(added % 5) * 15;
  o.alerts.stagnation_months = static_cast<int32_t>(added % 3);
  kanten_evaluation* e = nullptr;
  status = kanten_evaluate(c, &o, &e);
  require_status(status);
  require(status == KANTEN_OK);
  walk(e, kanten_case_event_count(c));
  kanten_evaluation_free(e);

  // The same case in a caseload, its worklist, and through JSON and back.
  kanten_caseload* load = nullptr;
  require(kanten_caseload_new(&load) == KANTEN_OK);
  require(kanten_caseload_add_case(load, c) == KANTEN_OK);
  kanten_evaluations* es = nullptr;
  require(kanten_evaluate_caseload(load, &o, &es) == KANTEN_OK);
  kanten_worklist* w = nullptr;
  require(kanten_followup_worklist(es, &w) == KANTEN_OK);
  char* json = nullptr;
  require(kanten_worklist_to_json(w, -1, &json) == KANTEN_OK);
  kanten_string_free(json);
  kanten_worklist_free(w);
  kanten_worklist_options wo = KANTEN_WORKLIST_OPTIONS_INIT;
  wo.jobformidler = (added % 2) != 0 ? "jf-1" : nullptr;
  wo.group_by_jobformidler = static_cast<int>(added % 3 == 0);
  require(kanten_followup_worklist_v2(es, &wo, &w) == KANTEN_OK);
  for (std::size_t i = 0; i < kanten_worklist_count(w); ++i) {
    kanten_worklist_entry we = KANTEN_WORKLIST_ENTRY_INIT;
    require(kanten_worklist_entry_get(w, i, &we) == KANTEN_OK);
    require(we.followup_due != 0 || we.alert_count > 0);
    for (std::size_t j = 0; j < we.alert_count; ++j) {
      kanten_alert a = KANTEN_ALERT_INIT;
      require(kanten_worklist_entry_alert(w, i, j, &a) == KANTEN_OK);
    }
  }
  kanten_worklist_free(w);
  kanten_evaluations_free(es);
  kanten_caseload_free(load);

  require(kanten_case_to_json(c, -1, &json) == KANTEN_OK);
  kanten_case* back = nullptr;
  status = kanten_case_from_json(json, KANTEN_NUL_TERMINATED, &back);
  require_status(status);
  require(status == KANTEN_OK);
  kanten_string_free(json);
  kanten_case_free(back);
  kanten_case_free(c);
  return 0;
}
