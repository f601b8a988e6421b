// The matching engine's JSON in and out: markets, weights, proposals, top lists, audits.
//
// nlohmann-json is a private dependency: no nlohmann type appears in a public header. The format
// is documented with complete examples in docs/matching.md; the conventions are those of
// docs/json-format.md (src/rules/json.cpp): a null field counts as absent, unknown fields are ignored,
// hours are exact whole minutes or "H:MM", and every fault throws kanten::Error naming the field
// path and the value. Values are shown as compact JSON (long strings cut, objects and arrays only
// named); a string that should be a DISCO-08 code and is not (it may be free text such as
// "kitchen work") is never shown.
#include "kanten/match/json.hpp"

#include "core/json_text.hpp"
#include "match/market_document.hpp"
#include "match/json_writers.hpp"

#include "kanten/core/error.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

namespace kanten::inline v1 {
namespace {

using namespace json_text;

[[noreturn]] void invalid_text(const std::string& field, const std::string& message) {
  throw Error(Errc::invalid_input, field, free_text_placeholder, message);
}

// ---------------------------------------------------------------------------------------------
// Reading: the fields of one object at a path
// ---------------------------------------------------------------------------------------------

/// Whether `s` is a DISCO-08 code: 1 to 4 digits (major group to unit group) or the Danish
/// 6-digit form.
bool is_disco_code(const std::string& s) {
  if (s.empty() || s.size() == 5 || s.size() > 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// A whole number in [lo, hi] (within 32 bits) at `field`.
std::int32_t integer_value(const std::string& field, const json& v, std::int64_t lo, std::int64_t hi) {
  return static_cast<std::int32_t>(whole_number(field, v, lo, hi));
}

/// The minutes of a whole week: the bound of every weekly duration of a market.
constexpr Minutes week_minutes = 7 * 24 * 60;

/// The fields of one JSON object at `path` ("citizens[2]", "" for the document): the reader kit
/// (core/json_text.hpp) with a market's own fields.
class MarketFields : public json_text::Fields {
 public:
  MarketFields(const json& o, std::string path) : json_text::Fields(o, std::move(path)) {}

  /// A required, non-empty id string (ids are opaque and may be shown; one shaped like a CPR
  /// number is refused without being shown).
  [[nodiscard]] std::string id(const char* key, const char* what) const {
    return json_text::Fields::id(key, std::string("every ") + what + " needs an id");
  }

  /// An optional integer in [lo, hi].
  void integer(const char* key, std::int32_t& out, std::int64_t lo, std::int64_t hi) const {
    if (auto i = whole(key, lo, hi)) out = static_cast<std::int32_t>(*i);
  }
  void integer(const char* key, std::int8_t& out, std::int64_t lo, std::int64_t hi) const {
    if (auto i = whole(key, lo, hi)) out = static_cast<std::int8_t>(*i);
  }

  /// Optional hours per week: whole minutes (an integer) or "H:MM"; from 0 to a whole week
  /// (168 hours), so no sum of hours can wrap.
  void minutes(const char* key, Minutes& out) const {
    const json* v = get(key);
    if (!v) return;
    const std::string range = "out of range: from 0 to " + std::to_string(week_minutes) + " minutes (168 hours) a week";
    if (v->is_string()) {
      const std::string& text = v->get_ref<const std::string&>();
      auto m = parse_hours_text(text, /*allow_negative=*/false);
      if (!m && !text.empty() && text.front() != '-' && hours_text_shape(text)) fail(key, *v, range);
      if (!m) fail(key, *v, "must be hours and minutes \"H:MM\", e.g. \"7:30\", or whole minutes");
      if (*m > week_minutes) fail(key, *v, range);
      out = *m;
      return;
    }
    if (!v->is_number()) fail(key, *v, "must be a whole number of minutes or \"H:MM\", not " + a_type(*v));
    out = integer_value(path(key), *v, 0, week_minutes);
  }

  /// An optional array of strings in the caller's vocabulary (competences).
  void strings(const char* key, std::vector<std::string>& out) const {
    const json* v = array(key);
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_string()) invalid(at(path(key), i), e, "must be a string, not " + a_type(e));
      out.push_back(e.get<std::string>());
    }
  }

  /// An optional array of DISCO-08 codes; a string that is no code is never shown.
  void codes(const char* key, std::vector<std::string>& out) const {
    const json* v = array(key);
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_string()) invalid(at(path(key), i), e, "must be a DISCO-08 code as a string, not " + a_type(e));
      const std::string& s = e.get_ref<const std::string&>();
      if (!is_disco_code(s))
        invalid_text(at(path(key), i), "must be a DISCO-08 code: 1 to 4 digits or the Danish 6-digit form, e.g. \"5120\"");
      out.push_back(s);
    }
  }

