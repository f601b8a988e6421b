// kanten — bus trips to companies (002_35b99bd4972212c9.txt): eligibility, the two models, the
// planner, the cost, attendance.

#include "kanten/programme/bus.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "kanten/core/error.hpp"
#include "kanten/bipartite/assignment.hpp"

namespace kanten::inline v1 {

// ---------------------------------------------------------------------------------------------
// The models (002_35b99bd4972212c9.txt)
// ---------------------------------------------------------------------------------------------

const BusModel& bus_model_1() noexcept {
  // 002, Afvikling af bustur, Model 1: "kl. 8:30 … ca. kl. 13", "de 6-12 borgere", "to
  // virksomhedsbesøg … hvor minimum én virksomhed har eller har haft en borger i praktik eller
  // lønnede timer". Staff: Planlægning, Model 1: "I Guldborgsund varetages planlægning og afvikling
  // af busturene af to virksomhedskonsulenter"; Afvikling, Model 1: "Herefter går borgerne,
  // virksomhedskonsulenterne og to-tre arbejdsmarkedskonsulenter til bussen" — two plus two to
  // three: 4–5. Visitering, Model 1: exempt citizens may be referred.
  static const BusModel m{"model-1-guldborgsund", 6, 12, 1, 2, 1, 8 * 60 + 30, 13 * 60, Range{4, 5}, true,
                          sources::bus_model1};
  return m;
}

const BusModel& bus_model_2() noexcept {
  // 002, Planlægning, Model 2: "program på 13 uger, deltager på to busture, hvor de besøger én
  // virksomhed pr. gang"; Afvikling, Model 2: "kl. 13 … omkring kl. 16", "12-15 borgere ad gangen og
  // typisk tre jobformidlere". No rule on inclusion experience per trip; exempt citizens are not
  // mentioned (all referred citizens come from the job club's programme).
  static const BusModel m{"model-2-lolland", 12, 15, 2, 1, 0, 13 * 60, 16 * 60, Range{3, 3}, false,
                          sources::bus_model2};
  return m;
}

const BusModel& bus_model(std::string_view name) {
  if (name == "1" || name == bus_model_1().name || name == "model-1") return bus_model_1();
  if (name == "2" || name == bus_model_2().name || name == "model-2") return bus_model_2();
  throw Error(Errc::invalid_argument, "model", std::string(name),
              "unknown bus model (use model-1-guldborgsund or model-2-lolland)");
}

// ---------------------------------------------------------------------------------------------
// Eligibility (002_35b99bd4972212c9.txt, Visitering af borgere and its footnote)
// ---------------------------------------------------------------------------------------------

BusEligibilityAnswer bus_eligibility(const BusReferral& r, const BusModel& model) {
  if (r.age && *r.age < 0) throw Error(Errc::invalid_input, "age", std::to_string(*r.age), "age must not be negative");
  BusEligibilityAnswer a;
  a.source = sources::bus_target;
  if (r.exempt_from_activity) {
    // Visitering, Model 1: "Sagsbehandlere kan også visitere borgere, som er fritaget for aktivitet,
    // hvis det gavner borgeren at deltage."
    a.source = sources::bus_exempt_referral;
    if (!model.exempt_may_be_referred) {
      a.reason = "exempt from activity: " + model.name + " takes the activity-ready citizens referred to its programme";
    } else if (!r.caseworker_finds_it_helps) {
      a.reason = "exempt from activity: may come only when the caseworker refers the citizen because it helps them";
    } else {
      a.answer = BusEligibility::eligible;
      a.category = BusCategory::exempt_referred;
      a.reason = "exempt from activity, referred by the caseworker because taking part helps the citizen";
    }
    return a;
  }
  if (!r.activity_ready) {
    a.reason = "not activity-ready: the offer is for citizens visited as activity-ready (§6.3, §6.5)";
    return a;
  }
  // Footnote 1: "§6.3: Aktivitetsparate over 30 år og §6.5: Aktivitetsparate under 30 år uden
  // erhvervskompetencegivende uddannelse."
  if (r.age) {
    if (*r.age >= 30) {
      a.answer = BusEligibility::eligible;
      a.category = BusCategory::s6_3;
      a.reason = "activity-ready, 30 or over (§6.3)";
    } else if (!r.vocational_education) {
      a.answer = BusEligibility::eligible;
      a.category = BusCategory::s6_5;
      a.reason = "activity-ready, under 30 without a vocational education (§6.5)";
    } else {
      a.reason = "activity-ready, under 30 with a vocational education: neither §6.3 nor §6.5";
    }
    return a;
  }
  if (!r.vocational_education) {
    a.answer = BusEligibility::eligible;
    a.category = BusCategory::s6_3_or_s6_5;
    a.reason = "activity-ready without a vocational education: covered by §6.3 or §6.5 whatever the age";
    return a;
  }
  a.answer = BusEligibility::undecided;
  a.reason = "age needed: with a vocational education only §6.3 (30 or over) covers the citizen";
  return a;
}

// ---------------------------------------------------------------------------------------------
// Cost (002_35b99bd4972212c9.txt, Ressourceforbrug)
// ---------------------------------------------------------------------------------------------

namespace {

/// a + b, or kanten::Error naming `field` (with its value) when the sum does not fit.
std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* field, std::int64_t value) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r))
    throw Error(Errc::invalid_argument, field, std::to_string(value), "the amount overflows");
  return r;
}

