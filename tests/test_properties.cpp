// tests/test_properties.cpp — properties over random event logs.
//
// Each case is a random mix of every event kind over about two years, valid and invalid (no date,
// no start date, negative or zero minutes, more than 24 h, unknown failure ids, events before
// Trin 1 or after an exit, duplicates, unreadable input). The generator is our own PRNG so the
// cases are the same on every platform; a failure names the case's seed and prints its events.
//
// Properties (docs/rules.md, "How a case is evaluated"):
//   1. evaluate never throws for a valid as-of date;
//   2. every step change is a row of kanten::transitions, the changes chain from not_started,
//      their dates never decrease, and step/since/exit agree with the history;
//   3. the result does not depend on the order the events were appended in;
//   4. evaluating as of a later date never changes the history up to the earlier date (changes
//      are dated by the event or the month end that made them, and a month end only fires once
//      the month has ended on or before as_of), nor which earlier events were applied, nor the
//      months already breached;
//   5. nothing is dropped silently: applied + not applied + after as_of = all events;
//   6. the follow-up, the 30-hour exit and the sanction answers are consistent with the history.
#include "helpers.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace kt;

namespace {

/// SplitMix64: small, fast, the same everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  int uniform(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  /// True with `percent` % probability.
  bool chance(int percent) { return uniform(0, 99) < percent; }
  template <class T> T pick(std::initializer_list<T> xs) { return *(xs.begin() + uniform(0, static_cast<int>(xs.size()) - 1)); }
  template <class Enum> Enum any() { return static_cast<Enum>(uniform(0, static_cast<int>(enum_size<Enum>) - 1)); }

 private:
  std::uint64_t s_;
};

constexpr int kCases = 3000;

struct Generated {
  Case c;
  Date t0;
};

