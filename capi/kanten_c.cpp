// capi/kanten_c.cpp — the C ABI over kanten's C++ API: cases, evaluation, worklist, sanctions.
//
// leveldb's c.cc is the model: each handle is a struct holding the C++ value (`rep`), and one
// function (status_of_current_exception) turns every C++ exception into a status and this
// thread's message. Every extern "C" body is noexcept and runs inside guard()/guard_value().
#include "kanten.h"

#include <string_view>

// The C header's version must be the library's: capture it, then compare with version.hpp's.
namespace {
constexpr int c_header_version_number = KANTEN_VERSION_NUMBER;
constexpr int c_header_version_major = KANTEN_VERSION_MAJOR;
constexpr std::string_view c_header_version_string = KANTEN_VERSION_STRING;
}  // namespace
#undef KANTEN_VERSION_MAJOR
#undef KANTEN_VERSION_MINOR
#undef KANTEN_VERSION_PATCH
#undef KANTEN_VERSION_NUMBER
#include <kanten/core/version.hpp>
static_assert(c_header_version_number == KANTEN_VERSION_NUMBER,
              "capi/kanten.h and include/kanten/core/version.hpp disagree on the version");
static_assert(c_header_version_major == KANTEN_VERSION_MAJOR);
static_assert(c_header_version_string == kanten::version_string,
              "capi/kanten.h's KANTEN_VERSION_STRING is not include/kanten/core/version.hpp's version");

#include "kanten_c_internal.hpp"

#include <kanten/rules/evaluate.hpp>
#include <kanten/rules/sanction.hpp>
#include <kanten/rules/events.hpp>
#include <kanten/rules/json.hpp>
#include <kanten/match/matching.hpp>  // MatchMode only: the header, never the engine
#include <kanten/rules/model.hpp>
#include <kanten/programme/programme.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace k = kanten;

static_assert(KANTEN_MAX_ALERT_DAYS == k::max_alert_days, "KANTEN_MAX_ALERT_DAYS is not kanten::max_alert_days");
static_assert(KANTEN_MAX_ALERT_MONTHS == k::max_alert_months, "KANTEN_MAX_ALERT_MONTHS is not kanten::max_alert_months");

// The C enums are the C++ vocabularies (same values, same counts): checked exhaustively, one
// table per vocabulary, in kanten_c_vocabulary.cpp.

// ---------------------------------------------------------------------------------------------
// The handles
// ---------------------------------------------------------------------------------------------
// kanten_case, kanten_caseload and kanten_evaluation are in kanten_c_internal.hpp (the streaming
// reader, kanten_c_stream.cpp, makes them too).
struct kanten_evaluations {
  std::vector<k::Evaluation> rep;
  std::unique_ptr<kanten_evaluation[]> views;  ///< views[i].rep == &rep[i]
  k::Date as_of;
};
struct kanten_worklist {
  std::vector<k::WorklistEntry> rep;
  std::vector<std::vector<std::string>> alert_texts;  ///< alert_texts[i][j] = describe(rep[i].alerts[j])
  k::Date as_of;
};
struct kanten_sanction_question {
  k::SanctionQuestion rep;
};

// ---------------------------------------------------------------------------------------------
// Shared helpers (kanten_c_internal.hpp)
// ---------------------------------------------------------------------------------------------
namespace kanten_capi {
namespace {
// A fixed buffer: trivially destructible, so thread exit and signal-free paths cost nothing.
constexpr std::size_t message_capacity = 1024;
thread_local char last_message[message_capacity] = "";
}  // namespace

void clear_error() noexcept { last_message[0] = '\0'; }

void set_error(const char* func, std::string_view message) noexcept {
  std::size_t n = 0;
  auto put = [&](std::string_view s) {
    for (char ch : s) {
      if (n + 1 >= message_capacity) return;
      last_message[n++] = ch;
    }
  };
  put(func);
  put(": ");
  put(message);
  if (n + 1 >= message_capacity) {
    // Truncated: back off to a UTF-8 character boundary so the message stays valid UTF-8.
    while (n > 0 && (static_cast<unsigned char>(last_message[n - 1]) & 0xC0) == 0x80) --n;
    if (n > 0 && (static_cast<unsigned char>(last_message[n - 1]) & 0x80) != 0) --n;
  }
  last_message[n] = '\0';
}

int status_of_current_exception(const char* func) noexcept {
  try {
    throw;
  } catch (const k::Error& e) {
    set_error(func, e.what());
    return -static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    set_error(func, "out of memory");
    return KANTEN_ENOMEM;
  } catch (const std::exception& e) {
    try {
      set_error(func, std::string("internal error: ") + e.what());
    } catch (...) {
      set_error(func, "internal error");
    }
    return KANTEN_EINTERNAL;
  } catch (...) {
    set_error(func, "internal error: an unknown exception");
    return KANTEN_EINTERNAL;
  }
}

void need_index(std::size_t i, std::size_t count, const char* name) {
  if (i >= count)
    throw k::Error(k::Errc::invalid_argument, "", "",
                   std::string("parameter '") + name + "' is " + std::to_string(i) + ", out of range (there are " +
                       std::to_string(count) + ")");
}

void need_version(unsigned version, unsigned current, const char* field) {
  if (version == 0 || version > current)
    throw k::Error(k::Errc::invalid_argument, field, std::to_string(version),
                   "unknown struct version (this library knows 1–" + std::to_string(current) +
                       "; initialise the struct with its _INIT macro)");
}

k::Date to_date(const kanten_date& d) noexcept {
  using cal = boost::gregorian::gregorian_calendar;
  if (d.year < 1400 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return k::Date(boost::date_time::not_a_date_time);
  const auto y = static_cast<unsigned short>(d.year), m = static_cast<unsigned short>(d.month);
  if (d.day > cal::end_of_month_day(y, m)) return k::Date(boost::date_time::not_a_date_time);
  return k::Date(y, m, static_cast<unsigned short>(d.day));
}

kanten_date from_date(const k::Date& d) noexcept {
  if (d.is_special()) return {0, 0, 0};
  const auto ymd = d.year_month_day();
  return {static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day)};
}

k::ReadOptions read_options_of(const kanten_read_options* options) {
  k::ReadOptions o;
  if (options == nullptr) return o;
  need_version(options->version, KANTEN_READ_OPTIONS_VERSION, "options.version");
  o.strict = options->strict != 0;
  if (options->max_bytes != 0)
    o.max_bytes = options->max_bytes > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(options->max_bytes);
  return o;
}

int warning_out(const std::vector<k::InputWarning>& warnings, std::size_t i, kanten_input_warning* out) {
  need(out, "out");
  need_version(out->version, KANTEN_INPUT_WARNING_VERSION, "out.version");
  need_index(i, warnings.size(), "i");
  out->field = warnings[i].field.c_str();
  out->message = warnings[i].message.c_str();
  return KANTEN_OK;
}

std::string_view text_of(const char* text, std::size_t length, const char* name) {
  need(text, name);
  return length == KANTEN_NUL_TERMINATED ? std::string_view(text) : std::string_view(text, length);
}

char* hand_over(const std::string& s) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size() + 1);
  return p;
}
}  // namespace kanten_capi

using namespace kanten_capi;

