// JSON in and out: cases, caseloads, sanction questions; evaluations, answers, worklists.
//
// nlohmann-json is a private dependency: no nlohmann type appears in a public header. The
// format is documented with complete examples in docs/json-format.md.
//
// Two kinds of input fault, two behaviours:
//  - a fault in one event (unknown kind, invalid date, wrong type, unknown vocabulary value,
//    non-integer minutes) never throws: the event becomes an InputIssue in Case::rejected, and
//    every evaluation reports it as `unreadable`;
//  - a fault in the document (not JSON, not an object, no citizen id, a profile or events of the
//    wrong type) throws kanten::Error naming the field path and the value.
// Values are shown in messages as compact JSON (long strings cut, objects and arrays only
// named); the content of free-text fields (text, tasks, sub_goals, wishes) is never shown.
#include "kanten/rules/json.hpp"

#include "core/json_out.hpp"
#include "core/json_text.hpp"
#include "rules/source_json.hpp"
#include "rules/json_writers.hpp"
#include "rules/payload.hpp"
#include "rules/json_reader.hpp"

#include "kanten/core/error.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace kanten::inline v1 {
namespace {

using namespace json_text;

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

// ---------------------------------------------------------------------------------------------
// Reading events: faults are thrown as Fault and caught per event
// ---------------------------------------------------------------------------------------------

/// A fault in one event: becomes an InputIssue.
struct Fault {
  std::string field;
  std::string value;
  std::string reason;
};

[[noreturn]] void fault(std::string field, std::string value, std::string reason) {
  throw Fault{std::move(field), std::move(value), std::move(reason)};
}

/// The fields of one event object, read with the rules of docs/json-format.md: a null field is
/// the same as an absent one; required fields must be present; free text is never echoed. The
/// reader kit (core/json_text.hpp) with the event's own fields; a fault is a Fault, so that the
/// event becomes an InputIssue, and names the field within the event.
class EventFields : public json_text::Fields {
 public:
  explicit EventFields(const json& o) : json_text::Fields(o, "", kanten::v1::fault) {}

  /// The event is not readable: an InputIssue with the field, the value and the reason.
  [[noreturn]] static void fault(std::string field, std::string value, std::string reason) {
    kanten::v1::fault(std::move(field), std::move(value), std::move(reason));
  }
  /// The field is given (neither absent nor null).
  [[nodiscard]] bool present(const char* key) const { return get(key) != nullptr; }

  /// The field's value; a fault when absent or null.
  [[nodiscard]] const json& need(const char* key) const {
    if (const json* v = get(key)) return *v;
    if (object().contains(key)) fault(key, "null", "missing: required for this kind of event (got null)");
    fault(key, "", "missing: required for this kind of event");
  }

  /// A required id string (opaque ids may be shown; one shaped like a CPR number is refused).
  [[nodiscard]] std::string id(const char* key) const { return checked_id(key, as_string(key, need(key), false)); }
  /// An optional id string ("" when absent).
  [[nodiscard]] std::string opt_id(const char* key) const {
    const json* v = get(key);
    return v ? checked_id(key, as_string(key, *v, false)) : std::string();
  }

  /// Reports the members no reader asked for (unknown names) at `path`: warnings, or under
  /// strict reading an error.
  void check_unknown(const ReadContext& cx, const std::string& path) const {
    cx.check_fields(object(), path, used_names());
  }

  /// An optional array of id strings (empty when absent).
  [[nodiscard]] std::vector<std::string> ids(const char* key) const {
    std::vector<std::string> out;
    const json* v = get(key);
    if (!v) return out;
    if (!v->is_array()) fault(key, shown(*v), "must be an array of id strings, not " + a_type(*v));
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
      out.push_back(checked_id(field.c_str(), as_string(field, (*v)[i], false)));
      if (out.back().empty()) fault(field, "\"\"", "must not be empty: an opaque id");
    }
    return out;
  }

