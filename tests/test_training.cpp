// Social training tracks and the company-facing view (include/kanten/programme/training.hpp), one test per
// rule of 001_8429fb4aa12981cf.txt, named after it.
#include "helpers.hpp"

#include <kanten/core/error.hpp>
#include <kanten/programme/training.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace kt;

namespace {

const GeoPoint kTown{56.3600, 8.6167};  // Holstebro

/// `n` citizens wishing service work (9112) near town; workplaces with the given mentor counts,
/// each with one cleaning task of two slots and room for three citizens.
Market workplaces(int n, const std::vector<int>& mentors) {
  Market m;
  for (int i = 0; i < n; ++i) {
    Citizen c;
    c.id = "c-" + std::to_string(i);
    c.home = kTown;
    c.wishes = {"9112"};
    c.hours_now = 8 * 60;
    c.hours_max = 15 * 60;
    c.health = {Health::no_heavy_lifting, Health::calm_pace};
    m.citizens.push_back(c);
  }
  for (std::size_t k = 0; k < mentors.size(); ++k) {
    Company co;
    co.id = "wp-" + std::to_string(k);
    co.location = {kTown.lat + 0.01 * static_cast<double>(k + 1), kTown.lon};
    co.mentors = mentors[k];
    co.capacity = 3;
    m.companies.push_back(co);
    Task t;
    t.id = "task-" + std::to_string(k);
    t.company = co.id;
    t.disco = {"9112"};
    t.min_per_week = 6 * 60;
    t.max_per_week = 20 * 60;
    t.slots = 3;
    m.tasks.push_back(t);
  }
  return m;
}

std::vector<TrainingRequest> all(const Market& m) {
  std::vector<TrainingRequest> r;
  for (std::size_t i = 0; i < m.citizens.size(); ++i) r.push_back({static_cast<std::int32_t>(i), 13});
  return r;
}

}  // namespace

TEST_CASE("Internship only for citizens close to an ordinary job or a job on special terms — 001_8429fb4aa12981cf.txt, Fokus på job til de stærkeste ledige",
          "[training][rules]") {
  auto a = route_workplace({.close_to_ordinary_job = true});
  CHECK(a.route == WorkplaceRoute::internship);
  CHECK(a.private_employer_focus);
  CHECK(a.source.quote == sources::training_internship_route.quote);
  a = route_workplace({.close_to_special_terms_job = true});
  CHECK(a.route == WorkplaceRoute::internship);
  CHECK(a.reason.find("special terms") != std::string::npos);
  a = route_workplace({});
  CHECK(a.route == WorkplaceRoute::training_track);
  CHECK_FALSE(a.private_employer_focus);
  CHECK(a.source.quote == sources::training_track.quote);
}

TEST_CASE("A training track lasts typically 13 weeks with a mentor-trained contact person — 001_8429fb4aa12981cf.txt, og en social træningsbane til andre",
          "[training][rules]") {
  const Market m = workplaces(2, {0, 2});  // wp-0 has no mentor: no track there
  const auto reqs = all(m);
  const TrainingPlan p = plan_training_tracks(m, reqs, {.start = D("2026-01-05")});
  REQUIRE(p.tracks.size() == 2);
  for (const auto& t : p.tracks) {
    CHECK(t.company == "wp-1");
    CHECK(t.weeks == 13);
    CHECK(t.start == D("2026-01-05"));
    CHECK(t.end == D("2026-04-05"));  // 13 weeks: 91 days, the last one included
  }
  // A length fitted by the caseworker.
  const std::vector<TrainingRequest> longer{{0, 20}};
  const TrainingPlan q = plan_training_tracks(m, longer, {.start = D("2026-01-05")});
  REQUIRE(q.tracks.size() == 1);
  CHECK(q.tracks[0].end == D("2026-05-24"));
  const std::vector<TrainingRequest> none{{0, 0}};
  CHECK_THROWS_AS(plan_training_tracks(m, none, {.start = D("2026-01-05")}), Error);
}