/// a × b, or kanten::Error naming `field` (with its value) when the product does not fit.
std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* field, std::int64_t value) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r))
    throw Error(Errc::invalid_argument, field, std::to_string(value), "the amount overflows");
  return r;
}

/// The bounds of trip_cost()'s inputs (kanten/programme/bus.hpp: max_trip_participants, max_staff_dkk_per_hour).
void check_cost_inputs(std::int64_t participants, std::optional<std::int64_t> staff_dkk_per_hour) {
  if (participants < 0 || participants > max_trip_participants)
    throw Error(Errc::invalid_argument, "participants", std::to_string(participants),
                "out of range: from 0 to " + std::to_string(max_trip_participants) + " citizens on one trip (one bus)");
  if (staff_dkk_per_hour && (*staff_dkk_per_hour < 0 || *staff_dkk_per_hour > max_staff_dkk_per_hour))
    throw Error(Errc::invalid_argument, "staff_dkk_per_hour", std::to_string(*staff_dkk_per_hour),
                "out of range: from 0 to " + std::to_string(max_staff_dkk_per_hour) + " kr an hour");
}

/// A model's crew within its bounds (kanten/programme/bus.hpp: max_trip_staff).
void check_staff(const Range& staff) {
  if (staff.low < 1 || staff.high < staff.low || staff.high > max_trip_staff)
    throw Error(Errc::invalid_argument, "model.staff", std::to_string(staff.low) + "-" + std::to_string(staff.high),
                "the staff on a trip must satisfy 1 <= low <= high <= " + std::to_string(max_trip_staff));
}

/// The cost with `staff` on the trip (checked by the callers).
TripCost cost_with_staff(std::int32_t participants, std::optional<std::int64_t> staff_dkk_per_hour, const Range& staff) {
  check_cost_inputs(participants, staff_dkk_per_hour);
  const std::int64_t n = participants;
  TripCost c;
  c.bus_dkk = {2000, 2500};  // "Leje af bus: 2000-2500 kr. pr. gang."
  c.food_dkk = {checked_mul(75, n, "participants", n),
                checked_mul(90, n, "participants", n)};  // "75-90 kr. pr. deltager."
  c.planning_staff_minutes = {60, 120};                  // "1-2 timer for én jobcentermedarbejder."
  // "Afvikling af bustur: … i 4-5 timer": the fewest staff for 4 hours to the most for 5.
  c.staff = staff;
  c.running_staff_minutes = {staff.low * 4 * 60, staff.high * 5 * 60};
  c.total_dkk = {checked_add(c.bus_dkk.low, c.food_dkk.low, "participants", n),
                 checked_add(c.bus_dkk.high, c.food_dkk.high, "participants", n)};
  if (staff_dkk_per_hour) {
    const std::int64_t r = *staff_dkk_per_hour;
    // Staff minutes × rate / 60, rounded up to whole kroner at both ends.
    auto staff_dkk = [&](std::int64_t minutes) {
      return checked_add(checked_mul(minutes, r, "staff_dkk_per_hour", r), 59, "staff_dkk_per_hour", r) / 60;
    };
    c.total_dkk.low =
        checked_add(c.total_dkk.low, staff_dkk(c.planning_staff_minutes.low + c.running_staff_minutes.low),
                    "staff_dkk_per_hour", r);
    c.total_dkk.high =
        checked_add(c.total_dkk.high, staff_dkk(c.planning_staff_minutes.high + c.running_staff_minutes.high),
                    "staff_dkk_per_hour", r);
  }
  return c;
}

}  // namespace

