// A deterministic synthetic labour market: citizens, companies and tasks placed around towns.
//
// From the source: 850 citizens and 400 companies on Lolland-Falster (seed 003); tasks rather
// than positions (seed 003, "Fra stillinger til opgaver"); service, caretaker and kitchen tasks
// for training tracks (seed 001); companies with inclusion experience, social responsibility or
// labour shortage (seed 002). Everything else — the town weights, the DISCO-08 mix, hours,
// travel, competences and health considerations — is an assumption, chosen to look like a
// caseload of activity-ready citizens and the small tasks companies identify for them.
#include "kanten/core/error.hpp"
#include "kanten/synth/market.hpp"
#include "kanten/match/matching.hpp"

#include "core/progress.hpp"
#include "synth/random.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

namespace kanten::inline v1 {
namespace {

struct Town {
  const char* name;
  double lat, lon;
  int weight;  // relative share of people and companies (assumption, roughly by population)
};

constexpr std::array<Town, 8> kLollandFalster{{
    {"Nykøbing Falster", 54.7691, 11.8743, 16},
    {"Nakskov", 54.8306, 11.1366, 12},
    {"Maribo", 54.7762, 11.5009, 6},
    {"Sakskøbing", 54.7999, 11.6467, 4},
    {"Rødby", 54.6957, 11.3889, 2},
    {"Stubbekøbing", 54.8879, 12.0410, 2},
    {"Nysted", 54.6667, 11.7333, 1},
    {"Gedser", 54.5747, 11.9270, 1},
}};

constexpr std::array<Town, 20> kDenmark{{
    {"København", 55.6761, 12.5683, 60}, {"Aarhus", 56.1629, 10.2039, 28}, {"Odense", 55.4038, 10.4024, 18},
    {"Aalborg", 57.0488, 9.9217, 15},    {"Esbjerg", 55.4765, 8.4594, 7},   {"Randers", 56.4607, 10.0364, 6},
    {"Kolding", 55.4904, 9.4722, 6},     {"Horsens", 55.8607, 9.8503, 6},   {"Vejle", 55.7113, 9.5364, 6},
    {"Roskilde", 55.6415, 12.0803, 5},   {"Herning", 56.1393, 8.9738, 5},   {"Silkeborg", 56.1697, 9.5451, 5},
    {"Næstved", 55.2299, 11.7609, 4},    {"Fredericia", 55.5657, 9.7526, 4}, {"Viborg", 56.4532, 9.4020, 4},
    {"Køge", 55.4580, 12.1821, 4},       {"Holstebro", 56.3601, 8.6161, 3}, {"Slagelse", 55.4028, 11.3546, 3},
    {"Nykøbing Falster", 54.7691, 11.8743, 2}, {"Hjørring", 57.4642, 9.9823, 2},
}};

// DISCO-08 occupations of small tasks (assumption), with DB07 industries that hold them.
struct Occupation {
  const char* disco;
  const char* db07;
  Demand demand;  // the demand most such tasks carry
  const char* competence;
};
constexpr std::array<Occupation, 16> kOccupations{{
    {"911210", "812100", Demand::long_standing, "cleaning"},
    {"912200", "452000", Demand::heavy_lifting, "cleaning"},
    {"941200", "561010", Demand::fast_pace, "food_hygiene"},
    {"512010", "561010", Demand::fast_pace, "food_hygiene"},
    {"522300", "471100", Demand::customer_contact, "cash_register"},
    {"933300", "521000", Demand::heavy_lifting, "warehouse"},
    {"834400", "521000", Demand::noise, "forklift_certificate"},
    {"921400", "813000", Demand::heavy_lifting, "gardening"},
    {"611300", "813000", Demand::long_standing, "gardening"},
    {"515300", "682040", Demand::changing_routines, "caretaking"},
    {"532200", "881000", Demand::customer_contact, "care"},
    {"962100", "532000", Demand::night_work, "driving"},
    {"832200", "494100", Demand::night_work, "driving"},
    {"932900", "101100", Demand::noise, "production"},
    {"751200", "107100", Demand::night_work, "food_hygiene"},
    {"411000", "841100", Demand::changing_routines, "it_basics"},
}};

template <std::size_t N>
const Town& pick_town(detail::Rng& r, const std::array<Town, N>& towns) {
  int total = 0;
  for (const auto& t : towns) total += t.weight;
  int x = r.between(0, total - 1);
  for (const auto& t : towns) {
    if (x < t.weight) return t;
    x -= t.weight;
  }
  return towns.back();
}

/// A point near a town within `spread_km`: denser towards the centre, or uniform over the disc.
GeoPoint near(detail::Rng& r, const Town& t, double spread_km, bool uniform) {
  const double angle = r.unit() * 2 * 3.14159265358979323846;
  const double dist = spread_km * (uniform ? std::sqrt(r.unit()) : r.unit() * r.unit());
  return {t.lat + dist * std::sin(angle) / 111.32, t.lon + dist * std::cos(angle) / (111.32 * std::cos(t.lat * 0.0174533))};
}

std::string id(const char* prefix, std::size_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%0*zu", prefix, width, n);
  return buf;
}

}  // namespace

Market generate_market(const MarketOptions& o) {
  auto range = [](const char* field, const std::string& value, const char* bounds) {
    throw Error(Errc::invalid_argument, field, value, std::string("out of range: ") + bounds);
  };
  if (o.citizens > max_generated) range("citizens", std::to_string(o.citizens), "from 0 to 1000000");
  if (o.companies > max_generated) range("companies", std::to_string(o.companies), "from 0 to 1000000");
  if (!(o.tasks_per_company > 0.0 && o.tasks_per_company <= 100.0))
    range("tasks_per_company", std::to_string(o.tasks_per_company), "above 0 and at most 100");
  if (o.travel_m < 0 || o.travel_m > 1'000'000) range("travel_m", std::to_string(o.travel_m), "from 0 to 1000000 metres");
  Market m;
  // Lolland-Falster: towns and their surroundings, denser in town. Denmark: each town's
  // hinterland a disc whose area grows with its weight, so density is even across the country.
  auto place = [&](detail::Rng& r) {
    if (o.region == Region::lolland_falster) return near(r, pick_town(r, kLollandFalster), 8.0, false);
    const Town& t = pick_town(r, kDenmark);
    return near(r, t, 7.0 * std::sqrt(static_cast<double>(t.weight)), true);
  };

  m.companies.reserve(o.companies);
  detail::StageProgress companies(o.progress, "companies", o.companies);
  for (std::size_t i = 0; i < o.companies; ++i) {
    detail::Rng r(o.seed, 0x100000000ULL + i);
    Company c;
    c.id = id("co", i + 1, 5);
    c.location = place(r);
    const Occupation& main = r.pick(kOccupations);
    c.db07 = main.db07;
    c.inclusion_internships = r.chance(0.45) ? r.between(1, 6) : 0;
    c.inclusion_paid = r.chance(0.25) ? r.between(1, 3) : 0;
    c.social_responsibility = r.chance(0.30);
    c.labour_shortage = r.chance(0.35);
    c.mentors = r.chance(0.30) ? r.between(1, 3) : 0;
    c.capacity = r.between(1, 3) + c.mentors;
    // Tasks across positions (003): each company identifies a few, around its own trade.
    const int n_tasks = std::max(1, static_cast<int>(std::lround(o.tasks_per_company * (0.5 + r.unit()))));
    for (int k = 0; k < n_tasks; ++k) {
      const Occupation& occ = r.chance(0.6) ? main : r.pick(kOccupations);
      Task t;
      t.id = c.id + "-t" + std::to_string(k + 1);
      t.company = c.id;
      t.disco = {occ.disco};
      if (r.chance(0.3)) t.disco.push_back(r.pick(kOccupations).disco);
      if (r.chance(0.25)) t.required_competences = {occ.competence};
      t.optional_competences = {occ.competence, r.pick(kOccupations).competence};
      if (r.chance(0.6)) t.demands.push_back(occ.demand);
      if (r.chance(0.2)) t.demands.push_back(static_cast<Demand>(r.between(0, 6)));
      t.min_per_week = 60 * r.between(2, 10);
      t.max_per_week = t.min_per_week + 60 * r.between(4, 20);
      t.ordinary_from_start = r.chance(0.35);
      t.internship = !t.ordinary_from_start || r.chance(0.5);
      t.slots = r.between(1, 2);
      t.min_danish_level = static_cast<std::int8_t>(occ.demand == Demand::customer_contact ? 2 : r.between(0, 1));
      t.needs_driving_licence = std::string_view(occ.competence) == "driving";
      m.tasks.push_back(std::move(t));
    }
    m.companies.push_back(std::move(c));
    companies.at(i + 1);
  }
  companies.finish();

  m.citizens.reserve(o.citizens);
  detail::StageProgress citizens(o.progress, "citizens", o.citizens);
  for (std::size_t i = 0; i < o.citizens; ++i) {
    detail::Rng r(o.seed, 0x200000000ULL + i);
    Citizen c;
    c.id = id("c", i + 1, 6);
    c.home = place(r);
    c.mode = r.chance(0.35) ? TravelMode::car : (r.chance(0.8) ? TravelMode::public_transport : TravelMode::bicycle);
    c.max_travel_m = o.travel_m / 2 + r.between(0, o.travel_m);
    if (c.mode == TravelMode::bicycle) c.max_travel_m = std::min(c.max_travel_m, 10'000);
    c.max_travel_minutes = r.chance(0.3) ? r.between(30, 60) : 0;
    c.hours_now = 60 * r.between(3, 10);
    c.hours_max = c.hours_now + 60 * r.between(0, 15);
    // The citizen's own wishes set the direction (004, KE4): one to three, at varying precision.
    const int n_wishes = r.between(1, 3);
    for (int k = 0; k < n_wishes; ++k) {
      const std::string code = r.pick(kOccupations).disco;
      const int digits = r.chance(0.6) ? 4 : (r.chance(0.7) ? 3 : 2);
      c.wishes.push_back(code.substr(0, static_cast<std::size_t>(digits)));
    }
    const int n_comp = r.between(0, 3);
    for (int k = 0; k < n_comp; ++k) c.competences.push_back(r.pick(kOccupations).competence);
    if (r.chance(0.45)) c.health.push_back(static_cast<Health>(r.between(0, 6)));
    if (r.chance(0.15)) c.health.push_back(static_cast<Health>(r.between(0, 6)));
    c.danish_level = static_cast<std::int8_t>(r.chance(0.2) ? r.between(0, 1) : r.between(2, 3));
    c.driving_licence = c.mode == TravelMode::car || r.chance(0.2);
    c.goal = r.chance(0.25) ? Goal::education : Goal::employment;
    m.citizens.push_back(std::move(c));
    citizens.at(i + 1);
  }
  citizens.finish();
  return m;
}

}  // namespace kanten::inline v1