namespace {

kanten_month month_of(k::YearMonth m) noexcept { return {m.year(), m.month()}; }

/// An int field of a C struct as a C++ enum; out of range is KANTEN_EINVAL naming field and value.
template <class Enum>
Enum enum_field(int v, const char* field, const char* what) {
  if (v < 0 || static_cast<std::size_t>(v) >= k::enum_size<Enum>)
    throw k::Error(k::Errc::invalid_argument, field, std::to_string(v),
                   std::string("not a ") + what + " (0–" + std::to_string(k::enum_size<Enum> - 1) + ")");
  return static_cast<Enum>(v);
}

/// A required C string, copied; NULL is KANTEN_EINVAL naming the field.
std::string required(const char* s, const char* field) {
  if (s == nullptr) throw k::Error(k::Errc::invalid_argument, field, "", "missing: the field is required (NULL)");
  return s;
}
std::string optional_text(const char* s) { return s == nullptr ? std::string() : std::string(s); }

/// A C array of strings, copied; a NULL array with a count, or a NULL element, is KANTEN_EINVAL.
std::vector<std::string> strings(const char* const* a, std::size_t n, const char* field) {
  if (a == nullptr && n != 0)
    throw k::Error(k::Errc::invalid_argument, std::string(field), std::to_string(n), "a NULL array with a non-zero count");
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] == nullptr)
      throw k::Error(k::Errc::invalid_argument, std::string(field) + "[" + std::to_string(i) + "]", "", "a NULL string");
    out.emplace_back(a[i]);
  }
  return out;
}

/// An opaque id of a version 2 event field, copied: KANTEN_EINVAL naming the field when it is
/// NULL (required), empty (required) or shaped like a CPR number (decision "No CPR numbers"
/// (docs/decisions.md): the value is not echoed). An optional id may be NULL or "" (not given).
std::string id_field(const char* s, const std::string& field, bool required_id) {
  if (s == nullptr) {
    if (!required_id) return {};
    throw k::Error(k::Errc::invalid_argument, field, "", "missing: the field is required (NULL)");
  }
  if (*s == '\0' && required_id) throw k::Error(k::Errc::invalid_argument, field, "", "an id must not be empty");
  if (k::looks_like_cpr(s))
    throw k::Error(k::Errc::invalid_argument, field, "",
                   "looks like a CPR number (ten digits, or DDMMYY-XXXX); kanten takes opaque ids only, never a "
                   "CPR number");
  return s;
}

/// A C array of required ids (id_field for each), copied.
std::vector<std::string> id_fields(const char* const* a, std::size_t n, const char* field) {
  if (a == nullptr && n != 0)
    throw k::Error(k::Errc::invalid_argument, std::string(field), std::to_string(n), "a NULL array with a non-zero count");
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(id_field(a[i], std::string(field) + "[" + std::to_string(i) + "]", true));
  return out;
}

/// An optional date of an event: {0, 0, 0} is "not given" (not-a-date); anything else must be a
/// valid date, since not-a-date would silently read as "not given".
k::Date optional_date(const kanten_date& d, const char* field) {
  if (d.year == 0 && d.month == 0 && d.day == 0) return k::Date(boost::date_time::not_a_date_time);
  const k::Date out = to_date(d);
  if (out.is_special())
    throw k::Error(k::Errc::invalid_argument, field,
                   std::to_string(d.year) + "-" + std::to_string(d.month) + "-" + std::to_string(d.day),
                   "not a valid date (years 1400–9999); {0, 0, 0} means not given");
  return out;
}

/// A profile change from C: only the circumstances whose has_ flag is set; at least one.
k::ProfileChanged profile_change_of(const kanten_profile_change& p) {
  k::ProfileChanged out;
  if (p.has_benefit != 0) out.benefit = enum_field<k::Benefit>(p.benefit, "event.profile_change.benefit", "benefit");
  if (p.has_activity_ready != 0) out.activity_ready = p.activity_ready != 0;
  if (p.has_lives_in_designated_area != 0) out.lives_in_designated_area = p.lives_in_designated_area != 0;
  if (p.has_in_integration_programme != 0) out.in_integration_programme = p.in_integration_programme != 0;
  if (!out.benefit && !out.activity_ready && !out.lives_in_designated_area && !out.in_integration_programme)
    throw k::Error(k::Errc::invalid_argument, "event.profile_change", "",
                   "changes nothing: set at least one of has_benefit, has_activity_ready, "
                   "has_lives_in_designated_area, has_in_integration_programme");
  return out;
}

k::Profile profile_of(const kanten_profile* p) {
  k::Profile out;
  if (p == nullptr) return out;
  need_version(p->version, KANTEN_PROFILE_VERSION, "profile.version");
  out.benefit = enum_field<k::Benefit>(p->benefit, "profile.benefit", "benefit");
  out.activity_ready = p->activity_ready != 0;
  out.lives_in_designated_area = p->lives_in_designated_area != 0;
  out.in_integration_programme = p->in_integration_programme != 0;
  return out;
}

