// kanten — JSON in and out for bus trips and training tracks (docs/bus-and-training.md). The market part of
// an input is read by market_from_json; this file reads what is added to it and writes the plans.

#include "core/json_out.hpp"
#include "core/json_text.hpp"
#include "match/market_document.hpp"
#include "rules/source_json.hpp"
#include "rules/json_writers.hpp"
#include "match/json_writers.hpp"
#include "programme/json_writers.hpp"
#include "kanten/programme/report.hpp"
#include "kanten/core/version.hpp"
#include "kanten/programme/bus.hpp"
#include "kanten/match/json.hpp"
#include "kanten/programme/training.hpp"

#include <limits>

namespace kanten::inline v1 {

using namespace json_text;

namespace {

/// The date member `key` of `f` (the reader kit, core/json_text.hpp); not-a-date when absent
/// and not `required`.
Date date_member(const Fields& f, const char* key, bool required) {
  const json* v = f.get(key);
  if (!v) {
    if (required) f.fail_at(f.path(key), "", "missing: a date \"YYYY-MM-DD\" is required");
    return Date();
  }
  return f.as_date(f.path(key), *v);
}

/// Calls f(element, path) for every element of the array `arr` at `base`; each must be an object
/// (`what` names one in the error, e.g. "a referral").
template <class F>
void each_object(const json& arr, const std::string& base, const char* what, const F& f) {
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const json& r = arr[i];
    const std::string path = at(base, i);
    if (!r.is_object()) invalid(path, r, std::string(what) + " must be an object, not " + a_type(r));
    f(r, path);
  }
}

json object_document(std::string_view text, const char* what, const ReadOptions& options) {
  json doc = parse_document(text, options.max_bytes);
  if (!doc.is_object()) invalid("", doc, std::string("a ") + what + " must be a JSON object, not " + a_type(doc));
  return doc;
}

ojson range_json(const Range& r) { return ojson::array({r.low, r.high}); }

ojson view_json(const CompanyView& v) {
  ojson j;
  // The documented fields only (kanten/programme/training.hpp, CompanyView); never free text.
  j["company"] = v.company;
  j["task"] = v.task.empty() ? ojson(nullptr) : ojson(v.task);
  j["agreed_tasks"] = v.agreed_tasks;
  j["start"] = date_json(v.start);
  j["end"] = date_json(v.end);
  j["ended"] = v.ended;
  if (v.ended) return j;  // 001, Den svære opfølgning: nothing personal after the course
  j["citizen"] = v.citizen ? ojson(*v.citizen) : ojson(nullptr);
  j["hours_per_week"] = hours_text(v.per_week);
  j["accommodations"] = v.accommodations;
  return j;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

BusRequest bus_request_from_json(std::string_view text, const ReadOptions& options) {
  const json doc = object_document(text, "bus-trip request", options);
  BusRequest req;
  req.market = read_market_document(doc, options, {"citizens", "companies", "tasks", "referrals", "bus"});
  req.warnings = std::move(req.market.warnings);
  req.market.warnings.clear();
  const ReadContext cx{options, req.warnings};
  const json* refs = Fields(doc).array("referrals");
  if (!refs) throw Error(Errc::invalid_input, "referrals", "", "missing: an array of referred citizens is required");
  each_object(*refs, "referrals", "a referral", [&](const json& r, const std::string& path) {
    BusReferral b;
    cx.check_fields(r, path,
                    {"citizen", "activity_ready", "age", "vocational_education", "exempt_from_activity",
                     "caseworker_finds_it_helps"});
    const Fields f(r, path);
    b.citizen = f.id("citizen", "an id is required");
    f.flag("activity_ready", b.activity_ready);
    if (auto age = f.whole("age", 0, 130)) b.age = static_cast<std::int32_t>(*age);
    f.flag("vocational_education", b.vocational_education);
    f.flag("exempt_from_activity", b.exempt_from_activity);
    f.flag("caseworker_finds_it_helps", b.caseworker_finds_it_helps);
    req.referrals.push_back(std::move(b));
  });
  if (const json* bus = Fields(doc).nested("bus")) {
    cx.check_fields(*bus, "bus", {"model", "max_groups", "staff_dkk_per_hour", "invite_first"});
    const Fields f(*bus, "bus");
    if (const json* m = f.get("model")) {
      if (!m->is_string()) invalid("bus.model", *m, "must be a model name, not " + a_type(*m));
      try {
        (void)bus_model(m->get_ref<const std::string&>());
      } catch (const Error&) {  // an unknown model: a fault of this input, at its path
        invalid("bus.model", *m, "unknown bus model (use model-1-guldborgsund or model-2-lolland)");
      }
      req.model = m->get<std::string>();
    }
    if (auto g = f.whole("max_groups", 0, 100'000)) req.options.max_groups = static_cast<std::int32_t>(*g);
    if (auto s = f.whole("staff_dkk_per_hour", 0, max_staff_dkk_per_hour)) req.options.staff_dkk_per_hour = *s;
    if (const json* first = f.array("invite_first"))
      for (std::size_t i = 0; i < first->size(); ++i) {
        const json& e = (*first)[i];
        if (!e.is_string()) invalid(at("bus.invite_first", i), e, "must be a citizen id, not " + a_type(e));
        req.options.invite_first.push_back(e.get<std::string>());
      }
  }
  return req;
}

TrainingInput training_input_from_json(std::string_view text, const ReadOptions& options) {
  const json doc = object_document(text, "training request", options);
  TrainingInput in;
  in.market = read_market_document(doc, options, {"citizens", "companies", "tasks", "training"});
  in.warnings = std::move(in.market.warnings);
  in.market.warnings.clear();
  const ReadContext cx{options, in.warnings};
  std::unordered_map<std::string_view, std::int32_t> citizen;
  for (std::size_t i = 0; i < in.market.citizens.size(); ++i)
    citizen.emplace(in.market.citizens[i].id, static_cast<std::int32_t>(i));
  const json* t = Fields(doc).nested("training");
  if (t) cx.check_fields(*t, "training", {"start", "requests", "ongoing", "citizens_per_mentor"});
  const json empty = json::object();
  const Fields tf(t ? *t : empty, "training");
  const json* reqs = tf.array("requests");
  if (t) in.start = date_member(tf, "start", false);
  // Decision "Citizens per mentor" (docs/decisions.md): 1 unless the request says otherwise.
  if (auto n = tf.whole("citizens_per_mentor", 1, max_citizens_per_mentor))
    in.citizens_per_mentor = static_cast<std::int32_t>(*n);
  if (reqs) {
    std::vector<std::int32_t> request_of(in.market.citizens.size(), -1);
    each_object(*reqs, "training.requests", "a request", [&](const json& r, const std::string& path) {
      TrainingRequest q;
      cx.check_fields(r, path, {"citizen", "weeks"});
      const Fields f(r, path);
      const std::string id = f.id("citizen", "an id is required");
      const auto it = citizen.find(id);
      if (it == citizen.end())
        throw Error(Errc::invalid_input, join(path, "citizen"), id, "no citizen of the market has this id");
      q.citizen = it->second;
      // One citizen, one track: a second request for the same citizen is ambiguous.
      std::int32_t& first = request_of[static_cast<std::size_t>(q.citizen)];
      if (first >= 0)
        throw Error(Errc::invalid_input, join(path, "citizen"), id,
                    "duplicate citizen id: first at " + at("training.requests", static_cast<std::size_t>(first)));
      first = static_cast<std::int32_t>(in.requests.size());
      if (auto w = f.whole("weeks", 1, max_track_weeks)) q.weeks = static_cast<std::int32_t>(*w);
      in.requests.push_back(q);
    });
  } else {
    for (std::size_t i = 0; i < in.market.citizens.size(); ++i) in.requests.push_back({static_cast<std::int32_t>(i), 13});
  }
  if (const json* on = tf.array("ongoing"))
    each_object(*on, "training.ongoing", "a track", [&](const json& r, const std::string& path) {
      TrainingTrack tr;
      cx.check_fields(r, path, {"citizen", "company", "task", "start", "end"});
      const Fields f(r, path);
      tr.citizen = f.id("citizen", "an id is required");
      tr.company = f.id("company", "an id is required");
      if (f.get("task")) tr.task = f.id("task", "an id is required");
      tr.start = date_member(f, "start", true);
      tr.end = date_member(f, "end", true);
      if (tr.end < tr.start)
        throw Error(Errc::invalid_input, join(path, "end"), iso(tr.end), "before the track's start");
      in.ongoing.push_back(std::move(tr));
    });
  return in;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

ojson bus_plan_ojson(const BusPlan& plan, const Market& m, std::span<const BusReferral> referrals,
                     std::span<const InputWarning> warnings) {
  ojson j;
  j["model"] = plan.model;
  j["weights_version"] = plan.weights_version;
  ojson groups = ojson::array();
  for (const auto& g : plan.groups) {
    ojson gj;
    ojson ps = ojson::array();
    for (const auto& p : g.participants) {
      ojson pj;
      pj["citizen"] = m.citizens.at(static_cast<std::size_t>(p.citizen)).id;
      pj["best_company"] = p.best_company >= 0 ? ojson(m.companies.at(static_cast<std::size_t>(p.best_company)).id) : ojson(nullptr);
      pj["best_task"] = p.best_task >= 0 ? ojson(m.tasks.at(static_cast<std::size_t>(p.best_task)).id) : ojson(nullptr);
      pj["score"] = p.score;
      pj["reason"] = p.reason;
      pj["invited_again"] = p.invited_again;
      ps.push_back(std::move(pj));
    }
    ojson trips = ojson::array();
    for (const auto& t : g.trips) {
      ojson tj;
      tj["start"] = hours_text(t.start);
      tj["end"] = hours_text(t.end);
      ojson vs = ojson::array();
      for (const auto& v : t.visits) {
        ojson vj;
        vj["company"] = m.companies.at(static_cast<std::size_t>(v.company)).id;
        vj["fitting_participants"] = v.fitting_participants;
        vj["reasons"] = v.reasons;
        vs.push_back(std::move(vj));
      }
      tj["visits"] = std::move(vs);
      ojson cj;
      cj["bus_dkk"] = range_json(t.cost.bus_dkk);
      cj["food_dkk"] = range_json(t.cost.food_dkk);
      cj["planning_staff_minutes"] = range_json(t.cost.planning_staff_minutes);
      cj["running_staff_minutes"] = range_json(t.cost.running_staff_minutes);
      cj["staff"] = range_json(t.cost.staff);
      cj["total_dkk"] = range_json(t.cost.total_dkk);
      tj["cost"] = std::move(cj);
      trips.push_back(std::move(tj));
    }
    gj["participants"] = std::move(ps);
    gj["trips"] = std::move(trips);
    groups.push_back(std::move(gj));
  }
  j["groups"] = std::move(groups);
  ojson el = ojson::array();
  for (std::size_t r = 0; r < plan.eligibility.size(); ++r) {
    const auto& a = plan.eligibility[r];
    ojson aj;
    aj["citizen"] = r < referrals.size() ? ojson(referrals[r].citizen) : ojson(nullptr);
    aj["answer"] = str(name(a.answer));
    aj["category"] = str(name(a.category));
    aj["reason"] = a.reason;
    aj["source"] = source_json(a.source, false);
    el.push_back(std::move(aj));
  }
  j["eligibility"] = std::move(el);
  ojson lo = ojson::array();
  for (const auto& l : plan.left_out) {
    ojson lj;
    lj["citizen"] = l.referral >= 0 && static_cast<std::size_t>(l.referral) < referrals.size()
                        ? ojson(referrals[static_cast<std::size_t>(l.referral)].citizen)
                        : ojson(nullptr);
    lj["reason"] = l.reason;
    lo.push_back(std::move(lj));
  }
  j["left_out"] = std::move(lo);
  ojson q = ojson::array();
  for (std::int32_t k : plan.qualifying_companies) q.push_back(m.companies.at(static_cast<std::size_t>(k)).id);
  j["qualifying_companies"] = std::move(q);
  j["notes"] = plan.notes;
  if (!warnings.empty()) j["input_warnings"] = warnings_json({warnings.begin(), warnings.end()});
  return j;
}

std::string to_json(const BusPlan& plan, const Market& m, std::span<const BusReferral> referrals, int indent,
                    std::span<const InputWarning> warnings) {
  return dump(bus_plan_ojson(plan, m, referrals, warnings), indent);
}

std::string to_json(const Attendance& a, int indent) {
  ojson j;
  j["came"] = a.came;
  j["invite_next"] = a.invite_next;
  ojson vs = ojson::array();
  for (const auto& v : a.visits) {
    ojson vj;
    vj["citizen"] = v.citizen;
    vj["company"] = v.company;
    vj["date"] = date_json(v.date);
    vs.push_back(std::move(vj));
  }
  j["visits"] = std::move(vs);
  j["not_participants"] = a.not_participants;
  return dump(j, indent);
}

std::string to_json(const CompanyView& v, int indent) { return dump(view_json(v), indent); }

std::string to_json(const TrainingPlan& p, const Market& m, int indent, std::span<const InputWarning> warnings) {
  ojson j;
  ojson tracks = ojson::array();
  for (const auto& t : p.tracks) {
    ojson tj;
    tj["citizen"] = t.citizen;
    tj["company"] = t.company;
    tj["task"] = t.task;
    tj["start"] = date_json(t.start);
    tj["end"] = date_json(t.end);
    tj["weeks"] = t.weeks;
    tj["hours_per_week"] = hours_text(t.per_week);
    ojson hs = ojson::array();
    for (Health h : t.health) hs.push_back(str(name(h)));
    tj["health"] = std::move(hs);
    tj["reasons"] = t.reasons;
    tj["company_view"] = view_json(company_view(t, t.start));
    tracks.push_back(std::move(tj));
  }
  j["tracks"] = std::move(tracks);
  ojson un = ojson::array();
  for (const auto& u : p.unplaced) {
    ojson uj;
    uj["citizen"] = m.citizens.at(static_cast<std::size_t>(u.citizen)).id;
    uj["reason"] = u.reason;
    un.push_back(std::move(uj));
  }
  j["unplaced"] = std::move(un);
  ojson ml = ojson::array();
  for (const auto& l : p.mentors) {
    if (l.mentors == 0) continue;
    ojson lj;
    lj["company"] = m.companies.at(static_cast<std::size_t>(l.company)).id;
    lj["mentors"] = l.mentors;
    lj["citizens_per_mentor"] = l.citizens_per_mentor;
    lj["busy"] = l.busy;
    lj["free"] = l.free();
    ml.push_back(std::move(lj));
  }
  j["mentors"] = std::move(ml);
  if (!warnings.empty()) j["input_warnings"] = warnings_json({warnings.begin(), warnings.end()});
  return dump(j, indent);
}

std::string to_json(const TripCost& c, std::int32_t participants, int indent) {
  ojson j;
  j["participants"] = participants;
  j["bus_dkk"] = range_json(c.bus_dkk);
  j["food_dkk"] = range_json(c.food_dkk);
  j["planning_staff_minutes"] = range_json(c.planning_staff_minutes);
  j["running_staff_minutes"] = range_json(c.running_staff_minutes);
  j["staff"] = range_json(c.staff);
  j["total_dkk"] = range_json(c.total_dkk);
  j["source"] = source_json(sources::bus_costs, false);
  return dump(j, indent);
}

std::string to_json(const RouteAnswer& r, int indent) {
  ojson j;
  j["route"] = str(name(r.route));
  j["private_employer_focus"] = r.private_employer_focus;
  j["reason"] = r.reason;
  j["source"] = source_json(r.source, false);
  return dump(j, indent);
}

namespace {

ojson tally_json(const Tally& t) {
  ojson j = ojson::object();
  for (const auto& [n, count] : by_count(t)) j[n] = count;
  return j;
}

ojson summary_json(const CaseloadSummary& s) {
  ojson j;
  j["citizens"] = s.citizens;
  j["events"] = s.events;
  j["events_unreadable"] = s.events_unreadable;
  j["events_applied"] = s.events_applied;
  j["events_after_as_of"] = s.events_after_as_of;
  j["target_group"] = {{"members", s.members},
                       {"outside", s.citizens - s.members},
                       {"reasons", tally_json(s.target_group_reasons)}};
  ojson steps = ojson::object();
  for (std::size_t i = 0; i < step_count; ++i) steps[str(name(static_cast<Step>(i)))] = s.steps[i];
  j["steps"] = std::move(steps);
  j["thirty_hours_pending"] = s.thirty_hours_pending;
  std::size_t exits = 0, not_applied = 0, violations = 0;
  for (const auto& [n, c] : s.exits) exits += c;
  for (const auto& [n, c] : s.not_applied) not_applied += c;
  for (const auto& [n, c] : s.violations) violations += c;
  j["exits"] = {{"total", exits}, {"by_step", tally_json(s.exits)}, {"by_rule", tally_json(s.exit_rules)}};
  j["not_applied"] = {{"total", not_applied}, {"by_reason", tally_json(s.not_applied)}};
  j["violations"] = {{"total", violations}, {"by_rule", tally_json(s.violations)}};
  j["alerts"] = tally_json(s.alerts);
  return j;
}

}  // namespace

std::string to_json(const CaseloadReport& r, const Market& market, int indent) {
  check_indent(indent);
  ojson gen;
  gen["citizens"] = r.options.generated_citizens;
  gen["seed"] = r.options.seed;
  gen["start"] = iso(r.options.start);
  gen["months"] = r.options.months;
  ojson summary = summary_json(r.summary);
  const CaseloadSummary& s = r.summary;
  summary["followup"] = {{"citizens", s.followup_citizens},
                         {"in_followup_year", s.in_followup_year},
                         {"breached_months", s.breached_months},
                         {"citizens_with_breach", s.citizens_with_breach},
                         {"worklist", r.worklist.size()}};
  summary["sanctions"] = {{"failures", s.failures},
                          {"by_status", tally_json(s.sanction_status)},
                          {"not_eligible_because", tally_json(s.not_eligible_because)},
                          {"undecided_wait_for", tally_json(s.undecided_wait_for)}};
  ojson bus = bus_plan_ojson(r.bus, market, r.referrals, {});
  bus["assumption"] = r.bus_assumption;
  // Written as text: the worklist and the evaluations by the rules' own writers (one per citizen,
  // the bulk of the report), the rest printed from its values.
  std::string out;
  JsonOut w(out, indent);
  w.begin_object();
  w.key("kanten").value(version_string);
  w.key("rule_set").value(r.rule_set);
  w.key("as_of").value(iso(r.as_of));
  w.key("generator").json_value(gen);
  w.key("summary").json_value(summary);
  append_worklist_json(out, r.worklist, r.as_of, indent, w.key("worklist").raw_value());
  w.key("evaluations").begin_array();
  for (const auto& e : r.evaluations) append_evaluation_json(out, e, indent, w.raw_value());
  w.end_array();
  w.key("matching").json_value(result_ojson(r.matching, r.trin2));
  w.key("programme").json_value(figures_ojson(r.figures));
  w.key("bus_trips").json_value(bus);
  w.end_object();
  w.flush();
  return out;
}

}  // namespace kanten::inline v1
