// kanten — social training tracks (001_8429fb4aa12981cf.txt): routing, mentor capacity, the plan,
// and the company-facing view.

#include "kanten/programme/training.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
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

/// The last day of a track of `weeks` weeks from `start`.
Date track_end(Date start, std::int32_t weeks) { return start + boost::gregorian::days(7 * weeks - 1); }

}  // namespace

void check_citizens_per_mentor(std::int64_t n, const std::string& field) {
  // Decision "Citizens per mentor" (docs/decisions.md): the project's number, bounded.
  if (n < 1 || n > max_citizens_per_mentor)
    throw Error(Errc::invalid_argument, field, std::to_string(n),
                "out of range: from 1 to " + std::to_string(max_citizens_per_mentor) + " citizens per mentor");
}

std::vector<MentorLoad> mentor_load(const Market& m, std::span<const TrainingTrack> ongoing, Date on) {
  if (on.is_special()) throw Error(Errc::invalid_argument, "on", iso(on), "the mentor load needs a date");
  return mentor_load(m, ongoing, on, on, 1);
}

std::vector<MentorLoad> mentor_load(const Market& m, std::span<const TrainingTrack> ongoing, Date from, Date to,
                                    std::int32_t citizens_per_mentor) {
  if (from.is_special()) throw Error(Errc::invalid_argument, "from", iso(from), "the mentor load needs a first day");
  if (to.is_special() || to < from)
    throw Error(Errc::invalid_argument, "to", iso(to), "the period's last day must be a date on or after " + iso(from));
  check_citizens_per_mentor(citizens_per_mentor);
  const auto idx = index_of_companies(m);
  std::vector<MentorLoad> load(m.companies.size());
  for (std::size_t k = 0; k < m.companies.size(); ++k)
    load[k] = {static_cast<std::int32_t>(k), std::max(0, m.companies[k].mentors), citizens_per_mentor, 0};
  // 001, Sociale træningsbaner: "Borgeren får derfor tildelt en mentor på arbejdspladsen, der
  // understøtter og har samtaler med borgeren" — for the whole track. A place is taken on every day
  // an ongoing track runs; what counts for a new track is the busiest day of its period.
  struct Change {
    Date day;
    bool ends;  // false: a track starts running that day; true: it has run its last day
  };
  std::vector<std::vector<Change>> changes(m.companies.size());
  for (std::size_t i = 0; i < ongoing.size(); ++i) {
    const TrainingTrack& t = ongoing[i];
    const auto it = idx.find(t.company);
    if (it == idx.end())
      throw Error(Errc::invalid_input, "ongoing[" + std::to_string(i) + "].company", t.company,
                  "no company of the market has this id");
    if (t.start.is_special()) continue;  // a track without a start runs on no day
    const Date first = std::max(t.start, from);
    const Date last = t.end.is_special() ? to : std::min(t.end, to);  // an open end runs to the period's end
    if (last < first) continue;
    auto& c = changes[static_cast<std::size_t>(it->second)];
    c.push_back({first, false});
    c.push_back({last, true});
  }
  for (std::size_t k = 0; k < changes.size(); ++k) {
    auto& c = changes[k];
    // On one day, the tracks starting are counted before those that end (their last day included).
    std::sort(c.begin(), c.end(), [](const Change& a, const Change& b) {
      return a.day != b.day ? a.day < b.day : a.ends < b.ends;
    });
    std::int32_t running = 0;
    for (const Change& x : c) {
      running += x.ends ? -1 : 1;
      load[k].busy = std::max(load[k].busy, running);
    }
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
  check_citizens_per_mentor(opts.citizens_per_mentor);
  const MatchWeights& w = opts.weights ? *opts.weights : default_weights();
  check_unique_ids(m);
  // The last day a track may end on: the last day kanten's dates hold.
  const Date last_day(9999, 12, 31);
  std::vector<std::int32_t> request_of(m.citizens.size(), -1);
  std::int32_t shortest = 0;
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
    shortest = shortest == 0 ? weeks : std::min(shortest, weeks);
  }
  const std::int32_t cpm = opts.citizens_per_mentor;
  TrainingPlan plan;
  // 001: "Det er forløb på typisk 13 uger" — the load before the plan over the shortest track asked
  // for (13 weeks when none is): every track placed runs on each of its days, so no workplace
  // takes more than its `free` there.
  plan.mentors = mentor_load(m, opts.ongoing, opts.start, track_end(opts.start, shortest > 0 ? shortest : 13), cpm);
  const auto idx = index_of_companies(m);

  // The lengths asked for, longest first: each length is one assignment over the places free for
  // its whole period, with the tracks placed before it (they start on the same day) counted as
  // ongoing, and each workplace's capacity less what it already took.
  std::vector<std::int32_t> lengths;
  for (const auto& r : requests) lengths.push_back(r.weeks);
  std::sort(lengths.begin(), lengths.end(), std::greater<>());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  std::vector<TrainingTrack> booked(opts.ongoing.begin(), opts.ongoing.end());
  std::vector<std::int32_t> taken(m.companies.size(), 0);
  std::vector<std::optional<TrainingTrack>> track_of(requests.size());
  std::vector<std::string> reason_of(requests.size());

  for (const std::int32_t weeks : lengths) {
    const Date end = track_end(opts.start, weeks);
    const std::vector<MentorLoad> load = mentor_load(m, booked, opts.start, end, cpm);
    // The matcher on a market of this length's citizens and the workplaces with places free: a
    // workplace takes at most min(capacity left, places free for the whole period) citizens.
    Market sub;
    sub.companies = m.companies;
    for (std::size_t k = 0; k < sub.companies.size(); ++k)
      sub.companies[k].capacity = std::max(0, std::min(sub.companies[k].capacity - taken[k], load[k].free()));
    sub.tasks = m.tasks;
    std::vector<std::size_t> group;  // request positions, in request order
    for (std::size_t r = 0; r < requests.size(); ++r)
      if (requests[r].weeks == weeks) {
        group.push_back(r);
        sub.citizens.push_back(m.citizens[static_cast<std::size_t>(requests[r].citizen)]);
      }
    MatchOptions mo;
    mo.weights = &w;
    mo.mode = MatchMode::assignment;
    const MatchResult res = match(sub, mo);

    std::vector<char> has_candidate(group.size(), 0);
    for (const auto& c : candidates(sub, w)) has_candidate[static_cast<std::size_t>(c.citizen)] = 1;
    std::vector<const Match*> match_of(group.size(), nullptr);
    for (const auto& x : res.matches) match_of[static_cast<std::size_t>(x.citizen)] = &x;
    bool any_free = false;
    for (const auto& l : load) any_free = any_free || l.free() > 0;
    const std::string period = std::to_string(weeks) + (weeks == 1 ? " week" : " weeks");
    std::vector<TrainingTrack> placed;
    for (std::size_t g = 0; g < group.size(); ++g) {
      const std::size_t r = group[g];
      const Citizen& c = m.citizens[static_cast<std::size_t>(requests[r].citizen)];
      const Match* x = match_of[g];
      if (!x) {
        reason_of[r] = !any_free ? "no workplace has a mentor-trained contact person free for the track's whole " +
                                       period + " from the start date"
                       : has_candidate[g] != 0
                           ? "the workplaces with mentors free for the track's " + period +
                                 " that fit the citizen are full: their mentors went to citizens with a better fit"
                           : "no workplace with a mentor-trained contact person free for the track's " + period +
                                 " has a task that fits the citizen's wishes, hours, travel and health considerations";
        continue;
      }
      const Task& t = m.tasks[static_cast<std::size_t>(x->task)];
      const auto k = static_cast<std::size_t>(idx.at(t.company));
      TrainingTrack tr;
      tr.citizen = c.id;
      tr.company = t.company;
      tr.task = t.id;
      tr.start = opts.start;
      tr.weeks = weeks;
      tr.end = end;
      tr.per_week = fitted_hours(c, t);
      tr.health = c.health;
      const std::int64_t places = std::int64_t{load[k].mentors} * cpm;
      tr.reasons.push_back(
          cpm == 1 ? "mentor-trained contact person free for all " + period + ": " + std::to_string(load[k].free()) +
                         " of " + std::to_string(load[k].mentors) + " (001, Sociale træningsbaner)"
                   : "places with a mentor-trained contact person free for all " + period + ": " +
                         std::to_string(load[k].free()) + " of " + std::to_string(places) + " (" +
                         std::to_string(load[k].mentors) + " mentors, " + std::to_string(cpm) +
                         " citizens each: decision \"Citizens per mentor\"; 001, Sociale træningsbaner)");
      tr.reasons.push_back("hours fitted to the citizen: " + hours_text(tr.per_week) + " h/week (001: \"timetallet … "
                           "afstemmes med den enkeltes formåen\")");
      tr.reasons.push_back(period + (weeks == 13 ? " (001: \"typisk 13 uger\")" : " (fitted by the caseworker; typically 13)"));
      for (const auto& line : x->reasons) tr.reasons.push_back(line);
      ++taken[k];
      placed.push_back(tr);
      track_of[r] = std::move(tr);
    }
    booked.insert(booked.end(), placed.begin(), placed.end());
  }
  for (std::size_t r = 0; r < requests.size(); ++r) {
    if (track_of[r]) plan.tracks.push_back(std::move(*track_of[r]));
    else plan.unplaced.push_back({requests[r].citizen, std::move(reason_of[r])});
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