/// A C event as a kanten::Event. Carries what the engine reports (dates, durations, empty ids);
/// throws for what C++ cannot represent.
k::Event event_of(const kanten_event& e) {
  need_version(e.version, KANTEN_EVENT_VERSION, "event.version");
  if (e.kind < 0 || e.kind >= KANTEN_EVENT_KIND_COUNT)
    throw k::Error(k::Errc::invalid_argument, "event.kind", std::to_string(e.kind),
                   "not an event kind (0–" + std::to_string(KANTEN_EVENT_KIND_COUNT - 1) + ")");
  // A version 1 struct ends after `via`: its caller knows only the kinds before profile_changed,
  // and nothing after `via` may be read from it.
  const bool v2 = e.version >= 2;
  if (!v2 && e.kind >= KANTEN_EVENT_PROFILE_CHANGED)
    throw k::Error(k::Errc::invalid_argument, "event.kind", std::to_string(e.kind),
                   "an event kind added in version 2 needs a version 2 event (initialise it with KANTEN_EVENT_INIT)");
  k::Event out;
  out.date = to_date(e.date);
  switch (static_cast<k::EventKind>(e.kind)) {
    case k::EventKind::first_conversation: out.data = k::FirstConversation{}; break;
    case k::EventKind::visitation:
      out.data = k::Visitation{enum_field<k::VisitationOutcome>(e.outcome, "event.outcome", "visitation outcome")};
      break;
    case k::EventKind::jobformidler_assigned:
      out.data = k::JobformidlerAssigned{required(e.jobformidler, "event.jobformidler")};
      break;
    case k::EventKind::cv_completed: out.data = k::CvCompleted{}; break;
    case k::EventKind::job_direction_set:
      out.data = k::JobDirectionSet{enum_field<k::Goal>(e.goal, "event.goal", "goal"),
                                    strings(e.wishes, e.wish_count, "event.wishes")};
      break;
    case k::EventKind::course_broken_off: out.data = k::CourseBrokenOff{e.rehabilitation_assessment != 0}; break;
    case k::EventKind::agreement: {
      k::AgreementMade a;
      a.kind = enum_field<k::AgreementKind>(e.agreement_kind, "event.agreement_kind", "agreement kind");
      const bool start_given = e.start.year != 0 || e.start.month != 0 || e.start.day != 0;
      a.start = start_given ? to_date(e.start) : out.date;
      a.minutes_per_week = e.minutes_per_week;
      if (v2 && e.has_ordinary_minutes_per_week != 0) {
        // As the JSON reader: part of the working time, never negative.
        if (e.ordinary_minutes_per_week < 0)
          throw k::Error(k::Errc::invalid_argument, "event.ordinary_minutes_per_week",
                         std::to_string(e.ordinary_minutes_per_week), "must not be negative");
        if (e.ordinary_minutes_per_week > e.minutes_per_week)
          throw k::Error(k::Errc::invalid_argument, "event.ordinary_minutes_per_week",
                         std::to_string(e.ordinary_minutes_per_week),
                         "more than the agreement's minutes_per_week (" + std::to_string(e.minutes_per_week) + ")");
        a.ordinary_minutes_per_week = e.ordinary_minutes_per_week;
      }
      if (e.health == nullptr && e.health_count != 0)
        throw k::Error(k::Errc::invalid_argument, "event.health", std::to_string(e.health_count),
                       "a NULL array with a non-zero count");
      auto tasks = strings(e.tasks, e.task_count, "event.tasks");
      auto sub_goals = strings(e.sub_goals, e.sub_goal_count, "event.sub_goals");
      std::vector<k::Health> health;
      health.reserve(e.health_count);
      for (std::size_t i = 0; i < e.health_count; ++i) {
        const std::string field = "event.health[" + std::to_string(i) + "]";
        health.push_back(enum_field<k::Health>(e.health[i], field.c_str(), "health consideration"));
      }
      // As the JSON reader: terms only when any of company, tasks, sub-goals, health is given.
      if (e.company != nullptr || !tasks.empty() || !sub_goals.empty() || !health.empty()) {
        auto terms = std::make_shared<k::AgreementTerms>();
        terms->company = optional_text(e.company);
        terms->tasks = std::move(tasks);
        terms->sub_goals = std::move(sub_goals);
        terms->health = std::move(health);
        a.terms = std::move(terms);
      }
      out.data = std::move(a);
      break;
    }
    case k::EventKind::followup_plan: out.data = k::FollowUpPlanMade{}; break;
    case k::EventKind::contact_person: out.data = k::ContactPersonAssigned{required(e.company, "event.company")}; break;
    case k::EventKind::hours_worked:
      out.data = k::HoursWorked{e.minutes, enum_field<k::HoursKind>(e.hours_kind, "event.hours_kind", "hours kind")};
      break;
    case k::EventKind::contact:
      out.data = k::Contact{enum_field<k::Channel>(e.channel, "event.channel", "channel")};
      break;
    case k::EventKind::sanction_failure:
      out.data = k::SanctionFailure{required(e.failure_id, "event.failure_id"),
                                    enum_field<k::FailureKind>(e.failure, "event.failure", "failure kind")};
      break;
    case k::EventKind::reasonable_cause:
      out.data = k::ReasonableCause{required(e.failure_id, "event.failure_id"),
                                    enum_field<k::CauseKind>(e.cause, "event.cause", "cause kind"), optional_text(e.text)};
      break;
    case k::EventKind::vulnerability_assessed:
      out.data = k::VulnerabilityAssessed{required(e.failure_id, "event.failure_id"), e.vulnerable != 0};
      break;
    case k::EventKind::concrete_assessment:
      out.data = k::ConcreteAssessment{required(e.failure_id, "event.failure_id"), e.promotes_availability != 0,
                                       e.considers_vulnerability != 0, optional_text(e.text)};
      break;
    case k::EventKind::hearing_sent:
      out.data = k::HearingSent{required(e.failure_id, "event.failure_id"),
                                v2 ? optional_date(e.answer_by, "event.answer_by") : k::Date()};
      break;
    case k::EventKind::hearing_answered:
      out.data = k::HearingAnswered{required(e.failure_id, "event.failure_id")};
      break;
    case k::EventKind::personal_contact_attempt:
      out.data = k::PersonalContactAttempt{required(e.failure_id, "event.failure_id"),
                                           enum_field<k::Channel>(e.channel, "event.channel", "channel"), e.reached != 0};
      break;
    case k::EventKind::self_support:
      out.data = k::SelfSupport{enum_field<k::SelfSupportKind>(e.via, "event.via", "self-support kind")};
      break;
    case k::EventKind::profile_changed: out.data = profile_change_of(e.profile_change); break;
    case k::EventKind::aftercare_contact:
      out.data = k::AftercareContact{enum_field<k::Channel>(e.channel, "event.channel", "channel")};
      break;
    case k::EventKind::bus_trip: {
      k::BusTripAttended b;
      b.trip = id_field(e.trip, "event.trip", true);
      b.attended = e.attended != 0;
      b.companies = id_fields(e.companies, e.company_count, "event.companies");
      out.data = std::move(b);
      break;
    }
    case k::EventKind::training_track: {
      k::TrainingTrackStarted t;
      t.track = id_field(e.track, "event.track", true);
      t.workplace = id_field(e.workplace, "event.workplace", false);
      t.mentor = id_field(e.mentor, "event.mentor", false);
      t.end = optional_date(e.end, "event.end");
      out.data = std::move(t);
      break;
    }
  }
  return out;
}

k::EvaluateOptions options_of(const kanten_evaluate_options* o) {
  need(o, "options");
  need_version(o->version, KANTEN_EVALUATE_OPTIONS_VERSION, "options.version");
  k::EvaluateOptions out;
  out.as_of = to_date(o->as_of);
  if (out.as_of.is_special())
    throw k::Error(k::Errc::invalid_argument, "options.as_of",
                   std::to_string(o->as_of.year) + "-" + std::to_string(o->as_of.month) + "-" + std::to_string(o->as_of.day),
                   "not a valid date (years 1400–9999)");
  if (o->has_daily_rate != 0) {
    k::check_daily_rate(o->daily_rate, "options.daily_rate");  // one bound: kanten::max_daily_rate
    out.daily_rate = o->daily_rate;
  }
  if (o->version >= 2) {
    // 0 is off; anything else is a threshold, checked by the one check (kanten::check_alert_options),
    // whose errors name "alerts.inactive_days", … — the fields of options->alerts.
    auto threshold = [](std::int32_t v) { return v == 0 ? std::optional<int>() : std::optional<int>(v); };
    out.alerts.inactive_days = threshold(o->alerts.inactive_days);
    out.alerts.trin2_days = threshold(o->alerts.trin2_days);
    out.alerts.stagnation_months = threshold(o->alerts.stagnation_months);
    k::check_alert_options(out.alerts);
  }
  return out;
}

const k::Evaluation& ev(const kanten_evaluation* e) {
  need(e, "e");
  return *e->rep;
}

const kanten_evaluation::Texts& texts_of(const kanten_evaluation* e) {
  std::call_once(e->texts_once, [e] {
    kanten_evaluation::Texts t;
    const k::Evaluation& r = *e->rep;
    for (auto x : r.target_group.reasons) t.target_group.push_back(k::describe(x));
    for (auto x : r.missing) t.missing.push_back(k::describe(x));
    for (const auto& x : r.not_applied) t.not_applied.push_back(k::describe(x));
    for (const auto& x : r.alerts) t.alerts.push_back(k::describe(x));
    e->texts = std::move(t);
  });
  return e->texts;
}

void fill_source(const k::Source* s, const char*& seed, const char*& section, const char*& quote) noexcept {
  seed = s ? cstr(s->seed) : "";
  section = s ? cstr(s->section) : "";
  quote = s ? cstr(s->quote) : "";
}

void fill_step_change(const k::StepChange& c, kanten_step_change* out) {
  need(out, "out");
  need_version(out->version, KANTEN_STEP_CHANGE_VERSION, "out->version");
  out->date = from_date(c.date);
  out->from = static_cast<int>(c.from);
  out->to = static_cast<int>(c.to);
  out->rule = c.transition ? cstr(c.transition->rule) : "";
  out->description = c.transition ? cstr(c.transition->description) : "";
  fill_source(c.transition ? c.transition->source : nullptr, out->source_seed, out->source_section, out->source_quote);
}

