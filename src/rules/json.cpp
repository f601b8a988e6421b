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

#include "core/json_text.hpp"
#include "rules/source_json.hpp"
#include "rules/json_writers.hpp"

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
  explicit EventFields(const json& o) : json_text::Fields(o, "", fault) {}

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

/// The payload of an event of kind `k` from its fields.
EventData read_payload(EventKind k, const EventFields& f, Date date) {
  switch (k) {
    case EventKind::first_conversation: return FirstConversation{};
    case EventKind::visitation: return Visitation{f.vocab<VisitationOutcome>("outcome")};
    case EventKind::jobformidler_assigned: return JobformidlerAssigned{f.id("jobformidler")};
    case EventKind::cv_completed: return CvCompleted{};
    case EventKind::job_direction_set: {
      JobDirectionSet d;
      d.goal = f.vocab<Goal>("goal");
      d.wishes = f.texts("wishes");
      return d;
    }
    case EventKind::course_broken_off: return CourseBrokenOff{f.opt_flag("rehabilitation_assessment", false)};
    case EventKind::agreement: {
      AgreementMade a;
      a.kind = f.vocab<AgreementKind>("agreement_kind");
      a.start = f.opt_date("start", date);
      a.minutes_per_week = f.duration("minutes_per_week", "hours_per_week").value_or(0);
      a.ordinary_minutes_per_week = f.duration("ordinary_minutes_per_week", "ordinary_hours_per_week");
      if (a.ordinary_minutes_per_week && *a.ordinary_minutes_per_week < 0)
        fault("ordinary_minutes_per_week", std::to_string(*a.ordinary_minutes_per_week), "must not be negative");
      if (a.ordinary_minutes_per_week && *a.ordinary_minutes_per_week > a.minutes_per_week)
        fault("ordinary_minutes_per_week", std::to_string(*a.ordinary_minutes_per_week),
              "more than the agreement's minutes_per_week (" + std::to_string(a.minutes_per_week) + ")");
      const bool has_terms = f.get("company") || f.get("tasks") || f.get("sub_goals") || f.get("health");
      if (has_terms) {
        auto t = std::make_shared<AgreementTerms>();
        t->company = f.opt_id("company");
        t->tasks = f.texts("tasks");
        t->sub_goals = f.texts("sub_goals");
        t->health = f.vocabs<Health>("health");
        a.terms = std::move(t);
      }
      return a;
    }
    case EventKind::followup_plan: return FollowUpPlanMade{};
    case EventKind::contact_person: return ContactPersonAssigned{f.id("company")};
    case EventKind::hours_worked: {
      HoursWorked h;
      auto m = f.duration("minutes", "hours");
      if (!m) fault("minutes", "", "missing: give \"minutes\" (whole minutes) or \"hours\" (\"H:MM\")");
      h.minutes = *m;
      h.kind = f.vocab<HoursKind>("type");
      return h;
    }
    case EventKind::contact: return Contact{f.vocab<Channel>("channel")};
    case EventKind::sanction_failure: {
      SanctionFailure s;
      s.failure_id = f.id("failure_id");
      s.failure = f.vocab<FailureKind>("failure");
      return s;
    }
    case EventKind::reasonable_cause: {
      ReasonableCause r;
      r.failure_id = f.id("failure_id");
      r.cause = f.vocab<CauseKind>("cause");
      r.text = f.text("text");
      return r;
    }
    case EventKind::vulnerability_assessed: {
      VulnerabilityAssessed v;
      v.failure_id = f.id("failure_id");
      v.vulnerable = f.flag("vulnerable");
      return v;
    }
    case EventKind::concrete_assessment: {
      ConcreteAssessment c;
      c.failure_id = f.id("failure_id");
      c.promotes_availability = f.flag("promotes_availability");
      c.considers_vulnerability = f.opt_flag("considers_vulnerability", false);
      c.text = f.text("text");
      return c;
    }
    case EventKind::hearing_sent: return HearingSent{f.id("failure_id"), f.opt_date("answer_by", Date())};
    case EventKind::hearing_answered: return HearingAnswered{f.id("failure_id")};
    case EventKind::personal_contact_attempt: {
      PersonalContactAttempt p;
      p.failure_id = f.id("failure_id");
      p.channel = f.vocab<Channel>("channel");
      p.reached = f.flag("reached");
      return p;
    }
    case EventKind::self_support: return SelfSupport{f.vocab<SelfSupportKind>("via")};
    case EventKind::profile_changed: {
      ProfileChanged p;
      if (f.get("benefit")) p.benefit = f.vocab<Benefit>("benefit");
      if (f.get("activity_ready")) p.activity_ready = f.flag("activity_ready");
      if (f.get("lives_in_designated_area")) p.lives_in_designated_area = f.flag("lives_in_designated_area");
      if (f.get("in_integration_programme")) p.in_integration_programme = f.flag("in_integration_programme");
      if (!p.benefit && !p.activity_ready && !p.lives_in_designated_area && !p.in_integration_programme)
        fault("benefit", "",
              "missing: a profile change gives at least one of benefit, activity_ready, lives_in_designated_area, "
              "in_integration_programme");
      return p;
    }
    case EventKind::aftercare_contact: return AftercareContact{f.vocab<Channel>("channel")};
    case EventKind::bus_trip: {
      BusTripAttended b;
      b.trip = f.id("trip");
      if (b.trip.empty()) fault("trip", "\"\"", "must not be empty: an opaque trip id");
      b.attended = f.opt_flag("attended", true);
      b.companies = f.ids("companies");
      return b;
    }
    case EventKind::training_track: {
      TrainingTrackStarted t;
      t.track = f.id("track");
      if (t.track.empty()) fault("track", "\"\"", "must not be empty: an opaque track id");
      t.workplace = f.opt_id("workplace");
      t.mentor = f.opt_id("mentor");
      t.end = f.opt_date("end", Date());
      return t;
    }
  }
  fault("kind", "", "unhandled event kind");  // unreachable: parse_name only yields listed kinds
}

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
  ev.data = read_payload(kind, f, ev.date);
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
// Writing
// ---------------------------------------------------------------------------------------------

