// kanten — social training tracks (001_8429fb4aa12981cf.txt): routing, mentor capacity, the plan,
// and the company-facing view.

#include "kanten/training.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "kanten/error.hpp"

namespace kanten::inline v1 {

std::string_view name(WorkplaceRoute r) noexcept {
  static constexpr std::array<std::string_view, 2> n{"internship", "training_track"};
  const auto i = static_cast<std::size_t>(r);
  return i < n.size() ? n[i] : std::string_view{"unknown"};
}

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

std::unordered_map<std::string_view, std::int32_t> index_of_companies(const Market& m) {
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
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const auto c = requests[r].citizen;
    if (c < 0 || static_cast<std::size_t>(c) >= m.citizens.size())
      throw Error(Errc::invalid_argument, "requests[" + std::to_string(r) + "].citizen", std::to_string(c),
                  "citizen index out of range");
    if (requests[r].weeks < 1)
      throw Error(Errc::invalid_argument, "requests[" + std::to_string(r) + "].weeks", std::to_string(requests[r].weeks),
                  "a track lasts at least one week");
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
// The company-facing view (001_8429fb4aa12981cf.txt, Den svære opfølgning; project decision 6)
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

CompanyView company_view(const TrainingTrack& t, Date as_of) {
  CompanyView v;
  v.company = t.company;
  v.task = t.task;
  v.start = t.start;
  v.end = t.end;
  // "Kommunen må ikke videregive personlige oplysninger om en borger til arbejdspladsen, efter
  // forløbet er slut." After the last day the view holds no citizen, hours or accommodations.
  v.ended = !t.end.is_special() && !as_of.is_special() && as_of > t.end;
  if (v.ended) return v;
  v.citizen = t.citizen;
  v.per_week = t.per_week;
  for (Health h : t.health) v.accommodations.emplace_back(accommodation(h));
  return v;
}

CompanyView company_view(const Market& m, const Match& x) {
  const Citizen& c = m.citizens.at(static_cast<std::size_t>(x.citizen));
  const Task& t = m.tasks.at(static_cast<std::size_t>(x.task));
  CompanyView v;
  v.company = t.company;
  v.task = t.id;
  v.citizen = c.id;
  v.per_week = fitted_hours(c, t);
  for (Health h : c.health) v.accommodations.emplace_back(accommodation(h));
  return v;
}

std::vector<CompanyView> company_views(const Case& c, const Evaluation& e) {
  std::vector<CompanyView> out;
  const StepChange* exit = e.exit();
  for (const auto& ev : c.events) {
    const auto* a = std::get_if<AgreementMade>(&ev.data);
    if (!a || !a->terms || a->terms->company.empty() || ev.date.is_special() || e.as_of.is_special() || ev.date > e.as_of)
      continue;
    TrainingTrack t;
    t.citizen = c.citizen;
    t.company = a->terms->company;
    for (const auto& task : a->terms->tasks) t.task += (t.task.empty() ? "" : "; ") + task;
    t.start = a->start.is_special() ? ev.date : a->start;
    t.end = exit ? exit->date - boost::gregorian::days(1) : Date();
    t.per_week = a->minutes_per_week;
    t.health = a->terms->health;  // sub-goals stay with the job centre
    out.push_back(company_view(t, e.as_of));
  }
  return out;
}

}  // namespace kanten::inline v1