/// Fills an alert out-struct; `text` is describe(a), owned by the handle.
void fill_alert(const k::Alert& a, const std::string& text, kanten_alert* out) {
  need(out, "out");
  need_version(out->version, KANTEN_ALERT_VERSION, "out->version");
  out->kind = static_cast<int>(a.kind);
  out->value = a.value;
  out->threshold = a.threshold;
  out->text = text.c_str();
  fill_source(a.source, out->source_seed, out->source_section, out->source_quote);
}

void fill_reason(const k::SanctionReason& r, kanten_reason* out) {
  need(out, "out");
  need_version(out->version, KANTEN_REASON_VERSION, "out->version");
  out->rule = r.rule.c_str();
  out->text = r.text.c_str();
  fill_source(r.source, out->source_seed, out->source_section, out->source_quote);
}

template <class Enum>
const char* name_of(const char* func, int v) noexcept {
  clear_error();
  if (v < 0 || static_cast<std::size_t>(v) >= k::enum_size<Enum>) {
    set_error(func, "parameter value " + std::to_string(v) + " is out of range (0–" +
                        std::to_string(k::enum_size<Enum> - 1) + ")");
    return nullptr;
  }
  return cstr(k::name(static_cast<Enum>(v)));
}

}  // namespace

k::EvaluateOptions kanten_capi::evaluate_options_of(const kanten_evaluate_options* options) { return options_of(options); }

// =============================================================================================
// extern "C"
// =============================================================================================
extern "C" {

// --- version, errors, strings -----------------------------------------------------------------
int kanten_version_number(void) noexcept { return KANTEN_VERSION_NUMBER; }
const char* kanten_version_string(void) noexcept { return k::version_string; }
const char* kanten_last_error(void) noexcept { return last_message; }
const char* kanten_status_string(int status) noexcept {
  switch (status) {
    case KANTEN_OK: return "ok";
    case KANTEN_EINVAL: return "invalid argument";
    case KANTEN_EPARSE: return "parse error";
    case KANTEN_EINPUT: return "invalid input";
    case KANTEN_EIO: return "io error";
    case KANTEN_ENOMEM: return "out of memory";
    case KANTEN_EINTERNAL: return "internal error";
    case KANTEN_ECANCELED: return "canceled";
    default: return "unknown status";
  }
}
void kanten_string_free(char* s) noexcept { std::free(s); }

// --- names -------------------------------------------------------------------------------------
const char* kanten_step_name(int v) noexcept { return name_of<k::Step>(__func__, v); }
const char* kanten_step_label(int v) noexcept {
  return name_of<k::Step>(__func__, v) ? cstr(k::label(static_cast<k::Step>(v))) : nullptr;
}
const char* kanten_event_kind_name(int v) noexcept { return name_of<k::EventKind>(__func__, v); }
const char* kanten_benefit_name(int v) noexcept { return name_of<k::Benefit>(__func__, v); }
const char* kanten_visitation_outcome_name(int v) noexcept { return name_of<k::VisitationOutcome>(__func__, v); }
const char* kanten_goal_name(int v) noexcept { return name_of<k::Goal>(__func__, v); }
const char* kanten_agreement_kind_name(int v) noexcept { return name_of<k::AgreementKind>(__func__, v); }
const char* kanten_hours_kind_name(int v) noexcept { return name_of<k::HoursKind>(__func__, v); }
const char* kanten_channel_name(int v) noexcept { return name_of<k::Channel>(__func__, v); }
const char* kanten_self_support_kind_name(int v) noexcept { return name_of<k::SelfSupportKind>(__func__, v); }
const char* kanten_failure_kind_name(int v) noexcept { return name_of<k::FailureKind>(__func__, v); }
const char* kanten_cause_kind_name(int v) noexcept { return name_of<k::CauseKind>(__func__, v); }
const char* kanten_health_name(int v) noexcept { return name_of<k::Health>(__func__, v); }
const char* kanten_target_group_reason_name(int v) noexcept { return name_of<k::TargetGroupReason>(__func__, v); }
const char* kanten_missing_name(int v) noexcept { return name_of<k::Missing>(__func__, v); }
const char* kanten_not_applied_reason_name(int v) noexcept { return name_of<k::NotAppliedReason>(__func__, v); }
const char* kanten_sanction_status_name(int v) noexcept { return name_of<k::SanctionStatus>(__func__, v); }
// name(MatchMode) is the header's constexpr table: it needs no part of the matching engine.
const char* kanten_match_mode_name(int v) noexcept { return name_of<k::MatchMode>(__func__, v); }
const char* kanten_alert_kind_name(int v) noexcept { return name_of<k::AlertKind>(__func__, v); }

int kanten_step_model_dot(char** out) noexcept {
  return guard(__func__, [&] {
    need(out, "out");
    *out = nullptr;
    *out = hand_over(k::to_dot());
    return KANTEN_OK;
  });
}

// --- cases -------------------------------------------------------------------------------------
int kanten_case_new(const char* citizen_id, const kanten_profile* profile, kanten_case** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(out, "out");
    need(citizen_id, "citizen_id");
    if (*citizen_id == '\0')
      throw k::Error(k::Errc::invalid_argument, "", "", "parameter 'citizen_id' must not be empty");
    k::check_id("citizen_id", citizen_id);
    auto c = std::make_unique<kanten_case>();
    c->rep.citizen = citizen_id;
    c->rep.profile = profile_of(profile);
    *out = c.release();
    return KANTEN_OK;
  });
}

int kanten_case_add_event(kanten_case* c, const kanten_event* event) noexcept {
  return guard(__func__, [&] {
    need(c, "c");
    need(event, "event");
    k::Event e = event_of(*event);
    c->rep.events.push_back(std::move(e));
    return KANTEN_OK;
  });
}

int kanten_case_from_json(const char* text, std::size_t length, kanten_case** out) noexcept {
  return kanten_case_from_json_v2(text, length, nullptr, out);
}
int kanten_case_from_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                             kanten_case** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_case_from_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    auto c = std::make_unique<kanten_case>();
    c->rep = k::case_from_json(t, o);
    *out = c.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_case_warning_count(const kanten_case* c) noexcept { return c ? c->rep.warnings.size() : 0; }
int kanten_case_warning(const kanten_case* c, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(c, "c");
    return warning_out(c->rep.warnings, i, out);
  });
}

int kanten_case_to_json(const kanten_case* c, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(c, "c");
    need(out, "out");
    *out = hand_over(k::to_json(c->rep, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}

const char* kanten_case_citizen(const kanten_case* c) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    need(c, "c");
    return c->rep.citizen.c_str();
  });
}
std::size_t kanten_case_event_count(const kanten_case* c) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] {
    need(c, "c");
    return c->rep.events.size();
  });
}
std::size_t kanten_case_rejected_count(const kanten_case* c) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] {
    need(c, "c");
    return c->rep.rejected.size();
  });
}
void kanten_case_free(kanten_case* c) noexcept { delete c; }