using json_text::date_json;
ojson date_json(const std::optional<Date>& d) { return d ? date_json(*d) : ojson(nullptr); }

ojson source_json(const Source* s) { return s ? json_text::source_json(*s) : ojson(nullptr); }

ojson profile_json(const Profile& p) {
  ojson j;
  j["benefit"] = str(name(p.benefit));
  j["activity_ready"] = p.activity_ready;
  j["lives_in_designated_area"] = p.lives_in_designated_area;
  j["in_integration_programme"] = p.in_integration_programme;
  return j;
}

ojson event_json(const Event& ev) {
  ojson j;
  j["date"] = date_json(ev.date);
  j["kind"] = str(name(ev.kind()));
  std::visit(overloaded{
                 [](const FirstConversation&) {},
                 [&](const Visitation& v) { j["outcome"] = str(name(v.outcome)); },
                 [&](const JobformidlerAssigned& v) { j["jobformidler"] = v.jobformidler; },
                 [](const CvCompleted&) {},
                 [&](const JobDirectionSet& v) {
                   j["goal"] = str(name(v.goal));
                   j["wishes"] = v.wishes;
                 },
                 [&](const CourseBrokenOff& v) { j["rehabilitation_assessment"] = v.rehabilitation_assessment; },
                 [&](const AgreementMade& v) {
                   j["agreement_kind"] = str(name(v.kind));
                   j["start"] = date_json(v.start);
                   j["minutes_per_week"] = v.minutes_per_week;
                   if (v.ordinary_minutes_per_week) j["ordinary_minutes_per_week"] = *v.ordinary_minutes_per_week;
                   if (v.terms) {
                     j["company"] = v.terms->company;
                     j["tasks"] = v.terms->tasks;
                     j["sub_goals"] = v.terms->sub_goals;
                     ojson health = ojson::array();
                     for (Health h : v.terms->health) health.push_back(str(name(h)));
                     j["health"] = std::move(health);
                   }
                 },
                 [](const FollowUpPlanMade&) {},
                 [&](const ContactPersonAssigned& v) { j["company"] = v.company; },
                 [&](const HoursWorked& v) {
                   j["minutes"] = v.minutes;
                   j["type"] = str(name(v.kind));
                 },
                 [&](const Contact& v) { j["channel"] = str(name(v.channel)); },
                 [&](const SanctionFailure& v) {
                   j["failure_id"] = v.failure_id;
                   j["failure"] = str(name(v.failure));
                 },
                 [&](const ReasonableCause& v) {
                   j["failure_id"] = v.failure_id;
                   j["cause"] = str(name(v.cause));
                   j["text"] = v.text;
                 },
                 [&](const VulnerabilityAssessed& v) {
                   j["failure_id"] = v.failure_id;
                   j["vulnerable"] = v.vulnerable;
                 },
                 [&](const ConcreteAssessment& v) {
                   j["failure_id"] = v.failure_id;
                   j["promotes_availability"] = v.promotes_availability;
                   j["considers_vulnerability"] = v.considers_vulnerability;
                   j["text"] = v.text;
                 },
                 [&](const HearingSent& v) {
                   j["failure_id"] = v.failure_id;
                   if (!v.answer_by.is_special()) j["answer_by"] = date_json(v.answer_by);
                 },
                 [&](const HearingAnswered& v) { j["failure_id"] = v.failure_id; },
                 [&](const PersonalContactAttempt& v) {
                   j["failure_id"] = v.failure_id;
                   j["channel"] = str(name(v.channel));
                   j["reached"] = v.reached;
                 },
                 [&](const SelfSupport& v) { j["via"] = str(name(v.via)); },
                 [&](const ProfileChanged& v) {
                   if (v.benefit) j["benefit"] = str(name(*v.benefit));
                   if (v.activity_ready) j["activity_ready"] = *v.activity_ready;
                   if (v.lives_in_designated_area) j["lives_in_designated_area"] = *v.lives_in_designated_area;
                   if (v.in_integration_programme) j["in_integration_programme"] = *v.in_integration_programme;
                 },
                 [&](const AftercareContact& v) { j["channel"] = str(name(v.channel)); },
                 [&](const BusTripAttended& v) {
                   j["trip"] = v.trip;
                   j["attended"] = v.attended;
                   j["companies"] = v.companies;
                 },
                 [&](const TrainingTrackStarted& v) {
                   j["track"] = v.track;
                   if (!v.workplace.empty()) j["workplace"] = v.workplace;
                   if (!v.mentor.empty()) j["mentor"] = v.mentor;
                   if (!v.end.is_special()) j["end"] = date_json(v.end);
                 },
             },
             ev.data);
  return j;
}

