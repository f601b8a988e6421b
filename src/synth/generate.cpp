// A deterministic synthetic caseload, sized like the Lolland-Falster programme.
//
// Where the numbers come from
// ---------------------------
// From the source, seed 003_b82c162ee9c6e810.txt ("Rekruttering fra kanten", Lolland-Falster,
// 2018–2021):
//   - 850 vulnerable citizens ("I alt 850 udsatte borgere") → GeneratorOptions::citizens;
//   - 400 participating companies ("de i alt 400 deltagende virksomheder") → kCompanies;
//   - about 15 % in paid hours at the midterm evaluation ("ca. 15 % er kommet i lønnede timer")
//     → GeneratorOptions::paid_hours_share: the generator sets its monthly chance of starting paid
//     hours so that, in expectation, that share of the citizens who entered by the midterm (the end
//     of the span's middle month) have had ordinary hours by then (see start_chance()).
// From the step model, seed 004_3897fdd271fa8a38.txt (docs/rules.md): the order of the steps and
// what each needs; Trin 1 takes "typically 1–2 conversations"; the follow-up is intensive at
// first, then tapering, at least monthly in the first year (KE7); the 30-hour exit is ≥ 30
// ordinary hours in a calendar month (Trin 3, "ca. 5-6 timer ugentligt"); uddannelseshjælp
// recipients' goal is education (KE4).
//
// Assumptions (no source gives them; each is a named constant or a GeneratorOptions field):
//   - the enrolment period: the first kEnrolmentQuarters quarters of the span (18 of 24 months by
//     default); each citizen's first conversation falls on a day drawn evenly from it (the
//     programme ran 2018–2021 and took its 850 citizens in over years, 003);
//   - benefit mix: kontanthjælp 60 %, uddannelseshjælp 25 %, integrationsydelse 15 %;
//   - the shares in GeneratorOptions other than citizens and paid_hours_share;
//   - agreement_share is the share of citizens visited into the project that reach an agreement;
//   - paid hours start by chance, month by month: in Trin 3 without them, each course's first week
//     and each new calendar month bring the same chance of starting (start_chance(), at most
//     kMaxStartChance; 10.3 % with the default options). In the first week the agreement has
//     ordinary hours from the start (KE7: "ordinære timer fra start"); later, the internship
//     agreement is renegotiated towards ordinary hours (KE9), made on a workday 1–4 days before
//     the Monday they start;
//   - when they first start, a citizen's track is drawn: kReachThirtyShare ramp up to ≥ 30 h a
//     month and exit (a rise every 4 weeks, each a renegotiated agreement); the rest stay below:
//     most at 4–6 h a month, kNearThirtyShare of them at 16–23 h; below the 30-hour track the hours
//     rise a little in kSlowRiseShare of the months (never to 30 h in a month), and in kStopShare
//     of the months the small job ends (the agreement is renegotiated to internship only) — the
//     month's chance may start it again later;
//   - ~0.5 % of all citizens (kWrongGoalShare of uddannelseshjælp recipients) first get a job
//     direction with goal employment (a KE4 violation the engine reports), corrected 1–3 weeks
//     later with goal education;
//   - internship hours are recorded twice a week (3–6 h a day), ordinary hours once a week, an
//     absent week now and then; contacts every 2–6 weeks before Trin 3, 2–3 in the first month
//     of Trin 3, 1–2 in the next two, then one a month (none in a "missed" month), after the
//     first year one every 1–3 months;
//   - kStaysInTrin1Share of the visited never complete the CV within the period (barriers first;
//     parallel efforts, KE4) and stay in Trin 1;
//   - of the self-supporting, kSelfSupportTrin1Share leave during Trin 1 (within 3 weeks of the
//     visitation), the others in Trin 2 (without an agreement) or in Trin 3;
//   - one break-off at most per citizen, kBreakOffRehabilitationShare of them with the
//     consultant's rehabilitation assessment; kRematchShare of the others get a new agreement
//     3–10 weeks later;
//   - sanction procedures: kSanctionCauseShare end not eligible by a reasonable cause,
//     kSanctionNotPromotingShare not eligible by the concrete assessment, kSanctionCompleteShare
//     complete (eligible), the rest stopped half-way (undecided);
//   - 25 jobformidlere, DISCO-08 job wishes, the task and sub-goal vocabularies below;
//   - every agreement carries its KE7 terms (company, tasks, weekly hours, sub-goals), and the
//     fixed contact person is at the agreement's company; an agreement of both kinds names its
//     ordinary minutes; for those who reach 30 hours, every rise of the ordinary hours is a
//     renegotiated agreement with the same company, recorded on the Friday before it takes effect
//     (KE9: "genforhandles … med henblik på at opnå flere ordinære timer");
//   - the written hearing gives 8–14 days to answer; personal contact attempts (phone, then a
//     home visit) come after that deadline; no attempt is written (written contact is never
//     personal contact);
//   - the record beyond the steps, drawn after everything above (so it leaves the steps, hours,
//     contacts and sanctions of a seed as they were): kJobformidlerChangeShare get another
//     jobformidler during the course; kProfileChangeShare have their circumstances change (a
//     move from uddannelseshjælp or integrationsydelse to kontanthjælp, or a move out of the
//     designated area, KE3); kAftercareShare of the self-supporting get 1–3 aftercare contacts
//     (efterværn); kBusTripShare of those visited into the project go on a bus trip in Trin 1 or
//     2 (002, Model 1: two companies, a trip every Thursday; kMissedTripShare do not come and are
//     invited to the next trip), and kTrainingShare of those without an agreement start a 13-week
//     social training track at one of kWorkplaces municipal workplaces with a mentor (001);
//   - the comparison cohort (GeneratorOptions::comparison): everything as above but no bus trips
//     and no training tracks, and kComparisonStartFactor times the monthly chance of starting paid
//     hours (decision "A synthetic comparison cohort" (docs/decisions.md)); its citizens draw from
//     streams of their own (a comparison citizen is not a copy of the programme citizen with the
//     same number) and are numbered "cmp-000001", ….
//
// Determinism: kanten's own PRNG (splitmix64 seeding xoshiro256**) and integer draws, no std
// distributions, so the same options give the same caseload on every platform. Each citizen
// draws from a stream seeded by (seed, citizen index): citizen i's record does not depend on the
// number of citizens. Events are appended in date order, as a case system would record them.
#include "kanten/synth/generate.hpp"

