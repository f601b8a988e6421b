// JSON in and out (docs/json-format.md): round trips, every event kind, per-event faults kept in
// Case::rejected with field and value (free text never echoed), whole-document errors naming
// the field, and the sources in the output.
#include "helpers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace kt;
using nlohmann::json;

namespace {

/// A case document with the given events (a JSON array's text).
std::string case_doc(const std::string& events, const std::string& profile = "{}") {
  return R"({"citizen": "c-1", "profile": )" + profile + R"(, "events": )" + events + "}";
}

/// One event of each kind, every field given (the kinds in EventKind order).
const char* const every_kind_events = R"([
  {"date": "2024-01-08", "kind": "first_conversation"},
  {"date": "2024-01-08", "kind": "visitation", "outcome": "project"},
  {"date": "2024-01-10", "kind": "jobformidler_assigned", "jobformidler": "jf-017"},
  {"date": "2024-01-15", "kind": "cv_completed"},
  {"date": "2024-01-22", "kind": "job_direction_set", "goal": "education", "wishes": ["9412", "kitchen"]},
  {"date": "2024-03-04", "kind": "course_broken_off", "rehabilitation_assessment": true},
  {"date": "2024-02-05", "kind": "agreement", "agreement_kind": "both", "start": "2024-02-12",
   "hours_per_week": "8:30", "company": "company-017", "tasks": ["dishwashing"],
   "sub_goals": ["two days a week"], "health": ["no_heavy_lifting", "calm_pace"]},
  {"date": "2024-02-05", "kind": "followup_plan"},
  {"date": "2024-02-05", "kind": "contact_person", "company": "company-017"},
  {"date": "2024-02-14", "kind": "hours_worked", "hours": "3:30", "type": "internship"},
  {"date": "2024-02-20", "kind": "contact", "channel": "video"},
  {"date": "2024-03-11", "kind": "sanction_failure", "failure_id": "F1", "failure": "did_not_apply_for_jobs"},
  {"date": "2024-03-12", "kind": "reasonable_cause", "failure_id": "F1", "cause": "addiction", "text": "note"},
  {"date": "2024-03-13", "kind": "vulnerability_assessed", "failure_id": "F1", "vulnerable": true},
  {"date": "2024-03-14", "kind": "concrete_assessment", "failure_id": "F1", "promotes_availability": false,
   "considers_vulnerability": true, "text": "reasoning"},
  {"date": "2024-03-15", "kind": "hearing_sent", "failure_id": "F1", "answer_by": "2024-03-25"},
  {"date": "2024-03-16", "kind": "hearing_answered", "failure_id": "F1"},
  {"date": "2024-03-17", "kind": "personal_contact_attempt", "failure_id": "F1", "channel": "home_visit", "reached": true},
  {"date": "2024-06-14", "kind": "self_support", "via": "education"},
  {"date": "2024-02-01", "kind": "profile_changed", "benefit": "kontanthjaelp", "lives_in_designated_area": false},
  {"date": "2024-07-01", "kind": "aftercare_contact", "channel": "phone"},
  {"date": "2024-01-20", "kind": "bus_trip", "trip": "trip-3", "attended": false, "companies": ["company-017", "company-023"]},
  {"date": "2024-01-22", "kind": "training_track", "track": "track-9", "workplace": "w-2", "mentor": "m-4", "end": "2024-04-21"}
])";

/// Reads a case with one event and expects it rejected: returns the issue.
InputIssue rejected_one(const std::string& event) {
  const Case c = case_from_json(case_doc("[" + event + "]"));
  INFO(event);
  REQUIRE(c.events.empty());
  REQUIRE(c.rejected.size() == 1);
  CHECK(c.rejected[0].index == 0);
  CHECK_FALSE(c.rejected[0].reason.empty());
  return c.rejected[0];
}

/// Options evaluating as of `d`.
EvaluateOptions as_of(Date d) {
  EvaluateOptions o;
  o.as_of = d;
  return o;
}

}  // namespace