  /// The reading context, for the unknown fields of nested objects (a location).
  const ReadContext* cx_ = nullptr;

  /// A required location {"lat": .., "lon": ..} in degrees.
  [[nodiscard]] GeoPoint point(const char* key) const {
    const json* v = get(key);
    if (!v) throw Error(Errc::invalid_input, path(key), "", "missing: a location {\"lat\": .., \"lon\": ..} is required");
    if (!v->is_object()) invalid(path(key), *v, "must be a location {\"lat\": .., \"lon\": ..}, not " + a_type(*v));
    const MarketFields p(*v, path(key));
    GeoPoint g{p.degrees("lat", 90), p.degrees("lon", 180)};
    if (cx_) p.check_unknown(*cx_);
    return g;
  }

 private:
  [[nodiscard]] double degrees(const char* key, double limit) const {
    const json* v = get(key);
    if (!v) throw Error(Errc::invalid_input, path(key), "", "missing: a location needs \"lat\" and \"lon\" in degrees");
    if (!v->is_number()) invalid(path(key), *v, "must be a number of degrees, not " + a_type(*v));
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < -limit || d > limit)
      invalid(path(key), *v, "out of range: degrees from " + std::to_string(static_cast<int>(-limit)) + " to " +
                                 std::to_string(static_cast<int>(limit)));
    return d;
  }
};

constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();

Citizen read_citizen(const json& j, const std::string& path, const ReadContext& cx) {
  if (!j.is_object()) invalid(path, j, "a citizen must be a JSON object, not " + a_type(j));
  MarketFields f(j, path);
  f.cx_ = &cx;
  Citizen c;
  c.id = f.id("id", "citizen");
  c.home = f.point("home");
  f.vocab("mode", c.mode);
  f.integer("max_travel_m", c.max_travel_m, 0, int32_max);
  f.integer("max_travel_minutes", c.max_travel_minutes, 0, 24 * 60);
  f.minutes("hours_now", c.hours_now);
  f.minutes("hours_max", c.hours_max);
  if (c.hours_now > c.hours_max)
    throw Error(Errc::invalid_input, f.path("hours_max"), std::to_string(c.hours_max),
                "less than hours_now (" + std::to_string(c.hours_now) + " minutes)");
  f.codes("wishes", c.wishes);
  f.strings("competences", c.competences);
  f.vocabs("health", c.health);
  f.integer("danish_level", c.danish_level, 0, 3);
  f.flag("driving_licence", c.driving_licence);
  f.vocab("goal", c.goal);
  f.strings("visited_companies", c.visited_companies);
  f.check_unknown(cx);
  return c;
}

Company read_company(const json& j, const std::string& path, const ReadContext& cx) {
  if (!j.is_object()) invalid(path, j, "a company must be a JSON object, not " + a_type(j));
  MarketFields f(j, path);
  f.cx_ = &cx;
  Company c;
  c.id = f.id("id", "company");
  c.location = f.point("location");
  if (const json* v = f.get("db07")) {
    if (!v->is_string()) invalid(f.path("db07"), *v, "must be a DB07 industry code as a string, not " + a_type(*v));
    c.db07 = v->get<std::string>();
  }
  f.integer("inclusion_internships", c.inclusion_internships, 0, int32_max);
  f.integer("inclusion_paid", c.inclusion_paid, 0, int32_max);
  f.flag("social_responsibility", c.social_responsibility);
  f.flag("labour_shortage", c.labour_shortage);
  f.integer("mentors", c.mentors, 0, int32_max);
  f.integer("capacity", c.capacity, 0, int32_max);
  f.check_unknown(cx);
  return c;
}