#include "kanten/core/error.hpp"
#include "kanten/rules/rules.hpp"
#include "core/progress.hpp"
#include "synth/random.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>
#include <utility>

namespace kanten::inline v1 {
namespace {

// --- assumptions (see the top of the file) ---------------------------------------------------
constexpr int kCompanies = 400;                       // seed 003: 400 companies
constexpr int kTermVariants = 3;                      // agreement terms per company
constexpr int kJobformidlere = 25;                    // assumption
constexpr double kShareKontanthjaelp = 0.60;          // assumption
constexpr double kShareUddannelseshjaelp = 0.25;      // assumption (integrationsydelse: the rest)
constexpr double kWrongGoalShare = 0.02;              // of uddannelseshjælp recipients (~0.5 % of all)
constexpr int kEnrolmentQuarters = 3;                 // the enrolment period: the span's first three quarters
constexpr double kReachThirtyShare = 0.45;            // of citizens with paid hours
constexpr double kNearThirtyShare = 0.20;             // of those who stay below 30 h
constexpr double kMaxStartChance = 0.5;               // the monthly chance of starting paid hours at most (short spans)
constexpr double kSlowRiseShare = 0.15;               // per month, below the 30-hour track: the hours rise a little
constexpr double kStopShare = 0.06;                   // per month, below the 30-hour track: the small job ends
constexpr Minutes kBelowThirtyWeek = 345;             // below the 30-hour track at most 5 h 45 min a week (< 30 h in a 5-Thursday month)
constexpr double kComparisonStartFactor = 0.5;        // decision "A synthetic comparison cohort" (docs/decisions.md)
constexpr std::uint64_t kComparisonStreams = 1ULL << 62;  // the comparison cohort's citizens: streams from 2^62 on
constexpr double kSelfSupportTrin1Share = 0.20;       // of the self-supporting: already in Trin 1
constexpr double kStaysInTrin1Share = 0.03;           // of the visited: no CV within the period
constexpr double kBreakOffRehabilitationShare = 0.35; // of break-offs
constexpr double kRematchShare = 0.60;                // of break-offs without rehabilitation
constexpr double kAbsentWeekShare = 0.08;             // weeks without hours
constexpr double kSanctionCauseShare = 0.20;
constexpr double kSanctionNotPromotingShare = 0.15;
constexpr double kSanctionCompleteShare = 0.35;       // the rest (0.30) stays undecided
constexpr double kJobformidlerChangeShare = 0.08;     // of those visited into the project
constexpr double kProfileChangeShare = 0.06;          // of those visited into the project
constexpr double kMoveOutShare = 0.30;                // of the profile changes: a move out of the area
constexpr double kAftercareShare = 0.60;              // of the self-supporting
constexpr double kBusTripShare = 0.25;                // of those visited into the project (002)
constexpr double kMissedTripShare = 0.12;             // of bus-trip registrations: did not come
constexpr double kTrainingShare = 0.15;               // of those visited into the project without an agreement (001)
constexpr int kWorkplaces = 20;                       // municipal workplaces with mentors (001)
constexpr int kMentorsPerWorkplace = 3;
constexpr int kHearingAnswerDaysMin = 8;              // the hearing's answer period: 8–14 days
constexpr int kHearingAnswerDaysMax = 14;

constexpr std::array<const char*, 10> kDisco = {"9112", "9333", "5223", "9412", "9214",
                                                "8322", "5322", "9329", "5153", "4321"};
constexpr std::array<const char*, 12> kTasks = {
    "cleaning",     "stocking shelves", "kitchen help",  "caretaker tasks", "packing",    "sorting",
    "gardening",    "dishwashing",      "laundry",       "reception",       "deliveries", "assembly"};
constexpr std::array<const char*, 5> kSubGoals = {"arrive on time", "one more hour a week",
                                                  "a new task",     "work alone on a task",
                                                  "one more day a week"};

using detail::Rng;  // src/synth/random.hpp: splitmix64 seeding xoshiro256**, integer draws

constexpr std::uint64_t kTermsStream = ~0ULL;  // the company pool's stream; citizens use 0, 1, 2, …

Date plus_days(Date d, int n) { return d + boost::gregorian::days(n); }
/// Monday = 0 … Sunday = 6.
int weekday(Date d) { return (static_cast<int>(d.day_of_week().as_number()) + 6) % 7; }
/// The date, or the Monday after it when it falls on a weekend (job centres work on weekdays).
Date workday(Date d) { return weekday(d) < 5 ? d : plus_days(d, 7 - weekday(d)); }
/// The date, or the Friday before it when it falls on a weekend.
Date workday_before(Date d) { return weekday(d) < 5 ? d : plus_days(d, 4 - weekday(d)); }
Date later(Date a, Date b) { return a < b ? b : a; }
Date earlier(Date a, Date b) { return a < b ? a : b; }

std::string numbered(const char* format, std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, n);
  return buf;
}

/// `months` months after `start`, less one day.
Date span_end(Date start, int months) {
  YearMonth ym = YearMonth::of(start).plus(months);
  const int day = std::min<int>(start.day(), ym.last_day().day());
  return plus_days(Date(static_cast<unsigned short>(ym.year()), static_cast<unsigned short>(ym.month()),
                        static_cast<unsigned short>(day)),
                   -1);
}

/// The last day of the record: `months` months after start, less one day.
Date period_end(const GeneratorOptions& o) { return span_end(o.start, o.months); }

void validate(const GeneratorOptions& o) {
  if (o.citizens > max_generated)
    throw Error(Errc::invalid_argument, "citizens", std::to_string(o.citizens),
                "out of range: from 0 to " + std::to_string(max_generated));
  if (o.start.is_special())
    throw Error(Errc::invalid_argument, "start", "", "the start must be a valid date");
  if (o.months < 1 || o.months > 1200)
    throw Error(Errc::invalid_argument, "months", std::to_string(o.months), "must be between 1 and 1200");
  const std::pair<const char*, double> shares[] = {
      {"paid_hours_share", o.paid_hours_share},       {"rehabilitation_share", o.rehabilitation_share},
      {"agreement_share", o.agreement_share},         {"break_off_share", o.break_off_share},
      {"self_support_share", o.self_support_share},   {"missed_contact_share", o.missed_contact_share},
      {"sanction_share", o.sanction_share},           {"outside_target_share", o.outside_target_share}};
  for (const auto& [field, v] : shares)
    if (!(v >= 0.0 && v <= 1.0))
      throw Error(Errc::invalid_argument, field, std::to_string(v), "a share must be between 0 and 1");
}

/// What every citizen of one generation shares.
struct Setup {
  Date end;              ///< the record's last day (period_end())
  Date enrolment_end;    ///< the enrolment period's last day
  double start_chance;   ///< per month in Trin 3 without paid hours: the chance they start
  const char* id_format; ///< "c-%06zu", or "cmp-%06zu" for a comparison cohort
  std::uint64_t streams; ///< the first citizen's PRNG stream
};

/// The last day of the enrolment period: the span's first kEnrolmentQuarters quarters (in whole
/// months, at least one).
Date enrolment_end(const GeneratorOptions& o) { return span_end(o.start, std::max(1, o.months * kEnrolmentQuarters / 4)); }

/// The midterm: the last day of the span's middle calendar month (2019-12-31 for 24 months from
/// 2019-01-01), when seed 003's midterm evaluation found "ca. 15 %" in paid hours.
Date midterm(const GeneratorOptions& o) { return YearMonth::of(o.start).plus(std::max(1, o.months / 2) - 1).last_day(); }

/// The monthly chance of starting paid hours that gives paid_hours_share of the citizens who
/// entered by the midterm paid hours by then, in expectation under the generator's own course:
/// entries evenly over the enrolment period; Trin 3 about 33 days (Trin 1 and Trin 2's facts) plus
/// 14–84 days (the job match, evenly) after entry; a chance in the course's first week and at each
/// new month, the first paid hours worked within a week of it; and of those who entered, the share
/// that reaches an agreement (visited into the project, not self-supporting in Trin 1, a CV,
/// agreement_share). Break-offs, rematches and later self-support are left out: over seeds, the
/// measured share is close to the target (see kanten/synth/generate.hpp). With the default options
/// the chance is 10.3 % a month (the comparison cohort's 5.2 %).
double start_chance(const GeneratorOptions& o, Date enrolment_last) {
  const double reach_agreement = (1.0 - o.rehabilitation_share) * (1.0 - o.self_support_share * kSelfSupportTrin1Share) *
                                 (1.0 - kStaysInTrin1Share) * o.agreement_share;
  const double target = o.paid_hours_share;
  if (target <= 0.0 || reach_agreement <= 0.0) return 0.0;
  const Date mid = midterm(o);
  const int window = static_cast<int>((earlier(enrolment_last, mid) - o.start).days()) + 1;  // entry days by the midterm
  const int to_midterm = static_cast<int>((mid - o.start).days()) - 7;  // the last chance whose hours count
  if (window <= 0) return 0.0;
  // How many (entry day, match delay) pairs, on a grid of both, have n chances by the midterm.
  std::vector<int> with_chances;
  int pairs = 0;
  const int entry_steps = std::min(window, 240);
  for (int i = 0; i < entry_steps; ++i) {
    const int entry = static_cast<int>((static_cast<long long>(window) * (2 * i + 1)) / (2 * entry_steps));
    for (int match = 14; match <= 84; match += 7, ++pairs) {
      const int trin3 = entry + 33 + match;
      // The first week's chance, then one a month (30.44 days).
      const auto n = static_cast<std::size_t>(trin3 > to_midterm ? 0 : 1 + (to_midterm - trin3) * 100 / 3044);
      if (with_chances.size() <= n) with_chances.resize(n + 1);
      ++with_chances[n];
    }
  }
  // Products, not std::pow: the same chance, to the last bit, on every platform.
  const auto share = [&](double h) {
    double sum = 0.0, none = 1.0;  // none: (1 - h)^n
    for (const int count : with_chances) {
      sum += count * (1.0 - none);
      none *= 1.0 - h;
    }
    return reach_agreement * sum / pairs;
  };
  // Where the target is out of reach by the midterm (a span of a few months), the most there is.
  if (share(kMaxStartChance) <= target) return kMaxStartChance;
  double lo = 0.0, hi = kMaxStartChance;  // share() rises with h: bisection
  for (int k = 0; k < 50; ++k) {
    const double h = (lo + hi) / 2;
    (share(h) < target ? lo : hi) = h;
  }
  return (lo + hi) / 2;
}

using TermsPool = std::vector<std::shared_ptr<const AgreementTerms>>;

/// kTermVariants small terms per company, shared by the agreements that name them.
TermsPool make_terms(std::uint64_t seed) {
  Rng rng(seed, kTermsStream);
  TermsPool pool;
  pool.reserve(static_cast<std::size_t>(kCompanies * kTermVariants));
  for (int c = 0; c < kCompanies; ++c) {
    for (int v = 0; v < kTermVariants; ++v) {
      auto t = std::make_shared<AgreementTerms>();
      t->company = numbered("co-%04zu", static_cast<std::size_t>(c + 1));
      t->tasks.emplace_back(rng.pick(kTasks));
      if (rng.chance(0.5)) {
        std::string second = rng.pick(kTasks);
        if (second != t->tasks.front()) t->tasks.push_back(std::move(second));
      }
      t->sub_goals.emplace_back(rng.pick(kSubGoals));
      if (rng.chance(0.4)) t->health.push_back(static_cast<Health>(rng.between(0, static_cast<int>(enum_size<Health>) - 1)));
      pool.push_back(std::move(t));
    }
  }
  return pool;
}

/// Builds one citizen's record by walking the step model forward in time.
class Citizen {
 public:
  /// `scratch` is reused from citizen to citizen, so that each record is allocated once, exactly.
  Citizen(const GeneratorOptions& o, const TermsPool& terms, const Setup& setup, std::size_t index,
          std::vector<Event>& scratch)
      : o_(o), terms_(terms), end_(setup.end), enrolment_end_(setup.enrolment_end), p_start_(setup.start_chance),
        rng_(o.seed, setup.streams + index), ev_(scratch) {
    c_.citizen = numbered(setup.id_format, index + 1);
    ev_.clear();
  }

