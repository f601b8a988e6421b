// python/src/bind_rules.cpp — kanten's rules in kanten._kanten: the caseload (JSON and
// DataFrames: frames.cpp), evaluations and their tables, sanction answers, the step model and
// its vocabularies, and the benchmark's C++ side. Conventions: bind_core.cpp.
#include "caseload.hpp"

#include "kanten/kanten.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace kanten_py {

CaseloadPtr make_caseload(k::Caseload load) {
  auto d = std::make_shared<CaseloadData>();
  d->load = std::move(load);
  return d;
}

py::list exit_categories() {
  py::list exits;
  for (std::size_t s = 0; s < k::enum_size<k::Step>; ++s)
    if (k::is_exit(static_cast<k::Step>(s))) exits.append(str_of(k::name(static_cast<k::Step>(s))));
  return exits;
}

k::EvaluateOptions evaluate_options(const std::string& as_of, std::optional<std::int64_t> daily_rate) {
  if (daily_rate && *daily_rate < 0)
    throw k::Error(k::Errc::invalid_argument, "daily_rate", std::to_string(*daily_rate), "must be zero or more (øre per day)");
  k::EvaluateOptions o;
  o.as_of = parse_date_arg(as_of, "as_of");
  o.daily_rate = daily_rate;
  return o;
}

namespace {

/// One alert threshold as the library takes it: an int, or nullopt. A value beyond int (the
/// package refuses it first) is refused here too, with the library's field name and range.
std::optional<int> alert_threshold(const std::optional<std::int64_t>& v, const char* field, int most, const char* unit) {
  if (!v) return std::nullopt;
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
    throw k::Error(k::Errc::invalid_argument, field, std::to_string(*v),
                   std::string("out of range: from 1 to ") + std::to_string(most) + " " + unit);
  return static_cast<int>(*v);
}

}  // namespace

k::AlertOptions alert_options(std::optional<std::int64_t> inactive_days, std::optional<std::int64_t> trin2_days,
                              std::optional<std::int64_t> stagnation_months) {
  k::AlertOptions a;
  a.inactive_days = alert_threshold(inactive_days, "alerts.inactive_days", k::max_alert_days, "days");
  a.trin2_days = alert_threshold(trin2_days, "alerts.trin2_days", k::max_alert_days, "days");
  a.stagnation_months = alert_threshold(stagnation_months, "alerts.stagnation_months", k::max_alert_months, "months");
  k::check_alert_options(a);  // the library's ranges, checked even for an empty caseload
  return a;
}

namespace {

/// A caseload from JSON text: {"cases": [...]}, a bare array of cases, or one case object.
k::Caseload read_caseload_text(std::string_view text, bool strict) {
  bool single = false;
  k::ReadOptions o;
  o.strict = strict;
  return k::cases_from_json(text, single, o);
}

/// Every input warning of a caseload (the document's, then each case's), as (field, message)
/// pairs: what the readers read but did not use, e.g. an unknown field.
py::list caseload_warnings(const CaseloadData& d) {
  py::list out;
  auto add = [&](const k::InputWarning& w) { out.append(py::make_tuple(w.field, w.message)); };
  for (const auto& w : d.load.warnings) add(w);
  for (const auto& c : d.load.cases)
    for (const auto& w : c.warnings) add(w);
  return out;
}

py::array citizen_ids(const CaseloadData& d) {
  ObjOut out(d.load.cases.size());
  for (std::size_t i = 0; i < d.load.cases.size(); ++i) out.set(i, d.load.cases[i].citizen);
  return out.array;
}

/// Categories of a vocabulary enum, in enum order.

/// Input events the reader could not read: citizen, index, row, field, value, reason.
py::dict rejected_columns(const CaseloadData& d) {
  std::size_t n = 0;
  for (const auto& c : d.load.cases) n += c.rejected.size();
  ObjOut citizen(n), field(n), value(n), reason(n);
  Out<std::int64_t> idx(n), row(n);
  Out<bool> no_row(n);
  std::size_t r = 0;
  for (std::size_t c = 0; c < d.load.cases.size(); ++c) {
    py::str id = str_of(d.load.cases[c].citizen);
    for (const auto& x : d.load.cases[c].rejected) {
      citizen.set(r, id);
      idx.data[r] = static_cast<std::int64_t>(x.index);
      row.data[r] = d.row_of_input(c, x.index);
      no_row.data[r] = row.data[r] < 0;
      field.set(r, x.field);
      value.set(r, x.value);
      reason.set(r, x.reason);
      ++r;
    }
  }
  py::dict cols;
  cols["citizen"] = citizen.array;
  cols["index"] = idx.array;
  cols["row"] = nullable_int(row.array, no_row.array);
  cols["field"] = field.array;
  cols["value"] = value.array;
  cols["reason"] = reason.array;
  return cols;
}

// ---------------------------------------------------------------------------------------------
// Pickling: a caseload as its JSON text and what the JSON does not hold
// ---------------------------------------------------------------------------------------------

/// The version of the pickled states below; a state of another version is refused.
constexpr int pickle_version = 1;

/// An error for a pickled state that is not one of ours (named by its class, never shown).
k::Error bad_state(const char* cls) {
  return k::Error(k::Errc::invalid_input, "state", "",
                  std::string("not a pickled ") + cls + " of this version of kanten (" + k::version_string + ")");
}

/// The pickled state of a caseload: ("kanten.Caseload", version, the cases as compact JSON
/// (what to_json writes), the document's input warnings, for each case that has any
/// (position, rejected input events, input warnings), and the DataFrame row of every input
/// event (one flat int64 array and each case's count; both empty when not read from frames)).
/// The parts beside the JSON are what to_json leaves out; kept, every evaluation of the
/// unpickled caseload reports the same not_applied, index and row.
py::tuple caseload_state(const CaseloadData& d) {
  std::string text;
  {
    py::gil_scoped_release release;
    text = k::to_json(d.load, -1);
  }
  auto warnings = [](const std::vector<k::InputWarning>& ws) {
    py::list out;
    for (const auto& w : ws) out.append(py::make_tuple(w.field, w.message));
    return out;
  };
  py::list cases;
  for (std::size_t c = 0; c < d.load.cases.size(); ++c) {
    const auto& x = d.load.cases[c];
    if (x.rejected.empty() && x.warnings.empty()) continue;
    py::list rejected;
    for (const auto& r : x.rejected)
      rejected.append(py::make_tuple(r.index, r.field, r.value, r.reason,
                                     r.date.is_special() ? py::object(py::none()) : py::object(py::str(k::iso(r.date))),
                                     r.kind ? py::object(str_of(k::name(*r.kind))) : py::object(py::none())));
    cases.append(py::make_tuple(c, rejected, warnings(x.warnings)));
  }
  std::size_t total = 0;
  for (const auto& rows : d.input_rows) total += rows.size();
  Out<std::int64_t> rows(total), counts(d.input_rows.size());
  std::size_t r = 0;
  for (std::size_t c = 0; c < d.input_rows.size(); ++c) {
    counts.data[c] = static_cast<std::int64_t>(d.input_rows[c].size());
    for (const auto v : d.input_rows[c]) rows.data[r++] = v;
  }
  return py::make_tuple("kanten.Caseload", pickle_version, py::bytes(text), warnings(d.load.warnings), cases,
                        rows.array, counts.array);
}

/// A caseload from its pickled state (caseload_state); kanten::Error naming "state" when the
/// state is not one.
CaseloadPtr caseload_from_state(const py::tuple& t) {
  constexpr const char* cls = "kanten.Caseload";
  try {
    if (t.size() != 7 || t[0].cast<std::string>() != cls || t[1].cast<int>() != pickle_version) throw bad_state(cls);
    const auto text = t[2].cast<std::string>();
    auto read_warnings = [](const py::handle& ws) {
      std::vector<k::InputWarning> out;
      for (auto w : ws) {
        auto pair = w.cast<py::tuple>();
        out.push_back({pair[0].cast<std::string>(), pair[1].cast<std::string>()});
      }
      return out;
    };
    k::Caseload load;
    {
      py::gil_scoped_release release;  // the case reader: its fast path reads kanten's own JSON several times faster
      auto reader = k::CaseReader::from_text(text, k::Format::json);
      k::Case c;
      while (reader.next(c)) load.cases.push_back(std::move(c));
    }
    load.warnings = read_warnings(t[3]);
    for (auto item : t[4]) {
      auto x = item.cast<py::tuple>();
      const auto c = x[0].cast<std::size_t>();
      if (c >= load.cases.size()) throw bad_state(cls);
      auto& case_ = load.cases[c];
      for (auto r : x[1]) {
        auto f = r.cast<py::tuple>();
        k::InputIssue issue;
        issue.index = f[0].cast<std::size_t>();
        issue.field = f[1].cast<std::string>();
        issue.value = f[2].cast<std::string>();
        issue.reason = f[3].cast<std::string>();
        if (!f[4].is_none()) {
          auto date = k::parse_date(f[4].cast<std::string>());
          if (!date) throw bad_state(cls);
          issue.date = *date;
        }
        if (!f[5].is_none()) {
          k::EventKind kind{};
          if (!k::parse_name(f[5].cast<std::string>(), kind)) throw bad_state(cls);
          issue.kind = kind;
        }
        case_.rejected.push_back(std::move(issue));
      }
      case_.warnings = read_warnings(x[2]);
    }
    auto d = make_caseload(std::move(load));
    const auto rows = t[5].cast<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>();
    const auto counts = t[6].cast<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>>();
    if (counts.size() != 0) {
      if (static_cast<std::size_t>(counts.size()) != d->load.cases.size()) throw bad_state(cls);
      std::size_t r = 0;
      d->input_rows.resize(d->load.cases.size());
      for (std::size_t c = 0; c < d->input_rows.size(); ++c) {
        const auto n = counts.at(static_cast<py::ssize_t>(c));
        if (n < 0 || r + static_cast<std::size_t>(n) > static_cast<std::size_t>(rows.size())) throw bad_state(cls);
        d->input_rows[c].assign(rows.data() + r, rows.data() + r + n);
        r += static_cast<std::size_t>(n);
      }
    }
    return d;
  } catch (const py::cast_error&) {
    throw bad_state(cls);
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluations: evaluate_all's results, and their tables
// ---------------------------------------------------------------------------------------------

struct Evaluations {
  CaseloadPtr caseload;
  k::Date as_of;
  std::optional<std::int64_t> daily_rate;
  k::AlertOptions alerts;  ///< the caller's alert thresholds the evaluations were made with
  std::vector<k::Evaluation> results;

  [[nodiscard]] std::size_t index_of(const std::string& citizen) const {
    for (std::size_t i = 0; i < results.size(); ++i)
      if (results[i].citizen == citizen) return i;
    throw k::Error(k::Errc::invalid_argument, "citizen", citizen, "no case of the caseload has this citizen id");
  }
};
using EvaluationsPtr = std::shared_ptr<Evaluations>;

}  // namespace
}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::Evaluations)