TEST_CASE("json: every event kind is read with its fields", "[json]") {
  const Case c = case_from_json(case_doc(every_kind_events));
  REQUIRE(c.rejected.empty());
  REQUIRE(c.events.size() == event_kind_count);
  for (std::size_t i = 0; i < event_kind_count; ++i) CHECK(c.events[i].kind() == static_cast<EventKind>(i));

  CHECK(c.events[0].date == D("2024-01-08"));
  CHECK(std::get<Visitation>(c.events[1].data).outcome == VisitationOutcome::project);
  CHECK(std::get<JobformidlerAssigned>(c.events[2].data).jobformidler == "jf-017");
  const auto& dir = std::get<JobDirectionSet>(c.events[4].data);
  CHECK(dir.goal == Goal::education);
  CHECK(dir.wishes == std::vector<std::string>{"9412", "kitchen"});
  CHECK(std::get<CourseBrokenOff>(c.events[5].data).rehabilitation_assessment);

  const auto& a = std::get<AgreementMade>(c.events[6].data);
  CHECK(a.kind == AgreementKind::both);
  CHECK(a.start == D("2024-02-12"));
  CHECK(a.minutes_per_week == 8 * 60 + 30);
  REQUIRE(a.terms);
  CHECK(a.terms->company == "company-017");
  CHECK(a.terms->tasks == std::vector<std::string>{"dishwashing"});
  CHECK(a.terms->sub_goals == std::vector<std::string>{"two days a week"});
  CHECK(a.terms->health == std::vector<Health>{Health::no_heavy_lifting, Health::calm_pace});

  CHECK(std::get<ContactPersonAssigned>(c.events[8].data).company == "company-017");
  const auto& h = std::get<HoursWorked>(c.events[9].data);
  CHECK(h.minutes == 210);
  CHECK(h.kind == HoursKind::internship);
  CHECK(std::get<Contact>(c.events[10].data).channel == Channel::video);
  const auto& f = std::get<SanctionFailure>(c.events[11].data);
  CHECK(f.failure_id == "F1");
  CHECK(f.failure == FailureKind::did_not_apply_for_jobs);
  const auto& rc = std::get<ReasonableCause>(c.events[12].data);
  CHECK(rc.cause == CauseKind::addiction);
  CHECK(rc.text == "note");
  CHECK(std::get<VulnerabilityAssessed>(c.events[13].data).vulnerable);
  const auto& ca = std::get<ConcreteAssessment>(c.events[14].data);
  CHECK_FALSE(ca.promotes_availability);
  CHECK(ca.considers_vulnerability);
  CHECK(ca.text == "reasoning");
  CHECK(std::get<HearingSent>(c.events[15].data).failure_id == "F1");
  CHECK(std::get<HearingSent>(c.events[15].data).answer_by == D("2024-03-25"));
  CHECK(std::get<HearingAnswered>(c.events[16].data).failure_id == "F1");
  const auto& pc = std::get<PersonalContactAttempt>(c.events[17].data);
  CHECK(pc.channel == Channel::home_visit);
  CHECK(pc.reached);
  CHECK(std::get<SelfSupport>(c.events[18].data).via == SelfSupportKind::education);
  const auto& pch = std::get<ProfileChanged>(c.events[19].data);
  CHECK(pch.benefit == Benefit::kontanthjaelp);
  CHECK(pch.lives_in_designated_area == false);
  CHECK_FALSE(pch.activity_ready.has_value());
  CHECK_FALSE(pch.in_integration_programme.has_value());
  CHECK(std::get<AftercareContact>(c.events[20].data).channel == Channel::phone);
  const auto& bt = std::get<BusTripAttended>(c.events[21].data);
  CHECK(bt.trip == "trip-3");
  CHECK_FALSE(bt.attended);
  CHECK(bt.companies == std::vector<std::string>{"company-017", "company-023"});
  const auto& tt = std::get<TrainingTrackStarted>(c.events[22].data);
  CHECK(tt.track == "track-9");
  CHECK(tt.workplace == "w-2");
  CHECK(tt.mentor == "m-4");
  CHECK(tt.end == D("2024-04-21"));
  // Written and read back, every kind keeps its fields.
  CHECK(case_from_json(to_json(c)).events == c.events);
}

TEST_CASE("json: the new fields are checked where they are read — answer_by, ordinary hours, a profile change, "
          "bus trips and training tracks",
          "[json]") {
  auto issue = rejected_one(R"({"date": "2024-03-15", "kind": "hearing_sent", "failure_id": "F1", "answer_by": "soon"})");
  CHECK(issue.field == "answer_by");
  CHECK(issue.value == "\"soon\"");
  issue = rejected_one(R"({"date": "2024-02-05", "kind": "agreement", "agreement_kind": "both", "minutes_per_week": 300,
                           "ordinary_minutes_per_week": 400})");
  CHECK(issue.field == "ordinary_minutes_per_week");
  CHECK(issue.reason.find("more than") != std::string::npos);
  issue = rejected_one(R"({"date": "2024-02-05", "kind": "agreement", "agreement_kind": "both", "minutes_per_week": 300,
                           "ordinary_hours_per_week": "-1:00"})");
  CHECK(issue.field == "ordinary_minutes_per_week");
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "profile_changed"})");
  CHECK(issue.reason.find("at least one") != std::string::npos);
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "profile_changed", "benefit": "pension"})");
  CHECK(issue.field == "benefit");
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "bus_trip"})");
  CHECK(issue.field == "trip");
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "bus_trip", "trip": "t", "companies": "company-1"})");
  CHECK(issue.field == "companies");
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "bus_trip", "trip": "t", "companies": ["0101901234"]})");
  CHECK(issue.field == "companies[0]");
  CHECK(issue.value.empty());  // shaped like a CPR number: never echoed
  issue = rejected_one(R"({"date": "2024-02-01", "kind": "training_track", "track": "k", "end": 5})");
  CHECK(issue.field == "end");
}

