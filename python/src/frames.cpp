// python/src/frames.cpp — a caseload from DataFrames: one row per event, one row per profile.
//
// The package (kanten/__init__.py, _prepared) hands each column over as a numpy array: int64,
// float64, bool, datetime64[D] or object. Each case is built here directly from the typed
// columns — no JSON text in between — with the rules of kanten's JSON reader (docs/json-format.md):
// a DataFrame is read exactly as the JSON document of its rows would be. A row this direct
// path cannot take as plainly valid (a fault, a field its kind does not use, "H:MM" text, a
// value of an unusual Python type, …) goes through the JSON reader itself, alone in a case
// document of its own, so every rejection, warning and message stays the reader's.
#include "caseload.hpp"

#include "kanten/rules/json.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace kanten_py {
namespace {

const InColumn* find_column(const std::vector<InColumn>& cols, std::string_view name) {
  for (const auto& c : cols)
    if (c.name() == name) return &c;
  return nullptr;
}

/// Thrown when a row is not plainly valid: the JSON reader reads it instead.
struct Fallback {};
[[noreturn]] void fallback() { throw Fallback{}; }

/// True when an object cell is absent as the JSON of the row would have it (None, a float NaN).
bool absent_object(PyObject* o) {
  if (o == nullptr || o == Py_None) return true;
  return PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o));
}