namespace kanten_py {
namespace {

EvaluationsPtr evaluate(CaseloadPtr load, const std::string& as_of, std::optional<std::int64_t> daily_rate,
                        std::optional<std::int64_t> inactive_days, std::optional<std::int64_t> trin2_days,
                        std::optional<std::int64_t> stagnation_months) {
  auto opts = evaluate_options(as_of, daily_rate);
  opts.alerts = alert_options(inactive_days, trin2_days, stagnation_months);
  auto out = std::make_shared<Evaluations>();
  out->caseload = std::move(load);
  out->as_of = opts.as_of;
  out->daily_rate = daily_rate;
  out->alerts = opts.alerts;
  {
    py::gil_scoped_release release;
    out->results = k::evaluate_all(out->caseload->load, opts);
  }
  return out;
}

/// One citizen id object per evaluation, shared by every table's rows.
std::vector<py::str> citizen_objects(const Evaluations& ev) {
  std::vector<py::str> ids;
  ids.reserve(ev.results.size());
  for (const auto& e : ev.results) ids.push_back(str_of(e.citizen));
  return ids;
}

py::dict summary_columns(const Evaluations& ev) {
  const auto& rs = ev.results;
  const std::size_t n = rs.size();
  ObjOut citizen(n), missing(n), breached_months(n), jobformidler(n);
  Out<bool> member(n), pending(n), applies(n), due(n);
  Out<std::int8_t> step(n), exit(n), exit_from(n);
  DateOut since(n), exit_date(n), fstart(n), deadline(n), last_contact(n), inactive_since(n), jf_since(n);
  Out<std::int64_t> this_month(n), breaches(n), failures(n), undecided(n), eligible(n), violations(n), not_applied(n);
  Out<std::int64_t> in_trin3_this_month(n), jf_changes(n), jf_days(n), trin2_days(n), trin2_total(n), agreements(n),
      alerts(n);
  Out<std::int64_t> ordinary(n), internship(n), applied(n), after(n);
  Out<std::int64_t> rejected(n);

  // Shared name objects: one per vocabulary value.
  std::vector<py::str> missing_names;
  for (std::size_t i = 0; i < k::enum_size<k::Missing>; ++i) missing_names.push_back(str_of(k::name(static_cast<k::Missing>(i))));
  py::tuple empty(0);
  std::unordered_map<std::int32_t, py::str> month_names;
  auto month_name = [&](k::YearMonth m) -> py::str& {
    auto it = month_names.find(m.index);
    if (it == month_names.end()) it = month_names.emplace(m.index, str_of(m.str())).first;
    return it->second;
  };

  for (std::size_t i = 0; i < n; ++i) {
    const auto& e = rs[i];
    citizen.set(i, e.citizen);
    member.data[i] = e.target_group.member;
    step.data[i] = static_cast<std::int8_t>(e.step);
    since.set(i, e.since);
    if (const auto* x = e.exit()) {
      exit.data[i] = exit_code(x->to);
      exit_from.data[i] = static_cast<std::int8_t>(x->from);
      exit_date.set(i, x->date);
    } else {
      exit.data[i] = -1;
      exit_from.data[i] = -1;
      exit_date.data[i] = nat;
    }
    if (e.missing.empty()) {
      missing.set(i, empty);
    } else {
      py::tuple t(e.missing.size());
      for (std::size_t j = 0; j < e.missing.size(); ++j) t[j] = missing_names[static_cast<std::size_t>(e.missing[j])];
      missing.set(i, t);
    }
    this_month.data[i] = e.ordinary_this_month;
    pending.data[i] = e.thirty_hours_pending;
    std::int64_t o = 0, in = 0;
    for (const auto& h : e.hours) {
      o += h.ordinary;
      in += h.internship;
    }
    ordinary.data[i] = o;
    internship.data[i] = in;
    const auto& f = e.followup;
    applies.data[i] = f.applies;
    fstart.set(i, f.applies ? f.start : k::Date());
    breaches.data[i] = static_cast<std::int64_t>(f.breached.size());
    if (f.breached.empty()) {
      breached_months.set(i, empty);
    } else {
      py::tuple t(f.breached.size());
      for (std::size_t j = 0; j < f.breached.size(); ++j) t[j] = month_name(f.breached[j]);
      breached_months.set(i, t);
    }
    due.data[i] = f.due_this_month;
    deadline.set(i, f.deadline);
    last_contact.set(i, f.last_contact);
    inactive_since.set(i, e.inactive_since);
    in_trin3_this_month.data[i] = e.ordinary_in_trin3_this_month;
    if (e.jobformidler.current.empty()) jobformidler.none(i); else jobformidler.set(i, e.jobformidler.current);
    jf_since.set(i, e.jobformidler.since);
    jf_changes.data[i] = static_cast<std::int64_t>(e.jobformidler.changes);
    jf_days.data[i] = e.jobformidler.days_with_current;
    trin2_days.data[i] = e.days_in_trin2;
    trin2_total.data[i] = e.total_days_in_trin2;
    agreements.data[i] = static_cast<std::int64_t>(e.agreements.size());
    alerts.data[i] = static_cast<std::int64_t>(e.alerts.size());
    failures.data[i] = static_cast<std::int64_t>(e.sanctions.size());
    std::int32_t u = 0, el = 0;
    for (const auto& s : e.sanctions) {
      u += s.status == k::SanctionStatus::undecided;
      el += s.status == k::SanctionStatus::eligible;
    }
    undecided.data[i] = u;
    eligible.data[i] = el;
    violations.data[i] = static_cast<std::int64_t>(e.violations.size());
    not_applied.data[i] = static_cast<std::int64_t>(e.not_applied.size());
    applied.data[i] = static_cast<std::int64_t>(e.events_applied);
    after.data[i] = static_cast<std::int64_t>(e.events_after_as_of);
    rejected.data[i] = i < ev.caseload->load.cases.size() ? static_cast<std::int64_t>(ev.caseload->load.cases[i].rejected.size()) : 0;
  }

  py::dict c;
  c["citizen"] = citizen.array;
  c["target_group"] = member.array;
  c["step"] = categorical<k::Step>(step.array);
  c["since"] = since.array;
  c["missing"] = missing.array;
  c["exit"] = py::make_tuple("category", exit.array, exit_categories());
  c["exit_date"] = exit_date.array;
  c["exit_from"] = categorical<k::Step>(exit_from.array);
  c["ordinary_this_month"] = this_month.array;
  c["thirty_hours_pending"] = pending.array;
  c["ordinary_in_trin3_this_month"] = in_trin3_this_month.array;
  c["ordinary_minutes"] = ordinary.array;
  c["internship_minutes"] = internship.array;
  c["followup"] = applies.array;
  c["followup_start"] = fstart.array;
  c["breaches"] = breaches.array;
  c["breached_months"] = breached_months.array;
  c["due_this_month"] = due.array;
  c["deadline"] = deadline.array;
  c["last_contact"] = last_contact.array;
  c["inactive_since"] = inactive_since.array;
  c["jobformidler"] = jobformidler.array;
  c["jobformidler_since"] = jf_since.array;
  c["jobformidler_changes"] = jf_changes.array;
  c["days_with_jobformidler"] = jf_days.array;
  c["days_in_trin2"] = trin2_days.array;
  c["total_days_in_trin2"] = trin2_total.array;
  c["agreements"] = agreements.array;
  c["alerts"] = alerts.array;
  c["sanction_failures"] = failures.array;
  c["sanctions_undecided"] = undecided.array;
  c["sanctions_eligible"] = eligible.array;
  c["violations"] = violations.array;
  c["not_applied"] = not_applied.array;
  c["events_applied"] = applied.array;
  c["events_after_as_of"] = after.array;
  return c;
}

py::dict hours_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.hours.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n);
  Out<std::int64_t> month(n);
  Out<std::int64_t> ordinary(n), internship(n), in_trin3(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& h : ev.results[i].hours) {
      citizen.set(r, ids[i]);
      month.data[r] = period_ordinal(h.month);
      ordinary.data[r] = h.ordinary;
      internship.data[r] = h.internship;
      in_trin3.data[r] = h.ordinary_in_trin3;
      ++r;
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["month"] = py::make_tuple("period", month.array);
  c["ordinary_minutes"] = ordinary.array;
  c["internship_minutes"] = internship.array;
  c["ordinary_in_trin3_minutes"] = in_trin3.array;
  return c;
}

py::dict breach_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.followup.breached.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n);
  Out<std::int64_t> month(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (auto m : ev.results[i].followup.breached) {
      citizen.set(r, ids[i]);
      month.data[r++] = period_ordinal(m);
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["month"] = py::make_tuple("period", month.array);
  return c;
}

py::dict history_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.history.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), rule(n);
  DateOut date(n);
  Out<std::int8_t> from(n), to(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& h : ev.results[i].history) {
      citizen.set(r, ids[i]);
      date.set(r, h.date);
      from.data[r] = static_cast<std::int8_t>(h.from);
      to.data[r] = static_cast<std::int8_t>(h.to);
      rule.set(r, h.transition ? h.transition->rule : std::string_view{});
      ++r;
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["date"] = date.array;
  c["from"] = categorical<k::Step>(from.array);
  c["to"] = categorical<k::Step>(to.array);
  c["rule"] = rule.array;
  return c;
}