  /// An optional free-text string ("" when absent); never shown in a fault.
  [[nodiscard]] std::string text(const char* key) const {
    const json* v = get(key);
    return v ? as_string(key, *v, true) : std::string();
  }
  /// An optional array of free-text strings (empty when absent); never shown in a fault.
  [[nodiscard]] std::vector<std::string> texts(const char* key) const {
    std::vector<std::string> out;
    const json* v = get(key);
    if (!v) return out;
    if (!v->is_array()) fault(key, free_text_placeholder, "must be an array of strings, not " + a_type(*v));
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_string())
        fault(std::string(key) + "[" + std::to_string(i) + "]", free_text_placeholder,
              "must be a string, not " + a_type(e));
      out.push_back(e.get<std::string>());
    }
    return out;
  }

  /// A required vocabulary value, e.g. "channel": "phone".
  template <class Enum>
  [[nodiscard]] Enum vocab(const char* key) const {
    return as_vocab<Enum>(key, need(key));
  }
  /// An optional array of vocabulary values (empty when absent).
  template <class Enum>
  [[nodiscard]] std::vector<Enum> vocabs(const char* key) const {
    std::vector<Enum> out;
    json_text::Fields::vocabs(key, out, "an array of names");
    return out;
  }

  /// A required boolean.
  [[nodiscard]] bool flag(const char* key) const { return as_flag(key, need(key)); }
  /// An optional boolean.
  [[nodiscard]] bool opt_flag(const char* key, bool otherwise) const {
    json_text::Fields::flag(key, otherwise);
    return otherwise;
  }

  /// A required date "YYYY-MM-DD".
  [[nodiscard]] Date date(const char* key) const { return as_date(key, need(key), "a date string"); }
  /// An optional date.
  [[nodiscard]] Date opt_date(const char* key, Date otherwise) const {
    const json* v = get(key);
    return v ? as_date(key, *v, "a date string") : otherwise;
  }

  /// A duration given either as whole minutes under `minutes_key` or as "H:MM" under
  /// `hours_key`; both may be given if they agree. nullopt when neither is given.
  [[nodiscard]] std::optional<Minutes> duration(const char* minutes_key, const char* hours_key) const {
    std::optional<Minutes> by_minutes, by_hours;
    if (const json* v = get(minutes_key)) by_minutes = as_minutes(minutes_key, *v);
    if (const json* v = get(hours_key)) {
      if (!v->is_string())
        fault(hours_key, shown(*v), "must be a string \"H:MM\", not " + a_type(*v));
      by_hours = parse_hours_text(v->get<std::string>(), /*allow_negative=*/true);
      if (!by_hours) {
        if (hours_text_shape(v->get_ref<const std::string&>()))
          fault(hours_key, shown(*v),
                "out of range: at most " + std::to_string(std::numeric_limits<Minutes>::max() / 60) + " hours");
        fault(hours_key, shown(*v), "must be hours and minutes \"H:MM\", e.g. \"7:30\"");
      }
    }
    if (by_minutes && by_hours && *by_minutes != *by_hours)
      fault(hours_key, shown(*get(hours_key)),
            std::string("disagrees with \"") + minutes_key + "\": give one of them");
    return by_minutes ? by_minutes : by_hours;
  }

 private:
  static std::string checked_id(const char* key, std::string id) {
    // Decision "No CPR numbers" (docs/decisions.md): refused, and the value is not echoed.
    if (looks_like_cpr(id)) fault(key, "", "looks like a CPR number; kanten takes opaque ids only, never a CPR number");
    return id;
  }
  static std::string as_string(const std::string& key, const json& v, bool free_text) {
    if (!v.is_string()) fault(key, free_text ? free_text_placeholder : shown(v), "must be a string, not " + a_type(v));
    return v.get<std::string>();
  }
  static Minutes as_minutes(const std::string& key, const json& v) {
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<Minutes>::max()))
        fault(key, shown(v), "out of range for minutes");
      return static_cast<Minutes>(u);
    }
    if (v.is_number_integer()) {
      const auto i = v.get<std::int64_t>();
      if (i < std::numeric_limits<Minutes>::min() || i > std::numeric_limits<Minutes>::max())
        fault(key, shown(v), "out of range for minutes");
      return static_cast<Minutes>(i);
    }
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!(d >= std::numeric_limits<Minutes>::min() && d <= std::numeric_limits<Minutes>::max()))
        fault(key, shown(v), "out of range for minutes: from " + std::to_string(std::numeric_limits<Minutes>::min()) +
                                 " to " + std::to_string(std::numeric_limits<Minutes>::max()));
      if (d != static_cast<double>(static_cast<std::int64_t>(d)))
        fault(key, shown(v), "must be a whole number of minutes, not a fraction (hours are exact; or give \"H:MM\")");
      fault(key, shown(v), "must be a whole number of minutes written without a decimal point or exponent");
    }
    fault(key, shown(v), "must be a whole number of minutes, not " + a_type(v));
  }
};

/// One event at `path`; throws Fault. What was readable of it (its date and kind) is kept in
/// `issue` for the report when a later field faults.
Event read_event(const json& e, const std::string& path, const ReadContext& cx, InputIssue& issue) {
  if (!e.is_object()) fault("event", shown(e), "an event must be a JSON object, not " + a_type(e));
  EventFields f(e);
  const json& k = f.need("kind");
  if (!k.is_string()) fault("kind", shown(k), "must be an event kind name (a string), not " + a_type(k));
  EventKind kind{};
  if (!parse_name(k.get_ref<const std::string&>(), kind))
    fault("kind", shown(k), "unknown event kind; expected one of: " + names_of<EventKind>());
  issue.kind = kind;
  Event ev;
  ev.date = f.date("date");
  issue.date = ev.date;
  ev.data = detail::read_payload(kind, f, ev.date);
  f.check_unknown(cx, path);
  return ev;
}

// ---------------------------------------------------------------------------------------------
// Reading documents: faults throw kanten::Error
// ---------------------------------------------------------------------------------------------


