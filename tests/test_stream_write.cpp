// Cases and evaluations written as they come (kanten/rules/stream.hpp): CaseWriter and
// EvaluationWriter write the whole-document writers' JSON byte for byte at every indent, JSON
// Lines of the same objects, the CSV event table and the CSV summary of evaluations (the columns
// of Python's Evaluations.summary, docs/csv-format.md); the format names; and the streaming
// generator (generate_cases), which makes generate_caseload's cases one at a time.
#include "helpers.hpp"

#include "kanten/rules/json.hpp"
#include "kanten/rules/stream.hpp"
#include "kanten/synth/generate.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

using namespace kt;
using Catch::Matchers::Contains;

namespace {

/// A small generated caseload and a few cases made by hand: an empty record, ids that need JSON
/// escaping and CSV quoting, and an id that is not valid UTF-8 (written replaced, as to_json does).
Caseload sample_caseload() {
  GeneratorOptions g;
  g.citizens = 60;  // with entries over 18 months, 60 include one outside the target group by mid-2020
  g.seed = 7;
  Caseload load = generate_caseload(g);
  Case empty;
  empty.citizen = "no-events";
  load.cases.push_back(empty);
  CaseBuilder quoted("c,\"7\"\nx");
  quoted.trin1_complete("2020-01-08").jobformidler("2020-02-01", "jf \"a\", b").failure("2020-02-10");
  load.cases.push_back(quoted.get());
  // Text of every kind the JSON printer escapes or replaces: quotes, backslashes, control
  // characters, DEL, non-ASCII, a 4-byte character, and bytes that are not UTF-8 (overlong,
  // surrogate, above U+10FFFF, cut short). An unreadable event and an unknown field.
  CaseBuilder text("text-1");
  text.trin1_complete("2020-01-08")
      .failure("2020-02-03", "f\\1")
      .on("2020-02-04", ReasonableCause{"f\\1", CauseKind::other, "a \"b\" \\ \x01\x1f\t\n\r\b\f \x7f æøå \xf0\x9f\x98\x80"})
      .on("2020-02-05", ConcreteAssessment{"f\\1", true, false, "bad \xe0\x80\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xc3"})
      .on("2020-02-06", TrainingTrackStarted{"tt-1", "", "", Date()});
  Case& t = text.get();
  t.rejected.push_back(InputIssue{3, "date", "\"2020-02-30\"", "not a valid date \"YYYY-MM-DD\"", Date(), EventKind::contact});
  t.warnings.push_back(InputWarning{"events[1].chanel", "unknown field; did you mean \"channel\"? (ignored)"});
  load.cases.push_back(t);
  // Every other kind of event, and a violation (an employment goal for an uddannelseshjælp
  // recipient, KE4).
  CaseBuilder more("more-1");
  more.benefit(Benefit::uddannelseshjaelp)
      .trin1_complete("2020-01-08", Goal::employment)
      .direction("2020-01-09", Goal::education)
      .on("2020-01-16", BusTripAttended{"bt-1", false, {"co-1", "co-2"}})
      .profile_change("2020-01-20", ProfileChanged{Benefit::kontanthjaelp, std::nullopt, std::nullopt, false})
      .trin2_complete("2020-02-03", AgreementKind::both)
      .failure("2020-02-10", "f2")
      .vulnerability("2020-02-11", false, "f2")
      .assessment("2020-02-12", true, true, "f2")
      .hearing_sent("2020-02-13", "f2")
      .hearing_sent("2020-02-14", "f2", "")
      .hearing_answered("2020-02-20", "f2")
      .attempt("2020-02-21", Channel::home_visit, true, "f2")
      .break_off("2020-03-02", false)
      .on("2020-03-09", TrainingTrackStarted{"tt-2", "wp-1", "wp-1-m1", D("2020-05-29")})
      .self_support("2020-05-04", SelfSupportKind::education)
      .on("2020-06-01", AftercareContact{Channel::phone});
  load.cases.push_back(more.get());
  Case odd;
  odd.citizen = "bytes-\xff-\xc3\xa6";
  load.cases.push_back(odd);
  return load;
}

std::vector<Evaluation> evaluations_of(const Caseload& load, Date as_of) {
  EvaluateOptions o;
  o.as_of = as_of;
  o.daily_rate = 50'000;
  o.alerts.inactive_days = 30;
  o.alerts.trin2_days = 60;
  o.alerts.stagnation_months = 3;
  std::vector<Evaluation> out;
  for (const auto& c : load.cases) out.push_back(evaluate(c, o));
  return out;
}

std::string write_cases(const Caseload& load, Format format, int indent = -1) {
  std::ostringstream out;
  CaseWriter w(out, format, indent);
  for (const auto& c : load.cases) w.write(c);
  w.finish();
  return out.str();
}

std::string write_evaluations(const std::vector<Evaluation>& es, Format format, int indent = -1,
                              bool single = false) {
  std::ostringstream out;
  EvaluationWriter w(out, format, indent, single);
  for (const auto& e : es) w.write(e);
  w.finish();
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto nl = text.find('\n', at);
    REQUIRE(nl != std::string::npos);  // every line ends with a line break
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

/// The cells of one CSV row (RFC 4180 quoting; the row holds no line break outside quotes).
std::vector<std::string> cells_of(const std::string& row) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (quoted) {
      if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

/// The rows of a CSV text whose quoted cells may hold line breaks.
std::vector<std::string> rows_of(const std::string& text) {
  std::vector<std::string> out;
  std::string row;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      out.push_back(row);
      row.clear();
    } else {
      row += c;
    }
  }
  REQUIRE(row.empty());  // the last row ends with a line break
  return out;
}

/// A stream buffer that takes `room` bytes, then fails (a full disk).
class FullDisk : public std::streambuf {
 public:
  explicit FullDisk(std::size_t room) : room_(room) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (room_ == 0) return traits_type::eof();
    --room_;
    return c;
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    const auto take = std::min<std::streamsize>(n, static_cast<std::streamsize>(room_));
    room_ -= static_cast<std::size_t>(take);
    return take;
  }