TEST_CASE("A workplace takes no more citizens at once than it has mentors free — 001_8429fb4aa12981cf.txt, Sociale træningsbaner på kommunale arbejdspladser",
          "[training][rules]") {
  const Market m = workplaces(4, {2});
  // One mentor is busy with a track running on the start date; one ended track frees nobody.
  const std::vector<TrainingTrack> ongoing{
      {"other", "wp-0", "task-0", D("2025-12-01"), D("2026-02-28"), 13, 6 * 60, {}, {}},
      {"earlier", "wp-0", "task-0", D("2025-06-01"), D("2025-08-30"), 13, 6 * 60, {}, {}}};
  const auto load = mentor_load(m, ongoing, D("2026-01-05"));
  REQUIRE(load.size() == 1);
  CHECK(load[0].mentors == 2);
  CHECK(load[0].busy == 1);
  CHECK(load[0].free() == 1);
  const auto reqs = all(m);
  const TrainingPlan p = plan_training_tracks(m, reqs, {.start = D("2026-01-05"), .ongoing = ongoing});
  CHECK(p.tracks.size() == 1);  // capacity 3 and slots 3, but one mentor free
  CHECK(p.unplaced.size() == 3);
  for (const auto& u : p.unplaced) CHECK(u.reason.find("mentor") != std::string::npos);
  // After the running track has ended, both mentors are free.
  const TrainingPlan later = plan_training_tracks(m, reqs, {.start = D("2026-03-02"), .ongoing = ongoing});
  CHECK(later.tracks.size() == 2);

  const std::vector<TrainingTrack> stray{{"x", "nowhere", "t", D("2026-01-01"), D("2026-02-01"), 13, 0, {}, {}}};
  try {
    (void)mentor_load(m, stray, D("2026-01-05"));
    FAIL("an unknown workplace must throw");
  } catch (const Error& e) {
    CHECK(e.field() == "ongoing[0].company");
  }
}

TEST_CASE("A mentor is the citizen's for the whole track: one booked from next week is not free for a track starting today — 001_8429fb4aa12981cf.txt, Sociale træningsbaner på kommunale arbejdspladser",
          "[training][rules]") {
  // 001: "Borgeren får derfor tildelt en mentor på arbejdspladsen, der understøtter og har samtaler
  // med borgeren" — for the track's 13 weeks, not for its first day.
  const Market m = workplaces(2, {1});
  const std::vector<TrainingTrack> booked{
      {"other", "wp-0", "task-0", D("2026-01-12"), D("2026-04-12"), 13, 6 * 60, {}, {}}};
  // On the start date alone the mentor looks free; over the track's period it is not.
  CHECK(mentor_load(m, booked, D("2026-01-05"))[0].free() == 1);
  const auto period = mentor_load(m, booked, D("2026-01-05"), D("2026-04-05"));
  CHECK(period[0].busy == 1);
  CHECK(period[0].free() == 0);

  const std::vector<TrainingRequest> one{{0, 13}};
  const TrainingPlan p = plan_training_tracks(m, one, {.start = D("2026-01-05"), .ongoing = booked});
  CHECK(p.tracks.empty());
  REQUIRE(p.unplaced.size() == 1);
  CHECK(p.unplaced[0].reason.find("whole 13 weeks") != std::string::npos);
  CHECK(p.mentors[0].free() == 0);

  // A one-week track ends before the mentor's booking begins; the 13-week one still does not fit.
  const std::vector<TrainingRequest> mixed{{0, 13}, {1, 1}};
  const TrainingPlan q = plan_training_tracks(m, mixed, {.start = D("2026-01-05"), .ongoing = booked});
  REQUIRE(q.tracks.size() == 1);
  CHECK(q.tracks[0].citizen == "c-1");
  CHECK(q.tracks[0].end == D("2026-01-11"));
  REQUIRE(q.unplaced.size() == 1);
  CHECK(q.unplaced[0].citizen == 0);
  CHECK(q.mentors[0].free() == 1);  // the load over the shortest track's week: every track runs then

  // Tracks placed in the same plan hold their mentor too: two lengths, one mentor, one track.
  const TrainingPlan r = plan_training_tracks(m, mixed, {.start = D("2026-01-05")});
  REQUIRE(r.tracks.size() == 1);
  CHECK(r.tracks[0].citizen == "c-0");  // the longest track first
  CHECK(r.unplaced.size() == 1);

  // The busiest day counts, not the number of tracks: two bookings one after the other take one
  // of two mentors, so a second mentor is free for the whole period.
  const Market two = workplaces(2, {2});
  const std::vector<TrainingTrack> in_turn{
      {"a", "wp-0", "task-0", D("2026-01-12"), D("2026-02-01"), 3, 6 * 60, {}, {}},
      {"b", "wp-0", "task-0", D("2026-02-02"), D("2026-03-01"), 4, 6 * 60, {}, {}}};
  CHECK(mentor_load(two, in_turn, D("2026-01-05"), D("2026-04-05"))[0].busy == 1);
  CHECK(plan_training_tracks(two, all(two), {.start = D("2026-01-05"), .ongoing = in_turn}).tracks.size() == 1);
  // An ongoing track without an end holds its mentor for the whole period.
  const std::vector<TrainingTrack> open{{"a", "wp-0", "task-0", D("2026-03-30"), Date(), 13, 6 * 60, {}, {}}};
  CHECK(mentor_load(two, open, D("2026-01-05"), D("2026-04-05"))[0].busy == 1);
  CHECK(mentor_load(two, open, D("2026-01-05"), D("2026-03-29"))[0].busy == 0);
}