Profile read_profile(const json& p, const std::string& path, const ReadContext& cx) {
  if (!p.is_object()) invalid(path, p, "the profile must be a JSON object, not " + a_type(p));
  cx.check_fields(p, path, {"benefit", "activity_ready", "lives_in_designated_area", "in_integration_programme"});
  Profile out;
  if (auto it = p.find("benefit"); it != p.end() && !it->is_null()) {
    if (!it->is_string() || !parse_name(it->get_ref<const std::string&>(), out.benefit))
      invalid(join(path, "benefit"), *it, "unknown benefit; expected one of: " + names_of<Benefit>());
  }
  auto flag = [&](const char* key, bool& out_flag) {
    auto it = p.find(key);
    if (it == p.end() || it->is_null()) return;
    if (!it->is_boolean()) invalid(join(path, key), *it, "must be true or false, not " + a_type(*it));
    out_flag = it->get<bool>();
  };
  flag("activity_ready", out.activity_ready);
  flag("lives_in_designated_area", out.lives_in_designated_area);
  flag("in_integration_programme", out.in_integration_programme);
  return out;
}

/// One case at `path` ("" for a whole document, "cases[3]" in a caseload).
Case read_case(const json& c, const std::string& path, const ReadOptions& options) {
  if (!c.is_object())
    invalid(path, c, "a case must be a JSON object with \"citizen\", \"profile\" and \"events\", not " + a_type(c));
  Case out;
  const ReadContext cx{options, out.warnings};
  cx.check_fields(c, path, {"citizen", "profile", "events"});
  auto cit = c.find("citizen");
  if (cit == c.end() || cit->is_null())
    throw Error(Errc::invalid_input, join(path, "citizen"), "", "missing: every case needs a citizen id");
  if (!cit->is_string()) invalid(join(path, "citizen"), *cit, "the citizen id must be a string, not " + a_type(*cit));
  out.citizen = cit->get<std::string>();
  if (out.citizen.empty()) invalid(join(path, "citizen"), *cit, "the citizen id must not be empty");
  check_id(join(path, "citizen"), out.citizen);

  if (auto pit = c.find("profile"); pit != c.end() && !pit->is_null())
    out.profile = read_profile(*pit, join(path, "profile"), cx);

  auto eit = c.find("events");
  if (eit == c.end() || eit->is_null()) return out;
  if (!eit->is_array()) invalid(join(path, "events"), *eit, "the events must be a JSON array, not " + a_type(*eit));
  out.events.reserve(eit->size());
  const std::string events_path = join(path, "events");
  for (std::size_t i = 0; i < eit->size(); ++i) {
    InputIssue issue;
    issue.index = i;
    try {
      out.events.push_back(read_event((*eit)[i], at(events_path, i), cx, issue));
    } catch (Fault& f) {
      issue.field = std::move(f.field);
      issue.value = std::move(f.value);
      issue.reason = std::move(f.reason);
      out.rejected.push_back(std::move(issue));
    }
  }
  return out;
}