 private:
  std::size_t room_;
};

}  // namespace

TEST_CASE("Stream writers: CaseWriter writes to_json(Caseload) byte for byte at every indent", "[stream][json]") {
  const Caseload load = sample_caseload();
  // The sample holds every kind of event.
  std::set<EventKind> kinds;
  for (const auto& c : load.cases)
    for (const auto& e : c.events) kinds.insert(e.kind());
  CHECK(kinds.size() == enum_size<EventKind>);
  for (int indent : {-1, 0, 1, 2, 3, 4, 8, 32}) {
    INFO("indent " << indent);
    CHECK(write_cases(load, Format::json, indent) == to_json(load, indent));
  }
  // An empty caseload, and one of one case.
  for (int indent : {-1, 0, 2}) {
    INFO("indent " << indent);
    CHECK(write_cases(Caseload{}, Format::json, indent) == to_json(Caseload{}, indent));
    Caseload one;
    one.cases.push_back(load.cases.front());
    CHECK(write_cases(one, Format::json, indent) == to_json(one, indent));
  }
  // Any negative indent is compact, as for to_json; above max_indent is an error.
  CHECK(write_cases(load, Format::json, -7) == to_json(load, -1));
  std::ostringstream out;
  CHECK_THROWS_AS(CaseWriter(out, Format::json, max_indent + 1), Error);
}

TEST_CASE("Stream writers: EvaluationWriter writes to_json of the evaluations byte for byte at every indent",
          "[stream][json]") {
  const std::vector<Evaluation> es = evaluations_of(sample_caseload(), D("2020-06-30"));
  // The sample reaches every part of the document.
  auto any = [&](auto pred) { return std::any_of(es.begin(), es.end(), pred); };
  REQUIRE(any([](const Evaluation& e) { return !e.alerts.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.sanctions.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return e.exit() != nullptr; }));
  REQUIRE(any([](const Evaluation& e) { return !e.followup.breached.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.violations.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.training.empty() && !e.bus_trips.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.aftercare.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.warnings.empty(); }));
  REQUIRE(any([](const Evaluation& e) { return !e.target_group.reasons.empty(); }));
  REQUIRE(any([](const Evaluation& e) {
    return std::any_of(e.not_applied.begin(), e.not_applied.end(),
                       [](const NotApplied& n) { return n.reason == NotAppliedReason::unreadable; });
  }));
  REQUIRE(any([](const Evaluation& e) {
    return std::any_of(e.agreements.begin(), e.agreements.end(), [](const AgreementRecord& a) {
      return !a.missing_terms.empty() || !a.ordinary_minutes_per_week;
    });
  }));
  for (auto status : {SanctionStatus::eligible, SanctionStatus::not_eligible, SanctionStatus::undecided})
    REQUIRE(any([&](const Evaluation& e) {
      return std::any_of(e.sanctions.begin(), e.sanctions.end(), [&](const SanctionAnswer& a) { return a.status == status; });
    }));
  for (auto step : {Step::exit_self_support, Step::exit_30_hours, Step::exit_rehabilitation_team})
    REQUIRE(any([&](const Evaluation& e) { return e.step == step; }));
  for (int indent : {-1, 0, 1, 2, 4, 32}) {
    INFO("indent " << indent);
    CHECK(write_evaluations(es, Format::json, indent) == to_json(es, indent));
    CHECK(write_evaluations({}, Format::json, indent) == to_json(std::vector<Evaluation>{}, indent));
    // One evaluation on its own: exactly to_json(e).
    CHECK(write_evaluations({es[3]}, Format::json, indent, true) == to_json(es[3], indent));
  }
}