TripCost trip_cost(std::int32_t participants, std::optional<std::int64_t> staff_dkk_per_hour) {
  // 002, Ressourceforbrug, the overview: "Afvikling af bustur: 3-4 jobcentermedarbejdere i 4-5 timer."
  return cost_with_staff(participants, staff_dkk_per_hour, Range{3, 4});
}

TripCost trip_cost(const BusModel& model, std::int32_t participants, std::optional<std::int64_t> staff_dkk_per_hour) {
  check_staff(model.staff);
  // The model's own crew (Model 1: 4–5, Model 2: 3) for the overview's 4–5 hours.
  return cost_with_staff(participants, staff_dkk_per_hour, model.staff);
}

// ---------------------------------------------------------------------------------------------
// The planner
// ---------------------------------------------------------------------------------------------

namespace {

bool experienced(const Company& k) { return k.inclusion_internships > 0 || k.inclusion_paid > 0; }

/// Best fit of one citizen for one company: the matcher's score of its best task.
struct Fit {
  std::int32_t company;
  std::int32_t task;
  std::int32_t score;
};


std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

BusPlan plan_bus_trips(const Market& m, std::span<const BusReferral> referrals, const BusPlanOptions& opts) {
  const BusModel& model = opts.model ? *opts.model : bus_model_1();
  const MatchWeights& w = opts.weights ? *opts.weights : default_weights();
  if (model.min_participants < 1 || model.max_participants < model.min_participants ||
      model.max_participants > max_trip_participants)
    throw Error(Errc::invalid_argument, "model.max_participants", std::to_string(model.max_participants),
                "group sizes must satisfy 1 <= min_participants <= max_participants <= " +
                    std::to_string(max_trip_participants));
  if (model.trips_per_group < 1 || model.trips_per_group > max_model_trips_per_group)
    throw Error(Errc::invalid_argument, "model.trips_per_group", std::to_string(model.trips_per_group),
                "out of range: from 1 to " + std::to_string(max_model_trips_per_group));
  if (model.visits_per_trip < 1 || model.visits_per_trip > max_model_visits_per_trip ||
      model.min_experienced_per_trip < 0 || model.min_experienced_per_trip > model.visits_per_trip)
    throw Error(Errc::invalid_argument, "model.visits_per_trip", std::to_string(model.visits_per_trip),
                "needs 1 <= visits_per_trip <= " + std::to_string(max_model_visits_per_trip) +
                    " and 0 <= min_experienced_per_trip <= visits_per_trip");
  check_staff(model.staff);
  if (opts.max_groups < 0)
    throw Error(Errc::invalid_argument, "max_groups", std::to_string(opts.max_groups), "must not be negative");
  check_cost_inputs(0, opts.staff_dkk_per_hour);  // the rate's bound, also when no trip is planned
  check_unique_ids(m);

  BusPlan plan;
  plan.model = model.name;
  plan.weights_version = w.version;

  // Citizens by id; referrals must name citizens of the market (the error names the position only).
  std::unordered_map<std::string_view, std::int32_t> citizen_of;
  for (std::size_t i = 0; i < m.citizens.size(); ++i) citizen_of.emplace(m.citizens[i].id, static_cast<std::int32_t>(i));
  std::unordered_map<std::string_view, std::int32_t> referral_of;
  std::vector<std::int32_t> citizen_of_referral(referrals.size());
  for (std::size_t r = 0; r < referrals.size(); ++r) {
    const auto it = citizen_of.find(referrals[r].citizen);
    if (it == citizen_of.end())
      throw Error(Errc::invalid_input, "referrals[" + std::to_string(r) + "].citizen", "",
                  "no citizen of the market has this id");
    // A citizen referred twice is ambiguous (which referral's facts hold?): an error naming both.
    if (const auto [prev, fresh] = referral_of.emplace(referrals[r].citizen, static_cast<std::int32_t>(r)); !fresh)
      throw Error(Errc::invalid_input, "referrals[" + std::to_string(r) + "].citizen", referrals[r].citizen,
                  "duplicate citizen id: first at referrals[" + std::to_string(prev->second) + "]");
    citizen_of_referral[r] = it->second;
  }
  std::vector<char> first(referrals.size(), 0);
  for (std::size_t k = 0; k < opts.invite_first.size(); ++k) {
    const auto it = referral_of.find(opts.invite_first[k]);
    if (it == referral_of.end())
      throw Error(Errc::invalid_input, "invite_first[" + std::to_string(k) + "]", "", "the citizen is not referred");
    first[it->second] = 1;
  }

  // Eligibility, one answer per referral; the eligible in order: invited again first.
  std::vector<std::int32_t> eligible;
  for (std::size_t r = 0; r < referrals.size(); ++r) {
    plan.eligibility.push_back(bus_eligibility(referrals[r], model));
    if (plan.eligibility.back().answer != BusEligibility::eligible)
      plan.left_out.push_back({static_cast<std::int32_t>(r), std::string(name(plan.eligibility.back().answer)) + ": " +
                                                                 plan.eligibility.back().reason});
  }
  for (int pass = 1; pass >= 0; --pass)
    for (std::size_t r = 0; r < referrals.size(); ++r)
      if (plan.eligibility[r].answer == BusEligibility::eligible && first[r] == pass)
        eligible.push_back(static_cast<std::int32_t>(r));

  // Groups: as many as the referrals need within the model's sizes (and max_groups).
  const std::int32_t n = static_cast<std::int32_t>(eligible.size());
  std::int32_t groups = (n + model.max_participants - 1) / model.max_participants;
  if (groups * model.min_participants > n) groups = n / model.min_participants;
  if (opts.max_groups > 0) groups = std::min(groups, opts.max_groups);
  const std::int32_t placed = std::min(n, groups * model.max_participants);
  if (groups == 0)
    plan.notes.push_back(plural(n, "eligible citizen", "eligible citizens") + ": fewer than the " +
                         std::to_string(model.min_participants) + " a trip of " + model.name + " needs");
  for (std::int32_t k = placed; k < n; ++k)
    plan.left_out.push_back({eligible[k], groups == 0 ? "too few eligible citizens for a trip: wait for more referrals"
                                                      : "the plan's " + plural(groups, "group is", "groups are") +
                                                            " full: invite to the next trip"});
  std::sort(plan.left_out.begin(), plan.left_out.end(), [](const BusLeftOut& a, const BusLeftOut& b) { return a.referral < b.referral; });
  if (groups == 0) return plan;
  eligible.resize(static_cast<std::size_t>(placed));

  // The fit of every placed citizen for every company considered, through the matcher: a market of
  // the placed citizens (travel not limited: the bus takes them) and the tasks of the companies the
  // source would visit (002, Udvælgelse af virksomheder). A visit needs no free slot.
  std::unordered_map<std::string_view, std::int32_t> company_of;
  for (std::size_t k = 0; k < m.companies.size(); ++k) company_of.emplace(m.companies[k].id, static_cast<std::int32_t>(k));
  auto considered = [&](const Company& k) { return experienced(k) || k.social_responsibility || k.labour_shortage; };
  Market sub;
  sub.companies = m.companies;
  for (auto& k : sub.companies) k.capacity = std::max(k.capacity, 1);
  std::vector<std::int32_t> task_of_sub;
  for (std::size_t t = 0; t < m.tasks.size(); ++t) {
    const auto it = company_of.find(m.tasks[t].company);
    if (it == company_of.end())
      throw Error(Errc::invalid_input, "tasks[" + std::to_string(t) + "].company", m.tasks[t].company, "unknown company");
    if (!considered(m.companies[static_cast<std::size_t>(it->second)])) continue;
    sub.tasks.push_back(m.tasks[t]);
    sub.tasks.back().slots = std::max(sub.tasks.back().slots, 1);
    task_of_sub.push_back(static_cast<std::int32_t>(t));
  }
  for (std::int32_t r : eligible) {
    sub.citizens.push_back(m.citizens[static_cast<std::size_t>(citizen_of_referral[r])]);
    sub.citizens.back().max_travel_m = 0;  // no limit by distance
    sub.citizens.back().max_travel_minutes = 0;
  }
  const auto cand = candidates(sub, w);
  std::vector<std::vector<Fit>> fit_of(sub.citizens.size());  // per placed citizen: best task per company
  std::vector<std::vector<std::int32_t>> fans(m.companies.size());  // per company: placed citizens it fits
  {
    // candidates() lists each citizen's pairs together: `at` (per company, the citizen's entry or
    // -1) is reset after each citizen, so every pair costs O(1).
    std::vector<std::int32_t> company_of_task(sub.tasks.size());
    for (std::size_t t = 0; t < sub.tasks.size(); ++t) company_of_task[t] = company_of.at(sub.tasks[t].company);
    std::vector<std::int32_t> at(m.companies.size(), -1);
    for (std::size_t p = 0; p < cand.size(); ++p) {
      const Candidate& c = cand[p];
      const std::int32_t t = task_of_sub[static_cast<std::size_t>(c.task)];
      const std::int32_t k = company_of_task[static_cast<std::size_t>(c.task)];
      auto& f = fit_of[static_cast<std::size_t>(c.citizen)];
      std::int32_t& here = at[static_cast<std::size_t>(k)];
      if (here < 0) {
        here = static_cast<std::int32_t>(f.size());
        f.push_back({k, t, c.score});
        fans[static_cast<std::size_t>(k)].push_back(c.citizen);
      } else if (Fit& x = f[static_cast<std::size_t>(here)]; c.score > x.score || (c.score == x.score && t < x.task)) {
        x = {k, t, c.score};
      }
      if (p + 1 == cand.size() || cand[p + 1].citizen != c.citizen) {
        for (const Fit& x : f) at[static_cast<std::size_t>(x.company)] = -1;
        std::sort(f.begin(), f.end(), [](const Fit& a, const Fit& b) { return a.company < b.company; });
      }
    }
  }
  // A citizen's best task at company k, or nullptr (binary search in the citizen's fits).
  auto fit = [&](std::int32_t c, std::int32_t k) -> const Fit* {
    const auto& f = fit_of[static_cast<std::size_t>(c)];
    const auto it = std::lower_bound(f.begin(), f.end(), k, [](const Fit& x, std::int32_t v) { return x.company < v; });
    return it != f.end() && it->company == k ? &*it : nullptr;
  };

  // Qualifying companies: experience or responsibility; or shortage with a task that fits someone.
  std::vector<char> qualifies(m.companies.size(), 0);
  for (std::size_t k = 0; k < m.companies.size(); ++k) {
    const Company& co = m.companies[k];
    qualifies[k] = experienced(co) || co.social_responsibility || (co.labour_shortage && !fans[k].empty());
    if (qualifies[k]) plan.qualifying_companies.push_back(static_cast<std::int32_t>(k));
  }

  // Choose the visits greedily: the company adding the most fit not yet covered (ties: more
  // selection criteria met, then lower index). First the visits that need inclusion experience.
  const std::int32_t per_group = model.trips_per_group * model.visits_per_trip;
  const std::int32_t need_exp = groups * model.trips_per_group * model.min_experienced_per_trip;
  const std::int32_t need_all = groups * per_group;
  std::vector<std::int32_t> covered(sub.citizens.size(), 0);
  std::vector<char> taken(m.companies.size(), 0);
  std::vector<std::int32_t> chosen_exp, chosen_other;
  auto criteria = [&](const Company& co) {
    return int{experienced(co)} + int{co.social_responsibility} + int{co.labour_shortage};
  };
  auto pick = [&](bool need_experience) -> std::int32_t {
    std::int64_t best_gain = -1;
    int best_crit = -1;
    std::int32_t best = -1;
    for (std::int32_t k : plan.qualifying_companies) {
      const Company& co = m.companies[static_cast<std::size_t>(k)];
      if (taken[static_cast<std::size_t>(k)] || (need_experience && !experienced(co))) continue;
      std::int64_t gain = 0;
      for (std::int32_t c : fans[static_cast<std::size_t>(k)]) gain += std::max(0, fit(c, k)->score - covered[static_cast<std::size_t>(c)]);
      const int crit = criteria(co);
      if (gain > best_gain || (gain == best_gain && crit > best_crit)) best_gain = gain, best_crit = crit, best = k;
    }
    if (best >= 0) {
      taken[static_cast<std::size_t>(best)] = 1;
      for (std::int32_t c : fans[static_cast<std::size_t>(best)])
        covered[static_cast<std::size_t>(c)] = std::max(covered[static_cast<std::size_t>(c)], fit(c, best)->score);
    }
    return best;
  };
  for (std::int32_t v = 0; v < need_exp; ++v) {
    const std::int32_t k = pick(true);
    if (k < 0) break;
    chosen_exp.push_back(k);
  }
  if (static_cast<std::int32_t>(chosen_exp.size()) < need_exp)
    plan.notes.push_back("only " + plural(static_cast<std::int64_t>(chosen_exp.size()), "company has", "companies have") +
                         " inclusion experience; " + std::to_string(need_exp) + " visits need it (002, Model 1)");
  while (static_cast<std::int32_t>(chosen_exp.size() + chosen_other.size()) < need_all) {
    const std::int32_t k = pick(false);
    if (k < 0) break;
    chosen_other.push_back(k);
  }
  // Too few qualifying companies for distinct visits: groups share the best ones (noted).
  std::vector<std::int32_t> pool = chosen_exp;
  pool.insert(pool.end(), chosen_other.begin(), chosen_other.end());
  if (pool.empty()) {
    plan.notes.push_back("no company meets the selection criteria (002, Udvælgelse af virksomheder)");
    for (std::int32_t r : eligible) plan.left_out.push_back({r, "no company to visit"});
    std::sort(plan.left_out.begin(), plan.left_out.end(), [](const BusLeftOut& a, const BusLeftOut& b) { return a.referral < b.referral; });
    return plan;
  }
  if (static_cast<std::int32_t>(pool.size()) < need_all)
    plan.notes.push_back(plural(static_cast<std::int64_t>(pool.size()), "qualifying company", "qualifying companies") +
                         " for " + std::to_string(need_all) + " visits: some companies are visited by more than one group");

  // Give each group its visits: one experienced company as the seed of each trip slot that needs
  // one, then the remaining companies to the group whose companies share most fans with them.
  std::vector<std::vector<std::int32_t>> group_companies(static_cast<std::size_t>(groups));
  std::size_t next_exp = 0, next_other = 0;
  auto overlap = [&](std::int32_t a, std::int32_t b) {
    std::int64_t s = 0;
    for (std::int32_t c : fans[static_cast<std::size_t>(a)])
      if (const Fit* f = fit(c, b)) s += std::min(fit(c, a)->score, f->score);
    return s;
  };
  for (std::int32_t slot = 0; slot < model.trips_per_group * model.min_experienced_per_trip; ++slot)
    for (std::int32_t g = 0; g < groups; ++g)
      if (next_exp < chosen_exp.size()) group_companies[static_cast<std::size_t>(g)].push_back(chosen_exp[next_exp++]);
  std::vector<std::int32_t> rest(chosen_exp.begin() + static_cast<std::ptrdiff_t>(next_exp), chosen_exp.end());
  rest.insert(rest.end(), chosen_other.begin() + static_cast<std::ptrdiff_t>(next_other), chosen_other.end());
  for (std::int32_t k : rest) {
    std::int32_t best_g = -1;
    std::int64_t best_s = -1;
    for (std::int32_t g = 0; g < groups; ++g) {
      const auto& gc = group_companies[static_cast<std::size_t>(g)];
      if (static_cast<std::int32_t>(gc.size()) >= per_group) continue;
      std::int64_t s = 0;
      for (std::int32_t other : gc) s += overlap(k, other);
      // Prefer the emptiest group on equal overlap, so every group gets its visits.
      if (s > best_s || (s == best_s && best_g >= 0 && gc.size() < group_companies[static_cast<std::size_t>(best_g)].size()))
        best_s = s, best_g = g;
    }
    if (best_g >= 0) group_companies[static_cast<std::size_t>(best_g)].push_back(k);
  }
  // Fill what is still short by sharing the pool's companies, best first, never twice in one group.
  for (std::int32_t g = 0; g < groups; ++g) {
    auto& gc = group_companies[static_cast<std::size_t>(g)];
    for (std::size_t p = 0; static_cast<std::int32_t>(gc.size()) < per_group && p < pool.size(); ++p)
      if (std::find(gc.begin(), gc.end(), pool[p]) == gc.end()) gc.push_back(pool[p]);
  }

  // Citizens to groups: an optimal assignment of their fit to the group's companies (best visit
  // counts most, the others add), group sizes balanced within the model's limits.
  bipartite::Instance inst;
  inst.num_left = placed;
  for (std::int32_t g = 0; g < groups; ++g) {
    const std::int32_t size = placed / groups + (g < placed % groups ? 1 : 0);
    inst.right_slots.push_back(size);
    inst.right_group.push_back(g);
    inst.group_capacity.push_back(size);
  }
  for (std::int32_t c = 0; c < placed; ++c)
    for (std::int32_t g = 0; g < groups; ++g) {
      std::int64_t best = 0, sum = 0;
      for (std::int32_t k : group_companies[static_cast<std::size_t>(g)])
        if (const Fit* f = fit(c, k)) best = std::max<std::int64_t>(best, f->score), sum += f->score;
      inst.edges.push_back({c, g, 1 + 2 * best + sum});  // +1: everyone has a place
    }
  const auto solved = bipartite::solve_assignment(inst);

  // The plan: groups, trips (visits in order of fans among the group), participants and reasons.
  plan.groups.resize(static_cast<std::size_t>(groups));
  for (std::int32_t c = 0; c < placed; ++c) {
    const std::int32_t g = solved.right_of_left[static_cast<std::size_t>(c)];
    const std::int32_t r = eligible[static_cast<std::size_t>(c)];
    BusParticipant p;
    p.citizen = citizen_of_referral[static_cast<std::size_t>(r)];
    p.invited_again = first[static_cast<std::size_t>(r)] != 0;
    for (std::int32_t k : group_companies[static_cast<std::size_t>(g)])
      if (const Fit* f = fit(c, k); f && (f->score > p.score || (f->score == p.score && f->task < p.best_task)))
        p.best_company = k, p.best_task = f->task, p.score = f->score;
    if (p.best_task >= 0) {
      // The matcher's own explanation of the pair (in the travel-free market), its wish line.
      Match x{c, static_cast<std::int32_t>(std::find(task_of_sub.begin(), task_of_sub.end(), p.best_task) - task_of_sub.begin()), {}, {}, {}};
      x.breakdown = score_pair(sub, x.citizen, x.task, w).breakdown;
      explain_match(sub, x, w);
      p.reason = "sees task " + m.tasks[static_cast<std::size_t>(p.best_task)].id + " at company " +
                 m.companies[static_cast<std::size_t>(p.best_company)].id + " — " + (x.reasons.empty() ? "" : x.reasons.front());
    } else {
      p.reason = "no visited task fits the citizen's wishes, hours and health considerations: the trip is an eye-opener";
    }
    plan.groups[static_cast<std::size_t>(g)].participants.push_back(std::move(p));
  }
  for (std::int32_t g = 0; g < groups; ++g) {
    BusGroup& grp = plan.groups[static_cast<std::size_t>(g)];
    std::sort(grp.participants.begin(), grp.participants.end(),
              [](const BusParticipant& a, const BusParticipant& b) { return a.citizen < b.citizen; });
    std::unordered_set<std::int32_t> members;
    for (std::int32_t c = 0; c < placed; ++c)
      if (solved.right_of_left[static_cast<std::size_t>(c)] == g) members.insert(c);
    // Visits: experienced seeds first (one per trip), then the others; within, most fans first.
    auto& gc = group_companies[static_cast<std::size_t>(g)];
    std::vector<BusVisit> visits;
    for (std::int32_t k : gc) {
      const Company& co = m.companies[static_cast<std::size_t>(k)];
      BusVisit v;
      v.company = k;
      std::int32_t fitting_tasks = 0;
      for (std::int32_t c : fans[static_cast<std::size_t>(k)])
        if (members.count(c)) ++v.fitting_participants;
      for (std::size_t t = 0; t < task_of_sub.size(); ++t)
        if (company_of.at(sub.tasks[t].company) == k)
          for (std::int32_t c : members)
            if (fit(c, k) && fit(c, k)->task == task_of_sub[t]) {
              ++fitting_tasks;
              break;
            }
      // 002, Udvælgelse af virksomheder: the criteria the company meets.
      if (experienced(co))
        v.reasons.push_back("has had vulnerable citizens: " + std::to_string(co.inclusion_internships) +
                            " in internship, " + std::to_string(co.inclusion_paid) + " in paid hours");
      if (co.social_responsibility) v.reasons.push_back("known for social responsibility");
      if (co.labour_shortage)
        v.reasons.push_back(fans[static_cast<std::size_t>(k)].empty()
                                ? std::string("short of labour")
                                : "short of labour, with tasks for citizens from the edge of the labour market");
      v.reasons.push_back(v.fitting_participants > 0
                              ? "fits the wishes of " + plural(v.fitting_participants, "participant", "participants") +
                                    " (" + plural(fitting_tasks, "task", "tasks") + ")"
                              : "fits no participant's wishes: chosen for its inclusion record");
      if (co.mentors > 0) v.reasons.push_back(plural(co.mentors, "mentor-trained contact person", "mentor-trained contact persons"));
      visits.push_back(std::move(v));
    }
    // Trips: each takes its experienced seed(s) and then the best remaining visits.
    const std::size_t seeds = static_cast<std::size_t>(model.trips_per_group * model.min_experienced_per_trip);
    std::vector<BusVisit> seed_visits(visits.begin(), visits.begin() + static_cast<std::ptrdiff_t>(std::min(seeds, visits.size())));
    std::vector<BusVisit> others(visits.begin() + static_cast<std::ptrdiff_t>(std::min(seeds, visits.size())), visits.end());
    auto by_fans = [](const BusVisit& a, const BusVisit& b) {
      return a.fitting_participants != b.fitting_participants ? a.fitting_participants > b.fitting_participants : a.company < b.company;
    };
    std::stable_sort(others.begin(), others.end(), by_fans);
    std::size_t si = 0, oi = 0;
    for (std::int32_t t = 0; t < model.trips_per_group; ++t) {
      BusTrip trip;
      trip.start = model.start;
      trip.end = model.end;
      for (std::int32_t e = 0; e < model.min_experienced_per_trip && si < seed_visits.size(); ++e) trip.visits.push_back(seed_visits[si++]);
      while (static_cast<std::int32_t>(trip.visits.size()) < model.visits_per_trip && oi < others.size())
        trip.visits.push_back(others[oi++]);
      std::stable_sort(trip.visits.begin(), trip.visits.end(), by_fans);
      trip.cost = trip_cost(model, static_cast<std::int32_t>(grp.participants.size()), opts.staff_dkk_per_hour);
      grp.trips.push_back(std::move(trip));
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Attendance (002_35b99bd4972212c9.txt, Visitering af borgere, Model 1; Introduktion)
// ---------------------------------------------------------------------------------------------

Attendance record_attendance(const Market& m, const BusPlan& plan, std::int32_t group, std::int32_t trip, Date date,
                             std::span<const std::string> present) {
  if (group < 0 || group >= static_cast<std::int32_t>(plan.groups.size()))
    throw Error(Errc::invalid_argument, "group", std::to_string(group), "no such group in the plan");
  const BusGroup& g = plan.groups[static_cast<std::size_t>(group)];
  if (trip < 0 || trip >= static_cast<std::int32_t>(g.trips.size()))
    throw Error(Errc::invalid_argument, "trip", std::to_string(trip), "no such trip in the group");
  if (date.is_special()) throw Error(Errc::invalid_argument, "date", iso(date), "not a valid date");
  std::unordered_set<std::string_view> here(present.begin(), present.end());
  std::unordered_set<std::string_view> members;
  Attendance a;
  for (const auto& p : g.participants) {
    const std::string& id = m.citizens.at(static_cast<std::size_t>(p.citizen)).id;
    members.insert(id);
    if (!here.count(id)) {
      a.invite_next.push_back(id);  // "bliver borgeren indkaldt til at deltage på næste tur"
      continue;
    }
    a.came.push_back(id);
    // "hvor borgerne tidligere i forløbet skal have en relation til virksomhederne"
    for (const auto& v : g.trips[static_cast<std::size_t>(trip)].visits)
      a.visits.push_back({id, m.companies.at(static_cast<std::size_t>(v.company)).id, date});
  }
  std::unordered_set<std::string_view> reported;
  for (const auto& id : present)
    if (!members.count(id) && reported.insert(id).second) a.not_participants.push_back(id);
  return a;
}

std::vector<CompanyVisit> add_visits(Market& m, std::span<const CompanyVisit> visits) {
  std::unordered_map<std::string_view, std::size_t> citizen;
  for (std::size_t i = 0; i < m.citizens.size(); ++i) citizen.emplace(m.citizens[i].id, i);
  std::unordered_set<std::string_view> companies;
  for (const auto& k : m.companies) companies.insert(k.id);
  std::vector<CompanyVisit> not_applied;
  for (const auto& v : visits) {
    const auto c = citizen.find(v.citizen);
    if (c == citizen.end() || !companies.count(v.company)) {
      not_applied.push_back(v);
      continue;
    }
    auto& seen = m.citizens[c->second].visited_companies;
    if (std::find(seen.begin(), seen.end(), v.company) == seen.end()) seen.push_back(v.company);
  }
  return not_applied;
}

}  // namespace kanten::inline v1