Caseload read_caseload(const json& doc, const ReadOptions& options) {
  const json* cases = &doc;
  std::string base;  // "[i]" for a bare array, "cases[i]" inside {"cases": [...]}
  if (doc.is_object()) {
    auto it = doc.find("cases");
    if (it == doc.end() || it->is_null())
      throw Error(Errc::invalid_input, "cases", "",
                  "missing: a caseload is {\"cases\": [...]} or a JSON array of cases");
    if (!it->is_array()) invalid("cases", *it, "the cases must be a JSON array, not " + a_type(*it));
    cases = &*it;
    base = "cases";
  } else if (!doc.is_array()) {
    invalid("", doc, "a caseload must be {\"cases\": [...]} or a JSON array of cases, not " + a_type(doc));
  }
  Caseload out;
  if (doc.is_object()) ReadContext{options, out.warnings}.check_fields(doc, "", {"cases"});
  out.cases.reserve(cases->size());
  for (std::size_t i = 0; i < cases->size(); ++i)
    out.cases.push_back(read_case((*cases)[i], base + "[" + std::to_string(i) + "]", options));
  check_unique_citizens(out, base);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: each document once, as text (core/json_out.hpp), in the order docs/json-format.md
// shows its fields
// ---------------------------------------------------------------------------------------------

/// A source as {"seed", "section", "quote"}, or null.
void write_source(JsonOut& w, const Source* s) {
  if (s)
    json_text::write_source(w, *s);
  else
    w.null();
}

/// Input warnings as [{"field": ..., "message": ...}].
void write_warnings(JsonOut& w, const std::vector<InputWarning>& warnings) {
  w.begin_array();
  for (const auto& x : warnings) {
    w.begin_object();
    w.key("field").value(x.field);
    w.key("message").value(x.message);
    w.end_object();
  }
  w.end_array();
}

/// An array of strings.
void write_strings(JsonOut& w, const std::vector<std::string>& xs) {
  w.begin_array();
  for (const auto& x : xs) w.value(x);
  w.end_array();
}

/// An array of vocabulary names.
template <class Enum>
void write_names(JsonOut& w, const std::vector<Enum>& xs) {
  w.begin_array();
  for (Enum x : xs) w.value(name(x));
  w.end_array();
}

void write_profile(JsonOut& w, const Profile& p) {
  w.begin_object();
  w.key("benefit").value(name(p.benefit));
  w.key("activity_ready").value(p.activity_ready);
  w.key("lives_in_designated_area").value(p.lives_in_designated_area);
  w.key("in_integration_programme").value(p.in_integration_programme);
  w.end_object();
}

void write_event(JsonOut& w, const Event& ev) {
  w.begin_object();
  w.key("date").date(ev.date);
  w.key("kind").value(name(ev.kind()));
  std::visit(overloaded{
                 [](const FirstConversation&) {},
                 [&](const Visitation& v) { w.key("outcome").value(name(v.outcome)); },
                 [&](const JobformidlerAssigned& v) { w.key("jobformidler").value(v.jobformidler); },
                 [](const CvCompleted&) {},
                 [&](const JobDirectionSet& v) {
                   w.key("goal").value(name(v.goal));
                   write_strings(w.key("wishes"), v.wishes);
                 },
                 [&](const CourseBrokenOff& v) { w.key("rehabilitation_assessment").value(v.rehabilitation_assessment); },
                 [&](const AgreementMade& v) {
                   w.key("agreement_kind").value(name(v.kind));
                   w.key("start").date(v.start);
                   w.key("minutes_per_week").value(v.minutes_per_week);
                   if (v.ordinary_minutes_per_week) w.key("ordinary_minutes_per_week").value(*v.ordinary_minutes_per_week);
                   if (v.terms) {
                     w.key("company").value(v.terms->company);
                     write_strings(w.key("tasks"), v.terms->tasks);
                     write_strings(w.key("sub_goals"), v.terms->sub_goals);
                     write_names(w.key("health"), v.terms->health);
                   }
                 },
                 [](const FollowUpPlanMade&) {},
                 [&](const ContactPersonAssigned& v) { w.key("company").value(v.company); },
                 [&](const HoursWorked& v) {
                   w.key("minutes").value(v.minutes);
                   w.key("type").value(name(v.kind));
                 },
                 [&](const Contact& v) { w.key("channel").value(name(v.channel)); },
                 [&](const SanctionFailure& v) {
                   w.key("failure_id").value(v.failure_id);
                   w.key("failure").value(name(v.failure));
                 },
                 [&](const ReasonableCause& v) {
                   w.key("failure_id").value(v.failure_id);
                   w.key("cause").value(name(v.cause));
                   w.key("text").value(v.text);
                 },
                 [&](const VulnerabilityAssessed& v) {
                   w.key("failure_id").value(v.failure_id);
                   w.key("vulnerable").value(v.vulnerable);
                 },
                 [&](const ConcreteAssessment& v) {
                   w.key("failure_id").value(v.failure_id);
                   w.key("promotes_availability").value(v.promotes_availability);
                   w.key("considers_vulnerability").value(v.considers_vulnerability);
                   w.key("text").value(v.text);
                 },
                 [&](const HearingSent& v) {
                   w.key("failure_id").value(v.failure_id);
                   if (!v.answer_by.is_special()) w.key("answer_by").date(v.answer_by);
                 },
                 [&](const HearingAnswered& v) { w.key("failure_id").value(v.failure_id); },
                 [&](const PersonalContactAttempt& v) {
                   w.key("failure_id").value(v.failure_id);
                   w.key("channel").value(name(v.channel));
                   w.key("reached").value(v.reached);
                 },
                 [&](const SelfSupport& v) { w.key("via").value(name(v.via)); },
                 [&](const ProfileChanged& v) {
                   if (v.benefit) w.key("benefit").value(name(*v.benefit));
                   if (v.activity_ready) w.key("activity_ready").value(*v.activity_ready);
                   if (v.lives_in_designated_area) w.key("lives_in_designated_area").value(*v.lives_in_designated_area);
                   if (v.in_integration_programme) w.key("in_integration_programme").value(*v.in_integration_programme);
                 },
                 [&](const AftercareContact& v) { w.key("channel").value(name(v.channel)); },
                 [&](const BusTripAttended& v) {
                   w.key("trip").value(v.trip);
                   w.key("attended").value(v.attended);
                   write_strings(w.key("companies"), v.companies);
                 },
                 [&](const TrainingTrackStarted& v) {
                   w.key("track").value(v.track);
                   if (!v.workplace.empty()) w.key("workplace").value(v.workplace);
                   if (!v.mentor.empty()) w.key("mentor").value(v.mentor);
                   if (!v.end.is_special()) w.key("end").date(v.end);
                 },
             },
             ev.data);
  w.end_object();
}

void write_case(JsonOut& w, const Case& c) {
  w.begin_object();
  w.key("citizen").value(c.citizen);
  write_profile(w.key("profile"), c.profile);
  w.key("events").begin_array();
  for (const auto& e : c.events) write_event(w, e);
  w.end_array();
  w.end_object();
}

void write_reason(JsonOut& w, const SanctionReason& r) {
  w.begin_object();
  w.key("rule").value(r.rule);
  w.key("text").value(r.text);
  write_source(w.key("source"), r.source);
  w.end_object();
}

void write_answer(JsonOut& w, const SanctionAnswer& a) {
  w.begin_object();
  w.key("failure_id").value(a.failure_id);
  w.key("failure").value(name(a.failure));
  w.key("failure_date").date(a.failure_date);
  w.key("status").value(name(a.status));
  w.key("reasons").begin_array();
  for (const auto& r : a.reasons) write_reason(w, r);
  w.end_array();
  w.key("pending").begin_array();
  for (const auto& r : a.pending) write_reason(w, r);
  w.end_array();
  if (a.excluded_by)
    write_reason(w.key("excluded_by"), *a.excluded_by);
  else
    w.key("excluded_by").null();
  w.key("deduction_days").value(a.deduction_days);
  w.key("daily_rate").value(a.daily_rate);
  w.key("deduction").value(a.deduction);
  w.end_object();
}

void write_alerts(JsonOut& w, const std::vector<Alert>& alerts) {
  w.begin_array();
  for (const auto& a : alerts) {
    w.begin_object();
    w.key("alert").value(name(a.kind));
    w.key("value").value(a.value);
    w.key("threshold").value(a.threshold);
    w.key("text").value(describe(a));
    write_source(w.key("source"), a.source);
    w.end_object();
  }
  w.end_array();
}

/// The source of the rule that a missing item would complete.
const Source* missing_source(Missing m) {
  switch (m) {
    case Missing::agreement_company:
    case Missing::agreement_tasks:
    case Missing::agreement_weekly_hours:
    case Missing::agreement_sub_goals: return &sources::agreement;
    case Missing::contact_person_company: return &sources::trin2_end;
    case Missing::visitation:
    case Missing::cv:
    case Missing::job_direction:
    case Missing::jobformidler: return &sources::trin1_end;
    case Missing::agreement:
    case Missing::followup_plan:
    case Missing::contact_person: return &sources::trin2_end;
    case Missing::ordinary_hours: return &sources::trin3_end;
  }
  return nullptr;
}

void write_evaluation(JsonOut& w, const Evaluation& e) {
  w.begin_object();
  w.key("citizen").value(e.citizen);
  w.key("as_of").date(e.as_of);
  w.key("rule_set").value(e.rule_set);

  w.key("target_group").begin_object();
  w.key("member").value(e.target_group.member);
  w.key("reasons").begin_array();
  for (auto r : e.target_group.reasons) {
    w.begin_object();
    w.key("reason").value(name(r));
    w.key("text").value(describe(r));
    write_source(w.key("source"), &sources::target_group);
    w.end_object();
  }
  w.end_array();
  write_source(w.key("source"), &sources::target_group);
  w.end_object();

  write_profile(w.key("profile"), e.profile);
  w.key("profile_periods").begin_array();
  for (const auto& p : e.profile_periods) {
    w.begin_object();
    w.key("from").date(p.from);
    write_profile(w.key("profile"), p.profile);
    w.key("member").value(p.target_group.member);
    write_names(w.key("reasons"), p.target_group.reasons);
    w.end_object();
  }
  w.end_array();

  w.key("step").value(name(e.step));
  w.key("step_label").value(label(e.step));
  w.key("since").date(e.since);

  w.key("history").begin_array();
  for (const auto& h : e.history) {
    w.begin_object();
    w.key("date").date(h.date);
    w.key("from").value(name(h.from));
    w.key("to").value(name(h.to));
    if (h.transition) {
      w.key("rule").value(h.transition->rule);
      w.key("description").value(h.transition->description);
      write_source(w.key("source"), h.transition->source);
    } else {
      w.key("rule").null();
      w.key("description").null();
      w.key("source").null();
    }
    w.end_object();
  }
  w.end_array();

  w.key("missing").begin_array();
  for (auto m : e.missing) {
    w.begin_object();
    w.key("condition").value(name(m));
    w.key("text").value(describe(m));
    write_source(w.key("source"), missing_source(m));
    w.end_object();
  }
  w.end_array();

  w.key("ordinary_this_month").value(e.ordinary_this_month);
  w.key("ordinary_in_trin3_this_month").value(e.ordinary_in_trin3_this_month);
  w.key("thirty_hours_pending").value(e.thirty_hours_pending);

  if (const StepChange* x = e.exit()) {
    w.key("exit").begin_object();
    w.key("step").value(name(x->to));
    w.key("date").date(x->date);
    if (x->transition) {
      w.key("rule").value(x->transition->rule);
      write_source(w.key("source"), x->transition->source);
    } else {
      w.key("rule").null();
      w.key("source").null();
    }
    w.end_object();
  } else {
    w.key("exit").null();
  }

  w.key("hours").begin_array();
  for (const auto& h : e.hours) {
    w.begin_object();
    w.key("month").month(h.month);
    w.key("ordinary_minutes").value(h.ordinary);
    w.key("internship_minutes").value(h.internship);
    w.key("ordinary_in_trin3_minutes").value(h.ordinary_in_trin3);
    w.end_object();
  }
  w.end_array();

  const FollowUp& f = e.followup;
  w.key("followup").begin_object();
  w.key("applies").value(f.applies);
  if (f.applies) {
    w.key("start").date(f.start);
    w.key("trin3_entry").date(f.trin3_entry);
    w.key("first_month").month(f.first_month);
    w.key("last_month").month(f.last_month);
  } else {
    for (const char* k : {"start", "trin3_entry", "first_month", "last_month"}) w.key(k).null();
  }
  w.key("breached").begin_array();
  for (auto m : f.breached) w.month(m);
  w.end_array();
  w.key("due_this_month").value(f.due_this_month);
  w.key("deadline").date(f.deadline);
  w.key("last_contact").date(f.last_contact);
  write_source(w.key("source"), &sources::monthly_followup);
  w.end_object();

  w.key("sanctions").begin_array();
  for (const auto& a : e.sanctions) write_answer(w, a);
  w.end_array();

  w.key("jobformidler").begin_object();
  w.key("current").string_or_null(e.jobformidler.current);
  w.key("since").date(e.jobformidler.since);
  w.key("changes").value(e.jobformidler.changes);
  w.key("days_with_current").value(e.jobformidler.days_with_current);
  write_source(w.key("source"), &sources::jobformidler_continuity);
  w.end_object();
  w.key("inactive_since").date(e.inactive_since);
  w.key("days_in_trin2").value(e.days_in_trin2);
  w.key("total_days_in_trin2").value(e.total_days_in_trin2);

  w.key("agreements").begin_array();
  for (const auto& a : e.agreements) {
    w.begin_object();
    w.key("index").value(a.index);
    w.key("date").date(a.date);
    w.key("start").date(a.start);
    w.key("agreement_kind").value(name(a.kind));
    w.key("company").string_or_null(a.company);
    w.key("minutes_per_week").value(a.minutes_per_week);
    w.key("ordinary_minutes_per_week").value(a.ordinary_minutes_per_week);
    w.key("renegotiation").value(a.renegotiation);
    write_names(w.key("missing_terms"), a.missing_terms);
    w.end_object();
  }
  w.end_array();

  w.key("aftercare").begin_array();
  for (const auto& a : e.aftercare) {
    w.begin_object();
    w.key("date").date(a.date);
    w.key("channel").value(name(a.channel));
    w.end_object();
  }
  w.end_array();
  w.key("bus_trips").begin_array();
  for (const auto& b : e.bus_trips) {
    w.begin_object();
    w.key("date").date(b.date);
    w.key("trip").value(b.trip);
    w.key("attended").value(b.attended);
    write_strings(w.key("companies"), b.companies);
    w.end_object();
  }
  w.end_array();
  w.key("training").begin_array();
  for (const auto& t : e.training) {
    w.begin_object();
    w.key("start").date(t.start);
    w.key("end").date(t.end);
    w.key("track").value(t.track);
    w.key("workplace").string_or_null(t.workplace);
    w.key("mentor").string_or_null(t.mentor);
    w.end_object();
  }
  w.end_array();
  write_alerts(w.key("alerts"), e.alerts);

  w.key("violations").begin_array();
  for (const auto& v : e.violations) {
    w.begin_object();
    w.key("index").value(v.index);
    w.key("date").date(v.date);
    w.key("rule").value(v.rule);
    w.key("text").value(v.text);
    write_source(w.key("source"), v.source);
    w.end_object();
  }
  w.end_array();

  w.key("not_applied").begin_array();
  for (const auto& n : e.not_applied) {
    w.begin_object();
    w.key("index").value(n.index);
    w.key("date").date(n.date);
    if (n.kind)
      w.key("kind").value(name(*n.kind));
    else
      w.key("kind").null();
    w.key("reason").value(name(n.reason));
    w.key("text").value(describe(n));
    w.key("related").date(n.related);
    if (n.reason == NotAppliedReason::unreadable) {
      w.key("field").value(n.field);
      w.key("value").value(n.value);
      w.key("detail").value(n.detail);
    }
    w.end_object();
  }
  w.end_array();
  write_warnings(w.key("input_warnings"), e.warnings);

  w.key("events_applied").value(e.events_applied);
  w.key("events_after_as_of").value(e.events_after_as_of);
  w.end_object();
}

void write_worklist(JsonOut& w, const std::vector<WorklistEntry>& list, Date as_of) {
  w.begin_object();
  w.key("as_of").date(as_of);
  w.key("count").value(list.size());
  w.key("worklist").begin_array();
  for (const auto& x : list) {
    w.begin_object();
    w.key("citizen").value(x.citizen);
    w.key("jobformidler").string_or_null(x.jobformidler);
    w.key("step").value(name(x.step));
    w.key("followup_due").value(x.followup_due);
    w.key("deadline").date(x.deadline);
    w.key("last_contact").date(x.last_contact);
    w.key("breached_months").value(x.breached_months);
    write_alerts(w.key("alerts"), x.alerts);
    w.end_object();
  }
  w.end_array();
  write_source(w.key("source"), &sources::monthly_followup);
  w.end_object();
}

/// A whole document: `write` with a JsonOut at depth 0, after checking the indent.
template <class Write>
std::string document(int indent, Write&& write) {
  check_indent(indent);
  std::string out;
  {
    JsonOut w(out, indent);
    write(w, out);
    w.flush();
  }
  return out;
}

/// {"<key>": [...]} of every item in `items`, each written by `write`. Once the first 64 are
/// written, the text reserves room for all at their mean size so far (a large document then
/// grows without being copied; when that much memory cannot be had, it grows as it goes).
template <class T, class Write>
void write_list(JsonOut& w, std::string& out, const char* key, const std::vector<T>& items, Write&& write) {
  constexpr std::size_t sample = 64;
  w.begin_object();
  w.key(key).begin_array();
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == sample && items.size() > 2 * sample) {
      w.flush();
      const double mean = static_cast<double>(out.size() - start) / sample;
      try {
        out.reserve(out.size() + static_cast<std::size_t>(mean * 1.125 * static_cast<double>(items.size() - sample)));
      } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): a hint only (bad_alloc, length_error)
      }
    }
    write(w, items[i]);
  }
  w.end_array();
  w.end_object();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