TEST_CASE("Stream writers: a single-evaluation writer takes exactly one evaluation", "[stream][json]") {
  const Evaluation e = CaseBuilder("c-1").trin1_complete("2024-01-08").eval("2024-02-01");
  std::ostringstream out;
  EvaluationWriter w(out, Format::json, 2, true);
  w.write(e);
  CHECK_THROWS_AS(w.write(e), Error);
  w.finish();
  CHECK(out.str() == to_json(e, 2));

  std::ostringstream none;
  EvaluationWriter empty(none, Format::json, 2, true);
  CHECK_THROWS_WITH(empty.finish(), Contains("without one"));
  // JSON Lines has no single form: one line per evaluation.
  CHECK(write_evaluations({e}, Format::jsonl, -1, true) == to_json(e, -1) + "\n");
}

TEST_CASE("Stream writers: JSON Lines hold one compact case per line that reads back to the case",
          "[stream][jsonl]") {
  const Caseload load = sample_caseload();
  for (int indent : {-1, 2}) {  // the indent does not apply to JSON Lines
    const auto lines = lines_of(write_cases(load, Format::jsonl, indent));
    REQUIRE(lines.size() == load.cases.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      INFO("line " << i + 1);
      CHECK(lines[i] == to_json(load.cases[i], -1));
      // Text that is not UTF-8 is written replaced (text-1's free text, the last id), and an
      // unreadable input is not written (text-1's rejected event).
      if (load.cases[i].citizen == "text-1" || i == load.cases.size() - 1) continue;
      const Case back = case_from_json(lines[i]);
      CHECK(back.citizen == load.cases[i].citizen);
      CHECK(back.profile == load.cases[i].profile);
      CHECK(back.events == load.cases[i].events);
      CHECK(back.rejected.empty());
    }
  }
  CHECK(write_cases(Caseload{}, Format::jsonl).empty());
}

TEST_CASE("Stream writers: JSON Lines of evaluations hold the objects of the JSON document, one per line",
          "[stream][jsonl]") {
  const std::vector<Evaluation> es = evaluations_of(sample_caseload(), D("2020-06-30"));
  const auto lines = lines_of(write_evaluations(es, Format::jsonl, 4));
  REQUIRE(lines.size() == es.size());
  for (std::size_t i = 0; i < es.size(); ++i) {
    INFO("line " << i + 1);
    CHECK(lines[i] == to_json(es[i], -1));
  }
}

TEST_CASE("Stream writers: the CSV event table of CaseWriter reads back to the same cases", "[stream][csv]") {
  // Text that is not UTF-8 (text-1's free text, the last id) makes a table the reader refuses.
  Caseload load = sample_caseload();
  std::erase_if(load.cases, [&](const Case& c) { return c.citizen == "text-1" || &c == &load.cases.back(); });
  const std::string text = write_cases(load, Format::csv);
  CaseReader reader = CaseReader::from_text(text, Format::csv);
  Case c;
  std::size_t i = 0;
  while (reader.next(c)) {
    INFO("case " << i);
    REQUIRE(i < load.cases.size());
    CHECK(c.citizen == load.cases[i].citizen);
    CHECK(c.profile == load.cases[i].profile);
    CHECK(c.events == load.cases[i].events);
    CHECK(c.rejected.empty());
    ++i;
  }
  CHECK(i == load.cases.size());
  // No case: the header alone.
  const auto rows = rows_of(write_cases(Caseload{}, Format::csv));
  REQUIRE(rows.size() == 1);
  CHECK(cells_of(rows[0]).at(0) == "citizen");
}