py::dict not_applied_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.not_applied.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), field(n), value(n), detail(n), text(n);
  Out<std::int64_t> idx(n), row(n);
  Out<bool> no_row(n);
  DateOut date(n), related(n);
  Out<std::int8_t> kind(n), reason(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& x : ev.results[i].not_applied) {
      citizen.set(r, ids[i]);
      idx.data[r] = static_cast<std::int64_t>(x.index);
      row.data[r] = ev.caseload->row_of_input(i, x.index);
      no_row.data[r] = row.data[r] < 0;
      date.set(r, x.date);
      kind.data[r] = x.kind ? static_cast<std::int8_t>(*x.kind) : std::int8_t{-1};
      reason.data[r] = static_cast<std::int8_t>(x.reason);
      related.set(r, x.related);
      field.set(r, x.field);
      value.set(r, x.value);
      detail.set(r, x.detail);
      text.set(r, k::describe(x));
      ++r;
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["index"] = idx.array;
  c["row"] = nullable_int(row.array, no_row.array);
  c["date"] = date.array;
  c["kind"] = categorical<k::EventKind>(kind.array);
  c["reason"] = categorical<k::NotAppliedReason>(reason.array);
  c["related"] = related.array;
  c["field"] = field.array;
  c["value"] = value.array;
  c["detail"] = detail.array;
  c["text"] = text.array;
  return c;
}