Case case_from_json(std::string_view text, const ReadOptions& options) {
  return read_case(parse_document(text, options.max_bytes), "", options);
}

Caseload caseload_from_json(std::string_view text, const ReadOptions& options) {
  return read_caseload(parse_document(text, options.max_bytes), options);
}

Caseload cases_from_json(std::string_view text, bool& single, const ReadOptions& options) {
  const json doc = parse_document(text, options.max_bytes);
  single = !(doc.is_array() || (doc.is_object() && doc.contains("cases")));
  if (!single) return read_caseload(doc, options);
  Caseload load;
  load.cases.push_back(read_case(doc, "", options));
  return load;
}

SanctionQuestion sanction_question_from_json(std::string_view text, const ReadOptions& options) {
  const json doc = parse_document(text, options.max_bytes);
  if (!doc.is_object())
    invalid("", doc, "a sanction question must be a JSON object with \"case\" and \"as_of\", not " + a_type(doc));
  SanctionQuestion q;
  ReadContext{options, q.warnings}.check_fields(doc, "", {"case", "failure_id", "as_of", "daily_rate"});

  auto cit = doc.find("case");
  if (cit == doc.end() || cit->is_null())
    throw Error(Errc::invalid_input, "case", "", "missing: a sanction question needs the citizen's case");
  q.case_data = read_case(*cit, "case", options);

  if (auto fit = doc.find("failure_id"); fit != doc.end() && !fit->is_null()) {
    if (!fit->is_string()) invalid("failure_id", *fit, "must be a string, not " + a_type(*fit));
    q.failure_id = fit->get<std::string>();
    // Ambiguous input is an error: "" is neither a failure nor "the latest failure" (omit the field).
    if (q.failure_id.empty())
      invalid("failure_id", *fit, "must not be empty: name the failure, or omit the field to ask about the latest");
  }

  auto ait = doc.find("as_of");
  if (ait == doc.end() || ait->is_null())
    throw Error(Errc::invalid_input, "as_of", "", "missing: a sanction question needs the date \"as_of\"");
  std::optional<Date> as_of;
  if (ait->is_string()) as_of = parse_date(ait->get_ref<const std::string&>());
  if (!as_of) invalid("as_of", *ait, "must be a valid date \"YYYY-MM-DD\"");
  q.as_of = *as_of;

  if (const json* r = member(doc, "daily_rate")) {
    q.daily_rate = whole_number("daily_rate", *r, 0, max_daily_rate);
  }
  return q;
}