// --- caseloads -------------------------------------------------------------------------------
int kanten_caseload_new(kanten_caseload** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(out, "out");
    *out = new kanten_caseload();
    return KANTEN_OK;
  });
}
int kanten_caseload_add_case(kanten_caseload* load, const kanten_case* c) noexcept {
  return guard(__func__, [&] {
    need(load, "load");
    need(c, "c");
    if (!load->citizens_built) {
      for (const auto& x : load->rep.cases) load->citizens.insert(x.citizen);
      load->citizens_built = true;
    }
    // Decision "One case per citizen" (docs/decisions.md).
    if (load->citizens.count(c->rep.citizen))
      throw k::Error(k::Errc::invalid_input, "c.citizen", c->rep.citizen,
                     "the caseload already holds a case of this citizen; a caseload holds one case per citizen");
    load->rep.cases.push_back(c->rep);
    load->citizens.insert(c->rep.citizen);
    return KANTEN_OK;
  });
}
int kanten_caseload_from_json(const char* text, std::size_t length, kanten_caseload** out) noexcept {
  return kanten_caseload_from_json_v2(text, length, nullptr, out);
}
int kanten_caseload_from_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                                 kanten_caseload** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_caseload_from_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    auto load = std::make_unique<kanten_caseload>();
    load->rep = k::caseload_from_json(t, o);
    *out = load.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_caseload_warning_count(const kanten_caseload* load) noexcept {
  if (!load) return 0;
  std::size_t n = load->rep.warnings.size();
  for (const auto& c : load->rep.cases) n += c.warnings.size();
  return n;
}
int kanten_caseload_warning(const kanten_caseload* load, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(load, "load");
    need_index(i, kanten_caseload_warning_count(load), "i");
    if (i < load->rep.warnings.size()) return warning_out(load->rep.warnings, i, out);
    i -= load->rep.warnings.size();
    for (const auto& c : load->rep.cases) {
      if (i < c.warnings.size()) return warning_out(c.warnings, i, out);
      i -= c.warnings.size();
    }
    return static_cast<int>(KANTEN_EINTERNAL);  // unreachable: i was checked against the count
  });
}
int kanten_caseload_to_json(const kanten_caseload* load, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(load, "load");
    need(out, "out");
    *out = hand_over(k::to_json(load->rep, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}
std::size_t kanten_caseload_count(const kanten_caseload* load) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] {
    need(load, "load");
    return load->rep.cases.size();
  });
}
void kanten_caseload_free(kanten_caseload* load) noexcept { delete load; }

// --- evaluation --------------------------------------------------------------------------------
int kanten_evaluate(const kanten_case* c, const kanten_evaluate_options* options, kanten_evaluation** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(c, "c");
    need(out, "out");
    const k::EvaluateOptions opts = options_of(options);
    *out = new kanten_evaluation(k::evaluate(c->rep, opts));
    return KANTEN_OK;
  });
}

int kanten_evaluate_caseload(const kanten_caseload* load, const kanten_evaluate_options* options,
                             kanten_evaluations** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(load, "load");
    need(out, "out");
    const k::EvaluateOptions opts = options_of(options);
    auto es = std::make_unique<kanten_evaluations>();
    es->rep = k::evaluate_all(load->rep, opts);
    es->as_of = opts.as_of;
    es->views = std::make_unique<kanten_evaluation[]>(es->rep.size());
    for (std::size_t i = 0; i < es->rep.size(); ++i) es->views[i].rep = &es->rep[i];
    *out = es.release();
    return KANTEN_OK;
  });
}

void kanten_evaluation_free(kanten_evaluation* e) noexcept { delete e; }
void kanten_evaluations_free(kanten_evaluations* es) noexcept { delete es; }

std::size_t kanten_evaluations_count(const kanten_evaluations* es) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] {
    need(es, "es");
    return es->rep.size();
  });
}
const kanten_evaluation* kanten_evaluations_get(const kanten_evaluations* es, std::size_t i) noexcept {
  return guard_value<const kanten_evaluation*>(__func__, nullptr, [&] {
    need(es, "es");
    need_index(i, es->rep.size(), "i");
    return &es->views[i];
  });
}
int kanten_evaluations_to_json(const kanten_evaluations* es, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(es, "es");
    need(out, "out");
    *out = hand_over(k::to_json(es->rep, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}

int kanten_evaluation_to_json(const kanten_evaluation* e, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    *out = hand_over(k::to_json(r, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}
int kanten_evaluation_explain(const kanten_evaluation* e, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    *out = hand_over(k::explain(r));
    return KANTEN_OK;
  });
}

const char* kanten_evaluation_citizen(const kanten_evaluation* e) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] { return ev(e).citizen.c_str(); });
}
const char* kanten_evaluation_rule_set(const kanten_evaluation* e) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] { return ev(e).rule_set.c_str(); });
}
int kanten_evaluation_as_of(const kanten_evaluation* e, kanten_date* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    *out = from_date(r.as_of);
    return KANTEN_OK;
  });
}
int kanten_evaluation_step(const kanten_evaluation* e) noexcept {
  return guard(__func__, [&] { return static_cast<int>(ev(e).step); });
}
int kanten_evaluation_since(const kanten_evaluation* e, kanten_date* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    *out = from_date(r.since);
    return r.since.is_special() ? 0 : 1;
  });
}
int kanten_evaluation_exit(const kanten_evaluation* e, kanten_step_change* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    need_version(out->version, KANTEN_STEP_CHANGE_VERSION, "out->version");
    const k::StepChange* x = r.exit();
    if (x == nullptr) return 0;
    fill_step_change(*x, out);
    return 1;
  });
}
std::size_t kanten_evaluation_history_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).history.size(); });
}
int kanten_evaluation_history(const kanten_evaluation* e, std::size_t i, kanten_step_change* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.history.size(), "i");
    fill_step_change(r.history[i], out);
    return KANTEN_OK;
  });
}

int kanten_evaluation_in_target_group(const kanten_evaluation* e) noexcept {
  return guard(__func__, [&] { return ev(e).target_group.member ? 1 : 0; });
}
std::size_t kanten_evaluation_target_group_reason_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).target_group.reasons.size(); });
}
int kanten_evaluation_target_group_reason(const kanten_evaluation* e, std::size_t i) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.target_group.reasons.size(), "i");
    return static_cast<int>(r.target_group.reasons[i]);
  });
}
const char* kanten_evaluation_target_group_reason_text(const kanten_evaluation* e, std::size_t i) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    need_index(i, ev(e).target_group.reasons.size(), "i");
    return texts_of(e).target_group[i].c_str();
  });
}

std::size_t kanten_evaluation_missing_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).missing.size(); });
}
int kanten_evaluation_missing(const kanten_evaluation* e, std::size_t i) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.missing.size(), "i");
    return static_cast<int>(r.missing[i]);
  });
}
const char* kanten_evaluation_missing_text(const kanten_evaluation* e, std::size_t i) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    need_index(i, ev(e).missing.size(), "i");
    return texts_of(e).missing[i].c_str();
  });
}

std::int32_t kanten_evaluation_ordinary_this_month(const kanten_evaluation* e) noexcept {
  return guard_value<std::int32_t>(__func__, KANTEN_EINVAL, [&] { return ev(e).ordinary_this_month; });
}
std::int32_t kanten_evaluation_ordinary_in_trin3_this_month(const kanten_evaluation* e) noexcept {
  return guard_value<std::int32_t>(__func__, KANTEN_EINVAL, [&] { return ev(e).ordinary_in_trin3_this_month; });
}
int kanten_evaluation_thirty_hours_pending(const kanten_evaluation* e) noexcept {
  return guard(__func__, [&] { return ev(e).thirty_hours_pending ? 1 : 0; });
}
std::size_t kanten_evaluation_events_applied(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).events_applied; });
}
std::size_t kanten_evaluation_events_after_as_of(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).events_after_as_of; });
}

std::size_t kanten_evaluation_hours_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).hours.size(); });
}
int kanten_evaluation_hours(const kanten_evaluation* e, std::size_t i, kanten_month_hours* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.hours.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_MONTH_HOURS_VERSION, "out->version");
    out->month = month_of(r.hours[i].month);
    out->ordinary = r.hours[i].ordinary;
    out->internship = r.hours[i].internship;
    if (out->version >= 2) out->ordinary_in_trin3 = r.hours[i].ordinary_in_trin3;
    return KANTEN_OK;
  });
}

