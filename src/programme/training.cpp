// kanten — social training tracks (001_8429fb4aa12981cf.txt): routing, mentor capacity, the plan,
// and the company-facing view.

#include "kanten/programme/training.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "kanten/core/error.hpp"

namespace kanten::inline v1 {

RouteAnswer route_workplace(const RoutingAssessment& a) {
  // 001, Fokus på job til de stærkeste ledige: "Da virksomhedspraktik skal have et reelt
  // jobperspektiv, bruger vi nu kun den ordning til borgere, der står lige foran at kunne få et
  // ordinært job eller et job på særlige vilkår og med stort fokus på det private arbejdsmarked".
  RouteAnswer r;
  if (a.close_to_ordinary_job || a.close_to_special_terms_job) {
    r.route = WorkplaceRoute::internship;
    r.private_employer_focus = true;
    r.reason = std::string("close to ") + (a.close_to_ordinary_job ? "an ordinary job" : "a job on special terms") +
               ": an internship with a real job perspective, private employers first";
    r.source = sources::training_internship_route;
    return r;
  }
  // 001, … og en social træningsbane til andre: the track is for the others.
  r.route = WorkplaceRoute::training_track;
  r.reason = "not yet close to an ordinary job or a job on special terms: a social training track "
             "(typically 13 weeks, with a mentor-trained contact person)";
  r.source = sources::training_track;
  return r;
}

namespace {


/// Companies by id; an id that repeats is an error (which workplace's mentors would count?).
std::unordered_map<std::string_view, std::int32_t> index_of_companies(const Market& m) {
  check_unique_ids(m);
  std::unordered_map<std::string_view, std::int32_t> out;
  for (std::size_t k = 0; k < m.companies.size(); ++k) out.emplace(m.companies[k].id, static_cast<std::int32_t>(k));
  return out;
}

bool runs_on(const TrainingTrack& t, Date d) { return !t.start.is_special() && t.start <= d && (t.end.is_special() || d <= t.end); }

}  // namespace

std::vector<MentorLoad> mentor_load(const Market& m, std::span<const TrainingTrack> ongoing, Date on) {
  const auto idx = index_of_companies(m);
  std::vector<MentorLoad> load(m.companies.size());
  for (std::size_t k = 0; k < m.companies.size(); ++k)
    load[k] = {static_cast<std::int32_t>(k), std::max(0, m.companies[k].mentors), 0};
  for (std::size_t i = 0; i < ongoing.size(); ++i) {
    const auto it = idx.find(ongoing[i].company);
    if (it == idx.end())
      throw Error(Errc::invalid_input, "ongoing[" + std::to_string(i) + "].company", ongoing[i].company,
                  "no company of the market has this id");
    // 001, Sociale træningsbaner: "Borgeren får derfor tildelt en mentor på arbejdspladsen" — one
    // mentor per citizen on a running track.
    if (runs_on(ongoing[i], on)) ++load[static_cast<std::size_t>(it->second)].busy;
  }
  return load;
}

Minutes fitted_hours(const Citizen& c, const Task& t) noexcept {
  // 001, Sociale træningsbaner: "Også timetallet … afstemmes med den enkeltes formåen."
  const Minutes cap = std::min(t.max_per_week, c.hours_max);
  Minutes h = std::max(c.hours_now, t.min_per_week);
  return std::max<Minutes>(0, std::min(h, cap));
}

TrainingPlan plan_training_tracks(const Market& m, std::span<const TrainingRequest> requests, const TrainingOptions& opts) {
  if (opts.start.is_special()) throw Error(Errc::invalid_argument, "start", "", "a start date is required");
  const MatchWeights& w = opts.weights ? *opts.weights : default_weights();
  check_unique_ids(m);
  // The last day a track may end on: the last day kanten's dates hold.
  const Date last_day(9999, 12, 31);
  std::vector<std::int32_t> request_of(m.citizens.size(), -1);
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const auto c = requests[r].citizen;
    const std::string field = "requests[" + std::to_string(r) + "]";
    if (c < 0 || static_cast<std::size_t>(c) >= m.citizens.size())
      throw Error(Errc::invalid_argument, field + ".citizen", std::to_string(c), "citizen index out of range");
    // One citizen, one track: a citizen requested twice is ambiguous (which length holds?).
    std::int32_t& first = request_of[static_cast<std::size_t>(c)];
    if (first >= 0)
      throw Error(Errc::invalid_argument, field + ".citizen", m.citizens[static_cast<std::size_t>(c)].id,
                  "duplicate citizen id: first at requests[" + std::to_string(first) + "]");
    first = static_cast<std::int32_t>(r);
    const std::int32_t weeks = requests[r].weeks;
    if (weeks < 1 || weeks > max_track_weeks)
      throw Error(Errc::invalid_argument, field + ".weeks", std::to_string(weeks),
                  "out of range: from 1 to " + std::to_string(max_track_weeks) + " weeks");
    if ((last_day - opts.start).days() < 7 * std::int64_t{weeks} - 1)
      throw Error(Errc::invalid_argument, field + ".weeks", std::to_string(weeks),
                  "the track would end after " + iso(last_day) + " (start " + iso(opts.start) + ")");
  }
  TrainingPlan plan;
  plan.mentors = mentor_load(m, opts.ongoing, opts.start);

