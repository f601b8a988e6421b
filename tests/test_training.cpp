// Social training tracks and the company-facing view (include/kanten/training.hpp), one test per
// rule of 001_8429fb4aa12981cf.txt, named after it.
#include "helpers.hpp"

#include <kanten/error.hpp>
#include <kanten/training.hpp>

#include <algorithm>
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

TEST_CASE("The company's view of an agreement: tasks, hours, accommodations; nothing personal after the exit — 001_8429fb4aa12981cf.txt, Den svære opfølgning",
          "[training][rules]") {
  CaseBuilder b("c-77");
  b.trin1_complete("2024-01-08");
  auto a = CaseBuilder::make_agreement(D("2024-02-05"), AgreementKind::both, 8 * 60, "kitchen-co");
  auto terms = std::make_shared<AgreementTerms>(*a.terms);
  terms->tasks = {"dishes", "salads"};
  terms->sub_goals = {"arrive on time three days a week"};
  terms->health = {Health::no_noise};
  a.terms = terms;
  b.on("2024-02-05", a).plan("2024-02-05").contact_person("2024-02-05", "kitchen-co");
  b.hours("2024-03-04", 11 * 60).hours("2024-03-11", 11 * 60).hours("2024-03-18", 11 * 60);  // 33 h in March: the 30-hour exit

  const auto during = company_views(b.get(), b.eval("2024-02-20"));
  REQUIRE(during.size() == 1);
  CHECK(during[0].company == "kitchen-co");
  CHECK(during[0].task == "dishes; salads");
  CHECK(during[0].start == D("2024-02-05"));
  CHECK(during[0].per_week == 8 * 60);
  CHECK(during[0].citizen == std::optional<std::string>("c-77"));
  CHECK(during[0].accommodations == std::vector<std::string>{"a quiet place to work"});
  const std::string dj = to_json(during[0]);
  CHECK(dj.find("arrive on time") == std::string::npos);  // sub-goals stay with the job centre
  CHECK(dj.find("no_noise") == std::string::npos);

  const Evaluation later = b.eval("2024-04-15");
  REQUIRE(later.step == Step::exit_30_hours);
  const auto after = company_views(b.get(), later);
  REQUIRE(after.size() == 1);
  CHECK(after[0].ended);
  CHECK_FALSE(after[0].citizen.has_value());
  CHECK(after[0].accommodations.empty());
  CHECK(to_json(after[0]).find("c-77") == std::string::npos);
  // Before the agreement there is nothing to show.
  CHECK(company_views(b.get(), b.eval("2024-01-31")).empty());
}