/// The text of a str object (nullopt for anything else, or text Python cannot give as UTF-8).
std::optional<std::string_view> text_of(PyObject* o) {
  if (!PyUnicode_Check(o)) return std::nullopt;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(o, &size);
  if (!data) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

/// A whole number as the JSON reader takes minutes: a float only when it holds an integer
/// (the package's from_double writes such a float as an integer), then within Minutes.
k::Minutes minutes_of(double v) {
  if (!(std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15)) fallback();
  const auto i = static_cast<std::int64_t>(v);
  if (i < std::numeric_limits<k::Minutes>::min() || i > std::numeric_limits<k::Minutes>::max()) fallback();
  return static_cast<k::Minutes>(i);
}

/// One row of a table's columns, read field by field as the JSON reader's Fields reads an
/// object; anything but a plainly valid value is a Fallback. Records which columns were read.
class Row {
 public:
  explicit Row(const std::vector<InColumn>& cols) : cols_(cols), used_(cols.size()) {
    static const k::Date epoch(1970, 1, 1);
    min_days_ = (k::Date(1400, 1, 1) - epoch).days();
    max_days_ = (k::Date(9999, 12, 31) - epoch).days();
  }

  void start(std::size_t row) {
    row_ = row;
    std::fill(used_.begin(), used_.end(), char{0});
  }

  /// Throws Fallback when a column not read holds a value (the reader would name it).
  void check_unused(std::string_view skip) const {
    for (std::size_t c = 0; c < cols_.size(); ++c)
      if (!used_[c] && cols_[c].name() != skip && !absent(c)) fallback();
  }

  [[nodiscard]] std::string_view need_text(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) fallback();
    return text_at(static_cast<std::size_t>(c));
  }
  [[nodiscard]] std::optional<std::string_view> opt_text(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    return text_at(static_cast<std::size_t>(c));
  }
  [[nodiscard]] std::string id(std::string_view key) { return checked_id(need_text(key)); }
  [[nodiscard]] std::string opt_id(std::string_view key) {
    const auto t = opt_text(key);
    return t ? checked_id(*t) : std::string();
  }
  [[nodiscard]] std::string text(std::string_view key) { return std::string(opt_text(key).value_or("")); }

  template <class Enum>
  [[nodiscard]] Enum vocab(std::string_view key) {
    Enum out{};
    if (!k::parse_name(need_text(key), out)) fallback();
    return out;
  }

  [[nodiscard]] bool present(std::string_view key) {
    const auto c = find(key);
    return c >= 0 && !absent(static_cast<std::size_t>(c));
  }

  /// A list of strings (absent: empty), each turned by `f`.
  template <class T, class F>
  [[nodiscard]] std::vector<T> list(std::string_view key, F&& f) {
    std::vector<T> out;
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return out;
    if (cols_[c].kind() != InColumn::Kind::object) fallback();
    PyObject* o = cols_[c].values<PyObject*>()[row_];
    if (!PyList_Check(o) && !PyTuple_Check(o)) fallback();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject** items = PySequence_Fast_ITEMS(o);
    out.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i) {
      const auto t = text_of(items[i]);
      if (!t) fallback();
      out.push_back(f(*t));
    }
    return out;
  }
  [[nodiscard]] std::vector<std::string> texts(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) { return std::string(t); });
  }
  /// A list of opaque ids (absent: empty); one shaped like a CPR number is the reader's to refuse.
  [[nodiscard]] std::vector<std::string> ids(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) { return checked_id(t); });
  }
  template <class Enum>
  [[nodiscard]] std::vector<Enum> vocabs(std::string_view key) {
    return list<Enum>(key, [](std::string_view t) {
      Enum e{};
      if (!k::parse_name(t, e)) fallback();
      return e;
    });
  }

  [[nodiscard]] bool flag(std::string_view key) {
    const auto v = opt_bool(key);
    if (!v) fallback();
    return *v;
  }
  [[nodiscard]] bool opt_flag(std::string_view key, bool otherwise) { return opt_bool(key).value_or(otherwise); }

  [[nodiscard]] k::Date date(std::string_view key) {
    const auto d = opt_date(key);
    if (!d) fallback();
    return *d;
  }
  [[nodiscard]] std::optional<k::Date> opt_date(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    if (col.kind() == InColumn::Kind::days) {
      const std::int64_t v = col.values<std::int64_t>()[row_];
      if (v < min_days_ || v > max_days_) fallback();
      static const k::Date epoch(1970, 1, 1);
      return epoch + boost::gregorian::date_duration(static_cast<long>(v));
    }
    if (col.kind() != InColumn::Kind::object) fallback();
    const auto t = text_of(col.values<PyObject*>()[row_]);
    if (!t) fallback();
    auto d = k::parse_date(*t);
    if (!d) fallback();
    return d;
  }

  /// Whole minutes under `minutes_key`; "H:MM" under `hours_key` is the reader's to take.
  [[nodiscard]] std::optional<k::Minutes> duration(std::string_view minutes_key, std::string_view hours_key) {
    if (present(hours_key)) fallback();
    const auto c = find(minutes_key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    switch (col.kind()) {
      case InColumn::Kind::i64: {
        const std::int64_t v = col.values<std::int64_t>()[row_];
        if (v < std::numeric_limits<k::Minutes>::min() || v > std::numeric_limits<k::Minutes>::max()) fallback();
        return static_cast<k::Minutes>(v);
      }
      case InColumn::Kind::f64: return minutes_of(col.values<double>()[row_]);
      case InColumn::Kind::object: {
        PyObject* o = col.values<PyObject*>()[row_];
        if (PyBool_Check(o)) fallback();
        if (PyFloat_Check(o)) return minutes_of(PyFloat_AS_DOUBLE(o));
        if (!PyLong_Check(o)) fallback();
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (overflow != 0 || v < std::numeric_limits<k::Minutes>::min() || v > std::numeric_limits<k::Minutes>::max())
          fallback();
        return static_cast<k::Minutes>(v);
      }
      default: fallback();
    }
  }

 private:
  /// The column named `key` (marked as read), or -1.
  std::ptrdiff_t find(std::string_view key) {
    for (std::size_t c = 0; c < cols_.size(); ++c)
      if (cols_[c].name() == key) {
        used_[c] = 1;
        return static_cast<std::ptrdiff_t>(c);
      }
    return -1;
  }

  /// Absent as the JSON of the row would have it; "present" for a value of any other type,
  /// which the reader then reads.
  [[nodiscard]] bool absent(std::size_t c) const {
    const InColumn& col = cols_[c];
    switch (col.kind()) {
      case InColumn::Kind::i64:
      case InColumn::Kind::boolean: return false;
      case InColumn::Kind::f64: return std::isnan(col.values<double>()[row_]);
      case InColumn::Kind::days: return col.values<std::int64_t>()[row_] == nat;
      case InColumn::Kind::object: return absent_object(col.values<PyObject*>()[row_]);
    }
    return false;
  }

  [[nodiscard]] std::string_view text_at(std::size_t c) const {
    if (cols_[c].kind() != InColumn::Kind::object) fallback();
    const auto t = text_of(cols_[c].values<PyObject*>()[row_]);
    if (!t) fallback();
    return *t;
  }

  [[nodiscard]] std::optional<bool> opt_bool(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    if (col.kind() == InColumn::Kind::boolean) return col.values<bool>()[row_];
    if (col.kind() != InColumn::Kind::object) fallback();
    PyObject* o = col.values<PyObject*>()[row_];
    if (o == Py_True) return true;
    if (o == Py_False) return false;
    fallback();
  }

  static std::string checked_id(std::string_view id) {
    if (k::looks_like_cpr(id)) fallback();  // refused by the reader, with its message
    return std::string(id);
  }

  const std::vector<InColumn>& cols_;
  std::vector<char> used_;
  std::size_t row_ = 0;
  std::int64_t min_days_ = 0, max_days_ = 0;
};