TEST_CASE("json: absent fields take their defaults and unknown fields are ignored", "[json]") {
  const Case c = case_from_json(R"({"citizen": "c-2", "extra": [1, 2], "events": [
    {"date": "2024-02-05", "kind": "agreement", "agreement_kind": "internship", "note": "ignored"},
    {"date": "2024-03-04", "kind": "course_broken_off"},
    {"date": "2024-03-05", "kind": "concrete_assessment", "failure_id": "F1", "promotes_availability": true}
  ]})");
  CHECK(c.citizen == "c-2");
  CHECK(c.profile == Profile{});
  REQUIRE(c.rejected.empty());
  REQUIRE(c.events.size() == 3);
  const auto& a = std::get<AgreementMade>(c.events[0].data);
  CHECK(a.start == D("2024-02-05"));
  CHECK(a.minutes_per_week == 0);
  CHECK_FALSE(a.terms);
  CHECK_FALSE(std::get<CourseBrokenOff>(c.events[1].data).rehabilitation_assessment);
  CHECK_FALSE(std::get<ConcreteAssessment>(c.events[2].data).considers_vulnerability);

  const Case none = case_from_json(R"({"citizen": "c-3"})");
  CHECK(none.events.empty());
  CHECK(none.rejected.empty());

  const Case p = case_from_json(R"({"citizen": "c-4", "profile": {"benefit": "uddannelseshjaelp",
      "activity_ready": false, "lives_in_designated_area": false, "in_integration_programme": true}})");
  CHECK(p.profile == Profile{Benefit::uddannelseshjaelp, false, false, true});
}

TEST_CASE("json: durations are exact whole minutes given as integers or H:MM", "[json]") {
  auto minutes_of = [](const std::string& fields) {
    const Case c = case_from_json(case_doc(R"([{"date": "2024-02-14", "kind": "hours_worked", "type": "ordinary", )" +
                                           fields + "}]"));
    INFO(fields);
    REQUIRE(c.rejected.empty());
    REQUIRE(c.events.size() == 1);
    return std::get<HoursWorked>(c.events[0].data).minutes;
  };
  CHECK(minutes_of(R"("minutes": 90)") == 90);
  CHECK(minutes_of(R"("hours": "1:30")") == 90);
  CHECK(minutes_of(R"("hours": "29:59")") == 1799);
  CHECK(minutes_of(R"("hours": "0:05")") == 5);
  CHECK(minutes_of(R"("minutes": 90, "hours": "1:30")") == 90);
  // Negative and over-long durations are facts for the engine to judge, not reader faults.
  CHECK(minutes_of(R"("minutes": -30)") == -30);
  CHECK(minutes_of(R"("hours": "-0:30")") == -30);
  CHECK(minutes_of(R"("minutes": 0)") == 0);
  CHECK(minutes_of(R"("minutes": 1500)") == 1500);

  const Case c = case_from_json(case_doc(R"([
    {"date": "2024-01-08", "kind": "first_conversation"},
    {"date": "2024-01-08", "kind": "visitation", "outcome": "project"},
    {"date": "2024-01-08", "kind": "agreement", "agreement_kind": "ordinary_hours"},
    {"date": "2024-01-09", "kind": "hours_worked", "minutes": -30, "type": "ordinary"},
    {"date": "2024-01-10", "kind": "hours_worked", "minutes": 1500, "type": "ordinary"}])"));
  const auto r = evaluate(c, as_of(D("2024-01-31")));
  CHECK(count_not_applied(r, NotAppliedReason::non_positive_duration) == 1);
  CHECK(count_not_applied(r, NotAppliedReason::day_over_24_hours) == 1);
}