  Case build() {
    profile();
    trajectory();
    contacts();
    sanction();
    record();
    finish();
    return std::move(c_);
  }

 private:
  enum class Exit : std::uint8_t { none, rehabilitation_visitation, rehabilitation_break_off, self_support, thirty_hours };
  enum class Status : std::uint8_t { running, broke_off, exited, period_over };
  /// The course of a citizen's paid hours, drawn when they first start.
  enum class Track : std::uint8_t { none, low, near_thirty, thirty };

  void add(Date d, EventData data) {
    if (d <= end_) ev_.push_back(Event{d, std::move(data)});
  }

  // --- profile --------------------------------------------------------------------------------
  void profile() {
    const double u = rng_.unit();
    Profile& p = c_.profile;
    p.benefit = u < kShareKontanthjaelp                             ? Benefit::kontanthjaelp
                : u < kShareKontanthjaelp + kShareUddannelseshjaelp ? Benefit::uddannelseshjaelp
                                                                    : Benefit::integrationsydelse;
    outside_ = rng_.chance(o_.outside_target_share);
    if (outside_) {
      switch (rng_.between(0, 3)) {
        case 0: p.activity_ready = false; break;
        case 1: p.lives_in_designated_area = false; break;
        case 2: p.benefit = Benefit::integrationsydelse; p.in_integration_programme = true; break;
        default: p.benefit = Benefit::ressourceforloebsydelse; break;
      }
    }
  }