std::string to_json(const Case& c, int indent) {
  return document(indent, [&](JsonOut& w, std::string&) { write_case(w, c); });
}

std::string to_json(const Caseload& load, int indent) {
  return document(indent, [&](JsonOut& w, std::string& out) { write_list(w, out, "cases", load.cases, write_case); });
}

std::string to_json(const Evaluation& e, int indent) {
  return document(indent, [&](JsonOut& w, std::string&) { write_evaluation(w, e); });
}

std::string to_json(const std::vector<Evaluation>& es, int indent) {
  return document(indent, [&](JsonOut& w, std::string& out) { write_list(w, out, "evaluations", es, write_evaluation); });
}

std::string to_json(const SanctionAnswer& a, int indent) {
  return document(indent, [&](JsonOut& w, std::string&) { write_answer(w, a); });
}

Evaluation evaluate(const SanctionQuestion& q) {
  EvaluateOptions opts;
  opts.as_of = q.as_of;
  opts.daily_rate = q.daily_rate;
  return evaluate(q.case_data, opts);
}

std::string to_json(const Evaluation& e, const SanctionAnswer& answer, int indent) {
  return document(indent, [&](JsonOut& w, std::string&) {
    w.begin_object();
    w.key("citizen").value(e.citizen);
    w.key("as_of").date(e.as_of);
    w.key("rule_set").value(e.rule_set);
    w.key("step").value(name(e.step));
    write_answer(w.key("answer"), answer);
    w.end_object();
  });
}