TEST_CASE("Stream writers: the CSV summary has the columns of Python's Evaluations.summary, in its order",
          "[stream][csv]") {
  // The Python module's summary_columns (python/src/bind_rules.cpp) names each column once, as
  // c["name"] = ..., in the order of the DataFrame.
  std::ifstream in(std::string(KANTEN_SOURCE_ROOT) + "/python/src/bind_rules.cpp");
  REQUIRE(in);
  const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto begin = source.find("py::dict summary_columns(");
  REQUIRE(begin != std::string::npos);
  const auto end = source.find("return c;", begin);
  REQUIRE(end != std::string::npos);
  const std::string body = source.substr(begin, end - begin);
  const std::regex column(R"re(c\["([a-z0-9_]+)"\] =)re");
  std::vector<std::string> python;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), column); it != std::sregex_iterator(); ++it)
    python.push_back((*it)[1]);
  REQUIRE(python.size() >= 30);

  const auto& columns = evaluation_csv_columns();
  CHECK(std::vector<std::string>(columns.begin(), columns.end()) == python);

  // The header row is those names.
  const auto rows = rows_of(write_evaluations({}, Format::csv));
  REQUIRE(rows.size() == 1);
  CHECK(cells_of(rows[0]) == python);
}

TEST_CASE("Stream writers: a CSV summary row holds the evaluation's values", "[stream][csv]") {
  // Trin 3 from 2024-02-05 with 2 ordinary hours in February and a contact on 2024-02-20, none
  // after it: March and April are breached months as of 2024-05-15, May is due. Internship hours
  // under an ordinary-hours agreement are not applied; a sanction failure is undecided.
  CaseBuilder b("c,\"7\"");
  b.trin1_complete("2024-01-08")
      .trin2_complete("2024-02-05")
      .hours("2024-02-08", 120)
      .hours("2024-02-09", 60, HoursKind::internship)
      .contact("2024-02-20")
      .failure("2024-03-01");
  const Evaluation e = b.eval("2024-05-15");
  REQUIRE(e.step == Step::trin3_virksomhedsforloeb);
  REQUIRE(e.followup.breached.size() == 2);
  REQUIRE(e.followup.deadline.has_value());
  REQUIRE(e.inactive_since.has_value());

  const auto rows = rows_of(write_evaluations({e}, Format::csv));
  REQUIRE(rows.size() == 2);
  const auto header = cells_of(rows[0]);
  const auto cells = cells_of(rows[1]);
  REQUIRE(cells.size() == header.size());
  std::map<std::string, std::string> row;
  for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = cells[i];

  CHECK(rows[1].rfind("\"c,\"\"7\"\"\",", 0) == 0);  // quoted, its quotes doubled (RFC 4180)
  CHECK(row["citizen"] == "c,\"7\"");
  CHECK(row["target_group"] == "true");
  CHECK(row["step"] == "trin3_virksomhedsforloeb");
  CHECK(row["since"] == "2024-02-05");
  CHECK(row["missing"] == "ordinary_hours");
  CHECK(row["exit"].empty());
  CHECK(row["exit_date"].empty());
  CHECK(row["exit_from"].empty());
  CHECK(row["ordinary_this_month"] == "0");
  CHECK(row["thirty_hours_pending"] == "false");
  CHECK(row["ordinary_in_trin3_this_month"] == "0");
  CHECK(row["ordinary_minutes"] == "120");
  CHECK(row["internship_minutes"] == "0");
  CHECK(row["followup"] == "true");
  CHECK(row["followup_start"] == "2024-02-05");
  CHECK(row["breaches"] == "2");
  CHECK(row["breached_months"] == "2024-03|2024-04");
  CHECK(row["due_this_month"] == "true");
  CHECK(row["deadline"] == iso(*e.followup.deadline));
  CHECK(row["last_contact"] == "2024-02-20");
  CHECK(row["inactive_since"] == iso(*e.inactive_since));
  CHECK(row["jobformidler"] == "jf-1");
  CHECK(row["jobformidler_since"] == "2024-01-08");
  CHECK(row["jobformidler_changes"] == "0");
  CHECK(row["days_with_jobformidler"] == std::to_string(e.jobformidler.days_with_current));
  CHECK(row["days_in_trin2"] == "0");
  CHECK(row["total_days_in_trin2"] == "28");
  CHECK(row["agreements"] == "1");
  CHECK(row["alerts"] == "0");
  CHECK(row["sanction_failures"] == "1");
  CHECK(row["sanctions_undecided"] == "1");
  CHECK(row["sanctions_eligible"] == "0");
  CHECK(row["violations"] == std::to_string(e.violations.size()));
  CHECK(row["not_applied"] == "1");
  CHECK(row["events_applied"] == std::to_string(e.events_applied));
  CHECK(row["events_after_as_of"] == "0");
}