TEST_CASE("json: a fault in one event rejects that event with field and value and nothing else", "[json]") {
  struct Row {
    const char* event;
    const char* field;
    const char* value;
  };
  const Row rows[] = {
      {R"({"date": "2024-01-08", "kind": "coffee_break"})", "kind", R"("coffee_break")"},
      {R"({"date": "2024-01-08"})", "kind", ""},
      {R"({"date": "2024-01-08", "kind": null})", "kind", "null"},
      {R"({"date": "2024-01-08", "kind": 7})", "kind", "7"},
      {R"({"kind": "cv_completed"})", "date", ""},
      {R"({"date": "2023-02-29", "kind": "cv_completed"})", "date", R"("2023-02-29")"},
      {R"({"date": "2024-1-8", "kind": "cv_completed"})", "date", R"("2024-1-8")"},
      {R"({"date": 20240108, "kind": "cv_completed"})", "date", "20240108"},
      {R"({"date": ["2024-01-08"], "kind": "cv_completed"})", "date", "<array>"},
      {R"({"date": "2024-01-08", "kind": "visitation"})", "outcome", ""},
      {R"({"date": "2024-01-08", "kind": "visitation", "outcome": "maybe"})", "outcome", R"("maybe")"},
      {R"({"date": "2024-01-08", "kind": "visitation", "outcome": 1})", "outcome", "1"},
      {R"({"date": "2024-01-08", "kind": "jobformidler_assigned", "jobformidler": 17})", "jobformidler", "17"},
      {R"({"date": "2024-01-08", "kind": "job_direction_set", "goal": "fame"})", "goal", R"("fame")"},
      {R"({"date": "2024-01-08", "kind": "course_broken_off", "rehabilitation_assessment": "yes"})",
       "rehabilitation_assessment", R"("yes")"},
      {R"({"date": "2024-01-08", "kind": "agreement"})", "agreement_kind", ""},
      {R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "ordinary_hours", "start": "2024-13-01"})",
       "start", R"("2024-13-01")"},
      {R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "minutes_per_week": 510.5})",
       "minutes_per_week", "510.5"},
      {R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "hours_per_week": 8.5})",
       "hours_per_week", "8.5"},
      {R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "health": ["no_stairs"]})",
       "health[0]", R"("no_stairs")"},
      {R"({"date": "2024-01-08", "kind": "contact_person"})", "company", ""},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90.5, "type": "ordinary"})", "minutes", "90.5"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90.0, "type": "ordinary"})", "minutes", "90.0"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": "90", "type": "ordinary"})", "minutes", R"("90")"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 4294967296, "type": "ordinary"})", "minutes",
       "4294967296"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "type": "ordinary"})", "minutes", ""},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "hours": "7:75", "type": "ordinary"})", "hours",
       R"("7:75")"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "hours": "7.5", "type": "ordinary"})", "hours", R"("7.5")"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90, "hours": "1:00", "type": "ordinary"})",
       "hours", R"("1:00")"},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90})", "type", ""},
      {R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90, "type": "paid"})", "type", R"("paid")"},
      {R"({"date": "2024-01-08", "kind": "contact", "channel": "pigeon"})", "channel", R"("pigeon")"},
      {R"({"date": "2024-01-08", "kind": "sanction_failure", "failure": "refused_job_offer"})", "failure_id", ""},
      {R"({"date": "2024-01-08", "kind": "sanction_failure", "failure_id": "F1", "failure": "late"})", "failure",
       R"("late")"},
      {R"({"date": "2024-01-08", "kind": "reasonable_cause", "failure_id": "F1", "cause": "weather"})", "cause",
       R"("weather")"},
      {R"({"date": "2024-01-08", "kind": "vulnerability_assessed", "failure_id": "F1"})", "vulnerable", ""},
      {R"({"date": "2024-01-08", "kind": "concrete_assessment", "failure_id": "F1", "promotes_availability": 1})",
       "promotes_availability", "1"},
      {R"({"date": "2024-01-08", "kind": "hearing_sent", "failure_id": ["F1"]})", "failure_id", "<array>"},
      {R"({"date": "2024-01-08", "kind": "personal_contact_attempt", "failure_id": "F1", "channel": "phone"})",
       "reached", ""},
      {R"({"date": "2024-01-08", "kind": "self_support", "via": "lottery"})", "via", R"("lottery")"},
      {R"("cv_completed on 2024-01-08")", "event", "<text of 26 bytes>"},  // a sentence is never shown
      {R"([1, 2])", "event", "<array>"},
  };
  for (const auto& row : rows) {
    const InputIssue issue = rejected_one(row.event);
    INFO(row.event << " -> " << issue.field << " = " << issue.value << ": " << issue.reason);
    CHECK(issue.field == row.field);
    CHECK(issue.value == row.value);
  }
}

TEST_CASE("json: rejected events keep their input index and the others are applied", "[json]") {
  const Case c = case_from_json(case_doc(R"([
    {"date": "2024-01-08", "kind": "first_conversation"},
    {"date": "2024-01-08", "kind": "coffee_break"},
    {"date": "2024-01-08", "kind": "visitation", "outcome": "project"},
    {"date": "2024-02-30", "kind": "cv_completed"}])"));
  REQUIRE(c.events.size() == 2);
  REQUIRE(c.rejected.size() == 2);
  CHECK(c.rejected[0].index == 1);
  CHECK(c.rejected[0].field == "kind");
  CHECK(c.rejected[1].index == 3);
  CHECK(c.rejected[1].field == "date");

  // Every evaluation reports them as unreadable, with field, value and the reader's message.
  const auto r = evaluate(c, as_of(D("2024-03-31")));
  REQUIRE(count_not_applied(r, NotAppliedReason::unreadable) == 2);
  const json j = json::parse(to_json(r));
  std::vector<json> unreadable;
  for (const auto& n : j["not_applied"])
    if (n["reason"] == "unreadable") unreadable.push_back(n);
  REQUIRE(unreadable.size() == 2);
  CHECK(unreadable[0]["index"] == 1);
  CHECK(unreadable[0]["field"] == "kind");
  CHECK(unreadable[0]["value"] == R"("coffee_break")");
  CHECK(unreadable[0]["kind"].is_null());
  CHECK(unreadable[0]["date"].is_null());
  CHECK_FALSE(unreadable[0]["detail"].get<std::string>().empty());
  CHECK(unreadable[1]["value"] == R"("2024-02-30")");
}