Generated generate(std::uint64_t seed) {
  Rng r(seed * 7919 + 17);
  Generated g;
  Case& c = g.c;
  c.citizen = "p" + std::to_string(seed);
  if (r.chance(85)) {
    c.profile = Profile{r.pick({Benefit::kontanthjaelp, Benefit::uddannelseshjaelp, Benefit::integrationsydelse}), true,
                        true, false};
  } else {
    c.profile = Profile{r.any<Benefit>(), r.chance(50), r.chance(50), r.chance(50)};
  }
  const Date t0 = Date(2023, 1, 1) + boost::gregorian::days(r.uniform(0, 180));
  g.t0 = t0;
  auto day = [&](int lo, int hi) { return t0 + boost::gregorian::days(r.uniform(lo, hi)); };
  auto push = [&](Date d, EventData data) {
    if (r.chance(2)) d = Date();  // an invalid date
    c.events.push_back(Event{d, std::move(data)});
  };
  auto fid = [&] { return std::string(r.pick<const char*>({"f1", "f2", "f3", "f1", "f2", "zz", ""})); };
  auto company = [&] { return std::string(r.pick<const char*>({"a", "b", "c"})); };

  // Trin 1: a plausible course most of the time, and noise around it.
  if (r.chance(90)) push(t0, FirstConversation{});
  if (r.chance(5)) push(day(-20, 400), FirstConversation{});
  if (r.chance(90))
    push(day(-5, 20), Visitation{r.chance(6) ? VisitationOutcome::rehabilitation_team : VisitationOutcome::project});
  if (r.chance(5)) push(day(0, 400), Visitation{r.any<VisitationOutcome>()});
  if (r.chance(85)) push(day(0, 60), JobformidlerAssigned{"jf0"});
  if (r.chance(85)) push(day(0, 60), CvCompleted{});
  if (r.chance(85)) push(day(0, 60), JobDirectionSet{r.chance(70) ? Goal::education : Goal::employment, {"5131"}});
  for (int i = 0, n = r.uniform(0, 1); i < n; ++i) push(day(-10, 200), JobformidlerAssigned{"jf1"});
  for (int i = 0, n = r.uniform(0, 1); i < n; ++i) push(day(-10, 200), CvCompleted{});
  for (int i = 0, n = r.uniform(0, 1); i < n; ++i)
    push(day(-10, 200), JobDirectionSet{r.chance(60) ? Goal::employment : Goal::education, {"5131"}});

  // Trin 2 and 3: a first match most of the time, more agreements and noise around it.
  auto agreement = [&](Date d, Date start) {
    Minutes per_week = r.chance(3) ? -r.uniform(1, 600) : r.uniform(0, 37 * 60);
    // Most agreements carry their terms (KE7); some lack sub-goals, some have none at all.
    auto terms = r.chance(80) ? std::make_shared<AgreementTerms>(AgreementTerms{
                                    company(), {"t"}, r.chance(85) ? std::vector<std::string>{"g"} : std::vector<std::string>{}, {}})
                              : nullptr;
    std::optional<Minutes> ordinary;
    if (per_week > 0 && r.chance(30)) ordinary = r.uniform(0, per_week);
    push(d, AgreementMade{r.chance(40) ? AgreementKind::both : r.any<AgreementKind>(), start, per_week, terms, ordinary});
  };
  Date match = day(30, 250);
  if (r.chance(75)) {
    agreement(match, match);
    push(match + boost::gregorian::days(r.uniform(0, 20)), FollowUpPlanMade{});
    push(match + boost::gregorian::days(r.uniform(0, 20)), ContactPersonAssigned{company()});
  }
  for (int i = 0, n = r.uniform(0, 2); i < n; ++i) {
    Date d = day(0, 600);
    agreement(d, r.chance(3) ? Date() : d + boost::gregorian::days(r.uniform(-15, 20)));
  }
  for (int i = 0, n = r.uniform(0, 1); i < n; ++i) push(day(0, 600), FollowUpPlanMade{});
  for (int i = 0, n = r.uniform(0, 1); i < n; ++i) push(day(0, 600), ContactPersonAssigned{company()});
  if (r.chance(40)) push(day(60, 700), CourseBrokenOff{r.chance(30)});
  if (r.chance(10)) push(day(0, 700), CourseBrokenOff{r.chance(25)});
  if (r.chance(15)) push(day(0, 730), SelfSupport{r.any<SelfSupportKind>()});

  // Hours: scattered, plus bursts after the match that may reach 30 h in a month.
  auto minutes = [&]() -> Minutes {
    if (r.chance(3)) return r.uniform(-120, 0);
    if (r.chance(3)) return r.uniform(1441, 2000);
    return r.uniform(30, 720);
  };
  for (int i = 0, n = r.uniform(0, 30); i < n; ++i)
    push(day(0, 730), HoursWorked{minutes(), r.chance(60) ? HoursKind::ordinary : HoursKind::internship});
  for (int b = 0, n = r.uniform(0, 3); b < n; ++b) {
    Date m = match + boost::gregorian::days(r.uniform(0, 400));
    for (int i = 0, k = r.uniform(3, 8); i < k; ++i)
      push(m + boost::gregorian::days(r.uniform(0, 25)), HoursWorked{r.uniform(240, 600), HoursKind::ordinary});
  }
  for (int i = 0, n = r.uniform(0, 24); i < n; ++i) push(day(0, 730), Contact{r.any<Channel>()});

  // The rest of the record: profile changes, aftercare, bus trips and training tracks.
  if (r.chance(20)) {
    ProfileChanged p;
    if (r.chance(50)) p.benefit = r.any<Benefit>();
    if (r.chance(30)) p.activity_ready = r.chance(50);
    if (r.chance(30) || !p.benefit) p.lives_in_designated_area = r.chance(70);
    push(day(-30, 700), p);
  }
  for (int i = 0, n = r.uniform(0, 2); i < n; ++i) push(day(0, 800), AftercareContact{r.any<Channel>()});
  if (r.chance(15)) push(day(0, 300), BusTripAttended{"trip-1", r.chance(80), {company()}});
  if (r.chance(10)) {
    const Date start = day(0, 300);
    push(start, TrainingTrackStarted{"track-1", "w1", "m1", r.chance(20) ? start + boost::gregorian::days(r.uniform(-5, 120)) : Date()});
  }

  // Sanctions: now and then a whole procedure after a failure, and noise.
  if (r.chance(30)) {
    const std::string id = "f1";
    Date f = day(0, 500);
    auto after = [&](int lo, int hi) { return f + boost::gregorian::days(r.uniform(lo, hi)); };
    push(f, SanctionFailure{id, r.any<FailureKind>()});
    if (r.chance(85)) push(after(0, 10), VulnerabilityAssessed{id, r.chance(30)});
    if (r.chance(85)) push(after(0, 15), ConcreteAssessment{id, r.chance(85), r.chance(70), "free text"});
    if (r.chance(85)) {
      const Date sent = after(1, 15);
      push(sent, HearingSent{id, r.chance(85) ? sent + boost::gregorian::days(r.uniform(7, 14)) : Date()});
    }
    if (r.chance(60)) push(after(16, 30), HearingAnswered{id});
    for (int i = 0, n = r.uniform(0, 3); i < n; ++i)
      push(after(16, 40), PersonalContactAttempt{id, r.pick({Channel::phone, Channel::home_visit, Channel::in_person}),
                                                 r.chance(30)});
    if (r.chance(10)) push(after(0, 30), ReasonableCause{id, r.any<CauseKind>(), "free text"});
  }
  for (int i = 0, n = r.uniform(0, 3); i < n; ++i) push(day(-30, 730), SanctionFailure{fid(), r.any<FailureKind>()});
  for (int i = 0, n = r.uniform(0, 10); i < n; ++i) {
    Date d = day(-30, 730);
    switch (r.uniform(0, 6)) {
      case 0: push(d, ReasonableCause{fid(), r.any<CauseKind>(), "free text"}); break;
      case 1: push(d, VulnerabilityAssessed{fid(), r.chance(40)}); break;
      case 2: push(d, ConcreteAssessment{fid(), r.chance(70), r.chance(50), "free text"}); break;
      case 3: push(d, HearingSent{fid(), r.chance(50) ? d + boost::gregorian::days(r.uniform(-3, 14)) : Date()}); break;
      case 4: push(d, HearingAnswered{fid()}); break;
      default: push(d, PersonalContactAttempt{fid(), r.any<Channel>(), r.chance(30)}); break;
    }
  }

  // Duplicates of existing events, and unreadable input.
  for (int i = 0, n = r.chance(15) ? r.uniform(1, 3) : 0; i < n && !c.events.empty(); ++i)
    c.events.push_back(c.events[static_cast<std::size_t>(r.uniform(0, static_cast<int>(c.events.size()) - 1))]);
  if (r.chance(5)) c.rejected.push_back(InputIssue{c.events.size() + 1, "date", "2023-02-29", "invalid date"});

  // Appended in a random order.
  for (std::size_t i = c.events.size(); i > 1; --i)
    std::swap(c.events[i - 1], c.events[static_cast<std::size_t>(r.uniform(0, static_cast<int>(i) - 1))]);
  return g;
}