TEST_CASE("Stream writers: a CSV summary row of an exit, and of a citizen before Trin 1", "[stream][csv]") {
  const Evaluation exited =
      CaseBuilder("c-2").trin1_complete("2024-01-08").self_support("2024-01-20").eval("2024-03-01");
  REQUIRE(exited.exit() != nullptr);
  const Evaluation before = CaseBuilder("c-3").eval("2024-03-01");
  const auto rows = rows_of(write_evaluations({exited, before}, Format::csv));
  REQUIRE(rows.size() == 3);
  const auto header = cells_of(rows[0]);
  auto cell = [&](std::size_t r, const std::string& name) {
    const auto at = std::find(header.begin(), header.end(), name);
    REQUIRE(at != header.end());
    return cells_of(rows[r]).at(static_cast<std::size_t>(at - header.begin()));
  };
  CHECK(cell(1, "step") == "exit_self_support");
  CHECK(cell(1, "exit") == "exit_self_support");
  CHECK(cell(1, "exit_date") == "2024-01-20");
  CHECK(cell(1, "exit_from") == "trin2_paa_vej_mod_job");
  CHECK(cell(1, "missing").empty());
  CHECK(cell(2, "step") == "not_started");
  CHECK(cell(2, "since").empty());  // no date: an empty cell
  CHECK(cell(2, "inactive_since").empty());
  CHECK(cell(2, "jobformidler").empty());
  CHECK(cell(2, "followup") == "false");
  CHECK(cell(2, "followup_start").empty());
  CHECK(cell(2, "missing") == "visitation");
  CHECK(cell(2, "breached_months").empty());

  // Several items: joined by "|", in the evaluation's order.
  const Evaluation started = CaseBuilder("c-4").first_conversation("2024-01-08").visit("2024-01-08").eval("2024-03-01");
  REQUIRE(started.missing.size() >= 2);
  std::string joined;
  for (Missing m : started.missing) joined += (joined.empty() ? "" : "|") + std::string(name(m));
  const auto more = rows_of(write_evaluations({started}, Format::csv));
  REQUIRE(more.size() == 2);
  const auto at = std::find(header.begin(), header.end(), "missing") - header.begin();
  CHECK(cells_of(more[1]).at(static_cast<std::size_t>(at)) == joined);
  CHECK(joined == "cv|job_direction|jobformidler");
}

TEST_CASE("Stream writers: format names and file extensions", "[stream]") {
  CHECK(parse_format("json") == Format::json);
  CHECK(parse_format("jsonl") == Format::jsonl);
  CHECK(parse_format("ndjson") == Format::jsonl);
  CHECK(parse_format("csv") == Format::csv);
  for (Format f : {Format::json, Format::jsonl, Format::csv}) CHECK(parse_format(format_name(f)) == f);
  try {
    (void)parse_format("xml", "--format");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
    CHECK(e.field() == "--format");
    CHECK(e.value() == "xml");
    CHECK_THAT(std::string(e.what()), Contains("json") && Contains("jsonl") && Contains("csv"));
  }
  CHECK_THROWS_WITH(parse_format("JSON"), Contains("field 'format'"));  // names are lower case
  CHECK_THROWS_AS(parse_format(""), Error);

  CHECK(format_of_path("cases.json") == Format::json);
  CHECK(format_of_path("dir.v2/cases.JSONL") == Format::jsonl);
  CHECK(format_of_path("C:\\data\\cases.NdJson") == Format::jsonl);
  CHECK(format_of_path("/tmp/x/events.Csv") == Format::csv);
  CHECK_FALSE(format_of_path("-").has_value());
  CHECK_FALSE(format_of_path("cases").has_value());
  CHECK_FALSE(format_of_path("cases.txt").has_value());
  CHECK_FALSE(format_of_path("cases.json.gz").has_value());
  CHECK_FALSE(format_of_path("dir.json/cases").has_value());
  CHECK_FALSE(format_of_path(".json").has_value());
}