TEST_CASE("json: free text is never echoed in a fault or an error", "[json][privacy]") {
  const std::string secret = "SECRET-diagnosis-and-debts";
  // Free-text fields of the wrong type: the value is shown as <text>.
  const std::string free_text_faults[] = {
      R"({"date": "2024-01-08", "kind": "reasonable_cause", "failure_id": "F1", "cause": "other", "text": [")" +
          secret + R"("]})",
      R"({"date": "2024-01-08", "kind": "concrete_assessment", "failure_id": "F1", "promotes_availability": true, "text": {"note": ")" +
          secret + R"("}})",
      R"({"date": "2024-01-08", "kind": "job_direction_set", "goal": "education", "wishes": ")" + secret + R"("})",
      R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "tasks": [")" + secret + R"(", 3]})",
      R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "sub_goals": [{"x": ")" + secret +
          R"("}]})",
  };
  for (const auto& ev : free_text_faults) {
    const InputIssue issue = rejected_one(ev);
    CHECK(issue.value == "<text>");
    CHECK(issue.reason.find(secret) == std::string::npos);
  }
  // Another fault in an event that carries free text: the text does not appear anywhere.
  const Case c = case_from_json(case_doc(R"([{"date": "2024-02-30", "kind": "reasonable_cause", "failure_id": "F1",
      "cause": "other", "text": ")" + secret + R"("}])"));
  REQUIRE(c.rejected.size() == 1);
  const std::string out = to_json(evaluate(c, as_of(D("2024-03-31"))));
  CHECK(out.find(secret) == std::string::npos);
  CHECK(c.rejected[0].reason.find(secret) == std::string::npos);

  // A broken document: the parse message does not quote the input.
  const auto e = error_of([&] { (void)case_from_json(R"({"citizen": "c-1", "events": [{"text": ")" + secret); });
  CHECK(e.code() == Errc::parse_error);
  CHECK(std::string(e.what()).find(secret) == std::string::npos);
  const auto e2 = error_of([&] { (void)case_from_json(R"({"citizen": "c-1", "events": [{"text": ")" + secret + "\x01\"}]}"); });
  CHECK(std::string(e2.what()).find(secret) == std::string::npos);
}

TEST_CASE("json: whole-document faults throw kanten::Error naming the field", "[json]") {
  struct Row {
    const char* doc;
    Errc code;
    const char* field;
  };
  const Row cases[] = {
      {"", Errc::parse_error, ""},
      {"{", Errc::parse_error, ""},
      {"not json", Errc::parse_error, ""},
      {R"({"citizen": "c-1",})", Errc::parse_error, ""},
      {"[]", Errc::invalid_input, ""},
      {"42", Errc::invalid_input, ""},
      {R"({"profile": {}})", Errc::invalid_input, "citizen"},
      {R"({"citizen": ""})", Errc::invalid_input, "citizen"},
      {R"({"citizen": 17})", Errc::invalid_input, "citizen"},
      {R"({"citizen": null})", Errc::invalid_input, "citizen"},
      {R"({"citizen": "c-1", "profile": "kontanthjaelp"})", Errc::invalid_input, "profile"},
      {R"({"citizen": "c-1", "profile": {"benefit": "pension"}})", Errc::invalid_input, "profile.benefit"},
      {R"({"citizen": "c-1", "profile": {"activity_ready": "yes"}})", Errc::invalid_input, "profile.activity_ready"},
      {R"({"citizen": "c-1", "events": {"date": "2024-01-08"}})", Errc::invalid_input, "events"},
  };
  for (const auto& row : cases) {
    INFO(row.doc);
    const auto e = error_of([&] { (void)case_from_json(row.doc); });
    CHECK(e.code() == row.code);
    CHECK(e.field() == row.field);
  }
  const auto bad_profile = error_of([] { (void)case_from_json(R"({"citizen": "c-1", "profile": {"benefit": "pension"}})"); });
  CHECK(bad_profile.value() == R"("pension")");
  CHECK(std::string(bad_profile.what()).find("profile.benefit") != std::string::npos);

  const Row caseloads[] = {
      {R"({"cases": [{"citizen": "c-1"}, {"citizen": "c-2"}, {"citizen": "c-3"}, {"events": []}]})",
       Errc::invalid_input, "cases[3].citizen"},
      {R"([{"citizen": "c-1"}, {"citizen": "c-2", "events": 5}])", Errc::invalid_input, "[1].events"},
      {R"({"cases": [{"citizen": "c-1", "profile": {"benefit": 3}}]})", Errc::invalid_input, "cases[0].profile.benefit"},
      {R"({"cases": [7]})", Errc::invalid_input, "cases[0]"},
      {R"({"citizens": []})", Errc::invalid_input, "cases"},
      {R"({"cases": {}})", Errc::invalid_input, "cases"},
      {R"("cases")", Errc::invalid_input, ""},
      {"[", Errc::parse_error, ""},
  };
  for (const auto& row : caseloads) {
    INFO(row.doc);
    const auto e = error_of([&] { (void)caseload_from_json(row.doc); });
    CHECK(e.code() == row.code);
    CHECK(e.field() == row.field);
  }

  const Row questions[] = {
      {R"({"as_of": "2024-05-01"})", Errc::invalid_input, "case"},
      {R"({"case": {"citizen": ""}, "as_of": "2024-05-01"})", Errc::invalid_input, "case.citizen"},
      {R"({"case": {"citizen": "c-1"}})", Errc::invalid_input, "as_of"},
      {R"({"case": {"citizen": "c-1"}, "as_of": "2024-02-30"})", Errc::invalid_input, "as_of"},
      {R"({"case": {"citizen": "c-1"}, "as_of": 20240501})", Errc::invalid_input, "as_of"},
      {R"({"case": {"citizen": "c-1"}, "as_of": "2024-05-01", "failure_id": 1})", Errc::invalid_input, "failure_id"},
      {R"({"case": {"citizen": "c-1"}, "as_of": "2024-05-01", "daily_rate": 491.5})", Errc::invalid_input,
       "daily_rate"},
      {R"({"case": {"citizen": "c-1"}, "as_of": "2024-05-01", "daily_rate": -1})", Errc::invalid_input, "daily_rate"},
      {R"({"case": {"citizen": "c-1"}, "as_of": "2024-05-01", "daily_rate": "49100"})", Errc::invalid_input,
       "daily_rate"},
      {"[]", Errc::invalid_input, ""},
  };
  for (const auto& row : questions) {
    INFO(row.doc);
    const auto e = error_of([&] { (void)sanction_question_from_json(row.doc); });
    CHECK(e.code() == row.code);
    CHECK(e.field() == row.field);
  }
}