std::string describe_event(const Event& e) {
  std::ostringstream o;
  o << iso(e.date) << " " << name(e.kind());
  std::visit(
      [&](const auto& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, Visitation>) o << " " << name(d.outcome);
        if constexpr (std::is_same_v<T, JobDirectionSet>) o << " " << name(d.goal);
        if constexpr (std::is_same_v<T, CourseBrokenOff>) o << (d.rehabilitation_assessment ? " rehab" : "");
        if constexpr (std::is_same_v<T, AgreementMade>)
          o << " " << name(d.kind) << " start=" << iso(d.start) << " min/wk=" << d.minutes_per_week
            << " company=" << (d.terms ? d.terms->company : "-");
        if constexpr (std::is_same_v<T, HoursWorked>) o << " " << d.minutes << " " << name(d.kind);
        if constexpr (std::is_same_v<T, Contact>) o << " " << name(d.channel);
        if constexpr (std::is_same_v<T, SelfSupport>) o << " " << name(d.via);
        if constexpr (std::is_same_v<T, SanctionFailure>) o << " id=" << d.failure_id << " " << name(d.failure);
        if constexpr (std::is_same_v<T, ReasonableCause>) o << " id=" << d.failure_id;
        if constexpr (std::is_same_v<T, VulnerabilityAssessed>) o << " id=" << d.failure_id << " " << d.vulnerable;
        if constexpr (std::is_same_v<T, ConcreteAssessment>)
          o << " id=" << d.failure_id << " promotes=" << d.promotes_availability << " considers=" << d.considers_vulnerability;
        if constexpr (std::is_same_v<T, HearingSent> || std::is_same_v<T, HearingAnswered>) o << " id=" << d.failure_id;
        if constexpr (std::is_same_v<T, PersonalContactAttempt>)
          o << " id=" << d.failure_id << " " << name(d.channel) << (d.reached ? " reached" : "");
      },
      e.data);
  return o.str();
}