ojson case_json(const Case& c) {
  ojson j;
  j["citizen"] = c.citizen;
  j["profile"] = profile_json(c.profile);
  ojson events = ojson::array();
  for (const auto& e : c.events) events.push_back(event_json(e));
  j["events"] = std::move(events);
  return j;
}

ojson reason_json(const SanctionReason& r) {
  ojson j;
  j["rule"] = r.rule;
  j["text"] = r.text;
  j["source"] = source_json(r.source);
  return j;
}

ojson optional_int(const std::optional<std::int64_t>& v) { return v ? ojson(*v) : ojson(nullptr); }

ojson answer_json(const SanctionAnswer& a) {
  ojson j;
  j["failure_id"] = a.failure_id;
  j["failure"] = str(name(a.failure));
  j["failure_date"] = date_json(a.failure_date);
  j["status"] = str(name(a.status));
  ojson reasons = ojson::array(), pending = ojson::array();
  for (const auto& r : a.reasons) reasons.push_back(reason_json(r));
  for (const auto& r : a.pending) pending.push_back(reason_json(r));
  j["reasons"] = std::move(reasons);
  j["pending"] = std::move(pending);
  j["excluded_by"] = a.excluded_by ? reason_json(*a.excluded_by) : ojson(nullptr);
  j["deduction_days"] = a.deduction_days;
  j["daily_rate"] = optional_int(a.daily_rate);
  j["deduction"] = optional_int(a.deduction);
  return j;
}