TEST_CASE("json: sanction question and caseload forms", "[json]") {
  const auto q = sanction_question_from_json(
      R"({"case": {"citizen": "c-1", "events": [{"date": "2024-03-11", "kind": "sanction_failure",
          "failure_id": "F1", "failure": "refused_job_offer"}]}, "failure_id": "F1", "as_of": "2024-05-01",
          "daily_rate": 49100})");
  CHECK(q.case_data.citizen == "c-1");
  CHECK(q.case_data.events.size() == 1);
  CHECK(q.failure_id == "F1");
  CHECK(q.as_of == D("2024-05-01"));
  CHECK(q.daily_rate == std::optional<std::int64_t>(49100));
  const auto q2 = sanction_question_from_json(R"({"case": {"citizen": "c-1"}, "as_of": "2024-05-01"})");
  CHECK(q2.failure_id.empty());
  CHECK_FALSE(q2.daily_rate);

  const auto a = caseload_from_json(R"([{"citizen": "c-1"}, {"citizen": "c-2"}])");
  const auto b = caseload_from_json(R"({"cases": [{"citizen": "c-1"}, {"citizen": "c-2"}]})");
  REQUIRE(a.cases.size() == 2);
  REQUIRE(b.cases.size() == 2);
  CHECK(a.cases[1].citizen == "c-2");
  CHECK(b.cases[1].citizen == "c-2");
  CHECK(caseload_from_json(R"({"cases": []})").cases.empty());
}

TEST_CASE("json: a case written by to_json reads back the same", "[json]") {
  const Case c = case_from_json(case_doc(every_kind_events, R"({"benefit": "integrationsydelse"})"));
  const std::string once = to_json(c);
  const Case back = case_from_json(once);
  CHECK(back.citizen == c.citizen);
  CHECK(back.profile == c.profile);
  CHECK(back.events == c.events);
  CHECK(back.rejected.empty());
  CHECK(to_json(back) == once);
  CHECK(to_json(back, 2) == to_json(c, 2));
  CHECK(case_from_json(to_json(c, 2)).events == c.events);

  // A case built through the API: terms present, absent, empty; negative minutes; odd strings.
  CaseBuilder bld("c-ø-\"quoted\"", Profile{Benefit::none, false, true, true});
  bld.trin1_complete("2024-01-08").on("2024-01-09", AgreementMade{AgreementKind::internship, D("2024-01-15"), 0, nullptr});
  bld.on("2024-01-10", AgreementMade{AgreementKind::both, D("2024-01-10"), 90, std::make_shared<AgreementTerms>()});
  bld.trin2_complete("2024-01-11").hours("2024-01-12", -5).hours("2024-01-13", 1799, HoursKind::internship);
  bld.on("2024-01-14", ReasonableCause{"F1", CauseKind::other, "line\nbreak \"and\" \\ æøå"});
  const Case& api = bld.get();
  const Case api_back = case_from_json(to_json(api));
  CHECK(api_back.citizen == api.citizen);
  CHECK(api_back.profile == api.profile);
  REQUIRE(api_back.events == api.events);
  CHECK_FALSE(std::get<AgreementMade>(api_back.events[5].data).terms);
  CHECK(std::get<AgreementMade>(api_back.events[6].data).terms);
}

TEST_CASE("json: a generated caseload round-trips", "[json]") {
  GeneratorOptions g;
  g.citizens = 40;
  g.seed = 7;
  const Caseload load = generate_caseload(g);
  const Caseload back = caseload_from_json(to_json(load));
  REQUIRE(back.cases.size() == load.cases.size());
  for (std::size_t i = 0; i < load.cases.size(); ++i) {
    CHECK(back.cases[i].citizen == load.cases[i].citizen);
    CHECK(back.cases[i].profile == load.cases[i].profile);
    CHECK(back.cases[i].events == load.cases[i].events);
    CHECK(back.cases[i].rejected.empty());
  }
  CHECK(to_json(back) == to_json(load));
}