TEST_CASE("Citizens per mentor is the project's decision, a parameter: two per mentor places two citizens with one mentor — decision \"Citizens per mentor\" (docs/decisions.md)",
          "[training][rules]") {
  const Market m = workplaces(3, {1});  // one mentor; the workplace takes up to three citizens
  const TrainingPlan one = plan_training_tracks(m, all(m), {.start = D("2026-01-05")});
  CHECK(one.tracks.size() == 1);  // the default: one citizen per mentor
  CHECK(one.mentors[0].citizens_per_mentor == 1);

  const TrainingPlan two = plan_training_tracks(m, all(m), {.start = D("2026-01-05"), .citizens_per_mentor = 2});
  REQUIRE(two.tracks.size() == 2);
  CHECK(two.unplaced.size() == 1);
  CHECK(two.mentors[0].citizens_per_mentor == 2);
  CHECK(two.mentors[0].free() == 2);
  CHECK(two.tracks[0].reasons[0].find("Citizens per mentor") != std::string::npos);
  const auto j = nlohmann::json::parse(to_json(two, m));
  CHECK(j["mentors"][0]["citizens_per_mentor"] == 2);
  CHECK(j["mentors"][0]["free"] == 2);

  // A citizen on an ongoing track takes one of the mentor's two places.
  const std::vector<TrainingTrack> ongoing{{"other", "wp-0", "task-0", D("2025-12-01"), D("2026-02-28"), 13, 6 * 60, {}, {}}};
  CHECK(plan_training_tracks(m, all(m), {.start = D("2026-01-05"), .ongoing = ongoing, .citizens_per_mentor = 2})
            .tracks.size() == 1);

  // The request's JSON carries it to the C ABI, Python and the command line.
  const std::string text = R"({"citizens": [{"id": "c-1", "home": {"lat": 56.3, "lon": 8.6}}], "companies": [],
    "tasks": [], "training": {"start": "2026-02-02", "citizens_per_mentor": 3}})";
  CHECK(training_input_from_json(text).citizens_per_mentor == 3);
  const std::string absent = R"({"citizens": [], "companies": [], "tasks": [], "training": {"start": "2026-02-02"}})";
  CHECK(training_input_from_json(absent).citizens_per_mentor == 1);
}