std::size_t kanten_evaluation_not_applied_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).not_applied.size(); });
}
int kanten_evaluation_not_applied(const kanten_evaluation* e, std::size_t i, kanten_not_applied* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.not_applied.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_NOT_APPLIED_VERSION, "out->version");
    const k::NotApplied& n = r.not_applied[i];
    out->index = n.index;
    out->date = from_date(n.date);
    out->kind = n.kind ? static_cast<int>(*n.kind) : -1;
    out->reason = static_cast<int>(n.reason);
    out->related = from_date(n.related);
    out->text = texts_of(e).not_applied[i].c_str();
    out->field = n.field.c_str();
    out->value = n.value.c_str();
    return KANTEN_OK;
  });
}

std::size_t kanten_evaluation_violation_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).violations.size(); });
}
int kanten_evaluation_violation(const kanten_evaluation* e, std::size_t i, kanten_violation* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.violations.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_VIOLATION_VERSION, "out->version");
    const k::Violation& v = r.violations[i];
    out->index = v.index;
    out->date = from_date(v.date);
    out->rule = cstr(v.rule);
    out->text = cstr(v.text);
    fill_source(v.source, out->source_seed, out->source_section, out->source_quote);
    return KANTEN_OK;
  });
}

int kanten_evaluation_followup(const kanten_evaluation* e, kanten_followup* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    need_version(out->version, KANTEN_FOLLOWUP_VERSION, "out->version");
    const k::FollowUp& f = r.followup;
    out->applies = f.applies ? 1 : 0;
    out->start = f.applies ? from_date(f.start) : kanten_date{0, 0, 0};
    out->first_month = f.applies ? month_of(f.first_month) : kanten_month{0, 0};
    out->last_month = f.applies ? month_of(f.last_month) : kanten_month{0, 0};
    out->breached_count = f.breached.size();
    out->due_this_month = f.due_this_month ? 1 : 0;
    out->deadline = f.deadline ? from_date(*f.deadline) : kanten_date{0, 0, 0};
    out->last_contact = f.last_contact ? from_date(*f.last_contact) : kanten_date{0, 0, 0};
    if (out->version >= 2) out->trin3_entry = f.applies ? from_date(f.trin3_entry) : kanten_date{0, 0, 0};
    return KANTEN_OK;
  });
}
int kanten_evaluation_followup_breached(const kanten_evaluation* e, std::size_t i, kanten_month* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.followup.breached.size(), "i");
    need(out, "out");
    *out = month_of(r.followup.breached[i]);
    return KANTEN_OK;
  });
}

// --- the dated profile ---------------------------------------------------------------------------
int kanten_evaluation_profile(const kanten_evaluation* e, kanten_profile* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    need_version(out->version, KANTEN_PROFILE_VERSION, "out->version");
    out->benefit = static_cast<int>(r.profile.benefit);
    out->activity_ready = r.profile.activity_ready ? 1 : 0;
    out->lives_in_designated_area = r.profile.lives_in_designated_area ? 1 : 0;
    out->in_integration_programme = r.profile.in_integration_programme ? 1 : 0;
    return KANTEN_OK;
  });
}
std::size_t kanten_evaluation_profile_period_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).profile_periods.size(); });
}
int kanten_evaluation_profile_period(const kanten_evaluation* e, std::size_t i, kanten_profile_period* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.profile_periods.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_PROFILE_PERIOD_VERSION, "out->version");
    const k::ProfilePeriod& p = r.profile_periods[i];
    out->from = from_date(p.from);
    out->benefit = static_cast<int>(p.profile.benefit);
    out->activity_ready = p.profile.activity_ready ? 1 : 0;
    out->lives_in_designated_area = p.profile.lives_in_designated_area ? 1 : 0;
    out->in_integration_programme = p.profile.in_integration_programme ? 1 : 0;
    out->member = p.target_group.member ? 1 : 0;
    out->reason_count = p.target_group.reasons.size();
    return KANTEN_OK;
  });
}
int kanten_evaluation_profile_period_reason(const kanten_evaluation* e, std::size_t i, std::size_t j) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.profile_periods.size(), "i");
    need_index(j, r.profile_periods[i].target_group.reasons.size(), "j");
    return static_cast<int>(r.profile_periods[i].target_group.reasons[j]);
  });
}

// --- the jobformidler and contact ----------------------------------------------------------------
int kanten_evaluation_jobformidler(const kanten_evaluation* e, kanten_jobformidler_continuity* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    need_version(out->version, KANTEN_JOBFORMIDLER_CONTINUITY_VERSION, "out->version");
    const k::JobformidlerContinuity& c = r.jobformidler;
    const bool assigned = !c.current.empty();
    out->current = assigned ? c.current.c_str() : nullptr;
    out->since = assigned ? from_date(c.since) : kanten_date{0, 0, 0};
    out->changes = c.changes;
    out->days_with_current = c.days_with_current;
    return assigned ? 1 : 0;
  });
}
int kanten_evaluation_inactive_since(const kanten_evaluation* e, kanten_date* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need(out, "out");
    *out = r.inactive_since ? from_date(*r.inactive_since) : kanten_date{0, 0, 0};
    return r.inactive_since ? 1 : 0;
  });
}

// --- Trin 2 and the course of agreed hours -------------------------------------------------------
std::int32_t kanten_evaluation_days_in_trin2(const kanten_evaluation* e) noexcept {
  return guard_value<std::int32_t>(__func__, KANTEN_EINVAL, [&] { return ev(e).days_in_trin2; });
}
std::int32_t kanten_evaluation_total_days_in_trin2(const kanten_evaluation* e) noexcept {
  return guard_value<std::int32_t>(__func__, KANTEN_EINVAL, [&] { return ev(e).total_days_in_trin2; });
}
std::size_t kanten_evaluation_agreement_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).agreements.size(); });
}
int kanten_evaluation_agreement(const kanten_evaluation* e, std::size_t i, kanten_agreement_record* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.agreements.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_AGREEMENT_RECORD_VERSION, "out->version");
    const k::AgreementRecord& a = r.agreements[i];
    out->index = a.index;
    out->date = from_date(a.date);
    out->start = from_date(a.start);
    out->kind = static_cast<int>(a.kind);
    out->minutes_per_week = a.minutes_per_week;
    out->has_ordinary = a.ordinary_minutes_per_week ? 1 : 0;
    out->ordinary_minutes_per_week = a.ordinary_minutes_per_week.value_or(0);
    out->company = a.company.empty() ? nullptr : a.company.c_str();
    out->renegotiation = a.renegotiation ? 1 : 0;
    out->missing_term_count = a.missing_terms.size();
    return KANTEN_OK;
  });
}
int kanten_evaluation_agreement_missing_term(const kanten_evaluation* e, std::size_t i, std::size_t j) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.agreements.size(), "i");
    need_index(j, r.agreements[i].missing_terms.size(), "j");
    return static_cast<int>(r.agreements[i].missing_terms[j]);
  });
}