  // --- the trajectory through the steps --------------------------------------------------------
  void trajectory() {
    // Draw the citizen's course up front, in a fixed order.
    const bool rehabilitation = rng_.chance(o_.rehabilitation_share);
    agreement_ = rng_.chance(o_.agreement_share);
    self_support_ = rng_.chance(o_.self_support_share);
    breaks_ = agreement_ && rng_.chance(o_.break_off_share);
    break_rehabilitation_ = breaks_ && rng_.chance(kBreakOffRehabilitationShare);
    rematch_ = breaks_ && !break_rehabilitation_ && rng_.chance(kRematchShare);
    wrong_goal_ = c_.profile.benefit == Benefit::uddannelseshjaelp && rng_.chance(kWrongGoalShare);
    const bool self_support_in_trin1 = self_support_ && rng_.chance(kSelfSupportTrin1Share);
    const bool stays_in_trin1 = rng_.chance(kStaysInTrin1Share);

    // Trin 1 (004, Trin 1): the first conversation at visitation, on a workday of the enrolment
    // period (the Friday before a weekend at its end).
    const Date drawn = plus_days(o_.start, rng_.between(0, static_cast<int>((enrolment_end_ - o_.start).days())));
    trin1_ = workday(drawn);
    if (trin1_ > enrolment_end_ && workday_before(drawn) >= o_.start) trin1_ = workday_before(drawn);
    add(trin1_, FirstConversation{});
    month_ = YearMonth::of(trin1_);
    const Date visited = rng_.chance(0.7) ? trin1_ : workday(plus_days(trin1_, rng_.between(1, 14)));
    if (outside_) {
      // Deliberate: not applied (outside_target_group); the job centre records the attempt.
      add(visited, Visitation{VisitationOutcome::project});
      return;
    }
    if (rehabilitation) {
      add(visited, Visitation{VisitationOutcome::rehabilitation_team});
      set_exit(Exit::rehabilitation_visitation, visited);
      return;
    }
    add(visited, Visitation{VisitationOutcome::project});
    visited_ = visited;
    jobformidler_ = workday(plus_days(visited, rng_.between(0, 10)));
    jf_ = rng_.between(1, kJobformidlere);
    add(jobformidler_, JobformidlerAssigned{numbered("jf-%02zu", static_cast<std::size_t>(jf_))});
    const Date cv = workday(plus_days(visited, rng_.between(5, 28)));
    if (!stays_in_trin1) add(cv, CvCompleted{});
    Date direction = workday(plus_days(visited, rng_.between(3, 35)));
    const Goal goal = c_.profile.benefit == Benefit::uddannelseshjaelp ? Goal::education
                      : rng_.chance(0.2)                               ? Goal::education
                                                                       : Goal::employment;
    if (wrong_goal_) {
      // Deliberate: a KE4 violation (education_goal_required), corrected weeks later.
      add(direction, JobDirectionSet{Goal::employment, wishes()});
      direction = workday(plus_days(direction, rng_.between(7, 21)));
    }
    add(direction, JobDirectionSet{goal, wishes()});
    trin2_ = later(later(visited, jobformidler_), later(cv, direction));

    if (self_support_in_trin1) {
      // A job or an education turns up during the clarification (004, KE3 and Trin 3).
      self_support_at_ = workday(plus_days(visited, rng_.between(2, 20)));
      advance(plus_days(end_, 1));
      return;
    }
    if (!agreement_ || stays_in_trin1) {
      if (self_support_) self_support_at_ = workday(plus_days(trin2_, rng_.between(30, 450)));
      advance(plus_days(end_, 1));
      return;
    }
    // Trin 2 (004, KE6): a job match found within weeks.
    Date made = workday(plus_days(trin2_, rng_.between(14, 84)));
    for (bool first = true;; first = false) {
      const Status s = course(made, first);
      if (s == Status::broke_off && rematch_) {
        rematch_ = false;
        made = workday(plus_days(broke_off_, rng_.between(21, 70)));
        continue;
      }
      if (s == Status::broke_off) advance(plus_days(end_, 1));  // Trin 2 until the end (or self-support)
      return;
    }
  }