TEST_CASE("Citizens per mentor is bounded, from 1 to max_citizens_per_mentor, at every surface", "[training][hardening]") {
  const Market m = workplaces(1, {1});
  for (std::int32_t n : {0, -1, max_citizens_per_mentor + 1, std::numeric_limits<std::int32_t>::max()}) {
    INFO(n);
    try {
      (void)plan_training_tracks(m, all(m), {.start = D("2026-01-05"), .citizens_per_mentor = n});
      FAIL("citizens per mentor out of range must throw");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::invalid_argument);
      CHECK(e.field() == "citizens_per_mentor");
      CHECK(e.value() == std::to_string(n));
    }
    CHECK_THROWS_AS(mentor_load(m, {}, D("2026-01-05"), D("2026-01-05"), n), Error);
  }
  CHECK(plan_training_tracks(m, all(m), {.start = D("2026-01-05"), .citizens_per_mentor = max_citizens_per_mentor})
            .tracks.size() == 1);
  for (const char* v : {"0", "-1", "11", "1.5", "\"2\"", "18446744073709551616"}) {
    INFO(v);
    const std::string text = std::string(R"({"citizens": [], "companies": [], "tasks": [],
      "training": {"citizens_per_mentor": )") + v + "}}";
    try {
      (void)training_input_from_json(text);
      FAIL("citizens per mentor out of range must throw");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::invalid_input);
      CHECK(e.field() == "training.citizens_per_mentor");
    }
  }
  // A period needs two dates in order.
  CHECK_THROWS_AS(mentor_load(m, {}, D("2026-01-05"), D("2026-01-04")), Error);
  CHECK_THROWS_AS(mentor_load(m, {}, Date(), D("2026-01-04")), Error);
  CHECK_THROWS_AS(mentor_load(m, {}, Date()), Error);
}

TEST_CASE("Hours and length are fitted to the citizen's capacity — 001_8429fb4aa12981cf.txt, Sociale træningsbaner på kommunale arbejdspladser",
          "[training][rules]") {
  Citizen c;
  c.hours_now = 8 * 60;
  c.hours_max = 15 * 60;
  Task t;
  t.min_per_week = 6 * 60;
  t.max_per_week = 20 * 60;
  CHECK(fitted_hours(c, t) == 8 * 60);   // the citizen's hours now
  t.min_per_week = 10 * 60;
  CHECK(fitted_hours(c, t) == 10 * 60);  // raised to the task's minimum, within the citizen's maximum
  t.min_per_week = 0;
  t.max_per_week = 5 * 60;
  CHECK(fitted_hours(c, t) == 5 * 60);   // never above what the task offers
  c.hours_max = 4 * 60;
  c.hours_now = 4 * 60;
  t.min_per_week = 4 * 60;
  CHECK(fitted_hours(c, t) == 4 * 60);
}

TEST_CASE("After a course ends the company's view holds nothing personal — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  const Market m = workplaces(1, {1});
  const auto reqs = all(m);
  const TrainingPlan p = plan_training_tracks(m, reqs, {.start = D("2026-01-05")});
  REQUIRE(p.tracks.size() == 1);
  const TrainingTrack& t = p.tracks[0];

  const CompanyView during = company_view(t, D("2026-02-01"));
  CHECK_FALSE(during.ended);
  CHECK(during.citizen == std::optional<std::string>("c-0"));
  CHECK(during.per_week == 8 * 60);
  CHECK(during.accommodations == std::vector<std::string>{"no heavy lifting", "a calm pace"});
  const std::string dj = to_json(during);
  // Accommodations as work arrangements; never the health vocabulary, benefits or barriers.
  for (const char* word : {"no_heavy_lifting", "calm_pace", "health", "benefit", "kontanthjaelp", "diagnos", "barrier"})
    CHECK(dj.find(word) == std::string::npos);

  const CompanyView after = company_view(t, D("2026-04-06"));
  CHECK(after.ended);
  CHECK_FALSE(after.citizen.has_value());
  CHECK(after.per_week == 0);
  CHECK(after.accommodations.empty());
  const std::string aj = to_json(after);
  CHECK(aj.find("c-0") == std::string::npos);
  CHECK(aj.find("accommodations") == std::string::npos);
  CHECK(aj.find("task-0") != std::string::npos);  // the company keeps its own task and dates

  // The last day still belongs to the course.
  CHECK_FALSE(company_view(t, D("2026-04-05")).ended);
}