TEST_CASE("Stream writers: finish is idempotent, nothing follows it, a failed stream is an io_error",
          "[stream]") {
  const Caseload load = sample_caseload();
  for (Format f : {Format::json, Format::jsonl, Format::csv}) {
    INFO(format_name(f));
    std::ostringstream out;
    CaseWriter w(out, f);
    w.write(load.cases[0]);
    w.finish();
    const std::string once = out.str();
    w.finish();
    CHECK(out.str() == once);
    CHECK_THROWS_AS(w.write(load.cases[1]), Error);

    // A stream that takes 100 bytes: the writer reports io_error by the end.
    FullDisk full(100);
    std::ostream small(&full);
    auto fill = [&] {
      CaseWriter cw(small, f);
      for (const auto& c : load.cases) cw.write(c);
      cw.finish();
    };
    try {
      fill();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::io_error);
    }
    FullDisk full2(100);
    std::ostream small2(&full2);
    EvaluationWriter ew(small2, f);
    const std::vector<Evaluation> es = evaluations_of(load, D("2020-06-30"));
    auto fill_evaluations = [&] {
      for (const auto& e : es) ew.write(e);
      ew.finish();
    };
    CHECK_THROWS_AS(fill_evaluations(), Error);
  }
}

TEST_CASE("Stream writers: a writer destroyed unfinished leaves the document open", "[stream]") {
  const Caseload load = sample_caseload();
  std::ostringstream out;
  {
    CaseWriter w(out, Format::json);
    w.write(load.cases[0]);
    w.write(load.cases[1]);
  }  // no finish(): an error stopped the work
  // What was written is handed on, but the document is not closed.
  const std::string text = out.str();
  CHECK(text == "{\"cases\":[" + to_json(load.cases[0]) + "," + to_json(load.cases[1]));
  CHECK_THROWS_AS(caseload_from_json(text), Error);
}

TEST_CASE("Stream writers: moved writers keep writing the same document", "[stream]") {
  const Caseload load = sample_caseload();
  std::ostringstream out;
  CaseWriter a(out, Format::json, 2);
  a.write(load.cases[0]);
  CaseWriter b(std::move(a));
  for (std::size_t i = 1; i < load.cases.size(); ++i) b.write(load.cases[i]);
  b.finish();
  CHECK(out.str() == to_json(load, 2));
}

TEST_CASE("Stream writers: generate_cases makes generate_caseload's cases one at a time, in order",
          "[stream][generate]") {
  GeneratorOptions g;
  g.citizens = 120;
  g.seed = 99;
  const Caseload whole = generate_caseload(g);
  std::vector<Case> streamed;
  const std::size_t n = generate_cases(g, [&](Case&& c) { streamed.push_back(std::move(c)); });
  CHECK(n == 120);
  REQUIRE(streamed.size() == whole.cases.size());
  for (std::size_t i = 0; i < streamed.size(); ++i) {
    INFO("case " << i);
    CHECK(streamed[i].citizen == whole.cases[i].citizen);
    CHECK(streamed[i].profile == whole.cases[i].profile);
    CHECK(streamed[i].events == whole.cases[i].events);
  }
  // Written as it is made, the document is the whole caseload's.
  std::ostringstream out;
  CaseWriter w(out, Format::json, 2);
  generate_cases(g, [&](Case&& c) { w.write(c); });
  w.finish();
  CHECK(out.str() == to_json(whole, 2));

  // Invalid options are refused before any case is made; a sink's exception stops the work.
  g.citizens = max_generated + 1;
  std::size_t made = 0;
  CHECK_THROWS_AS(generate_cases(g, [&](Case&&) { ++made; }), Error);
  CHECK(made == 0);
  g.citizens = 50;
  CHECK_THROWS_AS(generate_cases(g, [&](Case&&) {
                    if (++made == 3) throw std::runtime_error("stop");
                  }),
                  std::runtime_error);
  CHECK(made == 3);
}