std::string dump(const Case& c) {
  std::vector<Event> sorted = c.events;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Event& a, const Event& b) {
    if (a.date.is_special() != b.date.is_special()) return a.date.is_special();
    return !a.date.is_special() && a.date < b.date;
  });
  std::ostringstream o;
  o << "citizen " << c.citizen << " benefit=" << name(c.profile.benefit) << " activity_ready=" << c.profile.activity_ready
    << " area=" << c.profile.lives_in_designated_area << " integration=" << c.profile.in_integration_programme << "\n";
  for (const auto& e : sorted) o << "  " << describe_event(e) << "\n";
  return o.str();
}

Evaluation eval_at(const Case& c, Date as_of) {
  EvaluateOptions o;
  o.as_of = as_of;
  o.daily_rate = 40'000;
  return evaluate(c, o);
}

/// Runs `check` over kCases generated cases; collects the first failures with the case.
void run_property(const std::function<std::string(const Generated&, Rng&)>& check) {
  std::vector<std::string> failures;
  int failed = 0;
  for (int i = 0; i < kCases; ++i) {
    auto g = generate(static_cast<std::uint64_t>(i));
    Rng r(static_cast<std::uint64_t>(i) ^ 0xA5A5A5A5ULL);
    std::string why;
    try {
      why = check(g, r);
    } catch (const std::exception& ex) {
      why = std::string("threw: ") + ex.what();
    } catch (...) {
      why = "threw a non-std exception";
    }
    if (!why.empty()) {
      ++failed;
      if (failures.size() < 3) failures.push_back("case seed " + std::to_string(i) + ": " + why + "\n" + dump(g.c));
    }
  }
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failed == 0);
}

Date random_as_of(const Generated& g, Rng& r) {
  if (r.chance(30)) {  // a month's last day, to exercise the month end
    Date d = g.t0 + boost::gregorian::days(r.uniform(0, 800));
    return d.end_of_month();
  }
  return g.t0 + boost::gregorian::days(r.uniform(-10, 800));
}