namespace {

/// A case in Trin 3 at "kitchen-co" from 2024-02-05 (8 h a week, two agreed tasks in free text,
/// a sub-goal, a quiet place to work), the evaluation's date later.
CaseBuilder kitchen_course() {
  CaseBuilder b("c-77");
  b.trin1_complete("2024-01-08");
  auto a = CaseBuilder::make_agreement(D("2024-02-05"), AgreementKind::both, 8 * 60, "kitchen-co");
  auto terms = std::make_shared<AgreementTerms>(*a.terms);
  terms->tasks = {"dishes", "salads"};
  terms->sub_goals = {"arrive on time three days a week"};
  terms->health = {Health::no_noise};
  a.terms = terms;
  b.on("2024-02-05", a).plan("2024-02-05").contact_person("2024-02-05", "kitchen-co");
  return b;
}

/// The view holds nothing personal: no citizen id, no hours, no accommodations — in C++ and JSON.
void check_closed(const CompanyView& v, const std::string& citizen) {
  CHECK(v.ended);
  CHECK_FALSE(v.citizen.has_value());
  CHECK(v.per_week == 0);
  CHECK(v.accommodations.empty());
  const std::string j = to_json(v);
  CHECK(j.find(citizen) == std::string::npos);
  CHECK(j.find("hours_per_week") == std::string::npos);
  CHECK(j.find("accommodations") == std::string::npos);
}

}  // namespace

TEST_CASE("The company's view of an agreement: task count, hours, accommodations, never free text — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  const CaseBuilder b = kitchen_course();
  const auto during = company_views(b.get(), b.eval("2024-02-20"));
  REQUIRE(during.size() == 1);
  CHECK(during[0].company == "kitchen-co");
  CHECK(during[0].task.empty());        // the agreed tasks are free text: never shown
  CHECK(during[0].agreed_tasks == 2);   // … but how many were agreed is
  CHECK(during[0].start == D("2024-02-05"));
  CHECK(during[0].end.is_special());    // no end in sight
  CHECK_FALSE(during[0].ended);
  CHECK(during[0].per_week == 8 * 60);
  CHECK(during[0].citizen == std::optional<std::string>("c-77"));
  CHECK(during[0].accommodations == std::vector<std::string>{"a quiet place to work"});
  const std::string dj = to_json(during[0]);
  for (const char* text : {"dishes", "salads", "arrive on time", "no_noise"}) CHECK(dj.find(text) == std::string::npos);
  CHECK(dj.find("\"agreed_tasks\":2") != std::string::npos);
  CHECK(dj.find("\"task\":null") != std::string::npos);
  // The documented fields and no others (kanten/programme/training.hpp, CompanyView).
  std::vector<std::string> keys;
  const auto parsed = nlohmann::json::parse(dj);
  for (const auto& [key, value] : parsed.items()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"accommodations", "agreed_tasks", "citizen", "company", "end", "ended",
                                         "hours_per_week", "start", "task"});
  // Before the agreement there is nothing to show.
  CHECK(company_views(b.get(), b.eval("2024-01-31")).empty());
  // An evaluation of another case is refused rather than mixed in.
  CaseBuilder other("c-78");
  CHECK_THROWS_AS(company_views(b.get(), other.eval("2024-02-20")), Error);
}

TEST_CASE("Nothing personal to the workplace after the exit from the model — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  CaseBuilder b = kitchen_course();
  b.hours("2024-03-04", 11 * 60).hours("2024-03-11", 11 * 60).hours("2024-03-18", 11 * 60);  // 33 h in March: the 30-hour exit
  const Evaluation later = b.eval("2024-04-15");
  REQUIRE(later.step == Step::exit_30_hours);
  const auto after = company_views(b.get(), later);
  REQUIRE(after.size() == 1);
  REQUIRE(later.exit()->date == D("2024-03-31"));  // the 30-hour exit takes effect at the month's end
  CHECK(after[0].end == D("2024-03-30"));            // the course ended the day before
  check_closed(after[0], "c-77");
  // In March the course still runs: the view is open.
  CHECK_FALSE(company_views(b.get(), b.eval("2024-03-20"))[0].ended);
}