TEST_CASE("json: the evaluation output carries every part with its source", "[json]") {
  CaseBuilder b;
  b.trin1_complete("2024-01-08").trin2_complete("2024-01-15").hours("2024-01-16", 600).contact("2024-01-20");
  b.failure("2024-02-05", "F1").vulnerability("2024-02-06", false).hearing_sent("2024-02-07");
  b.hours("2024-01-17", -10);
  const Evaluation r = b.eval("2024-03-10", 49100);
  const json j = json::parse(to_json(r, 2));

  const std::vector<std::string> keys = {
      "citizen", "as_of",    "rule_set", "target_group", "profile", "profile_periods", "step",     "step_label", "since",
      "history", "missing",  "ordinary_this_month", "ordinary_in_trin3_this_month", "thirty_hours_pending", "exit", "hours",
      "followup", "sanctions", "jobformidler", "inactive_since", "days_in_trin2", "total_days_in_trin2", "agreements",
      "aftercare", "bus_trips", "training", "alerts",
      "violations", "not_applied", "input_warnings", "events_applied", "events_after_as_of"};
  std::vector<std::string> got;
  for (auto it = j.begin(); it != j.end(); ++it) got.push_back(it.key());
  std::vector<std::string> sorted_keys = keys;
  std::sort(sorted_keys.begin(), sorted_keys.end());
  CHECK(got == sorted_keys);  // nlohmann::json sorts; ordered output is checked below

  CHECK(j["citizen"] == "citizen-1");
  CHECK(j["as_of"] == "2024-03-10");
  CHECK(j["rule_set"] == default_rules().version);
  CHECK(j["step"] == "trin3_virksomhedsforloeb");
  CHECK(j["step_label"] == std::string(label(Step::trin3_virksomhedsforloeb)));
  CHECK(j["since"] == "2024-01-15");
  CHECK(j["exit"].is_null());

  REQUIRE(j["history"].size() == 3);
  for (const auto& h : j["history"]) {
    CHECK(h["source"]["seed"] == "004_3897fdd271fa8a38.txt");
    CHECK_FALSE(h["source"]["section"].get<std::string>().empty());
    CHECK_FALSE(h["source"]["quote"].get<std::string>().empty());
    CHECK_FALSE(h["rule"].get<std::string>().empty());
  }
  CHECK(j["history"][0]["from"] == "not_started");
  CHECK(j["history"][0]["to"] == "trin1_afklaring");
  CHECK(j["history"][0]["rule"] == "trin1_start");

  REQUIRE(j["missing"].size() == 1);
  CHECK(j["missing"][0]["condition"] == "ordinary_hours");
  CHECK(j["missing"][0]["source"]["section"] == std::string(sources::trin3_end.section));

  REQUIRE(j["hours"].size() == 1);
  CHECK(j["hours"][0]["month"] == "2024-01");
  CHECK(j["hours"][0]["ordinary_minutes"] == 600);
  CHECK(j["hours"][0]["internship_minutes"] == 0);

  CHECK(j["followup"]["applies"] == true);
  CHECK(j["followup"]["start"] == "2024-01-15");
  CHECK(j["followup"]["first_month"] == "2024-01");
  CHECK(j["followup"]["breached"] == json::array({"2024-02"}));
  CHECK(j["followup"]["due_this_month"] == true);
  CHECK(j["followup"]["deadline"] == "2024-03-31");
  CHECK(j["followup"]["last_contact"] == "2024-01-20");
  CHECK(j["followup"]["source"]["quote"] == std::string(sources::monthly_followup.quote));

  REQUIRE(j["sanctions"].size() == 1);
  const auto& s = j["sanctions"][0];
  CHECK(s["failure_id"] == "F1");
  CHECK(s["failure"] == "refused_job_offer");
  CHECK(s["failure_date"] == "2024-02-05");
  CHECK(s["status"] == "undecided");
  CHECK(s["daily_rate"] == 49100);
  CHECK(s["deduction"].is_null());
  CHECK(s["excluded_by"].is_null());
  REQUIRE_FALSE(s["pending"].empty());
  for (const auto& p : s["pending"]) {
    CHECK_FALSE(p["rule"].get<std::string>().empty());
    CHECK(p["source"]["seed"] == "004_3897fdd271fa8a38.txt");
  }

  // The negative hours are not applied, and say why.
  bool negative_reported = false;
  for (const auto& n : j["not_applied"]) {
    CHECK_FALSE(n["text"].get<std::string>().empty());
    if (n["reason"] == "non_positive_duration") {
      negative_reported = true;
      CHECK(n["kind"] == "hours_worked");
      CHECK(n["date"] == "2024-01-17");
      CHECK_FALSE(n.contains("field"));
    }
  }
  CHECK(negative_reported);

  // Keys come out in the documented order, deterministically.
  const std::string text = to_json(r);
  CHECK(text == to_json(r));
  std::size_t last = 0;
  for (const auto& k : keys) {
    const auto at = text.find("\"" + k + "\":");
    INFO(k);
    REQUIRE(at != std::string::npos);
    CHECK(at >= last);
    last = at;
  }
}