/// Property 2 for one evaluation.
std::string check_history(const Evaluation& e) {
  const Transition* first = transitions.data();
  const Transition* last = first + transitions.size();
  Step at = Step::not_started;
  Date prev;
  int exits = 0;
  for (std::size_t i = 0; i < e.history.size(); ++i) {
    const auto& h = e.history[i];
    std::string where = "history[" + std::to_string(i) + "] ";
    if (h.transition == nullptr) return where + "has no transition";
    if (h.transition < first || h.transition >= last) return where + "points outside kanten::transitions";
    if (h.from != h.transition->from || h.to != h.transition->to)
      return where + "from/to differ from its row " + std::string(h.transition->rule);
    if (h.from != at) return where + "does not chain: from " + std::string(name(h.from)) + " after " + std::string(name(at));
    if (h.date.is_special()) return where + "has no date";
    if (h.date > e.as_of) return where + "is dated after as_of";
    if (i > 0 && h.date < prev) return where + "is dated before the previous change";
    if (is_exit(h.to)) ++exits;
    prev = h.date;
    at = h.to;
  }
  if (exits > 1) return "more than one exit";
  if (exits == 1 && !is_exit(at)) return "a step change after an exit";
  if (e.step != at) return "step differs from the history's last step";
  if (e.history.empty() ? !e.since.is_special() : e.since != e.history.back().date) return "since differs from the history";
  if ((e.exit() != nullptr) != is_exit(e.step)) return "exit() disagrees with the step";
  return {};
}

}  // namespace

TEST_CASE("Property: evaluate never throws on random event logs, and steps move only along the transition table — "
          "docs/rules.md, How a case is evaluated (3) — include/kanten/rules/model.hpp",
          "[properties]") {
  run_property([](const Generated& g, Rng& r) -> std::string {
    for (int k = 0; k < 3; ++k) {
      auto as_of = random_as_of(g, r);
      auto e = eval_at(g.c, as_of);
      if (auto why = check_history(e); !why.empty()) return "as of " + iso(as_of) + ": " + why;
      if (e.citizen != g.c.citizen) return "citizen id not carried";
      if (e.as_of != as_of) return "as_of not carried";
      if (e.rule_set != default_rules().version) return "rule set version not named";
    }
    return {};
  });
}

TEST_CASE("Property: the result is independent of the order the events were appended in — docs/rules.md, How a case "
          "is evaluated (1) — issue 2",
          "[properties]") {
  run_property([](const Generated& g, Rng& r) -> std::string {
    auto as_of = random_as_of(g, r);
    auto reference = eval_at(g.c, as_of);
    for (int k = 0; k < 2; ++k) {
      Case shuffled = g.c;
      for (std::size_t i = shuffled.events.size(); i > 1; --i)
        std::swap(shuffled.events[i - 1], shuffled.events[static_cast<std::size_t>(r.uniform(0, static_cast<int>(i) - 1))]);
      auto e = eval_at(shuffled, as_of);
      if (auto d = diff_results(reference, e); !d.empty()) return "as of " + iso(as_of) + ", shuffled: " + d;
    }
    return {};
  });
}

TEST_CASE("Property: evaluating as of a later date never changes the history up to the earlier date, which earlier "
          "events were applied, or the months already breached — docs/rules.md rules 5 and 7",
          "[properties]") {
  run_property([](const Generated& g, Rng& r) -> std::string {
    Date d1 = random_as_of(g, r);
    Date d2 = d1 + boost::gregorian::days(r.uniform(1, 400));
    auto a = eval_at(g.c, d1);
    auto b = eval_at(g.c, d2);
    const std::string at = "as of " + iso(d1) + " then " + iso(d2) + ": ";
    if (a.history.size() > b.history.size()) return at + "the later history is shorter";
    for (std::size_t i = 0; i < a.history.size(); ++i) {
      const auto &x = a.history[i], &y = b.history[i];
      if (x.date != y.date || x.transition != y.transition)
        return at + "history[" + std::to_string(i) + "] changed: " + iso(x.date) + " " + std::string(x.transition->rule) +
               " became " + iso(y.date) + " " + std::string(y.transition->rule);
    }
    for (std::size_t i = a.history.size(); i < b.history.size(); ++i)
      if (b.history[i].date <= d1)
        return at + "a change dated " + iso(b.history[i].date) + " (" + std::string(b.history[i].transition->rule) +
               ") appears only later";
    // Breached months stay breached.
    if (b.followup.breached.size() < a.followup.breached.size() ||
        !std::equal(a.followup.breached.begin(), a.followup.breached.end(), b.followup.breached.begin()))
      return at + "breached months changed";
    // Months that ended by d1 hold the same hours.
    for (const auto& h : a.hours)
      if (h.month.last_day() <= d1) {
        auto found = std::find_if(b.hours.begin(), b.hours.end(), [&](const MonthHours& m) { return m.month == h.month; });
        if (found == b.hours.end() || !(*found == h)) return at + "hours of " + h.month.str() + " changed";
      }
    // An event dated on or before d1 is applied in both or in neither.
    std::set<std::size_t> na, nb;
    for (const auto& n : a.not_applied)
      if (n.reason != NotAppliedReason::unreadable) na.insert(n.index);
    for (const auto& n : b.not_applied) {
      if (n.reason == NotAppliedReason::unreadable || n.index >= g.c.events.size()) continue;
      const Date d = g.c.events[n.index].date;
      if (d.is_special() || d <= d1) nb.insert(n.index);
    }
    if (na != nb) return at + "the set of not-applied earlier events changed";
    return {};
  });
}