Task read_task(const json& j, const std::string& path, const ReadContext& cx) {
  if (!j.is_object()) invalid(path, j, "a task must be a JSON object, not " + a_type(j));
  MarketFields f(j, path);
  f.cx_ = &cx;
  Task t;
  t.id = f.id("id", "task");
  t.company = f.id("company", "task");
  f.codes("disco", t.disco);
  f.strings("required_competences", t.required_competences);
  f.strings("optional_competences", t.optional_competences);
  f.vocabs("demands", t.demands);
  f.minutes("min_per_week", t.min_per_week);
  f.minutes("max_per_week", t.max_per_week);
  if (t.min_per_week > t.max_per_week)
    throw Error(Errc::invalid_input, f.path("max_per_week"), std::to_string(t.max_per_week),
                "less than min_per_week (" + std::to_string(t.min_per_week) + " minutes)");
  f.flag("ordinary_from_start", t.ordinary_from_start);
  f.flag("internship", t.internship);
  f.integer("slots", t.slots, 0, int32_max);
  f.integer("min_danish_level", t.min_danish_level, 0, 3);
  f.flag("needs_driving_licence", t.needs_driving_licence);
  f.check_unknown(cx);
  return t;
}

/// The array under `key` of the market document; required.
const json& market_array(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null())
    throw Error(Errc::invalid_input, key, "",
                "missing: a market is {\"citizens\": [...], \"companies\": [...], \"tasks\": [...]}");
  if (!it->is_array()) invalid(key, *it, std::string("the ") + key + " must be a JSON array, not " + a_type(*it));
  return *it;
}


// ---------------------------------------------------------------------------------------------
// Weights
// ---------------------------------------------------------------------------------------------

/// The integer weights, in the documented order, with their ranges.
struct WeightField {
  const char* key;
  std::int32_t MatchWeights::*member;
  std::int32_t lo, hi;
};
constexpr std::int32_t max_points = 1'000'000;  // keeps every sum of points far inside int32
constexpr std::array<WeightField, 16> weight_fields{{
    {"competences", &MatchWeights::competences, 0, max_points},
    {"hours", &MatchWeights::hours, 0, max_points},
    {"travel", &MatchWeights::travel, 0, max_points},
    {"inclusion_experience", &MatchWeights::inclusion_experience, 0, max_points},
    {"inclusion_paid", &MatchWeights::inclusion_paid, 0, max_points},
    {"social_responsibility", &MatchWeights::social_responsibility, 0, max_points},
    {"labour_shortage", &MatchWeights::labour_shortage, 0, max_points},
    {"mentors", &MatchWeights::mentors, 0, max_points},
    {"relation", &MatchWeights::relation, 0, max_points},
    {"ordinary_from_start", &MatchWeights::ordinary_from_start, 0, max_points},
    {"min_wish_level", &MatchWeights::min_wish_level, 0, 4},
    {"car_kmh", &MatchWeights::car_kmh, 1, 1000},
    {"public_transport_kmh", &MatchWeights::public_transport_kmh, 1, 1000},
    {"bicycle_kmh", &MatchWeights::bicycle_kmh, 1, 1000},
    {"walk_kmh", &MatchWeights::walk_kmh, 1, 1000},
    {"", nullptr, 0, 0},  // end
}};