py::dict violation_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.violations.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), rule(n), text(n);
  Out<std::int64_t> idx(n);
  DateOut date(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& v : ev.results[i].violations) {
      citizen.set(r, ids[i]);
      idx.data[r] = static_cast<std::int64_t>(v.index);
      date.set(r, v.date);
      rule.set(r, v.rule);
      text.set(r, v.text);
      ++r;
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["index"] = idx.array;
  c["date"] = date.array;
  c["rule"] = rule.array;
  c["text"] = text.array;
  return c;
}

py::dict sanction_columns(const Evaluations& ev) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += e.sanctions.size();
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), failure_id(n), reasons(n), pending(n), pending_text(n), excluded_by(n);
  Out<std::int8_t> failure(n), status(n);
  DateOut date(n);
  Out<std::int64_t> days(n);
  Out<std::int64_t> rate(n), deduction(n);
  Out<bool> no_rate(n), no_deduction(n);
  auto rule_of = [](const k::SanctionReason& s) -> std::string_view { return s.rule; };
  auto text_of = [](const k::SanctionReason& s) -> std::string_view { return s.text; };
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& a : ev.results[i].sanctions) {
      citizen.set(r, ids[i]);
      failure_id.set(r, a.failure_id);
      failure.data[r] = static_cast<std::int8_t>(a.failure);
      date.set(r, a.failure_date);
      status.data[r] = static_cast<std::int8_t>(a.status);
      reasons.set(r, tuple_of(a.reasons, rule_of));
      pending.set(r, tuple_of(a.pending, rule_of));
      pending_text.set(r, tuple_of(a.pending, text_of));
      if (a.excluded_by) excluded_by.set(r, a.excluded_by->rule); else excluded_by.none(r);
      days.data[r] = a.deduction_days;
      rate.data[r] = a.daily_rate.value_or(0);
      no_rate.data[r] = !a.daily_rate;
      deduction.data[r] = a.deduction.value_or(0);
      no_deduction.data[r] = !a.deduction;
      ++r;
    }
  py::dict c;
  c["citizen"] = citizen.array;
  c["failure_id"] = failure_id.array;
  c["failure"] = categorical<k::FailureKind>(failure.array);
  c["failure_date"] = date.array;
  c["status"] = categorical<k::SanctionStatus>(status.array);
  c["reasons"] = reasons.array;
  c["pending"] = pending.array;
  c["pending_text"] = pending_text.array;
  c["excluded_by"] = excluded_by.array;
  c["deduction_days"] = days.array;
  c["daily_rate"] = nullable_int(rate.array, no_rate.array);
  c["deduction"] = nullable_int(deduction.array, no_deduction.array);
  return c;
}

/// A tuple of vocabulary names, one per value (shared name objects).
template <class Enum>
struct NameTuples {
  std::vector<py::str> names;
  py::tuple empty{0};
  NameTuples() {
    for (std::size_t i = 0; i < k::enum_size<Enum>; ++i) names.push_back(str_of(k::name(static_cast<Enum>(i))));
  }
  template <class Range, class F>
  py::tuple operator()(const Range& r, F&& value_of) const {
    if (r.empty()) return empty;
    py::tuple t(r.size());
    std::size_t j = 0;
    for (const auto& x : r) t[j++] = names[static_cast<std::size_t>(value_of(x))];
    return t;
  }
  template <class Range>
  py::tuple operator()(const Range& r) const {
    return (*this)(r, [](Enum e) { return e; });
  }
};

/// Rows of a table with one row per element of an Evaluation's `member`, over every evaluation:
/// their number, and each row with its index and its citizen's position.
template <class T>
std::size_t row_count(const Evaluations& ev, std::vector<T> k::Evaluation::*member) {
  std::size_t n = 0;
  for (const auto& e : ev.results) n += (e.*member).size();
  return n;
}
template <class T, class F>
void each_row(const Evaluations& ev, std::vector<T> k::Evaluation::*member, F&& row) {
  std::size_t r = 0;
  for (std::size_t i = 0; i < ev.results.size(); ++i)
    for (const auto& x : ev.results[i].*member) row(r++, i, x);
}