TEST_CASE("json: target group reasons and exits and violations carry their sources", "[json]") {
  CaseBuilder out("c-out", Profile{Benefit::other, false, true, false});
  const json o = json::parse(to_json(out.eval("2024-01-31")));
  CHECK(o["target_group"]["member"] == false);
  REQUIRE(o["target_group"]["reasons"].size() == 2);
  for (const auto& r : o["target_group"]["reasons"]) {
    CHECK_FALSE(r["text"].get<std::string>().empty());
    CHECK(r["source"]["section"] == std::string(sources::target_group.section));
  }
  CHECK(o["since"].is_null());
  CHECK(o["followup"]["applies"] == false);
  CHECK(o["followup"]["start"].is_null());
  CHECK(o["followup"]["deadline"].is_null());

  CaseBuilder x;
  x.trin1_complete("2024-01-08").trin2_complete("2024-01-15").hours("2024-01-16", 900).hours("2024-01-17", 900);
  const json e = json::parse(to_json(x.eval("2024-02-15")));
  REQUIRE_FALSE(e["exit"].is_null());
  CHECK(e["exit"]["step"] == "exit_30_hours");
  CHECK(e["exit"]["date"] == "2024-01-31");
  CHECK(e["exit"]["rule"] == "trin3_exit_30_hours");
  CHECK(e["exit"]["source"]["section"] == std::string(sources::trin3_end.section));

  CaseBuilder u("c-udd");
  u.benefit(Benefit::uddannelseshjaelp).first_conversation("2024-01-08").visit("2024-01-08").direction("2024-01-09");
  const json v = json::parse(to_json(u.eval("2024-01-31")));
  REQUIRE(v["violations"].size() == 1);
  CHECK(v["violations"][0]["date"] == "2024-01-09");
  CHECK_FALSE(v["violations"][0]["rule"].get<std::string>().empty());
  CHECK(v["violations"][0]["source"]["section"] == std::string(sources::education_goal.section));
}

TEST_CASE("json: many evaluations and sanction answers and the worklist", "[json]") {
  CaseBuilder a("c-a"), b("c-b");
  a.trin1_complete("2024-01-08").trin2_complete("2024-01-15");
  b.trin1_complete("2024-01-08").trin2_complete("2024-01-15").contact("2024-02-03");
  Caseload load;
  load.cases = {a.get(), b.get()};
  const auto es = evaluate_all(load, as_of(D("2024-02-10")));
  const json all = json::parse(to_json(es));
  REQUIRE(all["evaluations"].size() == 2);
  CHECK(all["evaluations"][1]["citizen"] == "c-b");

  const json w = json::parse(to_json(followup_worklist(es), D("2024-02-10")));
  CHECK(w["as_of"] == "2024-02-10");
  CHECK(w["count"] == 1);
  REQUIRE(w["worklist"].size() == 1);
  CHECK(w["worklist"][0]["citizen"] == "c-a");
  CHECK(w["worklist"][0]["deadline"] == "2024-02-29");
  CHECK(w["worklist"][0]["last_contact"].is_null());
  CHECK(w["worklist"][0]["breached_months"] == 1);
  CHECK(w["source"]["seed"] == "004_3897fdd271fa8a38.txt");

  CaseBuilder s;
  s.trin1_complete("2024-01-08").failure("2024-01-20", "F9").cause("2024-01-21", "F9");
  const auto r = s.eval("2024-01-31");
  REQUIRE(r.sanctions.size() == 1);
  const json ans = json::parse(to_json(r.sanctions[0]));
  CHECK(ans["failure_id"] == "F9");
  CHECK(ans["status"] == "not_eligible");
  REQUIRE(ans["excluded_by"].is_object());
  CHECK(ans["excluded_by"]["source"]["section"] == std::string(sources::sanction_reasonable_cause.section));
  CHECK(ans["daily_rate"].is_null());
  // The reasonable cause's free text is not part of the answer.
  CHECK(ans.dump().find("noted") == std::string::npos);
}

TEST_CASE("json: read_file names the path it cannot read", "[json]") {
  const auto e = error_of([] { (void)read_file("/nonexistent/kanten/case.json"); });
  CHECK(e.code() == Errc::io_error);
  CHECK(e.field() == "file");
  CHECK(e.value() == "/nonexistent/kanten/case.json");
  const auto d = error_of([] { (void)read_file("/"); });
  CHECK(d.code() == Errc::io_error);
}

#ifdef KANTEN_EXAMPLES_DIR
TEST_CASE("json: the documented examples read cleanly and round-trip", "[json][examples]") {
  const std::string dir = std::string(KANTEN_EXAMPLES_DIR) + "/data";
  const Case c = case_from_json(read_file(dir + "/case.json"));
  CHECK(c.rejected.empty());
  std::set<EventKind> kinds;
  for (const auto& e : c.events) kinds.insert(e.kind());
  CHECK(kinds.size() == event_kind_count);  // the example covers every event kind
  CHECK(case_from_json(to_json(c)).events == c.events);

  const Caseload load = caseload_from_json(read_file(dir + "/caseload.json"));
  CHECK(load.cases.size() >= 3);
  for (const auto& k : load.cases) CHECK(k.rejected.empty());

  const auto q = sanction_question_from_json(read_file(dir + "/sanction.json"));
  CHECK_FALSE(q.case_data.events.empty());

  const Case bad = case_from_json(read_file(dir + "/bad-events.json"));
  CHECK_FALSE(bad.rejected.empty());
}
#endif