/// The payload of an event of kind `kind`, read as kanten's JSON reader reads it
/// (src/rules/json.cpp, read_payload): the same fields, required and optional alike.
k::EventData read_payload(k::EventKind kind, Row& f, k::Date date) {
  using K = k::EventKind;
  switch (kind) {
    case K::first_conversation: return k::FirstConversation{};
    case K::visitation: return k::Visitation{f.vocab<k::VisitationOutcome>("outcome")};
    case K::jobformidler_assigned: return k::JobformidlerAssigned{f.id("jobformidler")};
    case K::cv_completed: return k::CvCompleted{};
    case K::job_direction_set: {
      k::JobDirectionSet d;
      d.goal = f.vocab<k::Goal>("goal");
      d.wishes = f.texts("wishes");
      return d;
    }
    case K::course_broken_off: return k::CourseBrokenOff{f.opt_flag("rehabilitation_assessment", false)};
    case K::agreement: {
      k::AgreementMade a;
      a.kind = f.vocab<k::AgreementKind>("agreement_kind");
      a.start = f.opt_date("start").value_or(date);
      a.minutes_per_week = f.duration("minutes_per_week", "hours_per_week").value_or(0);
      a.ordinary_minutes_per_week = f.duration("ordinary_minutes_per_week", "ordinary_hours_per_week");
      // Negative, or more than the whole working time: the reader's fault, with its message.
      if (a.ordinary_minutes_per_week && (*a.ordinary_minutes_per_week < 0 || *a.ordinary_minutes_per_week > a.minutes_per_week))
        fallback();
      const bool has_terms = f.present("company") || f.present("tasks") || f.present("sub_goals") || f.present("health");
      if (has_terms) {
        auto t = std::make_shared<k::AgreementTerms>();
        t->company = f.opt_id("company");
        t->tasks = f.texts("tasks");
        t->sub_goals = f.texts("sub_goals");
        t->health = f.vocabs<k::Health>("health");
        a.terms = std::move(t);
      }
      return a;
    }
    case K::followup_plan: return k::FollowUpPlanMade{};
    case K::contact_person: return k::ContactPersonAssigned{f.id("company")};
    case K::hours_worked: {
      k::HoursWorked h;
      const auto m = f.duration("minutes", "hours");
      if (!m) fallback();
      h.minutes = *m;
      h.kind = f.vocab<k::HoursKind>("type");
      return h;
    }
    case K::contact: return k::Contact{f.vocab<k::Channel>("channel")};
    case K::sanction_failure: {
      k::SanctionFailure s;
      s.failure_id = f.id("failure_id");
      s.failure = f.vocab<k::FailureKind>("failure");
      return s;
    }
    case K::reasonable_cause: {
      k::ReasonableCause r;
      r.failure_id = f.id("failure_id");
      r.cause = f.vocab<k::CauseKind>("cause");
      r.text = f.text("text");
      return r;
    }
    case K::vulnerability_assessed: {
      k::VulnerabilityAssessed v;
      v.failure_id = f.id("failure_id");
      v.vulnerable = f.flag("vulnerable");
      return v;
    }
    case K::concrete_assessment: {
      k::ConcreteAssessment c;
      c.failure_id = f.id("failure_id");
      c.promotes_availability = f.flag("promotes_availability");
      c.considers_vulnerability = f.opt_flag("considers_vulnerability", false);
      c.text = f.text("text");
      return c;
    }
    case K::hearing_sent: {
      k::HearingSent h;
      h.failure_id = f.id("failure_id");
      h.answer_by = f.opt_date("answer_by").value_or(k::Date());
      return h;
    }
    case K::hearing_answered: return k::HearingAnswered{f.id("failure_id")};
    case K::personal_contact_attempt: {
      k::PersonalContactAttempt p;
      p.failure_id = f.id("failure_id");
      p.channel = f.vocab<k::Channel>("channel");
      p.reached = f.flag("reached");
      return p;
    }
    case K::self_support: return k::SelfSupport{f.vocab<k::SelfSupportKind>("via")};
    case K::profile_changed: {
      k::ProfileChanged p;
      if (f.present("benefit")) p.benefit = f.vocab<k::Benefit>("benefit");
      if (f.present("activity_ready")) p.activity_ready = f.flag("activity_ready");
      if (f.present("lives_in_designated_area")) p.lives_in_designated_area = f.flag("lives_in_designated_area");
      if (f.present("in_integration_programme")) p.in_integration_programme = f.flag("in_integration_programme");
      // A change of nothing: the reader's fault ("gives at least one of ...").
      if (!p.benefit && !p.activity_ready && !p.lives_in_designated_area && !p.in_integration_programme) fallback();
      return p;
    }
    case K::aftercare_contact: return k::AftercareContact{f.vocab<k::Channel>("channel")};
    case K::bus_trip: {
      k::BusTripAttended b;
      b.trip = f.id("trip");
      b.attended = f.opt_flag("attended", true);
      b.companies = f.ids("companies");
      return b;
    }
    case K::training_track: {
      k::TrainingTrackStarted t;
      t.track = f.id("track");
      t.workplace = f.opt_id("workplace");
      t.mentor = f.opt_id("mentor");
      t.end = f.opt_date("end").value_or(k::Date());
      return t;
    }
  }
  fallback();  // a kind this path does not know: the reader's to take
}