TEST_CASE("Property: nothing is dropped silently — every event is applied, not applied with a reason, or after as_of — "
          "every unreadable input is reported — docs/rules.md, How a case is evaluated (2) and Bad input",
          "[properties]") {
  run_property([](const Generated& g, Rng& r) -> std::string {
    auto as_of = random_as_of(g, r);
    auto e = eval_at(g.c, as_of);
    const auto& ev = g.c.events;
    std::set<std::size_t> seen;
    std::size_t unreadable = 0;
    for (const auto& n : e.not_applied) {
      if (n.reason == NotAppliedReason::unreadable) {
        ++unreadable;
        continue;
      }
      if (n.index >= ev.size()) return "not_applied index out of range";
      if (!seen.insert(n.index).second) return "event " + std::to_string(n.index) + " reported twice";
      const auto& x = ev[n.index];
      if (n.kind != x.kind()) return "not_applied kind differs from event " + std::to_string(n.index);
      if (n.date.is_special() != x.date.is_special() || (!x.date.is_special() && n.date != x.date))
        return "not_applied date differs from event " + std::to_string(n.index);
      if (x.date.is_special() && n.reason != NotAppliedReason::invalid_date)
        return "an event without a date is reported as " + std::string(name(n.reason));
      if (!x.date.is_special() && x.date > as_of) return "an event after as_of is reported as not applied";
    }
    if (unreadable != g.c.rejected.size()) return "unreadable count differs from Case::rejected";
    std::size_t after = 0;
    for (const auto& x : ev)
      if (!x.date.is_special() && x.date > as_of) ++after;
    if (e.events_after_as_of != after) return "events_after_as_of is wrong";
    if (e.events_applied + seen.size() + e.events_after_as_of != ev.size())
      return "applied " + std::to_string(e.events_applied) + " + not applied " + std::to_string(seen.size()) +
             " + after " + std::to_string(e.events_after_as_of) + " != " + std::to_string(ev.size());
    for (const auto& v : e.violations) {
      // A job direction (not applied), or a move to uddannelseshjælp with an employment goal in place.
      if (v.index >= ev.size() ||
          (ev[v.index].kind() != EventKind::job_direction_set && ev[v.index].kind() != EventKind::profile_changed))
        return "a violation that is neither a job direction nor a profile change";
      const auto* n = not_applied_at(e, v.index);
      if (ev[v.index].kind() == EventKind::job_direction_set &&
          (n == nullptr || n->reason != NotAppliedReason::education_goal_required))
        return "a violation that was applied anyway";
      if (ev[v.index].kind() == EventKind::profile_changed &&
          std::get<ProfileChanged>(ev[v.index].data).benefit != Benefit::uddannelseshjaelp)
        return "a profile-change violation without a move to uddannelseshjælp";
      if (v.source != &sources::education_goal) return "a violation citing the wrong source";
    }
    return {};
  });
}