/// The profile and KE3 membership over time: one row per period, oldest first.
py::dict profile_period_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::profile_periods);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), reasons(n);
  DateOut from(n);
  Out<std::int8_t> benefit(n);
  Out<bool> ready(n), area(n), integration(n), member(n);
  const NameTuples<k::TargetGroupReason> reason_names;
  each_row(ev, &k::Evaluation::profile_periods, [&](std::size_t r, std::size_t i, const auto& p) {
    citizen.set(r, ids[i]);
    from.set(r, p.from);
    benefit.data[r] = static_cast<std::int8_t>(p.profile.benefit);
    ready.data[r] = p.profile.activity_ready;
    area.data[r] = p.profile.lives_in_designated_area;
    integration.data[r] = p.profile.in_integration_programme;
    member.data[r] = p.target_group.member;
    reasons.set(r, reason_names(p.target_group.reasons));
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["from"] = from.array;
  c["benefit"] = categorical<k::Benefit>(benefit.array);
  c["activity_ready"] = ready.array;
  c["lives_in_designated_area"] = area.array;
  c["in_integration_programme"] = integration.array;
  c["member"] = member.array;
  c["reasons"] = reasons.array;
  return c;
}

/// The agreements applied, oldest first: the course of agreed hours (KE7, KE9).
py::dict agreement_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::agreements);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), company(n), missing_terms(n);
  Out<std::int64_t> idx(n), row(n);
  Out<bool> no_row(n), renegotiation(n), no_ordinary(n);
  DateOut date(n), start(n);
  Out<std::int8_t> kind(n);
  Out<std::int64_t> minutes(n), ordinary(n);
  const NameTuples<k::Missing> missing_names;
  each_row(ev, &k::Evaluation::agreements, [&](std::size_t r, std::size_t i, const auto& a) {
    citizen.set(r, ids[i]);
    idx.data[r] = static_cast<std::int64_t>(a.index);
    row.data[r] = ev.caseload->row_of_input(i, a.index);
    no_row.data[r] = row.data[r] < 0;
    date.set(r, a.date);
    start.set(r, a.start);
    kind.data[r] = static_cast<std::int8_t>(a.kind);
    if (a.company.empty()) company.none(r); else company.set(r, a.company);
    minutes.data[r] = a.minutes_per_week;
    ordinary.data[r] = a.ordinary_minutes_per_week.value_or(0);
    no_ordinary.data[r] = !a.ordinary_minutes_per_week;
    renegotiation.data[r] = a.renegotiation;
    missing_terms.set(r, missing_names(a.missing_terms));
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["index"] = idx.array;
  c["row"] = nullable_int(row.array, no_row.array);
  c["date"] = date.array;
  c["start"] = start.array;
  c["agreement_kind"] = categorical<k::AgreementKind>(kind.array);
  c["company"] = company.array;
  c["minutes_per_week"] = minutes.array;
  c["ordinary_minutes_per_week"] = nullable_int(ordinary.array, no_ordinary.array);
  c["renegotiation"] = renegotiation.array;
  c["missing_terms"] = missing_terms.array;
  return c;
}

/// Aftercare contacts after self-support.
py::dict aftercare_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::aftercare);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n);
  DateOut date(n);
  Out<std::int8_t> channel(n);
  each_row(ev, &k::Evaluation::aftercare, [&](std::size_t r, std::size_t i, const auto& a) {
    citizen.set(r, ids[i]);
    date.set(r, a.date);
    channel.data[r] = static_cast<std::int8_t>(a.channel);
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["date"] = date.array;
  c["channel"] = categorical<k::Channel>(channel.array);
  return c;
}

/// Bus trips of the record (002).
py::dict bus_trip_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::bus_trips);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), trip(n), companies(n);
  DateOut date(n);
  Out<bool> attended(n);
  each_row(ev, &k::Evaluation::bus_trips, [&](std::size_t r, std::size_t i, const auto& b) {
    citizen.set(r, ids[i]);
    date.set(r, b.date);
    trip.set(r, b.trip);
    attended.data[r] = b.attended;
    companies.set(r, tuple_of(b.companies, [](const std::string& s) -> std::string_view { return s; }));
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["date"] = date.array;
  c["trip"] = trip.array;
  c["attended"] = attended.array;
  c["companies"] = companies.array;
  return c;
}

/// Training tracks of the record (001).
py::dict training_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::training);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), track(n), workplace(n), mentor(n);
  DateOut start(n), end(n);
  each_row(ev, &k::Evaluation::training, [&](std::size_t r, std::size_t i, const auto& t) {
    citizen.set(r, ids[i]);
    start.set(r, t.start);
    end.set(r, t.end);
    track.set(r, t.track);
    if (t.workplace.empty()) workplace.none(r); else workplace.set(r, t.workplace);
    if (t.mentor.empty()) mentor.none(r); else mentor.set(r, t.mentor);
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["start"] = start.array;
  c["end"] = end.array;
  c["track"] = track.array;
  c["workplace"] = workplace.array;
  c["mentor"] = mentor.array;
  return c;
}

/// The alerts: thresholds the caller set that are passed as of as_of.
py::dict alert_columns(const Evaluations& ev) {
  const std::size_t n = row_count(ev, &k::Evaluation::alerts);
  const auto ids = citizen_objects(ev);
  ObjOut citizen(n), text(n);
  Out<std::int8_t> kind(n);
  Out<std::int64_t> value(n), threshold(n);
  each_row(ev, &k::Evaluation::alerts, [&](std::size_t r, std::size_t i, const auto& a) {
    citizen.set(r, ids[i]);
    kind.data[r] = static_cast<std::int8_t>(a.kind);
    value.data[r] = a.value;
    threshold.data[r] = a.threshold;
    text.set(r, k::describe(a));
  });
  py::dict c;
  c["citizen"] = citizen.array;
  c["alert"] = categorical<k::AlertKind>(kind.array);
  c["value"] = value.array;
  c["threshold"] = threshold.array;
  c["text"] = text.array;
  return c;
}

/// The worklist (kanten::followup_worklist): only `jobformidler`'s citizens when not empty,
/// grouped by jobformidler when asked.
py::dict worklist_columns(const Evaluations& ev, const std::string& jobformidler, bool group_by_jobformidler) {
  std::vector<k::WorklistEntry> w;
  {
    k::WorklistOptions o;
    o.jobformidler = jobformidler;
    o.group_by_jobformidler = group_by_jobformidler;
    py::gil_scoped_release release;
    w = k::followup_worklist(ev.results, o);
  }
  const std::size_t n = w.size();
  ObjOut citizen(n), jf(n), alerts(n);
  Out<std::int8_t> step(n);
  Out<bool> due(n);
  DateOut deadline(n), last(n);
  Out<std::int64_t> breaches(n);  // the count of breached months: "breaches", as in the summary
  const NameTuples<k::AlertKind> alert_names;
  for (std::size_t i = 0; i < n; ++i) {
    citizen.set(i, w[i].citizen);
    if (w[i].jobformidler.empty()) jf.none(i); else jf.set(i, w[i].jobformidler);
    step.data[i] = static_cast<std::int8_t>(w[i].step);
    due.data[i] = w[i].followup_due;
    deadline.set(i, w[i].deadline);
    last.set(i, w[i].last_contact);
    breaches.data[i] = static_cast<std::int64_t>(w[i].breached_months);
    alerts.set(i, alert_names(w[i].alerts, [](const k::Alert& a) { return a.kind; }));
  }
  py::dict c;
  c["citizen"] = citizen.array;
  c["jobformidler"] = jf.array;
  c["step"] = categorical<k::Step>(step.array);
  c["followup_due"] = due.array;
  c["deadline"] = deadline.array;
  c["last_contact"] = last.array;
  c["breaches"] = breaches.array;
  c["alerts"] = alerts.array;
  return c;
}

/// evaluate() then the summary table, freeing the evaluations without the GIL: the bulk call
/// kanten.evaluate makes.
py::dict evaluate_summary(CaseloadPtr load, const std::string& as_of, std::optional<std::int64_t> daily_rate,
                          std::optional<std::int64_t> inactive_days, std::optional<std::int64_t> trin2_days,
                          std::optional<std::int64_t> stagnation_months) {
  auto ev = evaluate(std::move(load), as_of, daily_rate, inactive_days, trin2_days, stagnation_months);
  py::dict cols = summary_columns(*ev);
  {
    py::gil_scoped_release release;
    ev.reset();
  }
  return cols;
}

// ---------------------------------------------------------------------------------------------
// Sanction answers as plain dicts (the package makes dataclasses of them)
// ---------------------------------------------------------------------------------------------

py::object date_or_none(k::Date d) {
  if (d.is_special()) return py::none();
  return py::module_::import("datetime").attr("date")(static_cast<int>(d.year()), static_cast<int>(d.month()),
                                                      static_cast<int>(d.day()));
}

py::dict source_dict(const k::Source* s) {
  py::dict d;
  d["seed"] = str_of(s ? s->seed : "");
  d["section"] = str_of(s ? s->section : "");
  d["quote"] = str_of(s ? s->quote : "");
  return d;
}

/// The default rule set (kanten::default_rules(), include/kanten/rules/rules.hpp): its version,
/// the date it is in force from, and one entry per parameter with its value, unit, meaning and
/// the citation rules.hpp gives it (a source sentence, one of kanten's decisions, or both).
py::dict rule_set_dict() {
  const k::RuleSet& r = k::default_rules();
  py::list params;
  auto add = [&](const char* name, py::object value, const char* unit, const char* description,
                 const k::Source* source, const k::Decision* decision) {
    py::dict p;
    p["name"] = name;
    p["value"] = std::move(value);
    p["unit"] = unit;
    p["description"] = description;
    p["source"] = source ? py::object(source_dict(source)) : py::object(py::none());
    p["decision"] = decision ? py::object(str_of(decision->section)) : py::object(py::none());
    params.append(p);
  };
  add("exit_ordinary_minutes_per_month", py::int_(r.exit_ordinary_minutes_per_month), "minutes",
      "Trin 3 ends at this many ordinary (paid) minutes worked in one calendar month while in Trin 3 (30 hours)",
      &k::sources::trin3_end, &k::decisions::thirty_hour_exit);
  add("followup_months", py::int_(r.followup_months), "months",
      "calendar months of monthly follow-up, from the start of the first agreement of the course that entered Trin 3",
      &k::sources::monthly_followup, &k::decisions::monthly_followup);
  add("sanction_days", py::int_(r.sanction_days), "days", "days of benefit a punktsanktion deducts",
      &k::sources::sanction_punktsanktion, &k::decisions::sanction_amount);
  add("max_minutes_per_day", py::int_(r.max_minutes_per_day), "minutes",
      "most minutes one day can hold (a day has 24 hours); hours beyond them are not applied", nullptr, nullptr);
  add("month", str_of(k::name(r.month)), "", "what a month is: a calendar month", nullptr, &k::decisions::calendar_month);
  add("sanction_requires_written_hearing", py::bool_(r.sanction_requires_written_hearing), "",
      "a written hearing (partshøring) must be sent before a sanction (the text presupposes it)",
      &k::sources::sanction_personal_contact, &k::decisions::written_hearing);
  add("personal_contact_needs_phone_and_visit", py::bool_(r.personal_contact_needs_phone_and_visit), "",
      "when the hearing is not answered and the citizen is never reached, all reasonable means of personal contact "
      "means at least one attempt by phone and one in person where the citizen lives or stays",
      &k::sources::sanction_personal_contact, &k::decisions::personal_contact);
  py::dict d;
  d["version"] = r.version;
  d["valid_from"] = k::iso(r.valid_from);
  d["parameters"] = params;
  return d;
}

py::dict reason_dict(const k::SanctionReason& r) {
  py::dict d;
  d["rule"] = r.rule;
  d["text"] = r.text;
  d["source"] = source_dict(r.source);
  return d;
}

py::dict answer_dict(const k::Evaluation& e, const k::SanctionAnswer& a) {
  py::dict d;
  d["citizen"] = e.citizen;
  d["as_of"] = date_or_none(e.as_of);
  d["rule_set"] = e.rule_set;
  d["step"] = str_of(k::name(e.step));
  d["failure_id"] = a.failure_id;
  d["failure"] = str_of(k::name(a.failure));
  d["failure_date"] = date_or_none(a.failure_date);
  d["status"] = str_of(k::name(a.status));
  py::list reasons, pending;
  for (const auto& r : a.reasons) reasons.append(reason_dict(r));
  for (const auto& r : a.pending) pending.append(reason_dict(r));
  d["reasons"] = reasons;
  d["pending"] = pending;
  d["excluded_by"] = a.excluded_by ? py::object(reason_dict(*a.excluded_by)) : py::none();
  d["deduction_days"] = a.deduction_days;
  d["daily_rate"] = a.daily_rate ? py::object(py::int_(*a.daily_rate)) : py::none();
  d["deduction"] = a.deduction ? py::object(py::int_(*a.deduction)) : py::none();
  return d;
}

/// The answer for `failure_id` (empty: the latest failure), chosen by the library
/// (kanten::pick_sanction_answer, as `kanten sanction` and the C ABI choose it).
py::dict pick_answer(const k::Evaluation& e, const std::string& failure_id) {
  return answer_dict(e, k::pick_sanction_answer(e, failure_id));
}

py::dict answer_sanction_json(const std::string& text) {
  k::Evaluation e;
  std::string failure_id;
  {
    py::gil_scoped_release release;
    const auto q = k::sanction_question_from_json(text);
    e = k::evaluate(q);
    failure_id = q.failure_id;
  }
  return pick_answer(e, failure_id);
}

py::dict answer_sanction(const CaseloadPtr& load, const std::string& citizen, const std::string& as_of,
                         const std::string& failure_id, std::optional<std::int64_t> daily_rate) {
  const auto opts = evaluate_options(as_of, daily_rate);
  const k::Case* c = nullptr;
  for (const auto& x : load->load.cases)
    if (x.citizen == citizen) c = &x;
  if (!c) throw k::Error(k::Errc::invalid_argument, "citizen", citizen, "no case of the caseload has this citizen id");
  k::Evaluation e;
  {
    py::gil_scoped_release release;
    e = k::evaluate(*c, opts);
  }
  return pick_answer(e, failure_id);
}

// ---------------------------------------------------------------------------------------------
// The step model
// ---------------------------------------------------------------------------------------------

py::dict transition_columns() {
  const std::size_t n = k::transitions.size();
  Out<std::int8_t> from(n), cond(n), to(n);
  ObjOut rule(n), description(n), seed(n), section(n), quote(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = k::transitions[i];
    from.data[i] = static_cast<std::int8_t>(t.from);
    cond.data[i] = static_cast<std::int8_t>(t.condition);
    to.data[i] = static_cast<std::int8_t>(t.to);
    rule.set(i, t.rule);
    description.set(i, t.description);
    seed.set(i, t.source->seed);
    section.set(i, t.source->section);
    quote.set(i, t.source->quote);
  }
  py::dict c;
  c["from"] = categorical<k::Step>(from.array);
  c["condition"] = categorical<k::Condition>(cond.array);
  c["to"] = categorical<k::Step>(to.array);
  c["rule"] = rule.array;
  c["description"] = description.array;
  c["seed"] = seed.array;
  c["section"] = section.array;
  c["quote"] = quote.array;
  return c;
}

py::dict vocabularies() {
  py::dict v;
  v["step"] = categories<k::Step>();
  v["condition"] = categories<k::Condition>();
  v["event_kind"] = categories<k::EventKind>();
  v["benefit"] = categories<k::Benefit>();
  v["visitation_outcome"] = categories<k::VisitationOutcome>();
  v["goal"] = categories<k::Goal>();
  v["agreement_kind"] = categories<k::AgreementKind>();
  v["hours_kind"] = categories<k::HoursKind>();
  v["channel"] = categories<k::Channel>();
  v["self_support_kind"] = categories<k::SelfSupportKind>();
  v["failure_kind"] = categories<k::FailureKind>();
  v["cause_kind"] = categories<k::CauseKind>();
  v["health"] = categories<k::Health>();
  v["missing"] = categories<k::Missing>();
  v["not_applied_reason"] = categories<k::NotAppliedReason>();
  v["target_group_reason"] = categories<k::TargetGroupReason>();
  v["sanction_status"] = categories<k::SanctionStatus>();
  v["alert_kind"] = categories<k::AlertKind>();
  py::dict labels;
  for (std::size_t i = 0; i < k::step_count; ++i) {
    const auto s = static_cast<k::Step>(i);
    labels[str_of(k::name(s))] = str_of(k::label(s));
  }
  v["step_label"] = labels;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Subsets of a caseload: Caseload.select and Caseload.filter (kanten/_compare.py), copies of
// the chosen cases without a round trip through DataFrames
// ---------------------------------------------------------------------------------------------

/// A caseload of the cases at positions `picked` of `d`, in that order: copies of the cases with
/// their DataFrame rows (so a rejected event still names its row of the frames read) and the
/// document's input warnings.
CaseloadPtr subset_of(const CaseloadData& d, const std::vector<std::size_t>& picked) {
  auto out = std::make_shared<CaseloadData>();
  out->load.warnings = d.load.warnings;
  out->load.cases.reserve(picked.size());
  if (!d.input_rows.empty()) out->input_rows.resize(picked.size());
  for (std::size_t j = 0; j < picked.size(); ++j) {
    out->load.cases.push_back(d.load.cases[picked[j]]);
    if (picked[j] < d.input_rows.size()) out->input_rows[j] = d.input_rows[picked[j]];
  }
  return out;
}

/// The cases of the citizens `ids`, in the order of `ids`. An id without a case, or one given
/// twice, is a kanten::Error naming `ids[j]`.
CaseloadPtr select_cases(const CaseloadPtr& load, const std::vector<std::string>& ids) {
  py::gil_scoped_release release;
  const auto& cases = load->load.cases;
  std::unordered_map<std::string_view, std::size_t> position, first;
  position.reserve(cases.size());
  first.reserve(ids.size());
  for (std::size_t i = 0; i < cases.size(); ++i) position.emplace(cases[i].citizen, i);
  std::vector<std::size_t> picked(ids.size());
  for (std::size_t j = 0; j < ids.size(); ++j) {
    const std::string field = "ids[" + std::to_string(j) + "]";
    const auto at = position.find(ids[j]);
    if (at == position.end())
      throw k::Error(k::Errc::invalid_argument, field, ids[j], "no case of this citizen in the caseload");
    if (const auto [seen, fresh] = first.emplace(ids[j], j); !fresh)
      throw k::Error(k::Errc::invalid_argument, field, ids[j],
                     "the citizen is listed twice (also ids[" + std::to_string(seen->second) + "])");
    picked[j] = at->second;
  }
  return subset_of(*load, picked);
}

/// The cases whose profile (the one the record starts with: Case::profile) matches every
/// criterion given, in caseload order: the benefit is one of `benefits`, and each flag equals
/// the one given. A benefit name kanten does not know is a kanten::Error naming `benefit[i]`.
CaseloadPtr filter_cases(const CaseloadPtr& load, const std::optional<std::vector<std::string>>& benefits,
                         std::optional<bool> activity_ready, std::optional<bool> lives_in_designated_area,
                         std::optional<bool> in_integration_programme) {
  std::vector<k::Benefit> wanted;
  if (benefits)
    for (std::size_t i = 0; i < benefits->size(); ++i) {
      k::Benefit b{};
      if (!k::parse_name((*benefits)[i], b))
        throw k::Error(k::Errc::invalid_argument, "benefit[" + std::to_string(i) + "]", (*benefits)[i],
                       "expected " + names_or<k::Benefit>());
      wanted.push_back(b);
    }
  py::gil_scoped_release release;
  std::vector<std::size_t> picked;
  const auto& cases = load->load.cases;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const k::Profile& p = cases[i].profile;
    if (benefits && std::find(wanted.begin(), wanted.end(), p.benefit) == wanted.end()) continue;
    if (activity_ready && p.activity_ready != *activity_ready) continue;
    if (lives_in_designated_area && p.lives_in_designated_area != *lives_in_designated_area) continue;
    if (in_integration_programme && p.in_integration_programme != *in_integration_programme) continue;
    picked.push_back(i);
  }
  return subset_of(*load, picked);
}

/// Seconds for evaluate_all over the caseload in pure C++ (the best of `repeat` runs), with
/// the GIL released: the benchmark's reference for the Python bulk call.
double bench_evaluate_cpp(const CaseloadPtr& load, const std::string& as_of, int repeat) {
  const auto opts = evaluate_options(as_of, std::nullopt);
  py::gil_scoped_release release;
  double best = 1e300;
  for (int r = 0; r < std::max(repeat, 1); ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t n = 0;
    {
      const auto results = k::evaluate_all(load->load, opts);
      n = results.size();
    }  // the results are freed inside the timing, as the Python call frees them too
    const auto t1 = std::chrono::steady_clock::now();
    if (n != load->load.cases.size()) throw std::logic_error("evaluate_all lost a case");
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

}  // namespace

void register_rules(py::module_& m) {
  py::class_<CaseloadData, CaseloadPtr>(m, "Caseload", R"doc(
A caseload: one case per citizen (profile and dated events), immutable once read.

Read one with Caseload.from_json / from_file / from_frames, or generate_caseload(). Input
events that could not be read are kept (``rejected()``) and reported by every evaluation.
)doc")
      .def_static(
          "from_json",
          [](const std::string& text, bool strict) {
            k::Caseload load;
            {
              py::gil_scoped_release release;
              load = read_caseload_text(text, strict);
            }
            return make_caseload(std::move(load));
          },
          py::arg("text"), py::arg("strict") = false,
          "Reads a caseload from JSON text: {\"cases\": [...]}, a bare array of cases, or one case object.")
      .def_static(
          "from_file",
          [](const std::string& path, bool strict) {
            k::Caseload load;
            {
              py::gil_scoped_release release;
              load = read_caseload_text(k::read_file(path), strict);
            }
            return make_caseload(std::move(load));
          },
          py::arg("path"), py::arg("strict") = false, "Reads a caseload from a JSON file (the format of docs/json-format.md).")
      .def(
          "to_json",
          [](const CaseloadData& d, std::optional<int> indent) {
            py::gil_scoped_release release;
            return k::to_json(d.load, indent.value_or(-1));
          },
          py::arg("indent") = py::none(), "The caseload as JSON text {\"cases\": [...]} (rejected input events are not written).")
      .def("__len__", [](const CaseloadData& d) { return d.load.cases.size(); })
      .def_property_readonly("citizens", &citizen_ids, "The citizen ids, in caseload order (numpy object array).")
      .def_property_readonly(
          "event_count",
          [](const CaseloadData& d) {
            std::size_t n = 0;
            for (const auto& c : d.load.cases) n += c.events.size();
            return n;
          },
          "The number of events read, over all cases.")
      .def("_rejected_columns", &rejected_columns)
      .def("_warnings", &caseload_warnings)
      .def("_columns", &caseload_columns)
      .def(py::pickle(&caseload_state, &caseload_from_state))
      .def("_select", &select_cases, py::arg("ids"))
      .def("_filter", &filter_cases, py::arg("benefit"), py::arg("activity_ready"), py::arg("lives_in_designated_area"),
           py::arg("in_integration_programme"))
      .def("__repr__", [](const CaseloadData& d) {
        std::size_t events = 0, rejected = 0;
        for (const auto& c : d.load.cases) {
          events += c.events.size();
          rejected += c.rejected.size();
        }
        return "<kanten.Caseload: " + std::to_string(d.load.cases.size()) + " citizens, " + std::to_string(events) +
               " events, " + std::to_string(rejected) + " rejected>";
      });

  py::class_<Evaluations, EvaluationsPtr>(m, "_Evaluations")
      .def("__len__", [](const Evaluations& e) { return e.results.size(); })
      .def_property_readonly("as_of", [](const Evaluations& e) { return k::iso(e.as_of); })
      .def_property_readonly("caseload", [](const Evaluations& e) { return e.caseload; })
      .def_property_readonly("rule_set", [](const Evaluations&) { return k::default_rules().version; })
      .def_property_readonly("daily_rate", [](const Evaluations& e) { return e.daily_rate; })
      .def("step_counts",
           [](const Evaluations& e) {
             std::vector<std::int64_t> counts(k::step_count, 0);
             for (const auto& r : e.results) ++counts[static_cast<std::size_t>(r.step)];
             return counts;
           })
      // The ids of the citizens in the named steps, in caseload order (kanten/match/caseload.hpp):
      // an unknown name is a kanten::Error naming "steps[i]".
      .def("citizens_in_steps",
           [](const Evaluations& e, const std::vector<std::string>& names) {
             std::vector<k::Step> steps;
             for (std::size_t i = 0; i < names.size(); ++i) {
               k::Step s{};
               if (!k::parse_name(names[i], s))
                 throw k::Error(k::Errc::invalid_argument, "steps[" + std::to_string(i) + "]", shown_arg(names[i]),
                                "not a step (kanten.STEPS)");
               steps.push_back(s);
             }
             return k::citizens_in_steps(e.results, steps);
           },
           py::arg("steps"))
      // Pickled as what made them: the caseload, the date, the daily rate and the alert thresholds;
      // unpickling evaluates again (the evaluation is a function of these), so the state stays small.
      .def(py::pickle(
          [](const Evaluations& e) {
            auto opt = [](const auto& v) { return v ? py::object(py::int_(*v)) : py::object(py::none()); };
            return py::make_tuple("kanten.Evaluations", pickle_version, e.caseload, k::iso(e.as_of), opt(e.daily_rate),
                                  opt(e.alerts.inactive_days), opt(e.alerts.trin2_days), opt(e.alerts.stagnation_months));
          },
          [](const py::tuple& t) {
            constexpr const char* cls = "kanten.Evaluations";
            try {
              if (t.size() != 8 || t[0].cast<std::string>() != cls || t[1].cast<int>() != pickle_version) throw bad_state(cls);
              using Opt = std::optional<std::int64_t>;
              return evaluate(t[2].cast<CaseloadPtr>(), t[3].cast<std::string>(), t[4].cast<Opt>(), t[5].cast<Opt>(),
                              t[6].cast<Opt>(), t[7].cast<Opt>());
            } catch (const py::cast_error&) {
              throw bad_state(cls);
            }
          }))
      .def("summary_columns", &summary_columns)
      .def("hours_columns", &hours_columns)
      .def("breach_columns", &breach_columns)
      .def("history_columns", &history_columns)
      .def("not_applied_columns", &not_applied_columns)
      .def("violation_columns", &violation_columns)
      .def("sanction_columns", &sanction_columns)
      .def("worklist_columns", &worklist_columns, py::arg("jobformidler") = "", py::arg("group_by_jobformidler") = false)
      .def("profile_period_columns", &profile_period_columns)
      .def("agreement_columns", &agreement_columns)
      .def("aftercare_columns", &aftercare_columns)
      .def("bus_trip_columns", &bus_trip_columns)
      .def("training_columns", &training_columns)
      .def("alert_columns", &alert_columns)
      .def_property_readonly("alert_options",
                             [](const Evaluations& e) {
                               auto opt = [](const std::optional<int>& v) { return v ? py::object(py::int_(*v)) : py::none(); };
                               py::dict d;
                               d["inactive_days"] = opt(e.alerts.inactive_days);
                               d["trin2_days"] = opt(e.alerts.trin2_days);
                               d["stagnation_months"] = opt(e.alerts.stagnation_months);
                               return d;
                             })
      .def("index_of", &Evaluations::index_of, py::arg("citizen"))
      .def(
          "explain",
          [](const Evaluations& e, std::size_t i) {
            if (i >= e.results.size()) throw py::index_error("no such evaluation");
            return k::explain(e.results[i]);
          },
          py::arg("index"))
      .def(
          "to_json",
          [](const Evaluations& e, std::optional<std::size_t> i, std::optional<int> indent) {
            if (i) {
              if (*i >= e.results.size()) throw py::index_error("no such evaluation");
              return k::to_json(e.results[*i], indent.value_or(-1));
            }
            py::gil_scoped_release release;
            return k::to_json(e.results, indent.value_or(-1));
          },
          py::arg("index") = py::none(), py::arg("indent") = py::none())
      .def(
          "sanction",
          [](const Evaluations& e, std::size_t i, const std::string& failure_id) {
            if (i >= e.results.size()) throw py::index_error("no such evaluation");
            return pick_answer(e.results[i], failure_id);
          },
          py::arg("index"), py::arg("failure_id") = "");

  m.def("_evaluate", &evaluate, py::arg("caseload"), py::arg("as_of"), py::arg("daily_rate") = py::none(),
        py::arg("inactive_days") = py::none(), py::arg("trin2_days") = py::none(), py::arg("stagnation_months") = py::none());
  m.def("_evaluate_summary", &evaluate_summary, py::arg("caseload"), py::arg("as_of"), py::arg("daily_rate") = py::none(),
        py::arg("inactive_days") = py::none(), py::arg("trin2_days") = py::none(), py::arg("stagnation_months") = py::none());
  m.attr("MAX_ALERT_DAYS") = k::max_alert_days;
  m.attr("MAX_ALERT_MONTHS") = k::max_alert_months;
  m.def("_caseload_from_columns", &caseload_from_columns, py::arg("events"), py::arg("profiles") = py::none());
  m.def("_answer_sanction_json", &answer_sanction_json, py::arg("text"));
  m.def("_answer_sanction", &answer_sanction, py::arg("caseload"), py::arg("citizen"), py::arg("as_of"),
        py::arg("failure_id") = "", py::arg("daily_rate") = py::none());
  m.def("_transition_columns", &transition_columns);
  m.def("_rule_set", &rule_set_dict);
  m.def("_vocabularies", &vocabularies);
  m.def("model_dot", &k::to_dot, "The step model as a Graphviz DOT digraph.");
  m.def("_read_file", [](const std::string& path) { return k::read_file(path); }, py::arg("path"));
  m.def("_bench_evaluate_cpp", &bench_evaluate_cpp, py::arg("caseload"), py::arg("as_of"), py::arg("repeat") = 1,
        "Seconds evaluate_all takes over the caseload in pure C++ (best of `repeat`), for the benchmark.");

  for (auto [name, names] : vocabularies())
    if (py::str(name).cast<std::string>() != "step_label")
      add_vocabulary(m, py::str(name).cast<std::string>().c_str(), py::tuple(py::reinterpret_borrow<py::list>(names)));
  add_vocabulary(m, "exit", py::tuple(exit_categories()));
}

}  // namespace kanten_py