  std::vector<std::string> wishes() {
    std::vector<std::string> w{rng_.pick(kDisco)};
    if (rng_.chance(0.4)) {
      std::string second = rng_.pick(kDisco);
      if (second != w.front()) w.push_back(std::move(second));
    }
    return w;
  }

  /// One company course: the agreement (KE7), then weekly hours until an exit, a break-off or
  /// the end of the period. Paid hours start, rise and stop month by month (see the top of the file).
  Status course(Date made, bool first) {
    if (made > end_) return Status::period_over;
    if (const Status s = advance(made); s != Status::running) return s;

    // The first week's chance: paid hours from the start (KE7: "ordinære timer fra start").
    bool paid_now = rng_.chance(p_start_);
    if (paid_now) draw_track();
    const AgreementKind kind = !paid_now                                      ? AgreementKind::internship
                               : track_ == Track::thirty && rng_.chance(0.5) ? AgreementKind::ordinary_hours
                                                                              : AgreementKind::both;
    const Date start = workday(plus_days(made, rng_.between(0, 7)));
    const Date plan = workday(plus_days(made, rng_.between(0, 7)));
    const Date person = workday(plus_days(made, rng_.between(0, 10)));
    const auto& terms = terms_[static_cast<std::size_t>(rng_.between(0, kCompanies * kTermVariants - 1))];
    const Minutes intern_day = kind == AgreementKind::ordinary_hours ? 0 : 15 * rng_.between(12, 24);
    Minutes ordinary_week = paid_now ? first_ordinary_week() : 0;
    // KE7: the terms — company, tasks, weekly hours, sub-goals — and, for both kinds, the ordinary part.
    add(made, AgreementMade{kind, start, 2 * intern_day + ordinary_week, terms,
                            kind == AgreementKind::both ? std::optional<Minutes>(ordinary_week) : std::nullopt});
    add(plan, FollowUpPlanMade{});
    add(person, ContactPersonAssigned{terms->company});
    const Date trin3 = later(made, later(plan, person));
    trin3_since_ = trin3;
    if (first) {
      first_trin3_ = trin3;
      if (breaks_) break_at_ = workday(plus_days(trin3, rng_.between(28, 300)));
      if (self_support_) self_support_at_ = workday(plus_days(trin3, rng_.between(56, 420)));
    }
    // KE9: a renegotiated agreement with the same company, made on `on`, in force from `from`.
    const auto renegotiate = [&](Date on, Date from, bool paid) {
      const AgreementKind now = !paid ? AgreementKind::internship
                                : kind == AgreementKind::ordinary_hours ? kind
                                                                        : AgreementKind::both;
      add(on, AgreementMade{now, from, 2 * intern_day + (paid ? ordinary_week : 0), terms,
                            now == AgreementKind::both ? std::optional<Minutes>(ordinary_week) : std::nullopt});
    };

    // Internship hours on Mondays and Wednesdays, ordinary hours on Thursdays.
    const Date first_monday = plus_days(start, -weekday(start));
    int paid_week = paid_now ? -1 : 0;  // the week paid hours last started (-1: from the start)
    for (int week = 0;; ++week) {
      const Date monday = plus_days(first_monday, 7 * week);
      // A new month: paid hours may start, or below the 30-hour track rise a little or stop.
      if (week > 0 && monday.month() != plus_days(monday, -7).month()) {
        // Made on a workday 1–4 days before, never before the course's own agreement.
        const Date on = later(workday_before(plus_days(monday, -rng_.between(1, 4))), made);
        if (!paid_now && rng_.chance(p_start_)) {
          if (const Status s = advance(on); s != Status::running) return s;
          draw_track();
          ordinary_week = first_ordinary_week();
          renegotiate(on, monday, true);
          paid_now = true;
          paid_week = week;
        } else if (paid_now && track_ != Track::thirty) {
          const bool stops = rng_.chance(kStopShare);
          const bool rises = !stops && ordinary_week < kBelowThirtyWeek && rng_.chance(kSlowRiseShare);
          if (stops || rises) {
            if (const Status s = advance(on); s != Status::running) return s;
            if (rises) ordinary_week = std::min(kBelowThirtyWeek, ordinary_week + 15 * rng_.between(1, 3));
            renegotiate(on, monday, rises);
            paid_now = rises;
          }
        }
      }
      if (paid_now && track_ == Track::thirty && week > paid_week + 1 && (week - paid_week) % 4 == 0) {
        const Minutes before = ordinary_week;
        ordinary_week = std::min(720, ordinary_week + 15 * rng_.between(4, 10));
        // KE9: the rise is a renegotiated agreement with the same company, made the Friday before.
        if (ordinary_week > before) {
          if (const Status s = advance(plus_days(monday, -3)); s != Status::running) return s;
          renegotiate(plus_days(monday, -3), monday, true);
        }
      }
      const bool absent = rng_.chance(kAbsentWeekShare);
      struct Slot { int day; HoursKind kind; Minutes minutes; };
      const std::array<Slot, 3> slots{{{0, HoursKind::internship, intern_day},
                                       {2, HoursKind::internship, intern_day},
                                       {3, HoursKind::ordinary, paid_now ? ordinary_week : 0}}};
      for (const Slot& slot : slots) {
        const Date d = plus_days(monday, slot.day);
        if (d > end_) {
          const Status s = advance(plus_days(end_, 1));
          return s == Status::running ? Status::period_over : s;
        }
        if (const Status s = advance(d); s != Status::running) return s;
        if (absent || slot.minutes <= 0 || d < start) continue;
        Minutes m = slot.minutes;
        if (slot.kind == HoursKind::internship && rng_.chance(0.15)) m = std::max(30, m - rng_.between(10, 120));
        add(d, HoursWorked{m, slot.kind});
        // Only hours worked in Trin 3 count toward its exit (004, Trin 3).
        if (slot.kind == HoursKind::ordinary && trin3_since_ && *trin3_since_ <= d) month_ordinary_ += m;
      }
    }
  }