  // The matcher on a market of the requested citizens and the workplaces with free mentors: a
  // workplace takes at most min(capacity, free mentors) citizens at once.
  Market sub;
  sub.companies = m.companies;
  for (std::size_t k = 0; k < sub.companies.size(); ++k)
    sub.companies[k].capacity = std::min(sub.companies[k].capacity, plan.mentors[k].free());
  sub.tasks = m.tasks;
  for (const auto& r : requests) sub.citizens.push_back(m.citizens[static_cast<std::size_t>(r.citizen)]);
  MatchOptions mo;
  mo.weights = &w;
  mo.mode = MatchMode::assignment;
  const MatchResult res = match(sub, mo);

  std::vector<char> has_candidate(requests.size(), 0);
  for (const auto& c : candidates(sub, w)) has_candidate[static_cast<std::size_t>(c.citizen)] = 1;
  std::vector<const Match*> match_of(requests.size(), nullptr);
  for (const auto& x : res.matches) match_of[static_cast<std::size_t>(x.citizen)] = &x;
  const auto idx = index_of_companies(m);
  bool any_free = false;
  for (const auto& l : plan.mentors) any_free = any_free || l.free() > 0;
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const std::int32_t ci = requests[r].citizen;
    const Citizen& c = m.citizens[static_cast<std::size_t>(ci)];
    const Match* x = match_of[r];
    if (!x) {
      plan.unplaced.push_back(
          {ci, !any_free                ? "no workplace has a free mentor-trained contact person on the start date"
               : has_candidate[r] != 0 ? "the workplaces with free mentors that fit the citizen are full: their "
                                          "mentors went to citizens with a better fit"
                                        : "no workplace with a free mentor-trained contact person has a task that fits "
                                          "the citizen's wishes, hours, travel and health considerations"});
      continue;
    }
    const Task& t = m.tasks[static_cast<std::size_t>(x->task)];
    const auto k = static_cast<std::size_t>(idx.at(t.company));
    TrainingTrack tr;
    tr.citizen = c.id;
    tr.company = t.company;
    tr.task = t.id;
    tr.start = opts.start;
    tr.weeks = requests[r].weeks;
    tr.end = opts.start + boost::gregorian::days(7 * requests[r].weeks - 1);
    tr.per_week = fitted_hours(c, t);
    tr.health = c.health;
    tr.reasons.push_back("mentor-trained contact person free: " + std::to_string(plan.mentors[k].free()) + " of " +
                         std::to_string(plan.mentors[k].mentors) + " (001, Sociale træningsbaner)");
    tr.reasons.push_back("hours fitted to the citizen: " + hours_text(tr.per_week) + " h/week (001: \"timetallet … "
                         "afstemmes med den enkeltes formåen\")");
    tr.reasons.push_back(std::to_string(tr.weeks) + " weeks" +
                         (tr.weeks == 13 ? " (001: \"typisk 13 uger\")" : " (fitted by the caseworker; typically 13)"));
    for (const auto& line : x->reasons) tr.reasons.push_back(line);
    plan.tracks.push_back(std::move(tr));
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// The company-facing view (001_8429fb4aa12981cf.txt, Den svære opfølgning; decision "Company views"
// (docs/decisions.md))
// ---------------------------------------------------------------------------------------------

std::string_view accommodation(Health h) noexcept {
  switch (h) {
    case Health::no_heavy_lifting: return "no heavy lifting";
    case Health::no_long_standing: return "work that allows sitting down";
    case Health::no_customer_contact: return "tasks without customer contact";
    case Health::no_noise: return "a quiet place to work";
    case Health::no_night_work: return "day hours only";
    case Health::calm_pace: return "a calm pace";
    case Health::fixed_routines: return "fixed routines";
  }
  return "an agreed accommodation";
}

namespace {

/// The view of one course: the personal fields only while it runs (001_8429fb4aa12981cf.txt, Den
/// svære opfølgning: "Kommunen må ikke videregive personlige oplysninger om en borger til
/// arbejdspladsen, efter forløbet er slut.").
CompanyView view_of(const std::string& company, const std::string& task, std::int32_t agreed_tasks, Date start,
                    Date end, bool ended, const std::string& citizen, Minutes per_week,
                    std::span<const Health> health) {
  CompanyView v;
  v.company = company;
  v.task = task;
  v.agreed_tasks = agreed_tasks;
  v.start = start;
  v.end = end;
  v.ended = ended;
  if (v.ended) return v;  // no citizen id, no hours, no accommodations
  v.citizen = citizen;
  v.per_week = per_week;
  for (Health h : health) v.accommodations.emplace_back(accommodation(h));
  return v;
}

/// The day before `d`, or `d` itself on the first day kanten's dates hold.
Date day_before(Date d) { return d > Date(1400, 1, 1) ? d - boost::gregorian::days(1) : d; }

}  // namespace

CompanyView company_view(const TrainingTrack& t, Date as_of) {
  if (as_of.is_special())
    throw Error(Errc::invalid_argument, "as_of", iso(as_of), "a view needs a date: whether the course has ended");
  const bool ended = !t.end.is_special() && as_of > t.end;  // after the last day
  return view_of(t.company, t.task, 1, t.start, t.end, ended, t.citizen, t.per_week, t.health);
}

CompanyView company_view(const Market& m, const Match& x) {
  const Citizen& c = m.citizens.at(static_cast<std::size_t>(x.citizen));
  const Task& t = m.tasks.at(static_cast<std::size_t>(x.task));
  // A proposal: no dates yet, nothing has ended.
  return view_of(t.company, t.id, 1, Date(), Date(), false, c.id, fitted_hours(c, t), c.health);
}

std::vector<CompanyView> company_views(const Case& c, const Evaluation& e) {
  if (e.as_of.is_special())
    throw Error(Errc::invalid_argument, "evaluation.as_of", iso(e.as_of), "the evaluation has no date");
  if (e.citizen != c.citizen)
    throw Error(Errc::invalid_argument, "evaluation.citizen", e.citizen,
                "not an evaluation of this case (citizen " + c.citizen + ")");
  // Which events the evaluation applied.
  const std::vector<bool> not_applied = not_applied_events(c, e);
  // Agreements and break-offs known on the evaluation's date, in the engine's order (date, kind,
  // content: a break-off before an agreement of the same day; then position).
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const Event& ev = c.events[i];
    if (ev.date.is_special() || ev.date > e.as_of) continue;
    if (ev.kind() == EventKind::agreement || ev.kind() == EventKind::course_broken_off) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto o = c.events[a] <=> c.events[b];
    return o != 0 ? o < 0 : a < b;
  });
  struct Course {
    std::size_t event;  // the agreement
    Date start;         // its first day
    Date closed;        // the first day the course is over (its view closed); not-a-date while open
  };
  std::vector<Course> courses;
  for (std::size_t i : order) {
    const Event& ev = c.events[i];
    if (const auto* a = std::get_if<AgreementMade>(&ev.data)) {
      const Date start = a->start.is_special() ? ev.date : a->start;
      // 004_3897fdd271fa8a38.txt, Kerneelement 9: a new agreement replaces the open one from its
      // start (from the open one's own start when the new one starts no later: it never ran). The
      // old view closes then — also when the evaluation did not apply the new agreement.
      for (auto& k : courses)
        if (k.closed.is_special()) k.closed = std::max(start, k.start);
      if (!not_applied[i]) courses.push_back({i, start, Date()});
    } else {
      // 004_3897fdd271fa8a38.txt, Trin 3: the course is broken off; from that day the company's
      // view holds nothing personal (001_8429fb4aa12981cf.txt, Den svære opfølgning).
      for (auto& k : courses)
        if (k.closed.is_special()) k.closed = ev.date;
    }
  }
  // Once the citizen has left the model, every course is over from the exit's date.
  if (const StepChange* exit = e.exit())
    for (auto& k : courses)
      if (k.closed.is_special() || exit->date < k.closed) k.closed = exit->date;
  std::vector<CompanyView> out;
  for (const auto& k : courses) {
    const auto& a = std::get<AgreementMade>(c.events[k.event].data);
    if (!a.terms || a.terms->company.empty()) continue;
    const bool ended = !k.closed.is_special() && e.as_of >= k.closed;
    // The agreed tasks are free text: the company sees how many, never their wording; the
    // sub-goals stay with the job centre.
    out.push_back(view_of(a.terms->company, "", static_cast<std::int32_t>(a.terms->tasks.size()), k.start,
                          k.closed.is_special() ? Date() : day_before(k.closed), ended, c.citizen, a.minutes_per_week,
                          a.terms->health));
  }
  return out;
}

}  // namespace kanten::inline v1