std::string step_model_json(int indent) {
  return document(indent, [&](JsonOut& w, std::string&) {
    w.begin_object();
    w.key("rule_set").value(default_rules().version);
    w.key("steps").begin_array();
    for (std::size_t i = 0; i < step_count; ++i) {
      const auto s = static_cast<Step>(i);
      w.begin_object();
      w.key("name").value(name(s));
      w.key("label").value(label(s));
      w.key("exit").value(is_exit(s));
      w.end_object();
    }
    w.end_array();
    w.key("conditions").begin_array();
    for (std::size_t i = 0; i < enum_size<Condition>; ++i) w.value(name(static_cast<Condition>(i)));
    w.end_array();
    w.key("transitions").begin_array();
    for (const auto& t : transitions) {
      w.begin_object();
      w.key("from").value(name(t.from));
      w.key("condition").value(name(t.condition));
      w.key("to").value(name(t.to));
      w.key("rule").value(t.rule);
      w.key("description").value(t.description);
      write_source(w.key("source"), t.source);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  });
}

std::string to_json(const std::vector<WorklistEntry>& w, Date as_of, int indent) {
  return document(indent, [&](JsonOut& out, std::string&) { write_worklist(out, w, as_of); });
}

void append_case_json(std::string& out, const Case& c, int indent, int depth) {
  JsonOut w(out, indent, depth);
  write_case(w, c);
  w.flush();
}

void append_evaluation_json(std::string& out, const Evaluation& e, int indent, int depth) {
  JsonOut w(out, indent, depth);
  write_evaluation(w, e);
  w.flush();
}

void append_worklist_json(std::string& out, const std::vector<WorklistEntry>& list, Date as_of, int indent,
                          int depth) {
  JsonOut w(out, indent, depth);
  write_worklist(w, list, as_of);
  w.flush();
}

namespace detail {
Case read_case_text(std::string_view text, const std::string& path, const ReadOptions& options,
                    std::size_t* error_byte) {
  return read_case(parse_document(text, options.max_bytes, error_byte), path, options);
}
void check_caseload_fields(const std::vector<std::string>& keys, const ReadOptions& options,
                           std::vector<InputWarning>& warnings) {
  json doc = json::object();
  for (const auto& k : keys) doc[k] = nullptr;
  ReadContext{options, warnings}.check_fields(doc, "", {"cases"});
}
}  // namespace detail

void check_unique_citizens(const Caseload& load, const std::string& path) {
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(load.cases.size());
  for (std::size_t i = 0; i < load.cases.size(); ++i) {
    auto [it, fresh] = first.emplace(load.cases[i].citizen, i);
    // Decision "One case per citizen" (docs/decisions.md): a second case of one citizen would be
    // counted twice in the worklist and the programme figures, with contradictory data.
    if (!fresh)
      throw Error(Errc::invalid_input, join(at(path, i), "citizen"), load.cases[i].citizen,
                  "duplicate citizen id: the same citizen is at " + at(path, it->second) +
                      "; a caseload holds one case per citizen");
  }
}

namespace {
/// Appends `in` to `out` in chunks, stopping at the bound and at the first NUL byte.
void read_chunks(std::istream& in, const std::string& name, std::size_t max_bytes, std::string& out) {
  constexpr std::size_t chunk = std::size_t{1} << 20;
  std::vector<char> buffer(chunk);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(chunk));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (const void* nul = std::memchr(buffer.data(), '\0', got))
      throw Error(Errc::parse_error, "file", name,
                  "not text: a NUL byte at offset " +
                      std::to_string(out.size() + static_cast<std::size_t>(static_cast<const char*>(nul) - buffer.data())));
    if (out.size() + got > max_bytes)
      throw Error(Errc::invalid_input, "file", name,
                  "larger than the maximum input size of " + std::to_string(max_bytes) + " bytes (ReadOptions::max_bytes)");
    out.append(buffer.data(), got);
  }
  if (in.bad()) throw Error(Errc::io_error, "file", name, std::string("cannot be read: ") + std::strerror(errno));
}
}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw Error(Errc::io_error, "file", path, "cannot be read: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io_error, "file", path, std::string("cannot be opened: ") + std::strerror(errno));
  std::string out;
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes)
      throw Error(Errc::invalid_input, "file", path,
                  "larger than the maximum input size of " + std::to_string(max_bytes) + " bytes (" +
                      std::to_string(size) + " bytes; ReadOptions::max_bytes)");
    if (!ec) out.reserve(static_cast<std::size_t>(size));
  }
  // In chunks, so a device or a pipe stops at the bound or at the first NUL byte.
  read_chunks(in, path, max_bytes, out);
  return out;
}

std::string read_stream(std::istream& in, const std::string& name, std::size_t max_bytes) {
  std::string out;
  read_chunks(in, name, max_bytes, out);
  return out;
}

}  // namespace kanten::inline v1