  /// Draws the citizen's track when paid hours first start; it holds for every later course.
  void draw_track() {
    if (track_ != Track::none) return;
    track_ = rng_.chance(kReachThirtyShare)  ? Track::thirty
             : rng_.chance(kNearThirtyShare) ? Track::near_thirty
                                             : Track::low;
  }

  /// The weekly ordinary minutes when paid hours start: 1.5–4 h on the 30-hour track, 4–5 h 45 min
  /// near it, else 45–90 minutes (4–6 h a month).
  Minutes first_ordinary_week() {
    switch (track_) {
      case Track::thirty: return 15 * rng_.between(6, 16);
      case Track::near_thirty: return 15 * rng_.between(16, 23);
      default: return rng_.between(45, 90);
    }
  }

  /// Moves time forward to `d` (exclusive for month ends, inclusive for a break-off or
  /// self-support dated on or before `d`): month-end 30-hour exits, break-offs, self-support.
  Status advance(Date d) {
    if (status_ == Status::exited) return status_;
    for (;;) {
      const Date month_end = month_.last_day();
      std::optional<Date> next;
      if (break_at_) next = *break_at_;
      if (self_support_at_ && (!next || *self_support_at_ < *next)) next = *self_support_at_;
      if (next && *next <= d && *next <= month_end && *next <= end_) {
        if (break_at_ && *next == *break_at_) {
          break_at_.reset();
          // With 30 ordinary hours already in this month the exit is pending: no break-off.
          if (trin3_since_ && month_ordinary_ >= thirty_hours_) continue;
          add(*next, CourseBrokenOff{break_rehabilitation_});
          broke_off_ = *next;
          trin3_since_.reset();
          if (break_rehabilitation_) return set_exit(Exit::rehabilitation_break_off, *next);
          return status_ = Status::broke_off;
        }
        self_support_at_.reset();
        add(*next, SelfSupport{c_.profile.benefit == Benefit::uddannelseshjaelp || rng_.chance(0.2)
                                   ? SelfSupportKind::education
                                   : SelfSupportKind::job});
        return set_exit(Exit::self_support, *next);
      }
      if (month_end >= d) return Status::running;
      // The month ends (004, Trin 3; decision "The 30-hour exit" (docs/decisions.md)).
      if (trin3_since_ && *trin3_since_ <= month_end && month_ordinary_ >= thirty_hours_)
        return set_exit(Exit::thirty_hours, month_end);
      month_ = month_.plus(1);
      month_ordinary_ = 0;
    }
  }

  Status set_exit(Exit e, Date d) {
    exit_ = e;
    exit_date_ = d;
    return status_ = Status::exited;
  }

  // --- contacts between jobformidler and citizen (KE7) ----------------------------------------
  void contacts() {
    if (outside_ || exit_ == Exit::rehabilitation_visitation) return;
    const Date last = exit_ == Exit::none ? end_ : earlier(exit_date_, end_);
    auto contact = [&](Date d) {
      if (d = workday(d); d <= last) add(d, Contact{channel()});
    };
    // Trin 1: one more conversation when Trin 1 takes a while ("typically 1–2 conversations").
    if ((trin2_ - jobformidler_).days() >= 10)
      contact(plus_days(jobformidler_, rng_.between(1, static_cast<int>((trin2_ - jobformidler_).days()) - 1)));
    // Trin 2: the job match, every 2–6 weeks.
    const Date trin2_until = first_trin3_ ? *first_trin3_ : plus_days(last, 1);
    for (Date d = plus_days(trin2_, rng_.between(7, 21)); d < trin2_until; d = plus_days(d, rng_.between(14, 42)))
      contact(d);
    if (!first_trin3_) return;
    // Trin 3, first year: intensive at first, tapering; each month may be missed.
    const YearMonth first = YearMonth::of(*first_trin3_);
    for (int i = 0; i < 12; ++i) {
      const YearMonth m = first.plus(i);
      const bool missed = rng_.chance(o_.missed_contact_share);
      const int n = i == 0 ? rng_.between(2, 3) : i < 3 ? rng_.between(1, 2) : rng_.chance(0.1) ? 2 : 1;
      const Date from = i == 0 ? *first_trin3_ : m.first_day();
      const Date to = earlier(m.last_day(), last);
      if (missed || to < from) continue;
      const int days = static_cast<int>((to - from).days());
      std::array<int, 3> offsets{};
      for (int k = 0; k < n; ++k) offsets[static_cast<std::size_t>(k)] = rng_.between(0, days);
      std::sort(offsets.begin(), offsets.begin() + n);
      for (int k = 0; k < n; ++k) {
        // A weekday within the month (or the days left of it), when there is one.
        Date d = workday(plus_days(from, offsets[static_cast<std::size_t>(k)]));
        if (d > to) d = workday_before(to);
        if (d >= from && d <= to) add(d, Contact{channel()});
      }
    }
    // After the first year: the ordinary contact course, every 1–3 months.
    for (Date d = plus_days(first.plus(12).first_day(), rng_.between(0, 27)); d <= last;
         d = plus_days(d, rng_.between(25, 85)))
      contact(d);
  }

  Channel channel() {
    const int u = rng_.between(0, 99);
    return u < 50 ? Channel::in_person : u < 80 ? Channel::phone : u < 85 ? Channel::video : u < 95 ? Channel::written : Channel::home_visit;
  }