TEST_CASE("Nothing personal to the workplace after the course is broken off — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  CaseBuilder b = kitchen_course();
  b.break_off("2024-03-01");
  REQUIRE(b.eval("2024-03-01").step == Step::trin2_paa_vej_mod_job);  // back to Trin 2 to find a new match
  // The day before, the course runs; from the day it is broken off the view is closed.
  CHECK_FALSE(company_views(b.get(), b.eval("2024-02-29"))[0].ended);
  for (const char* day : {"2024-03-01", "2024-06-30"}) {
    const auto v = company_views(b.get(), b.eval(day));
    REQUIRE(v.size() == 1);
    CHECK(v[0].end == D("2024-02-29"));
    check_closed(v[0], "c-77");
  }
  // A break-off the evaluation did not apply (recorded outside Trin 3) still closes the view: the
  // record says the course is over.
  CaseBuilder early("c-77");
  early.trin1_complete("2024-01-08").agreement("2024-02-05", AgreementKind::ordinary_hours, "kitchen-co");
  early.break_off("2024-02-10");
  const Evaluation e = early.eval("2024-02-12");
  REQUIRE(count_not_applied(e, NotAppliedReason::no_course_in_progress) == 1);
  const auto v = company_views(early.get(), e);
  REQUIRE(v.size() == 1);
  check_closed(v[0], "c-77");
}

TEST_CASE("Nothing personal to the old workplace after a new agreement with another company — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  CaseBuilder b = kitchen_course();
  // Made on 2024-03-10, starting 2024-03-18 at another company.
  b.on("2024-03-10", CaseBuilder::make_agreement(D("2024-03-18"), AgreementKind::ordinary_hours, 12 * 60, "bakery-co"));
  // Until the new agreement starts, the kitchen's course runs and its view is open.
  const auto before = company_views(b.get(), b.eval("2024-03-17"));
  REQUIRE(before.size() == 2);
  CHECK_FALSE(before[0].ended);
  CHECK(before[0].end == D("2024-03-17"));
  CHECK(before[0].citizen == std::optional<std::string>("c-77"));
  const auto after = company_views(b.get(), b.eval("2024-03-18"));
  REQUIRE(after.size() == 2);
  CHECK(after[0].company == "kitchen-co");
  check_closed(after[0], "c-77");
  // The new company sees its own course, and only that.
  CHECK(after[1].company == "bakery-co");
  CHECK_FALSE(after[1].ended);
  CHECK(after[1].per_week == 12 * 60);
  CHECK(after[1].citizen == std::optional<std::string>("c-77"));
  CHECK(after[1].agreed_tasks == 1);

  // A new agreement the evaluation did not apply (negative hours) gets no view of its own but still
  // closes the old one; with an unreadable event first in the input, the positions still match.
  CaseBuilder r = kitchen_course();
  r.get().rejected.push_back(InputIssue{0, "kind", "\"holiday\"", "not an event kind", Date(), std::nullopt});
  r.on("2024-03-10", CaseBuilder::make_agreement(D("2024-03-18"), AgreementKind::ordinary_hours, -60, "bakery-co"));
  const Evaluation e = r.eval("2024-03-18");
  REQUIRE(count_not_applied(e, NotAppliedReason::negative_weekly_hours) == 1);
  const auto v = company_views(r.get(), e);
  REQUIRE(v.size() == 1);
  CHECK(v[0].company == "kitchen-co");
  check_closed(v[0], "c-77");
}

TEST_CASE("A citizen requested twice gets an error naming both requests, not a track and a wrong reason",
          "[training][hardening]") {
  const Market m = workplaces(3, {2});
  const std::vector<TrainingRequest> twice{{0, 13}, {1, 13}, {0, 20}};
  try {
    (void)plan_training_tracks(m, twice, {.start = D("2026-01-05")});
    FAIL("a duplicated request must throw");
  } catch (const Error& e) {
    CHECK(e.field() == "requests[2].citizen");
    CHECK(e.value() == "c-0");
    CHECK(std::string(e.what()).find("duplicate citizen id: first at requests[0]") != std::string::npos);
  }
  // The reader, which the C ABI, Python and the command line pass through, names the JSON path.
  const std::string text = R"({"citizens": [{"id": "c-1", "home": {"lat": 56.3, "lon": 8.6}},
    {"id": "c-2", "home": {"lat": 56.3, "lon": 8.6}}], "companies": [], "tasks": [],
    "training": {"start": "2026-02-02", "requests": [{"citizen": "c-2"}, {"citizen": "c-1"}, {"citizen": "c-2", "weeks": 20}]}})";
  try {
    (void)training_input_from_json(text);
    FAIL("a duplicated request must throw");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == "training.requests[2].citizen");
    CHECK(e.value() == "c-2");
    CHECK(std::string(e.what()).find("duplicate citizen id: first at training.requests[0]") != std::string::npos);
  }
}