// --- aftercare, bus trips, training tracks -------------------------------------------------------
std::size_t kanten_evaluation_aftercare_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).aftercare.size(); });
}
int kanten_evaluation_aftercare(const kanten_evaluation* e, std::size_t i, kanten_aftercare* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.aftercare.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_AFTERCARE_VERSION, "out->version");
    out->date = from_date(r.aftercare[i].date);
    out->channel = static_cast<int>(r.aftercare[i].channel);
    return KANTEN_OK;
  });
}
std::size_t kanten_evaluation_bus_trip_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).bus_trips.size(); });
}
int kanten_evaluation_bus_trip(const kanten_evaluation* e, std::size_t i, kanten_bus_trip_record* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.bus_trips.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_BUS_TRIP_RECORD_VERSION, "out->version");
    const k::BusTripRecord& b = r.bus_trips[i];
    out->date = from_date(b.date);
    out->trip = b.trip.c_str();
    out->attended = b.attended ? 1 : 0;
    out->company_count = b.companies.size();
    return KANTEN_OK;
  });
}
const char* kanten_evaluation_bus_trip_company(const kanten_evaluation* e, std::size_t i, std::size_t j) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    const auto& r = ev(e);
    need_index(i, r.bus_trips.size(), "i");
    need_index(j, r.bus_trips[i].companies.size(), "j");
    return r.bus_trips[i].companies[j].c_str();
  });
}
std::size_t kanten_evaluation_training_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).training.size(); });
}
int kanten_evaluation_training(const kanten_evaluation* e, std::size_t i, kanten_training_record* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.training.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_TRAINING_RECORD_VERSION, "out->version");
    const k::TrainingRecord& t = r.training[i];
    out->start = from_date(t.start);
    out->end = from_date(t.end);
    out->track = t.track.c_str();
    out->workplace = t.workplace.empty() ? nullptr : t.workplace.c_str();
    out->mentor = t.mentor.empty() ? nullptr : t.mentor.c_str();
    return KANTEN_OK;
  });
}

// --- alerts --------------------------------------------------------------------------------------
std::size_t kanten_evaluation_alert_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).alerts.size(); });
}
int kanten_evaluation_alert(const kanten_evaluation* e, std::size_t i, kanten_alert* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.alerts.size(), "i");
    fill_alert(r.alerts[i], texts_of(e).alerts[i], out);
    return KANTEN_OK;
  });
}

std::size_t kanten_evaluation_sanction_count(const kanten_evaluation* e) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return ev(e).sanctions.size(); });
}
int kanten_evaluation_sanction(const kanten_evaluation* e, std::size_t i, kanten_sanction* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.sanctions.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_SANCTION_VERSION, "out->version");
    const k::SanctionAnswer& a = r.sanctions[i];
    out->failure_id = a.failure_id.c_str();
    out->failure = static_cast<int>(a.failure);
    out->failure_date = from_date(a.failure_date);
    out->status = static_cast<int>(a.status);
    out->reason_count = a.reasons.size();
    out->pending_count = a.pending.size();
    out->excluded_by_rule = a.excluded_by ? a.excluded_by->rule.c_str() : nullptr;
    out->excluded_by_text = a.excluded_by ? a.excluded_by->text.c_str() : nullptr;
    out->deduction_days = a.deduction_days;
    out->has_daily_rate = a.daily_rate ? 1 : 0;
    out->daily_rate = a.daily_rate.value_or(0);
    out->has_deduction = a.deduction ? 1 : 0;
    out->deduction = a.deduction.value_or(0);
    return KANTEN_OK;
  });
}
int kanten_evaluation_sanction_reason(const kanten_evaluation* e, std::size_t i, std::size_t j, kanten_reason* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.sanctions.size(), "i");
    need_index(j, r.sanctions[i].reasons.size(), "j");
    fill_reason(r.sanctions[i].reasons[j], out);
    return KANTEN_OK;
  });
}
int kanten_evaluation_sanction_pending(const kanten_evaluation* e, std::size_t i, std::size_t j, kanten_reason* out) noexcept {
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.sanctions.size(), "i");
    need_index(j, r.sanctions[i].pending.size(), "j");
    fill_reason(r.sanctions[i].pending[j], out);
    return KANTEN_OK;
  });
}
int kanten_evaluation_sanction_to_json(const kanten_evaluation* e, std::size_t i, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const auto& r = ev(e);
    need_index(i, r.sanctions.size(), "i");
    need(out, "out");
    *out = hand_over(k::to_json(r.sanctions[i], indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}

// --- worklist ------------------------------------------------------------------------------------
int kanten_followup_worklist(const kanten_evaluations* es, kanten_worklist** out) noexcept {
  return kanten_followup_worklist_v2(es, nullptr, out);
}
int kanten_followup_worklist_v2(const kanten_evaluations* es, const kanten_worklist_options* options,
                                kanten_worklist** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_followup_worklist", [&] {
    need(es, "es");
    need(out, "out");
    k::WorklistOptions o;
    if (options != nullptr) {
      need_version(options->version, KANTEN_WORKLIST_OPTIONS_VERSION, "options.version");
      if (options->jobformidler != nullptr) {
        if (*options->jobformidler == '\0')
          throw k::Error(k::Errc::invalid_argument, "options.jobformidler", "",
                         "an id must not be empty (NULL means everyone)");
        o.jobformidler = id_field(options->jobformidler, "options.jobformidler", true);  // never a CPR number
      }
      o.group_by_jobformidler = options->group_by_jobformidler != 0;
    }
    auto w = std::make_unique<kanten_worklist>();
    w->rep = k::followup_worklist(es->rep, o);
    w->alert_texts.reserve(w->rep.size());
    for (const auto& x : w->rep) {
      auto& texts = w->alert_texts.emplace_back();
      for (const auto& a : x.alerts) texts.push_back(k::describe(a));
    }
    w->as_of = es->as_of;
    *out = w.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_worklist_count(const kanten_worklist* w) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] {
    need(w, "w");
    return w->rep.size();
  });
}
int kanten_worklist_entry_get(const kanten_worklist* w, std::size_t i, kanten_worklist_entry* out) noexcept {
  return guard(__func__, [&] {
    need(w, "w");
    need_index(i, w->rep.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_WORKLIST_ENTRY_VERSION, "out->version");
    const k::WorklistEntry& x = w->rep[i];
    out->citizen = x.citizen.c_str();
    out->deadline = x.deadline ? from_date(*x.deadline) : kanten_date{0, 0, 0};
    out->last_contact = x.last_contact ? from_date(*x.last_contact) : kanten_date{0, 0, 0};
    out->breached_months = x.breached_months;
    if (out->version >= 2) {
      out->jobformidler = x.jobformidler.empty() ? nullptr : x.jobformidler.c_str();
      out->step = static_cast<int>(x.step);
      out->followup_due = x.followup_due ? 1 : 0;
      out->alert_count = x.alerts.size();
    }
    return KANTEN_OK;
  });
}
int kanten_worklist_entry_alert(const kanten_worklist* w, std::size_t i, std::size_t j, kanten_alert* out) noexcept {
  return guard(__func__, [&] {
    need(w, "w");
    need_index(i, w->rep.size(), "i");
    need_index(j, w->rep[i].alerts.size(), "j");
    fill_alert(w->rep[i].alerts[j], w->alert_texts[i][j], out);
    return KANTEN_OK;
  });
}
int kanten_worklist_to_json(const kanten_worklist* w, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(w, "w");
    need(out, "out");
    *out = hand_over(k::to_json(w->rep, w->as_of, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}
void kanten_worklist_free(kanten_worklist* w) noexcept { delete w; }

// --- sanction question ---------------------------------------------------------------------------
int kanten_sanction_question_from_json(const char* text, std::size_t length, kanten_sanction_question** out) noexcept {
  return kanten_sanction_question_from_json_v2(text, length, nullptr, out);
}
int kanten_sanction_question_from_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                                          kanten_sanction_question** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_sanction_question_from_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    auto q = std::make_unique<kanten_sanction_question>();
    q->rep = k::sanction_question_from_json(t, o);
    *out = q.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_sanction_question_warning_count(const kanten_sanction_question* q) noexcept {
  return q ? q->rep.warnings.size() + q->rep.case_data.warnings.size() : 0;
}
int kanten_sanction_question_warning(const kanten_sanction_question* q, std::size_t i,
                                     kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(q, "q");
    need_index(i, kanten_sanction_question_warning_count(q), "i");
    if (i < q->rep.warnings.size()) return warning_out(q->rep.warnings, i, out);
    return warning_out(q->rep.case_data.warnings, i - q->rep.warnings.size(), out);
  });
}