  // --- a sanction failure and part of its procedure (KE5) -------------------------------------
  void sanction() {
    if (outside_ || exit_ == Exit::rehabilitation_visitation || !rng_.chance(o_.sanction_share)) return;
    // In Trin 1–3 (the job centre enforces sanctions in the three steps), with the whole
    // procedure before any exit.
    const Date from = plus_days(later(trin1_, jobformidler_), 7);
    const Date to = plus_days(exit_ == Exit::none ? end_ : earlier(exit_date_, end_), -60);
    if (to < from) return;
    const Date failed = workday(plus_days(from, rng_.between(0, static_cast<int>((to - from).days()))));
    const std::string id = "f-1";
    add(failed, SanctionFailure{id, static_cast<FailureKind>(rng_.between(0, static_cast<int>(enum_size<FailureKind>) - 1))});
    Date d = failed;
    auto step = [&] { return d = workday(plus_days(d, rng_.between(1, 7))); };
    // The written hearing with its answer deadline (8–14 days); personal contact that stands in for
    // an answer comes after the deadline (KE5: "hvis denne ikke reagerer på en skriftlig partshøring").
    Date answer_by;
    auto hearing = [&](bool with_deadline = true) {
      const Date sent = step();
      answer_by = with_deadline ? plus_days(sent, rng_.between(kHearingAnswerDaysMin, kHearingAnswerDaysMax)) : Date();
      add(sent, HearingSent{id, answer_by});
    };
    auto after_deadline = [&] { d = answer_by; };
    const double u = rng_.unit();
    if (u < kSanctionCauseShare) {  // not eligible: a reasonable cause
      const auto cause = static_cast<CauseKind>(rng_.between(0, static_cast<int>(enum_size<CauseKind>) - 1));
      add(step(), ReasonableCause{id, cause, cause == CauseKind::other ? "described in the case" : ""});
      return;
    }
    const bool vulnerable = rng_.chance(0.3);
    if (u < kSanctionCauseShare + kSanctionNotPromotingShare) {  // not eligible: would not promote availability
      add(step(), VulnerabilityAssessed{id, vulnerable});
      add(step(), ConcreteAssessment{id, false, vulnerable, "assessed at a meeting"});
      return;
    }
    if (u < kSanctionCauseShare + kSanctionNotPromotingShare + kSanctionCompleteShare) {  // eligible
      add(step(), VulnerabilityAssessed{id, vulnerable});
      add(step(), ConcreteAssessment{id, true, vulnerable, "assessed at a meeting"});
      hearing();
      if (rng_.chance(0.6)) {
        add(workday_before(plus_days(d, rng_.between(1, kHearingAnswerDaysMin))), HearingAnswered{id});
      } else {
        after_deadline();
        add(step(), PersonalContactAttempt{id, Channel::phone, false});
        add(step(), PersonalContactAttempt{id, Channel::home_visit, rng_.chance(0.5)});
      }
      return;
    }
    switch (rng_.between(0, 3)) {  // undecided: the procedure stopped half-way
      case 0:  // only the hearing: the assessments are missing
        hearing();
        break;
      case 1:  // hearing not answered, only a phone attempt after the deadline
        add(step(), VulnerabilityAssessed{id, false});
        add(step(), ConcreteAssessment{id, true, false, "assessed at a meeting"});
        hearing();
        after_deadline();
        add(step(), PersonalContactAttempt{id, Channel::phone, false});
        break;
      case 2:  // vulnerable, but the assessment does not take it into account
        add(step(), VulnerabilityAssessed{id, true});
        add(step(), ConcreteAssessment{id, true, false, "assessed at a meeting"});
        hearing();
        add(step(), HearingAnswered{id});
        break;
      default:  // the hearing's record gives no answer deadline: the citizen's time to answer is unknown
        add(step(), VulnerabilityAssessed{id, false});
        add(step(), ConcreteAssessment{id, true, false, "assessed at a meeting"});
        hearing(false);
        add(step(), PersonalContactAttempt{id, Channel::phone, false});
        add(step(), PersonalContactAttempt{id, Channel::home_visit, false});
        break;
    }
  }

  // --- the record beyond the steps ------------------------------------------------------------
  // Drawn after everything else, so a seed's steps, hours, contacts and sanctions are what they
  // would be without it; every event lies within the course (aftercare after self-support).

  /// A workday from `a` up to the day before `b`, or none when there is none.
  std::optional<Date> day_within(Date a, Date b) {
    if (!(a < b)) return std::nullopt;
    const Date d = workday(plus_days(a, rng_.between(0, static_cast<int>((b - a).days()) - 1)));
    if (!(d < b)) return std::nullopt;
    return d;
  }

  /// A bus trip of Model 1 (002): one every Thursday, its id and its two companies from its date,
  /// so every citizen on the same trip visits the same companies.
  static BusTripAttended bus_trip(Date d, bool attended) {
    const auto day = static_cast<std::uint64_t>(d.day_number());
    const auto first = static_cast<std::size_t>(1 + (day * 7919) % kCompanies);
    auto second = static_cast<std::size_t>(1 + (day * 104729 + 13) % kCompanies);
    if (second == first) second = first % kCompanies + 1;
    return BusTripAttended{"bus-" + iso(d), attended, {numbered("co-%04zu", first), numbered("co-%04zu", second)}};
  }