TEST_CASE("A workplace, citizen or task id that repeats is an error naming both", "[training][hardening]") {
  Market m = workplaces(2, {1, 1});
  m.companies[1].id = "wp-0";  // whose mentors would count?
  try {
    (void)plan_training_tracks(m, all(m), {.start = D("2026-01-05")});
    FAIL("a duplicated workplace must throw");
  } catch (const Error& e) {
    CHECK(e.field() == "companies[1].id");
    CHECK(e.value() == "wp-0");
    CHECK(std::string(e.what()).find("duplicate company id: first at companies[0]") != std::string::npos);
  }
  CHECK_THROWS_AS(mentor_load(m, {}, D("2026-01-05")), Error);
  m = workplaces(2, {1, 1});
  m.citizens[1].id = "c-0";
  CHECK_THROWS_AS(plan_training_tracks(m, all(m), {.start = D("2026-01-05")}), Error);
  m = workplaces(2, {1, 1});
  m.tasks[1].id = "task-0";
  CHECK_THROWS_AS(plan_training_tracks(m, all(m), {.start = D("2026-01-05")}), Error);
}

TEST_CASE("Track lengths and the request reader's numbers are bounded, never wrapped", "[training][hardening]") {
  const Market m = workplaces(1, {1});
  for (std::int32_t weeks : {0, -1, max_track_weeks + 1, std::numeric_limits<std::int32_t>::max(),
                             std::numeric_limits<std::int32_t>::min()}) {
    INFO(weeks);
    const std::vector<TrainingRequest> r{{0, weeks}};
    try {
      (void)plan_training_tracks(m, r, {.start = D("2026-01-05")});
      FAIL("weeks out of range must throw");
    } catch (const Error& e) {
      CHECK(e.field() == "requests[0].weeks");
      CHECK(e.value() == std::to_string(weeks));
    }
  }
  const std::vector<TrainingRequest> longest{{0, max_track_weeks}};
  CHECK(plan_training_tracks(m, longest, {.start = D("2026-01-05")}).tracks.size() == 1);
  // A track that would end after the last date kanten holds is an error, not a crash.
  const std::vector<TrainingRequest> late{{0, 13}};
  try {
    (void)plan_training_tracks(m, late, {.start = D("9999-12-01")});
    FAIL("a track past 9999-12-31 must throw");
  } catch (const Error& e) {
    CHECK(e.field() == "requests[0].weeks");
  }
  for (const char* v : {"1e30", "-1", "0", "521", "18446744073709551616", "18446744073709551615", "2147483648", "1.5"}) {
    INFO(v);
    const std::string text = std::string(R"({"citizens": [{"id": "c-1", "home": {"lat": 56.3, "lon": 8.6}}],
      "companies": [], "tasks": [], "training": {"requests": [{"citizen": "c-1", "weeks": )") + v + "}]}}";
    try {
      (void)training_input_from_json(text);
      FAIL("weeks out of range must throw");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::invalid_input);
      CHECK(e.field() == "training.requests[0].weeks");
    }
  }
}

TEST_CASE("A company view needs a date to tell whether the course has ended", "[training][hardening]") {
  const Market m = workplaces(1, {1});
  const TrainingPlan p = plan_training_tracks(m, all(m), {.start = D("2026-01-05")});
  REQUIRE(p.tracks.size() == 1);
  CHECK_THROWS_AS(company_view(p.tracks[0], Date()), Error);
  const CompanyView v = company_view(p.tracks[0], D("2026-01-05"));
  CHECK(v.task == "task-0");
  CHECK(v.agreed_tasks == 1);
}