/// The profile of a profiles row, as the reader reads a case's "profile".
k::Profile read_profile(Row& f) {
  k::Profile p;
  if (f.present("benefit")) p.benefit = f.vocab<k::Benefit>("benefit");
  p.activity_ready = f.opt_flag("activity_ready", p.activity_ready);
  p.lives_in_designated_area = f.opt_flag("lives_in_designated_area", p.lives_in_designated_area);
  p.in_integration_programme = f.opt_flag("in_integration_programme", p.in_integration_programme);
  return p;
}

/// `field` with its leading `from` (e.g. "profile") replaced by `to` (e.g. "profiles[3]").
std::string renamed(const std::string& field, std::string_view from, const std::string& to) {
  return to + field.substr(from.size());
}

/// A case document read by the JSON reader without the GIL (the rows that take that path).
k::Case read_case_document(const json& doc) {
  const std::string text = doc.dump();
  py::gil_scoped_release release;
  return k::case_from_json(text);
}

}  // namespace

CaseloadPtr caseload_from_columns(const py::dict& events, const py::object& profiles) {
  std::size_t n_events = 0, n_profiles = 0;
  const auto ecols = in_columns(events, n_events, "events");
  const InColumn* ecit = find_column(ecols, "citizen");
  if (!ecit && n_events > 0)
    throw k::Error(k::Errc::invalid_input, "events.citizen", "", "missing: the events DataFrame needs a 'citizen' column");

  std::vector<InColumn> pcols;
  const InColumn* pcit = nullptr;
  if (!profiles.is_none()) {
    pcols = in_columns(profiles.cast<py::dict>(), n_profiles, "profiles");
    pcit = find_column(pcols, "citizen");
    if (!pcit && n_profiles > 0)
      throw k::Error(k::Errc::invalid_input, "profiles.citizen", "", "missing: the profiles DataFrame needs a 'citizen' column");
  }

  // The citizen id of a row: a str's text (owned by the column's object, alive during the
  // call), or as required_id reads it (which names the fault).
  std::string held;
  auto id_of = [&](const InColumn& col, std::size_t r, const char* table) -> std::string_view {
    if (col.kind() == InColumn::Kind::object) {
      const auto t = text_of(col.values<PyObject*>()[r]);
      if (t && !t->empty()) return *t;
    }
    held = required_id(col, r, table);
    return held;
  };

  // Cases in order: profiles first, then citizens seen only in events, by first appearance.
  struct Draft {
    std::string citizen;
    std::int64_t profile_row = -1;
    std::vector<std::int64_t> rows;
  };
  std::vector<Draft> drafts;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < n_profiles; ++r) {
    std::string id(id_of(*pcit, r, "profiles"));
    auto [it, fresh] = index.emplace(id, drafts.size());
    if (!fresh)
      throw k::Error(k::Errc::invalid_input, "profiles[" + std::to_string(r) + "].citizen", id,
                     "duplicate: the citizen already has a profile in row " + std::to_string(drafts[it->second].profile_row));
    drafts.push_back({std::move(id), static_cast<std::int64_t>(r), {}});
  }
  {
    std::string_view last;  // consecutive rows of one citizen: one look-up
    std::size_t last_case = 0;
    for (std::size_t r = 0; r < n_events; ++r) {
      const std::string_view id = id_of(*ecit, r, "events");
      if (r == 0 || id != last || id.data() == held.data()) {
        auto it = index.find(std::string(id));
        if (it == index.end()) {
          it = index.emplace(std::string(id), drafts.size()).first;
          drafts.push_back({std::string(id), -1, {}});
        }
        last_case = it->second;
        last = id.data() == held.data() ? std::string_view{} : id;
      }
      drafts[last_case].rows.push_back(static_cast<std::int64_t>(r));
    }
  }

  // Each case: every row straight from the columns, or (when not plainly valid) through the
  // JSON reader, so a DataFrame is read exactly as a JSON document is.
  auto out = std::make_shared<CaseloadData>();
  out->load.cases.reserve(drafts.size());
  out->input_rows.reserve(drafts.size());
  Row erow(ecols), prow(pcols);
  for (auto& d : drafts) {
    k::Case c;
    c.citizen = d.citizen;
    try {
      if (k::looks_like_cpr(c.citizen)) (void)read_case_document({{"citizen", c.citizen}});  // throws the reader's error
      if (d.profile_row >= 0) {
        const auto r = static_cast<std::size_t>(d.profile_row);
        try {
          prow.start(r);
          c.profile = read_profile(prow);
          prow.check_unused("citizen");
        } catch (const Fallback&) {
          k::Case p = read_case_document({{"citizen", c.citizen}, {"profile", row_object(pcols, r, "citizen")}});
          c.profile = p.profile;
          for (auto& w : p.warnings) {
            if (w.field.rfind("profile", 0) == 0) w.field = renamed(w.field, "profile", "profiles[" + std::to_string(r) + "]");
            c.warnings.push_back(std::move(w));
          }
        }
      }
    } catch (const k::Error& e) {
      // Only the profile can fault a whole case here: name the profiles DataFrame's row.
      std::string field = e.field();
      if (field.rfind("profile", 0) == 0 && d.profile_row >= 0)
        field = renamed(field, "profile", "profiles[" + std::to_string(d.profile_row) + "]");
      throw k::Error(e.code(), field, e.value(), bare_message(e));
    }
    c.events.reserve(d.rows.size());
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
      const auto r = static_cast<std::size_t>(d.rows[i]);
      try {
        erow.start(r);
        const auto kind = erow.vocab<k::EventKind>("kind");
        k::Event ev;
        ev.date = erow.date("date");
        ev.data = read_payload(kind, erow, ev.date);
        erow.check_unused("citizen");
        c.events.push_back(std::move(ev));
      } catch (const Fallback&) {
        k::Case one = read_case_document({{"citizen", c.citizen}, {"events", json::array({row_object(ecols, r, "citizen")})}});
        for (auto& ev : one.events) c.events.push_back(std::move(ev));
        for (auto& x : one.rejected) {
          x.index = i;
          c.rejected.push_back(std::move(x));
        }
        // A warning's path names the one-event document's event ("events[0].x"): name the row
        // of the events DataFrame ("events[17].x") instead.
        for (auto& w : one.warnings) {
          if (w.field.rfind("events[0]", 0) == 0) w.field = renamed(w.field, "events[0]", "events[" + std::to_string(r) + "]");
          c.warnings.push_back(std::move(w));
        }
      }
    }
    out->load.cases.push_back(std::move(c));
    out->input_rows.push_back(std::move(d.rows));
  }
  return out;
}

}  // namespace kanten_py