  void record() {
    if (outside_ || exit_ == Exit::rehabilitation_visitation || visited_.is_special()) return;
    // The course's last day: events that need the course come before it.
    const Date last = exit_ == Exit::none ? end_ : earlier(exit_date_, end_);

    // KE5: "den samme jobformidler over tid" — now and then the jobformidler changes all the same.
    if (rng_.chance(kJobformidlerChangeShare))
      if (const auto d = day_within(plus_days(jobformidler_, 30), last)) {
        const int next = 1 + (jf_ - 1 + rng_.between(1, kJobformidlere - 1)) % kJobformidlere;
        add(*d, JobformidlerAssigned{numbered("jf-%02zu", static_cast<std::size_t>(next))});
      }

    // KE3: the circumstances change (the dated profile): a move out of the designated area, a move
    // from uddannelseshjælp or integrationsydelse to kontanthjælp, or job-ready instead of
    // activity-ready. Never to uddannelseshjælp, whose education goal (KE4) the plan would lack.
    if (rng_.chance(kProfileChangeShare))
      if (const auto d = day_within(plus_days(trin2_, 14), last)) {
        ProfileChanged p;
        if (rng_.chance(kMoveOutShare)) p.lives_in_designated_area = false;
        else if (c_.profile.benefit != Benefit::kontanthjaelp) p.benefit = Benefit::kontanthjaelp;
        else p.activity_ready = false;
        add(*d, p);
      }

    // Trin 3: "efterværn" for those who became self-supporting — recorded, never a duty.
    if (exit_ == Exit::self_support && rng_.chance(kAftercareShare)) {
      Date d = exit_date_;
      for (int n = rng_.between(1, 3); n > 0; --n) {
        d = workday(plus_days(d, rng_.between(14, 56)));
        add(d, AftercareContact{rng_.chance(0.6) ? Channel::phone : Channel::in_person});
      }
    }

    // 002: a bus trip to companies early in the course (Trin 1 or 2, "tidligere i forløbet"); who
    // does not come is invited to the next trip.
    // A comparison cohort has ordinary services: neither bus trips nor training tracks.
    if (!o_.comparison && rng_.chance(kBusTripShare)) {
      const Date until = first_trin3_ ? earlier(*first_trin3_, last) : last;
      if (const auto d = day_within(plus_days(visited_, 7), until)) {
        const Date trip = plus_days(*d, (3 - weekday(*d) + 7) % 7);  // the Thursday on or after
        if (trip < until) {
          const bool came = !rng_.chance(kMissedTripShare);
          add(trip, bus_trip(trip, came));
          const Date next = plus_days(trip, 7 * rng_.between(1, 4));
          if (!came && next < until) add(next, bus_trip(next, true));
        }
      }
    }

    // 001: a social training track for some of those without an agreement, 13 weeks unless fitted.
    if (!o_.comparison && !agreement_ && rng_.chance(kTrainingShare))
      if (const auto d = day_within(plus_days(trin2_, 7), last)) {
        const Date start = plus_days(*d, (7 - weekday(*d)) % 7);  // the Monday on or after
        if (start < last) {
          const int wp = rng_.between(1, kWorkplaces);
          const int mentor = rng_.between(1, kMentorsPerWorkplace);
          const int weeks = rng_.chance(0.7) ? 13 : rng_.between(8, 16);
          char track[32];
          std::snprintf(track, sizeof track, "tt-%s", c_.citizen.c_str() + 2);
          add(start, TrainingTrackStarted{track, numbered("wp-%02zu", static_cast<std::size_t>(wp)),
                                          numbered("wp-%02zu", static_cast<std::size_t>(wp)) + "-m" + std::to_string(mentor),
                                          weeks == 13 ? Date() : plus_days(start, 7 * weeks - 1)});
        }
      }
  }

  /// Appends in date order (a case system's order); drops anything after an exit but aftercare.
  void finish() {
    auto& ev = ev_;
    std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
    if (exit_ != Exit::none) {
      // On the exit date, keep the kinds the engine applies before the exit event (apply_rank()).
      const EventKind last_kind = exit_ == Exit::rehabilitation_visitation ? EventKind::visitation
                                  : exit_ == Exit::rehabilitation_break_off ? EventKind::course_broken_off
                                                                            : EventKind::self_support;
      const bool aftercare = exit_ == Exit::self_support;
      std::erase_if(ev, [&](const Event& e) {
        if (aftercare && e.kind() == EventKind::aftercare_contact) return false;  // after self-support
        return e.date > exit_date_ || (e.date == exit_date_ && apply_rank(e.kind()) > apply_rank(last_kind));
      });
    }
    c_.events.reserve(ev.size());
    std::move(ev.begin(), ev.end(), std::back_inserter(c_.events));
  }

  const GeneratorOptions& o_;
  const TermsPool& terms_;
  Date end_, enrolment_end_;
  double p_start_;
  Rng rng_;
  std::vector<Event>& ev_;
  // The 30-hour exit as the default rule set has it (004, Trin 3; decision "The 30-hour exit" (docs/decisions.md)).
  const Minutes thirty_hours_ = default_rules().exit_ordinary_minutes_per_month;
  Case c_;

  bool outside_ = false, agreement_ = false;
  Track track_ = Track::none;
  bool self_support_ = false, breaks_ = false, break_rehabilitation_ = false, rematch_ = false, wrong_goal_ = false;
  Date trin1_, jobformidler_, trin2_, broke_off_, visited_;
  int jf_ = 0;  // the first jobformidler's number
  std::optional<Date> first_trin3_, trin3_since_, break_at_, self_support_at_;
  YearMonth month_;
  Minutes month_ordinary_ = 0;
  Status status_ = Status::running;
  Exit exit_ = Exit::none;
  Date exit_date_;
};

}  // namespace

std::size_t generate_cases(const GeneratorOptions& opts, const std::function<void(Case&&)>& sink) {
  validate(opts);
  Setup setup;
  setup.end = period_end(opts);
  setup.enrolment_end = enrolment_end(opts);
  setup.start_chance = start_chance(opts, setup.enrolment_end) * (opts.comparison ? kComparisonStartFactor : 1.0);
  setup.id_format = opts.comparison ? "cmp-%06zu" : "c-%06zu";
  setup.streams = opts.comparison ? kComparisonStreams : 0;
  const TermsPool terms = make_terms(opts.seed);
  std::vector<Event> scratch;
  detail::StageProgress progress(opts.progress, "generate", opts.citizens);
  for (std::size_t i = 0; i < opts.citizens; ++i) {
    sink(Citizen(opts, terms, setup, i, scratch).build());
    progress.at(i + 1);
  }
  progress.finish();
  return opts.citizens;
}

Caseload generate_caseload(const GeneratorOptions& opts) {
  validate(opts);  // before the reservation: the number of citizens is bounded
  Caseload load;
  load.cases.reserve(opts.citizens);
  generate_cases(opts, [&load](Case&& c) { load.cases.push_back(std::move(c)); });
  return load;
}

}  // namespace kanten::inline v1