bool same_weights(const MatchWeights& a, const MatchWeights& b) {
  if (a.wish_by_level != b.wish_by_level) return false;
  for (const auto& f : weight_fields)
    if (f.member && a.*f.member != b.*f.member) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

ojson point_json(GeoPoint p) {
  ojson j;
  j["lat"] = p.lat;
  j["lon"] = p.lon;
  return j;
}

template <class Enum>
ojson names_json(const std::vector<Enum>& v) {
  ojson a = ojson::array();
  for (Enum e : v) a.push_back(str(name(e)));
  return a;
}

ojson citizen_json(const Citizen& c) {
  ojson j;
  j["id"] = c.id;
  j["home"] = point_json(c.home);
  j["mode"] = str(name(c.mode));
  j["max_travel_m"] = c.max_travel_m;
  j["max_travel_minutes"] = c.max_travel_minutes;
  j["hours_now"] = c.hours_now;
  j["hours_max"] = c.hours_max;
  j["wishes"] = c.wishes;
  j["competences"] = c.competences;
  j["health"] = names_json(c.health);
  j["danish_level"] = static_cast<int>(c.danish_level);
  j["driving_licence"] = c.driving_licence;
  j["goal"] = str(name(c.goal));
  if (!c.visited_companies.empty()) j["visited_companies"] = c.visited_companies;
  return j;
}

ojson company_json(const Company& c) {
  ojson j;
  j["id"] = c.id;
  j["location"] = point_json(c.location);
  j["db07"] = c.db07;
  j["inclusion_internships"] = c.inclusion_internships;
  j["inclusion_paid"] = c.inclusion_paid;
  j["social_responsibility"] = c.social_responsibility;
  j["labour_shortage"] = c.labour_shortage;
  j["mentors"] = c.mentors;
  j["capacity"] = c.capacity;
  return j;
}

ojson task_json(const Task& t) {
  ojson j;
  j["id"] = t.id;
  j["company"] = t.company;
  j["disco"] = t.disco;
  j["required_competences"] = t.required_competences;
  j["optional_competences"] = t.optional_competences;
  j["demands"] = names_json(t.demands);
  j["min_per_week"] = t.min_per_week;
  j["max_per_week"] = t.max_per_week;
  j["ordinary_from_start"] = t.ordinary_from_start;
  j["internship"] = t.internship;
  j["slots"] = t.slots;
  j["min_danish_level"] = static_cast<int>(t.min_danish_level);
  j["needs_driving_licence"] = t.needs_driving_licence;
  return j;
}

ojson weights_json(const MatchWeights& w) {
  ojson j;
  j["version"] = w.version;
  j["wish_by_level"] = w.wish_by_level;
  for (const auto& f : weight_fields)
    if (f.member) j[f.key] = w.*f.member;
  return j;
}

ojson breakdown_json(const ScoreBreakdown& b) {
  ojson j;
  j["wish"] = b.wish;
  j["competences"] = b.competences;
  j["hours"] = b.hours;
  j["travel"] = b.travel;
  j["readiness"] = b.readiness;
  j["ordinary"] = b.ordinary;
  j["wish_level"] = b.wish_level;
  j["distance_m"] = b.distance_m;
  return j;
}

/// The id at index `i` of `items`, checked (a match from another market is a caller's bug).
template <class T>
const std::string& id_at(const std::vector<T>& items, std::int32_t i, const char* field) {
  if (i < 0 || static_cast<std::size_t>(i) >= items.size())
    throw Error(Errc::invalid_argument, field, std::to_string(i),
                "index out of range of the market (size " + std::to_string(items.size()) + ")");
  return items[static_cast<std::size_t>(i)].id;
}

ojson match_json(const Match& x, const Market& m) {
  ojson j;
  j["citizen"] = id_at(m.citizens, x.citizen, "citizen");
  j["task"] = id_at(m.tasks, x.task, "task");
  j["company"] = m.tasks[static_cast<std::size_t>(x.task)].company;
  j["score"] = x.breakdown.total();
  j["breakdown"] = breakdown_json(x.breakdown);
  j["reasons"] = x.reasons;
  j["concerns"] = x.concerns;
  return j;
}

ojson matches_json(const std::vector<Match>& v, const Market& m) {
  ojson a = ojson::array();
  for (const auto& x : v) a.push_back(match_json(x, m));
  return a;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

// The per-object readers and the matches' writer, for the persistent matcher's query stream
// (serve.cpp): the same code reads a market's objects and a stream's single objects.
Citizen json_text::read_market_citizen(const json& j, const std::string& path, const ReadContext& cx) {
  return read_citizen(j, path, cx);
}
Company json_text::read_market_company(const json& j, const std::string& path, const ReadContext& cx) {
  return read_company(j, path, cx);
}
Task json_text::read_market_task(const json& j, const std::string& path, const ReadContext& cx) {
  return read_task(j, path, cx);
}
json_text::ojson matches_ojson(const std::vector<Match>& top, const Market& m) { return matches_json(top, m); }

Market market_from_json(std::string_view text, const ReadOptions& options) {
  return read_market_document(parse_document(text, options.max_bytes), options, {"citizens", "companies", "tasks"});
}

Market json_text::read_market_document(const json& doc, const ReadOptions& options,
                                         const std::vector<std::string_view>& known) {
  if (!doc.is_object())
    invalid("", doc,
            "a market must be a JSON object {\"citizens\": [...], \"companies\": [...], \"tasks\": [...]}, not " +
                a_type(doc));
  const json& citizens = market_array(doc, "citizens");
  const json& companies = market_array(doc, "companies");
  const json& tasks = market_array(doc, "tasks");
  Market m;
  const ReadContext cx{options, m.warnings};
  cx.check_fields(doc, "", known);
  m.citizens.reserve(citizens.size());
  for (std::size_t i = 0; i < citizens.size(); ++i)
    m.citizens.push_back(read_citizen(citizens[i], at("citizens", i), cx));
  m.companies.reserve(companies.size());
  for (std::size_t i = 0; i < companies.size(); ++i)
    m.companies.push_back(read_company(companies[i], at("companies", i), cx));
  m.tasks.reserve(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) m.tasks.push_back(read_task(tasks[i], at("tasks", i), cx));

  check_unique_ids(m);
  std::unordered_map<std::string_view, std::size_t> company;
  company.reserve(m.companies.size());
  for (std::size_t i = 0; i < m.companies.size(); ++i) company.emplace(m.companies[i].id, i);
  for (std::size_t i = 0; i < m.tasks.size(); ++i)
    if (!company.count(m.tasks[i].company))
      throw Error(Errc::invalid_input, at("tasks", i) + ".company", m.tasks[i].company,
                  "the task names a company that is not in the market");
  for (std::size_t i = 0; i < m.citizens.size(); ++i)
    for (std::size_t v = 0; v < m.citizens[i].visited_companies.size(); ++v)
      if (!company.count(m.citizens[i].visited_companies[v]))
        throw Error(Errc::invalid_input, at("citizens", i) + ".visited_companies[" + std::to_string(v) + "]",
                    m.citizens[i].visited_companies[v], "the citizen names a company that is not in the market");
  return m;
}

namespace {
/// One object of a market in a document of its own, read by `read` with its paths rooted at `root`.
template <class Read>
auto read_object(std::string_view text, const ReadOptions& options, std::vector<InputWarning>* warnings,
                 const char* root, Read read) {
  const json doc = parse_document(text, options.max_bytes);
  std::vector<InputWarning> unused;
  const ReadContext cx{options, warnings ? *warnings : unused};
  return read(doc, std::string(root), cx);
}
}  // namespace

Citizen citizen_from_json(std::string_view text, const ReadOptions& options, std::vector<InputWarning>* warnings) {
  return read_object(text, options, warnings, "citizen", read_citizen);
}
Company company_from_json(std::string_view text, const ReadOptions& options, std::vector<InputWarning>* warnings) {
  return read_object(text, options, warnings, "company", read_company);
}
Task task_from_json(std::string_view text, const ReadOptions& options, std::vector<InputWarning>* warnings) {
  return read_object(text, options, warnings, "task", read_task);
}

MatchWeights weights_from_json(std::string_view text, const ReadOptions& options, std::vector<InputWarning>* warnings) {
  const json doc = parse_document(text, options.max_bytes);
  if (!doc.is_object()) invalid("", doc, "a weight set must be a JSON object with \"version\", not " + a_type(doc));
  std::vector<InputWarning> unused;
  const ReadContext cx{options, warnings ? *warnings : unused};
  const MarketFields f(doc, "");
  MatchWeights w;
  const json* version = f.get("version");
  if (!version) throw Error(Errc::invalid_input, "version", "", "missing: a weight set needs its own version");
  if (!version->is_string() || version->get_ref<const std::string&>().empty())
    invalid("version", *version, "must be a non-empty string, not " + a_type(*version));
  w.version = version->get<std::string>();
  if (const json* levels = f.get("wish_by_level")) {
    if (!levels->is_array() || levels->size() != w.wish_by_level.size())
      invalid("wish_by_level", *levels, "must be an array of 5 points, for 0 to 4 shared DISCO digits");
    for (std::size_t i = 0; i < w.wish_by_level.size(); ++i) {
      const std::int32_t v = integer_value(at("wish_by_level", i), (*levels)[i], 0, max_points);
      w.wish_by_level[i] = v;
    }
  }
  for (const auto& field : weight_fields)
    if (field.member) f.integer(field.key, w.*field.member, field.lo, field.hi);
  f.check_unknown(cx);
  if (w.version == default_weights().version && !same_weights(w, default_weights()))
    throw Error(Errc::invalid_input, "version", w.version,
                "these weights differ from the defaults of this version: give them a version of their own");
  return w;
}

std::string to_json(const Market& m, int indent) {
  ojson j;
  ojson citizens = ojson::array(), companies = ojson::array(), tasks = ojson::array();
  for (const auto& c : m.citizens) citizens.push_back(citizen_json(c));
  for (const auto& c : m.companies) companies.push_back(company_json(c));
  for (const auto& t : m.tasks) tasks.push_back(task_json(t));
  j["citizens"] = std::move(citizens);
  j["companies"] = std::move(companies);
  j["tasks"] = std::move(tasks);
  return dump(j, indent);
}

std::string to_json(const MatchWeights& w, int indent) { return dump(weights_json(w), indent); }

ojson result_ojson(const MatchResult& r, const Market& m) {
  ojson j;
  j["weights_version"] = r.weights_version;
  j["mode"] = str(name(r.mode));
  j["optimal"] = r.optimal;
  j["candidates"] = r.candidates;
  j["max_candidates_per_citizen"] = r.max_candidates_per_citizen;  // the bound used; 0: none (exact)
  j["citizens_at_bound"] = r.citizens_at_bound;                    // whose kept candidates reached it
  j["citizens"] = m.citizens.size();
  j["citizens_selected"] = r.selected;  // proposed for: MatchOptions::citizens, or every citizen
  j["citizens_matched"] = r.selected >= r.unmatched.size() ? r.selected - r.unmatched.size() : 0;
  j["total_score"] = r.total_score;
  j["matches"] = matches_json(r.matches, m);
  ojson unmatched = ojson::array();
  for (auto i : r.unmatched) unmatched.push_back(id_at(m.citizens, i, "unmatched"));
  j["unmatched"] = std::move(unmatched);
  j["not_in_market"] = r.not_in_market;
  return j;
}

std::string to_json(const MatchResult& r, const Market& m, int indent) { return dump(result_ojson(r, m), indent); }

std::string to_json(const std::vector<Match>& top, const Market& m, int indent) {
  ojson j;
  j["matches"] = matches_json(top, m);
  return dump(j, indent);
}

namespace {

/// A pair's fields: ids, whether it passes the filters, score, breakdown, rejecting filters.
void add_pair_fields(ojson& j, const PairScore& p, const Market& m) {
  j["citizen"] = id_at(m.citizens, p.citizen, "citizen");
  j["task"] = id_at(m.tasks, p.task, "task");
  j["company"] = m.tasks[static_cast<std::size_t>(p.task)].company;
  j["passes_filters"] = p.rejected.empty();
  j["score"] = p.score();
  j["breakdown"] = breakdown_json(p.breakdown);
  ojson rejected = ojson::array();
  for (const auto& r : p.rejected) {
    ojson rj;
    rj["filter"] = str(name(r.kind));
    rj["text"] = r.text;
    rejected.push_back(std::move(rj));
  }
  j["rejected"] = std::move(rejected);
}

/// A top list's document: the weights' version, what it is of (`about`), and its matches.
std::string top_json(ojson about, const std::vector<Match>& top, const Market& m, const std::string& weights_version,
                     int indent) {
  ojson j;
  j["weights_version"] = weights_version;
  for (auto& [key, value] : about.items()) j[key] = std::move(value);
  j["matches"] = matches_json(top, m);
  return dump(j, indent);
}

}  // namespace

std::string to_json(const PairScore& p, const Market& m, int indent) {
  ojson j;
  add_pair_fields(j, p, m);
  return dump(j, indent);
}

std::string to_json(const PairExplanation& x, const Market& m, int indent) {
  ojson j;
  j["weights_version"] = x.weights_version;
  add_pair_fields(j, x.pair, m);
  j["candidate"] = x.candidate;
  j["reasons"] = x.reasons;
  j["concerns"] = x.concerns;
  return dump(j, indent);
}

std::string top_tasks_json(const Market& m, std::int32_t citizen, const std::vector<Match>& top, std::int32_t k,
                           std::int32_t per_company, const std::string& weights_version, int indent) {
  ojson about;
  about["citizen"] = id_at(m.citizens, citizen, "citizen");
  about["k"] = k;
  about["per_company"] = per_company;
  return top_json(std::move(about), top, m, weights_version, indent);
}

std::string top_citizens_json(const Market& m, std::int32_t task, const std::vector<Match>& top, std::int32_t k,
                              const std::string& weights_version, int indent) {
  ojson about;
  about["task"] = id_at(m.tasks, task, "task");
  about["company"] = m.tasks[static_cast<std::size_t>(task)].company;
  about["k"] = k;
  return top_json(std::move(about), top, m, weights_version, indent);
}

std::string to_json(const std::vector<AuditRow>& rows, int indent) {
  ojson list = ojson::array();
  for (const auto& r : rows) {
    ojson rj;
    rj["group"] = r.group;
    rj["citizens"] = r.citizens;
    rj["matched"] = r.matched;
    rj["rate"] = r.rate;
    rj["mean_score"] = r.mean_score;
    list.push_back(std::move(rj));
  }
  ojson j;
  j["audit"] = std::move(list);
  return dump(j, indent);
}

}  // namespace kanten::inline v1