TEST_CASE("Property: follow-up, the 30-hour exit and the sanction answers agree with the history — docs/rules.md "
          "rules 5, 7 and 8",
          "[properties]") {
  run_property([](const Generated& g, Rng& r) -> std::string {
    auto as_of = random_as_of(g, r);
    auto e = eval_at(g.c, as_of);
    const RuleSet& rules = default_rules();
    // 30-hour exit
    if (e.step == Step::exit_30_hours) {
      const auto& x = e.history.back();
      if (x.from != Step::trin3_virksomhedsforloeb) return "30-hour exit not from Trin 3";
      if (x.date != x.date.end_of_month()) return "30-hour exit not dated a month's last day";
      auto m = YearMonth::of(x.date);
      auto found = std::find_if(e.hours.begin(), e.hours.end(), [&](const MonthHours& h) { return h.month == m; });
      if (found == e.hours.end() || found->ordinary_in_trin3 < rules.exit_ordinary_minutes_per_month)
        return "30-hour exit without 30 ordinary hours worked in Trin 3 in " + m.str();
    }
    if (e.thirty_hours_pending &&
        (e.step != Step::trin3_virksomhedsforloeb || e.ordinary_in_trin3_this_month < rules.exit_ordinary_minutes_per_month))
      return "thirty_hours_pending outside Trin 3 or below 30 h";
    for (const auto& h : e.hours) {
      if (h.ordinary < 0 || h.internship < 0) return "negative month hours";
      if (h.ordinary_in_trin3 < 0 || h.ordinary_in_trin3 > h.ordinary) return "Trin 3 hours outside the month's ordinary hours";
      const int days = h.month.last_day().day();
      if (h.ordinary + h.internship > days * rules.max_minutes_per_day) return "more than 24 h a day in " + h.month.str();
    }
    if (!std::is_sorted(e.hours.begin(), e.hours.end(),
                        [](const MonthHours& a, const MonthHours& b) { return a.month < b.month; }))
      return "hours not in month order";
    // Follow-up
    const auto& f = e.followup;
    auto entry = std::find_if(e.history.begin(), e.history.end(),
                              [](const StepChange& h) { return h.to == Step::trin3_virksomhedsforloeb; });
    if (f.applies != (entry != e.history.end())) return "follow-up applies iff Trin 3 was entered";
    if (f.applies) {
      if (f.trin3_entry != entry->date) return "follow-up trin3_entry is not the first entry into Trin 3";
      if (e.agreements.empty() || f.start.is_special()) return "follow-up without an agreement's start";
      if (f.first_month != std::max(YearMonth::of(f.start), YearMonth::of(f.trin3_entry))) return "follow-up first month";
      auto last = YearMonth::of(f.start).plus(rules.followup_months - 1);
      if (e.exit() != nullptr) {  // a month needs a contact only if the citizen was in the model at its end
        const Date x = e.exit()->date;
        const YearMonth em = YearMonth::of(x);
        last = std::min(last, x == em.last_day() ? em : em.plus(-1));
      }
      if (f.last_month != last) return "follow-up last month " + f.last_month.str() + ", expected " + last.str();
      for (std::size_t i = 0; i < f.breached.size(); ++i) {
        auto m = f.breached[i];
        if (m < f.first_month || m > f.last_month) return "breached month outside the obligation";
        if (!(m.last_day() < as_of)) return "breached month " + m.str() + " had not ended";
        if (i > 0 && !(f.breached[i - 1] < m)) return "breached months not increasing";
      }
      auto now = YearMonth::of(as_of);
      if (f.due_this_month && (now < f.first_month || now > f.last_month)) return "due outside the obligation";
      if (f.due_this_month && f.deadline != now.last_day()) return "due this month but the deadline is elsewhere";
    } else if (f.due_this_month || f.deadline || !f.breached.empty()) {
      return "follow-up obligations without Trin 3";
    }
    // Sanctions
    for (const auto& s : e.sanctions) {
      switch (s.status) {
        case SanctionStatus::eligible:
          if (!s.pending.empty() || s.excluded_by) return "eligible with pending items or an exclusion";
          if (s.deduction_days != rules.sanction_days) return "eligible without the rule set's days";
          if (s.deduction != std::optional<std::int64_t>(std::int64_t{rules.sanction_days} * 40'000))
            return "wrong deduction";
          break;
        case SanctionStatus::not_eligible:
          if (!s.excluded_by) return "not eligible without the excluding rule";
          if (s.deduction) return "not eligible with a deduction";
          break;
        case SanctionStatus::undecided:
          if (s.pending.empty()) return "undecided with nothing pending";
          if (s.deduction) return "undecided with a deduction";
          break;
      }
      for (const auto& p : s.pending)
        if (p.source == nullptr) return "a pending item without a source";
    }
    return {};
  });
}

TEST_CASE("Property: the caseload worklist lists exactly the citizens due this month, soonest deadline first, then "
          "longest since the last contact (never first), then id — docs/rules.md rule 7",
          "[properties]") {
  for (int round = 0; round < 10; ++round) {
    Caseload load;
    for (int i = 0; i < 200; ++i) load.cases.push_back(generate(static_cast<std::uint64_t>(round * 1000 + i)).c);
    EvaluateOptions o;
    o.as_of = Date(2024, static_cast<unsigned short>(1 + round), 15);
    auto evs = evaluate_all(load, o);
    REQUIRE(evs.size() == load.cases.size());
    std::size_t due = 0;
    for (std::size_t i = 0; i < evs.size(); ++i) {
      CHECK(evs[i].citizen == load.cases[i].citizen);
      if (evs[i].followup.due_this_month) ++due;
    }
    auto w = followup_worklist(evs);
    CHECK(w.size() == due);
    for (std::size_t i = 1; i < w.size(); ++i) {
      const auto &a = w[i - 1], &b = w[i];
      bool ordered = a.deadline < b.deadline ||
                     (a.deadline == b.deadline &&
                      ((!a.last_contact && b.last_contact) ||
                       (a.last_contact && b.last_contact && *a.last_contact < *b.last_contact) ||
                       (a.last_contact == b.last_contact && a.citizen < b.citizen)));
      CAPTURE(round, a.citizen, b.citizen);
      CHECK(ordered);
    }
  }
}

TEST_CASE("Property tests are meaningful: the random logs reach every transition row, every sanction status and "
          "most not-applied reasons",
          "[properties][coverage]") {
  std::map<std::string, int> rows, reasons, statuses;
  for (int i = 0; i < kCases; ++i) {
    auto g = generate(static_cast<std::uint64_t>(i));
    Rng r(static_cast<std::uint64_t>(i) ^ 0xA5A5A5A5ULL);
    auto e = eval_at(g.c, random_as_of(g, r));
    for (const auto& h : e.history) ++rows[std::string(h.transition->rule)];
    for (const auto& n : e.not_applied) ++reasons[std::string(name(n.reason))];
    for (const auto& s : e.sanctions) ++statuses[std::string(name(s.status))];
  }
  std::ostringstream o;
  for (auto* m : {&rows, &reasons, &statuses})
    for (const auto& [k, v] : *m) o << k << "=" << v << " ";
  INFO(o.str());
  for (const auto& t : transitions) {
    CAPTURE(t.rule);
    CHECK(rows[std::string(t.rule)] >= 5);
  }
  for (auto s : {"eligible", "not_eligible", "undecided"}) {
    CAPTURE(s);
    CHECK(statuses[s] >= 5);
  }
  CHECK(reasons.size() >= 15);
}