int kanten_sanction_question_answer(const kanten_sanction_question* q, kanten_evaluation** out, std::size_t* out_index) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(q, "q");
    need(out, "out");
    need(out_index, "out_index");
    auto e = std::make_unique<kanten_evaluation>(k::evaluate(q->rep));
    // Which failure the question answers: the library's one choice (as `kanten sanction`).
    const k::SanctionAnswer& answer = k::pick_sanction_answer(e->owned, q->rep.failure_id);
    *out_index = static_cast<std::size_t>(&answer - e->owned.sanctions.data());
    *out = e.release();
    return KANTEN_OK;
  });
}
void kanten_sanction_question_free(kanten_sanction_question* q) noexcept { delete q; }


// ---------------------------------------------------------------------------------------------
// Programme figures (include/kanten/programme/programme.hpp)
// ---------------------------------------------------------------------------------------------

}  // extern "C"

struct kanten_programme {
  k::ProgrammeFigures rep;
};

namespace {
const k::ProgrammeFigures& figures_of(const kanten_programme* p) {
  need(p, "p");
  return p->rep;
}
/// An enum parameter in 0 … count − 1; throws naming the parameter otherwise.
std::size_t need_enum(int v, std::size_t count, const char* name) {
  if (v < 0 || static_cast<std::size_t>(v) >= count)
    throw k::Error(k::Errc::invalid_argument, "", "",
                   std::string("parameter '") + name + "' is " + std::to_string(v) + ", out of range (0–" +
                       std::to_string(count - 1) + ")");
  return static_cast<std::size_t>(v);
}
int optional_share(const std::optional<double>& s, double* out) {
  need(out, "out");
  if (!s) return 0;
  *out = *s;
  return 1;
}
}  // namespace

extern "C" {

const char* kanten_funnel_stage_name(int v) noexcept { return name_of<k::FunnelStage>(__func__, v); }
const char* kanten_endpoint_name(int v) noexcept { return name_of<k::Endpoint>(__func__, v); }

int kanten_programme_figures(const kanten_caseload* load, const kanten_programme_options* options,
                             kanten_programme** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(load, "load");
    need(options, "options");
    need(out, "out");
    need_version(options->version, KANTEN_PROGRAMME_OPTIONS_VERSION, "options.version");
    k::ProgrammeOptions o;
    o.as_of = to_date(options->as_of);
    if (o.as_of.is_special())
      throw k::Error(k::Errc::invalid_argument, "options.as_of",
                     std::to_string(options->as_of.year) + "-" + std::to_string(options->as_of.month) + "-" +
                         std::to_string(options->as_of.day),
                     "not a valid date");
    if (options->retention_months)
      o.retention_months.assign(options->retention_months, options->retention_months + options->retention_month_count);
    auto p = std::make_unique<kanten_programme>();
    p->rep = k::programme_figures(load->rep, o);
    *out = p.release();
    return KANTEN_OK;
  });
}
void kanten_programme_free(kanten_programme* p) noexcept { delete p; }

int kanten_programme_as_of(const kanten_programme* p, kanten_date* out) noexcept {
  return guard(__func__, [&] {
    const auto& f = figures_of(p);
    need(out, "out");
    *out = from_date(f.as_of);
    return KANTEN_OK;
  });
}
std::size_t kanten_programme_funnel(const kanten_programme* p, int stage) noexcept {
  return guard_value<std::size_t>(__func__, 0,
                                  [&] { return figures_of(p).funnel[need_enum(stage, k::funnel_stage_count, "stage")]; });
}
int kanten_programme_paid_hours_share(const kanten_programme* p, double* out) noexcept {
  return guard(__func__, [&] { return optional_share(figures_of(p).paid_hours_share, out); });
}
int kanten_programme_thirty_hours_share(const kanten_programme* p, double* out) noexcept {
  return guard(__func__, [&] { return optional_share(figures_of(p).thirty_hours_share, out); });
}

std::size_t kanten_programme_retention_count(const kanten_programme* p) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return figures_of(p).retention.size(); });
}
int kanten_programme_retention(const kanten_programme* p, std::size_t i, kanten_retention* out) noexcept {
  return guard(__func__, [&] {
    const auto& f = figures_of(p);
    need_index(i, f.retention.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_RETENTION_VERSION, "out->version");
    const k::Retention& r = f.retention[i];
    out->months = r.months;
    out->eligible = r.eligible;
    out->retained = r.retained;
    out->has_share = r.share ? 1 : 0;
    out->share = r.share.value_or(0.0);
    return KANTEN_OK;
  });
}

std::size_t kanten_programme_month_count(const kanten_programme* p) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return figures_of(p).steps_by_month.size(); });
}
int kanten_programme_month_steps(const kanten_programme* p, std::size_t i, kanten_month* month, std::size_t* citizens,
                                 std::size_t capacity) noexcept {
  return guard(__func__, [&] {
    const auto& f = figures_of(p);
    need_index(i, f.steps_by_month.size(), "i");
    need(month, "month");
    if (capacity > 0) need(citizens, "citizens");
    const k::MonthSteps& m = f.steps_by_month[i];
    *month = month_of(m.month);
    for (std::size_t s = 0; s < std::min<std::size_t>(capacity, k::step_count); ++s) citizens[s] = m.citizens[s];
    return KANTEN_OK;
  });
}

int kanten_programme_curve(const kanten_programme* p, int endpoint, kanten_curve* out) noexcept {
  return guard(__func__, [&] {
    const auto& c = figures_of(p).curves[need_enum(endpoint, k::endpoint_count, "endpoint")];
    need(out, "out");
    need_version(out->version, KANTEN_CURVE_VERSION, "out->version");
    out->subjects = c.subjects;
    out->events = c.events;
    out->censored = c.censored;
    out->step_count = c.steps.size();
    out->has_median = c.median ? 1 : 0;
    out->median_days = c.median.value_or(0);
    return KANTEN_OK;
  });
}
int kanten_programme_curve_step(const kanten_programme* p, int endpoint, std::size_t i, kanten_curve_step* out) noexcept {
  return guard(__func__, [&] {
    const auto& c = figures_of(p).curves[need_enum(endpoint, k::endpoint_count, "endpoint")];
    need_index(i, c.steps.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_CURVE_STEP_VERSION, "out->version");
    const k::KaplanMeierStep& s = c.steps[i];
    out->days = s.days;
    out->at_risk = s.at_risk;
    out->events = s.events;
    out->censored = s.censored;
    out->survival = s.survival;
    return KANTEN_OK;
  });
}
int kanten_programme_to_json(const kanten_programme* p, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const auto& f = figures_of(p);
    need(out, "out");
    *out = hand_over(k::to_json(f, indent < 0 ? -1 : indent));
    return KANTEN_OK;
  });
}

}  // extern "C"