ojson alerts_json(const std::vector<Alert>& alerts) {
  ojson out = ojson::array();
  for (const auto& a : alerts) {
    ojson aj;
    aj["alert"] = str(name(a.kind));
    aj["value"] = a.value;
    aj["threshold"] = a.threshold;
    aj["text"] = describe(a);
    aj["source"] = source_json(a.source);
    out.push_back(std::move(aj));
  }
  return out;
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

ojson evaluation_json(const Evaluation& e) {
  ojson j;
  j["citizen"] = e.citizen;
  j["as_of"] = date_json(e.as_of);
  j["rule_set"] = e.rule_set;

  ojson tg;
  tg["member"] = e.target_group.member;
  ojson reasons = ojson::array();
  for (auto r : e.target_group.reasons) {
    ojson rj;
    rj["reason"] = str(name(r));
    rj["text"] = describe(r);
    rj["source"] = source_json(&sources::target_group);
    reasons.push_back(std::move(rj));
  }
  tg["reasons"] = std::move(reasons);
  tg["source"] = source_json(&sources::target_group);
  j["target_group"] = std::move(tg);

  ojson periods = ojson::array();
  for (const auto& p : e.profile_periods) {
    ojson pj;
    pj["from"] = date_json(p.from);
    pj["profile"] = profile_json(p.profile);
    pj["member"] = p.target_group.member;
    ojson why = ojson::array();
    for (auto r : p.target_group.reasons) why.push_back(str(name(r)));
    pj["reasons"] = std::move(why);
    periods.push_back(std::move(pj));
  }
  j["profile"] = profile_json(e.profile);
  j["profile_periods"] = std::move(periods);

  j["step"] = str(name(e.step));
  j["step_label"] = str(label(e.step));
  j["since"] = date_json(e.since);

  ojson history = ojson::array();
  for (const auto& h : e.history) {
    ojson hj;
    hj["date"] = date_json(h.date);
    hj["from"] = str(name(h.from));
    hj["to"] = str(name(h.to));
    hj["rule"] = h.transition ? ojson(str(h.transition->rule)) : ojson(nullptr);
    hj["description"] = h.transition ? ojson(str(h.transition->description)) : ojson(nullptr);
    hj["source"] = source_json(h.transition ? h.transition->source : nullptr);
    history.push_back(std::move(hj));
  }
  j["history"] = std::move(history);

  ojson missing = ojson::array();
  for (auto m : e.missing) {
    ojson mj;
    mj["condition"] = str(name(m));
    mj["text"] = describe(m);
    mj["source"] = source_json(missing_source(m));
    missing.push_back(std::move(mj));
  }
  j["missing"] = std::move(missing);

  j["ordinary_this_month"] = e.ordinary_this_month;
  j["ordinary_in_trin3_this_month"] = e.ordinary_in_trin3_this_month;
  j["thirty_hours_pending"] = e.thirty_hours_pending;

  if (const StepChange* x = e.exit()) {
    ojson xj;
    xj["step"] = str(name(x->to));
    xj["date"] = date_json(x->date);
    xj["rule"] = x->transition ? ojson(str(x->transition->rule)) : ojson(nullptr);
    xj["source"] = source_json(x->transition ? x->transition->source : nullptr);
    j["exit"] = std::move(xj);
  } else {
    j["exit"] = nullptr;
  }

  ojson hours = ojson::array();
  for (const auto& h : e.hours) {
    ojson hj;
    hj["month"] = h.month.str();
    hj["ordinary_minutes"] = h.ordinary;
    hj["internship_minutes"] = h.internship;
    hj["ordinary_in_trin3_minutes"] = h.ordinary_in_trin3;
    hours.push_back(std::move(hj));
  }
  j["hours"] = std::move(hours);

  const FollowUp& f = e.followup;
  ojson fj;
  fj["applies"] = f.applies;
  fj["start"] = f.applies ? date_json(f.start) : ojson(nullptr);
  fj["trin3_entry"] = f.applies ? date_json(f.trin3_entry) : ojson(nullptr);
  fj["first_month"] = f.applies ? ojson(f.first_month.str()) : ojson(nullptr);
  fj["last_month"] = f.applies ? ojson(f.last_month.str()) : ojson(nullptr);
  ojson breached = ojson::array();
  for (auto m : f.breached) breached.push_back(m.str());
  fj["breached"] = std::move(breached);
  fj["due_this_month"] = f.due_this_month;
  fj["deadline"] = date_json(f.deadline);
  fj["last_contact"] = date_json(f.last_contact);
  fj["source"] = source_json(&sources::monthly_followup);
  j["followup"] = std::move(fj);

  ojson sanctions = ojson::array();
  for (const auto& a : e.sanctions) sanctions.push_back(answer_json(a));
  j["sanctions"] = std::move(sanctions);

  ojson jf;
  jf["current"] = e.jobformidler.current.empty() ? ojson(nullptr) : ojson(e.jobformidler.current);
  jf["since"] = date_json(e.jobformidler.since);
  jf["changes"] = e.jobformidler.changes;
  jf["days_with_current"] = e.jobformidler.days_with_current;
  jf["source"] = source_json(&sources::jobformidler_continuity);
  j["jobformidler"] = std::move(jf);
  j["inactive_since"] = date_json(e.inactive_since);
  j["days_in_trin2"] = e.days_in_trin2;
  j["total_days_in_trin2"] = e.total_days_in_trin2;

  ojson agreements = ojson::array();
  for (const auto& a : e.agreements) {
    ojson aj;
    aj["index"] = a.index;
    aj["date"] = date_json(a.date);
    aj["start"] = date_json(a.start);
    aj["agreement_kind"] = str(name(a.kind));
    aj["company"] = a.company.empty() ? ojson(nullptr) : ojson(a.company);
    aj["minutes_per_week"] = a.minutes_per_week;
    aj["ordinary_minutes_per_week"] = a.ordinary_minutes_per_week ? ojson(*a.ordinary_minutes_per_week) : ojson(nullptr);
    aj["renegotiation"] = a.renegotiation;
    ojson missing_terms = ojson::array();
    for (auto m : a.missing_terms) missing_terms.push_back(str(name(m)));
    aj["missing_terms"] = std::move(missing_terms);
    agreements.push_back(std::move(aj));
  }
  j["agreements"] = std::move(agreements);

  ojson aftercare = ojson::array();
  for (const auto& a : e.aftercare) aftercare.push_back(ojson{{"date", date_json(a.date)}, {"channel", str(name(a.channel))}});
  j["aftercare"] = std::move(aftercare);
  ojson trips = ojson::array();
  for (const auto& b : e.bus_trips) {
    ojson bj;
    bj["date"] = date_json(b.date);
    bj["trip"] = b.trip;
    bj["attended"] = b.attended;
    bj["companies"] = b.companies;
    trips.push_back(std::move(bj));
  }
  j["bus_trips"] = std::move(trips);
  ojson training = ojson::array();
  for (const auto& t : e.training) {
    ojson tj;
    tj["start"] = date_json(t.start);
    tj["end"] = date_json(t.end);
    tj["track"] = t.track;
    tj["workplace"] = t.workplace.empty() ? ojson(nullptr) : ojson(t.workplace);
    tj["mentor"] = t.mentor.empty() ? ojson(nullptr) : ojson(t.mentor);
    training.push_back(std::move(tj));
  }
  j["training"] = std::move(training);
  j["alerts"] = alerts_json(e.alerts);

  ojson violations = ojson::array();
  for (const auto& v : e.violations) {
    ojson vj;
    vj["index"] = v.index;
    vj["date"] = date_json(v.date);
    vj["rule"] = str(v.rule);
    vj["text"] = str(v.text);
    vj["source"] = source_json(v.source);
    violations.push_back(std::move(vj));
  }
  j["violations"] = std::move(violations);

  ojson not_applied = ojson::array();
  for (const auto& n : e.not_applied) {
    ojson nj;
    nj["index"] = n.index;
    nj["date"] = date_json(n.date);
    nj["kind"] = n.kind ? ojson(str(name(*n.kind))) : ojson(nullptr);
    nj["reason"] = str(name(n.reason));
    nj["text"] = describe(n);
    nj["related"] = date_json(n.related);
    if (n.reason == NotAppliedReason::unreadable) {
      nj["field"] = n.field;
      nj["value"] = n.value;
      nj["detail"] = n.detail;
    }
    not_applied.push_back(std::move(nj));
  }
  j["not_applied"] = std::move(not_applied);
  j["input_warnings"] = warnings_json(e.warnings);

  j["events_applied"] = e.events_applied;
  j["events_after_as_of"] = e.events_after_as_of;
  return j;
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

std::string to_json(const Case& c, int indent) { return dump(case_json(c), indent); }

std::string to_json(const Caseload& load, int indent) {
  ojson cases = ojson::array();
  for (const auto& c : load.cases) cases.push_back(case_json(c));
  ojson j;
  j["cases"] = std::move(cases);
  return dump(j, indent);
}

std::string to_json(const Evaluation& e, int indent) { return dump(evaluation_json(e), indent); }

std::string to_json(const std::vector<Evaluation>& es, int indent) {
  ojson j;
  j["evaluations"] = evaluations_ojson(es);
  return dump(j, indent);
}

std::string to_json(const SanctionAnswer& a, int indent) { return dump(answer_json(a), indent); }

Evaluation evaluate(const SanctionQuestion& q) {
  EvaluateOptions opts;
  opts.as_of = q.as_of;
  opts.daily_rate = q.daily_rate;
  return evaluate(q.case_data, opts);
}

std::string to_json(const Evaluation& e, const SanctionAnswer& answer, int indent) {
  ojson j;
  j["citizen"] = e.citizen;
  j["as_of"] = date_json(e.as_of);
  j["rule_set"] = e.rule_set;
  j["step"] = str(name(e.step));
  j["answer"] = answer_json(answer);
  return dump(j, indent);
}

std::string step_model_json(int indent) {
  ojson j;
  j["rule_set"] = default_rules().version;
  ojson steps = ojson::array();
  for (std::size_t i = 0; i < step_count; ++i) {
    const auto s = static_cast<Step>(i);
    ojson sj;
    sj["name"] = str(name(s));
    sj["label"] = str(label(s));
    sj["exit"] = is_exit(s);
    steps.push_back(std::move(sj));
  }
  j["steps"] = std::move(steps);
  ojson conditions = ojson::array();
  for (std::size_t i = 0; i < enum_size<Condition>; ++i) conditions.push_back(str(name(static_cast<Condition>(i))));
  j["conditions"] = std::move(conditions);
  ojson rows = ojson::array();
  for (const auto& t : transitions) {
    ojson tj;
    tj["from"] = str(name(t.from));
    tj["condition"] = str(name(t.condition));
    tj["to"] = str(name(t.to));
    tj["rule"] = str(t.rule);
    tj["description"] = str(t.description);
    tj["source"] = source_json(t.source);
    rows.push_back(std::move(tj));
  }
  j["transitions"] = std::move(rows);
  return dump(j, indent);
}

ojson worklist_ojson(const std::vector<WorklistEntry>& w, Date as_of) {
  ojson j;
  j["as_of"] = date_json(as_of);
  j["count"] = w.size();
  ojson list = ojson::array();
  for (const auto& x : w) {
    ojson xj;
    xj["citizen"] = x.citizen;
    xj["jobformidler"] = x.jobformidler.empty() ? ojson(nullptr) : ojson(x.jobformidler);
    xj["step"] = str(name(x.step));
    xj["followup_due"] = x.followup_due;
    xj["deadline"] = date_json(x.deadline);
    xj["last_contact"] = date_json(x.last_contact);
    xj["breached_months"] = x.breached_months;
    xj["alerts"] = alerts_json(x.alerts);
    list.push_back(std::move(xj));
  }
  j["worklist"] = std::move(list);
  j["source"] = source_json(&sources::monthly_followup);
  return j;
}

std::string to_json(const std::vector<WorklistEntry>& w, Date as_of, int indent) {
  return dump(worklist_ojson(w, as_of), indent);
}

ojson evaluations_ojson(const std::vector<Evaluation>& es) {
  ojson list = ojson::array();
  for (const auto& e : es) list.push_back(evaluation_json(e));
  return list;
}

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
