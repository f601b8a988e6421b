// The CSV event table (docs/csv-format.md), through the private reader and writer
// (src/rules/csv.hpp): round trips of generated and hand-built cases, RFC 4180 quoting, list
// escapes, per-row faults kept in Case::rejected with the JSON reader's fields and messages, table
// faults naming their line and column, warnings and strict reading, and no free text or CPR-shaped
// id in any message.
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "rules/csv.hpp"

using namespace kt;
using kanten::detail::CsvCases;

namespace {

/// Every case of a table, and the table's own warnings.
struct Table {
  std::vector<Case> cases;
  std::vector<std::uint64_t> lines;  // the line each case began on
  std::vector<InputWarning> warnings;
  std::uint64_t bytes = 0;
};

Table read_table(const std::string& text, const ReadOptions& options = {}) {
  std::istringstream in(text);
  CsvCases reader(in, "t.csv", options);
  Table t;
  Case c;
  while (reader.next(c)) {
    t.cases.push_back(c);
    t.lines.push_back(reader.line());
  }
  t.warnings = reader.warnings();
  t.bytes = reader.bytes();
  return t;
}

/// The error reading `text` throws (fails the test when it throws none).
kanten::Error table_error(const std::string& text, const ReadOptions& options = {}) {
  try {
    (void)read_table(text, options);
  } catch (const kanten::Error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  throw std::logic_error("unreachable");
}

std::string csv_of(const std::vector<Case>& cases) {
  std::ostringstream out;
  kanten::detail::write_csv_header(out);
  for (const auto& c : cases) kanten::detail::write_csv_case(out, c);
  return out.str();
}

/// A narrow table for hand-written rows: these columns, in this order.
// clang-format off
const std::vector<std::string> narrow = {
    "citizen", "date", "kind", "benefit", "activity_ready", "outcome", "minutes", "hours", "type", "channel",
    "failure_id", "text", "tasks", "wishes", "companies", "trip", "jobformidler", "agreement_kind",
    "minutes_per_week", "ordinary_minutes_per_week", "health", "company", "goal"};
// clang-format on

std::string narrow_header() {
  std::string h;
  for (const auto& c : narrow) h += (h.empty() ? "" : ",") + c;
  return h + "\n";
}

/// One row of the narrow table: the cells named (as CSV text, quoted by the caller where needed).
std::string row(std::initializer_list<std::pair<std::string_view, std::string_view>> cells) {
  std::string r;
  for (std::size_t i = 0; i < narrow.size(); ++i) {
    if (i > 0) r += ',';
    for (const auto& [k, v] : cells)
      if (k == narrow[i]) r += v;
  }
  return r + "\n";
}

/// A table of citizen c-1: the narrow header and the rows.
std::string narrow_table(std::initializer_list<std::string> rows) {
  std::string t = narrow_header();
  for (const auto& r : rows) t += r;
  return t;
}

/// The one case of a narrow table with one event row that must be rejected: its issue.
InputIssue rejected_row(std::initializer_list<std::pair<std::string_view, std::string_view>> cells) {
  const Table t = read_table(narrow_table({row(cells)}));
  REQUIRE(t.cases.size() == 1);
  const Case& c = t.cases[0];
  REQUIRE(c.events.empty());
  REQUIRE(c.rejected.size() == 1);
  CHECK(c.rejected[0].index == 0);
  CHECK_FALSE(c.rejected[0].reason.empty());
  return c.rejected[0];
}

void check_same_cases(const std::vector<Case>& a, const std::vector<Case>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("case " << i << " " << a[i].citizen);
    CHECK(a[i].citizen == b[i].citizen);
    CHECK(a[i].profile == b[i].profile);
    CHECK(a[i].events == b[i].events);
    CHECK(b[i].rejected.empty());
    CHECK(b[i].warnings.empty());
  }
}

/// One event of each kind with every field (the kinds in EventKind order), as JSON.
const char* const every_kind_case = R"({"citizen": "c-every", "profile": {"benefit": "integrationsydelse",
  "activity_ready": false, "lives_in_designated_area": false, "in_integration_programme": true}, "events": [
  {"date": "2024-01-08", "kind": "first_conversation"},
  {"date": "2024-01-08", "kind": "visitation", "outcome": "rehabilitation_team"},
  {"date": "2024-01-10", "kind": "jobformidler_assigned", "jobformidler": "jf-017"},
  {"date": "2024-01-15", "kind": "cv_completed"},
  {"date": "2024-01-22", "kind": "job_direction_set", "goal": "education", "wishes": ["9412", "kitchen, or \"cafe\"", "a|b\\c"]},
  {"date": "2024-03-04", "kind": "course_broken_off", "rehabilitation_assessment": true},
  {"date": "2024-02-05", "kind": "agreement", "agreement_kind": "both", "start": "2024-02-12",
   "hours_per_week": "8:30", "ordinary_hours_per_week": "2:00", "company": "company-017", "tasks": ["dishwashing", "line\nbreak"],
   "sub_goals": ["two days a week"], "health": ["no_heavy_lifting", "calm_pace"]},
  {"date": "2024-02-06", "kind": "agreement", "agreement_kind": "internship", "minutes_per_week": 600},
  {"date": "2024-02-05", "kind": "followup_plan"},
  {"date": "2024-02-05", "kind": "contact_person", "company": "company-017"},
  {"date": "2024-02-14", "kind": "hours_worked", "hours": "3:30", "type": "internship"},
  {"date": "2024-02-15", "kind": "hours_worked", "minutes": -5, "type": "ordinary"},
  {"date": "2024-02-20", "kind": "contact", "channel": "video"},
  {"date": "2024-03-11", "kind": "sanction_failure", "failure_id": "F1", "failure": "did_not_apply_for_jobs"},
  {"date": "2024-03-12", "kind": "reasonable_cause", "failure_id": "F1", "cause": "addiction", "text": "note, with \"quotes\"\r\nand lines | \\"},
  {"date": "2024-03-13", "kind": "vulnerability_assessed", "failure_id": "F1", "vulnerable": true},
  {"date": "2024-03-14", "kind": "concrete_assessment", "failure_id": "F1", "promotes_availability": false,
   "considers_vulnerability": true, "text": "reasoning"},
  {"date": "2024-03-15", "kind": "hearing_sent", "failure_id": "F1", "answer_by": "2024-03-25"},
  {"date": "2024-03-15", "kind": "hearing_sent", "failure_id": "F2"},
  {"date": "2024-03-16", "kind": "hearing_answered", "failure_id": "F1"},
  {"date": "2024-03-17", "kind": "personal_contact_attempt", "failure_id": "F1", "channel": "home_visit", "reached": true},
  {"date": "2024-06-14", "kind": "self_support", "via": "education"},
  {"date": "2024-02-01", "kind": "profile_changed", "benefit": "kontanthjaelp", "lives_in_designated_area": false},
  {"date": "2024-02-02", "kind": "profile_changed", "in_integration_programme": false},
  {"date": "2024-07-01", "kind": "aftercare_contact", "channel": "phone"},
  {"date": "2024-01-20", "kind": "bus_trip", "trip": "trip-3", "attended": false, "companies": ["company-017", "co|23"]},
  {"date": "2024-01-22", "kind": "training_track", "track": "track-9", "workplace": "w-2", "mentor": "m-4", "end": "2024-04-21"},
  {"date": "2024-01-23", "kind": "training_track", "track": "track-10"}
]})";

}  // namespace

TEST_CASE("csv: a generated caseload written as a table reads back to equal cases", "[csv]") {
  GeneratorOptions g;
  g.citizens = 300;
  g.seed = 11;
  const Caseload load = generate_caseload(g);
  const std::string text = csv_of(load.cases);
  CHECK(text.size() > (std::size_t{1} << 20));  // more than one block of input
  const Table back = read_table(text);
  check_same_cases(load.cases, back.cases);
  CHECK(back.warnings.empty());
  CHECK(back.bytes == text.size());
  // Each case begins on the line after the previous one's rows (a profile row and its events).
  std::uint64_t line = 2;
  for (std::size_t i = 0; i < load.cases.size(); ++i) {
    CHECK(back.lines[i] == line);
    line += 1 + load.cases[i].events.size();
  }
  // Written again, the same bytes.
  CHECK(csv_of(back.cases) == text);
  // With "\r\n" line ends, the same cases.
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Table windows = read_table(crlf);
  check_same_cases(load.cases, windows.cases);
  CHECK(windows.bytes == crlf.size());
}

TEST_CASE("csv: every kind of event, every field, and awkward text round-trip", "[csv]") {
  const Case c = case_from_json(every_kind_case);
  REQUIRE(c.rejected.empty());
  const std::string text = csv_of({c});
  const Table back = read_table(text);
  check_same_cases({c}, back.cases);
  // The header is the documented one (docs/csv-format.md).
  CHECK(text.substr(0, text.find('\n')) ==
        "citizen,date,kind,benefit,activity_ready,lives_in_designated_area,in_integration_programme,outcome,"
        "jobformidler,goal,wishes,rehabilitation_assessment,agreement_kind,start,minutes_per_week,hours_per_week,"
        "ordinary_minutes_per_week,ordinary_hours_per_week,company,tasks,sub_goals,health,minutes,hours,type,channel,"
        "failure_id,failure,cause,text,vulnerable,promotes_availability,considers_vulnerability,answer_by,reached,via,"
        "trip,attended,companies,track,workplace,mentor,end");
  // The lists are escaped, the free text quoted.
  CHECK(text.find(R"("9412|kitchen, or ""cafe""|a\|b\\c")") != std::string::npos);
  CHECK(text.find(R"(company-017|co\|23)") != std::string::npos);

  // A case built through the API: odd ids and texts, terms absent and empty.
  CaseBuilder b("c-ø,\"x\"", Profile{Benefit::none, false, true, true});
  b.trin1_complete("2024-01-08")
      .on("2024-01-09", AgreementMade{AgreementKind::internship, D("2024-01-15"), 0, nullptr, std::nullopt});
  b.on("2024-01-10",
       AgreementMade{AgreementKind::both, D("2024-01-10"), 90, std::make_shared<AgreementTerms>(), std::nullopt});
  b.on("2024-01-14", ReasonableCause{"F1", CauseKind::other, "line\nbreak \"and\" \\ æøå\r\n"});
  b.on("2024-01-15", JobDirectionSet{Goal::employment, {"", "x", "|", "\\|", ""}});
  const Table api = read_table(csv_of({b.get()}));
  check_same_cases({b.get()}, api.cases);
}

TEST_CASE("csv: a quoted cell holds commas, quotes and line breaks, and lines are counted through it", "[csv]") {
  const std::string text =
      "citizen,date,kind,text,failure_id,cause\n"
      "c-1,2024-03-12,reasonable_cause,\"one, two \"\"three\"\"\nfour\n\",F1,other\n"
      "c-2,2024-03-12,reasonable_cause,,F1,other\n"
      "c-3,2024-03-12,reasonable_cause,,F1,other,extra\n";
  const Error e = table_error(text);
  CHECK(std::string(e.what()).find("line 6") != std::string::npos);  // after the two line breaks in the cell

  const Table t = read_table(text.substr(0, text.rfind("c-3")));
  REQUIRE(t.cases.size() == 2);
  REQUIRE(t.cases[0].events.size() == 1);
  CHECK(std::get<ReasonableCause>(t.cases[0].events[0].data).text == "one, two \"three\"\nfour\n");
  CHECK(t.lines == std::vector<std::uint64_t>{2, 5});
  // Quoted cells anywhere, an empty quoted cell, and no line end after the last row.
  const Table q = read_table(
      "\"citizen\",\"date\",kind,\"channel\"\n\"c-1\",\"2024-01-08\",contact,\"phone\"\nc-1,\"\",cv_completed,\"\"");
  REQUIRE(q.cases.size() == 1);
  CHECK(q.cases[0].events.size() == 1);
  REQUIRE(q.cases[0].rejected.size() == 1);
  CHECK(q.cases[0].rejected[0].field == "date");
}

TEST_CASE("csv: lines may end in \\r\\n, blank lines are skipped, a BOM is read as nothing", "[csv]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "citizen,date,kind,channel,text\r\n"
      "c-1,2024-01-08,contact,phone,\"a\r\nb\"\r\n"
      "\r\n"
      "c-1,,profile,,\r\n"
      "c-2,2024-01-09,contact,written,\r\n";
  const Table t = read_table(text);
  REQUIRE(t.cases.size() == 2);
  REQUIRE(t.cases[0].events.size() == 1);
  CHECK(t.cases[0].events[0] == Event{D("2024-01-08"), Contact{Channel::phone}});
  CHECK(t.cases[1].events[0] == Event{D("2024-01-09"), Contact{Channel::written}});
  CHECK(t.lines == std::vector<std::uint64_t>{2, 6});
  CHECK(t.bytes == text.size());
  CHECK(t.cases[0].warnings.size() == 1);  // the text cell: a contact has no text
}

TEST_CASE("csv: list cells split on | with \\| and \\\\ as escapes", "[csv]") {
  const Table t = read_table(narrow_table({
      row({{"citizen", "c-1"},
           {"date", "2024-01-22"},
           {"kind", "job_direction_set"},
           {"goal", "education"},
           {"wishes", R"(a\|b|c\\d|\\|)"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-23"},
           {"kind", "bus_trip"},
           {"trip", "t-1"},
           {"companies", "co-1|co-2"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-24"},
           {"kind", "agreement"},
           {"agreement_kind", "both"},
           {"health", "calm_pace|no_noise"},
           {"tasks", R"(x\y)"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-25"},
           {"kind", "bus_trip"},
           {"trip", "t-2"},
           {"companies", "co-1||co-2"}}),
  }));
  REQUIRE(t.cases.size() == 1);
  const Case& c = t.cases[0];
  REQUIRE(c.events.size() == 2);
  CHECK(std::get<JobDirectionSet>(c.events[0].data).wishes == std::vector<std::string>{"a|b", "c\\d", "\\", ""});
  CHECK(std::get<BusTripAttended>(c.events[1].data).companies == std::vector<std::string>{"co-1", "co-2"});
  REQUIRE(c.rejected.size() == 2);
  CHECK(c.rejected[0].index == 2);  // a backslash before anything else: free text, not shown
  CHECK(c.rejected[0].field == "tasks");
  CHECK(c.rejected[0].value == "<text>");
  CHECK(c.rejected[0].reason.find("backslash") != std::string::npos);
  CHECK(c.rejected[1].index == 3);  // an empty id in a list
  CHECK(c.rejected[1].field == "companies[1]");
  CHECK(c.rejected[1].value == "\"\"");
}

TEST_CASE("csv: a fault in an event row is kept in Case::rejected with its row, field, value and reason", "[csv]") {
  const Table t = read_table(narrow_table({
      row({{"citizen", "c-1"}, {"date", "2024-01-08"}, {"kind", "first_conversation"}}),
      row({{"citizen", "c-1"}, {"kind", "profile"}, {"benefit", "uddannelseshjaelp"}}),
      row({{"citizen", "c-1"}, {"date", "2024-01-09"}, {"kind", "coffee_break"}}),
      row({{"citizen", "c-1"}, {"date", "2024-01-10"}, {"kind", "visitation"}, {"outcome", "project"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-11"},
           {"kind", "hours_worked"},
           {"minutes", "90.5"},
           {"type", "ordinary"}}),
  }));
  REQUIRE(t.cases.size() == 1);
  const Case& c = t.cases[0];
  CHECK(c.profile.benefit == Benefit::uddannelseshjaelp);
  REQUIRE(c.events.size() == 2);
  REQUIRE(c.rejected.size() == 2);
  // The index counts the citizen's event rows (the profile row is none of them).
  CHECK(c.rejected[0].index == 1);
  CHECK(c.rejected[0].field == "kind");
  CHECK(c.rejected[0].value == "\"coffee_break\"");
  CHECK(c.rejected[0].reason.rfind("unknown event kind; expected one of: first_conversation", 0) == 0);
  CHECK(c.rejected[0].date == D("2024-01-09"));  // readable, kept for the report
  CHECK_FALSE(c.rejected[0].kind);
  CHECK(c.rejected[1].index == 3);
  CHECK(c.rejected[1].field == "minutes");
  CHECK(c.rejected[1].value == "\"90.5\"");
  CHECK(c.rejected[1].reason ==
        "must be a whole number of minutes, not a fraction (hours are exact; or give \"H:MM\")");
  CHECK(c.rejected[1].kind == EventKind::hours_worked);
  CHECK(c.rejected[1].date == D("2024-01-11"));

  // Every evaluation reports them as unreadable.
  EvaluateOptions options;
  options.as_of = D("2024-03-31");
  const auto r = evaluate(c, options);
  CHECK(count_not_applied(r, NotAppliedReason::unreadable) == 2);
}

TEST_CASE("csv: event faults have the JSON reader's field, value and reason", "[csv]") {
  struct Fault {
    std::vector<std::pair<std::string_view, std::string_view>> cells;  // besides citizen
    const char* json;                                                  // the same event in JSON
  };
  const Fault faults[] = {
      {{{"kind", "cv_completed"}}, R"({"kind": "cv_completed"})"},
      {{{"date", "2023-02-29"}, {"kind", "cv_completed"}}, R"({"date": "2023-02-29", "kind": "cv_completed"})"},
      {{{"date", "2024-01-08"}}, R"({"date": "2024-01-08"})"},
      {{{"date", "2024-01-08"}, {"kind", "visitation"}}, R"({"date": "2024-01-08", "kind": "visitation"})"},
      {{{"date", "2024-01-08"}, {"kind", "visitation"}, {"outcome", "maybe"}},
       R"({"date": "2024-01-08", "kind": "visitation", "outcome": "maybe"})"},
      {{{"date", "2024-01-08"}, {"kind", "agreement"}, {"agreement_kind", "both"}, {"health", "calm_pace|no_stairs"}},
       R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "health": ["calm_pace", "no_stairs"]})"},
      {{{"date", "2024-01-08"},
        {"kind", "agreement"},
        {"agreement_kind", "both"},
        {"minutes_per_week", "60"},
        {"ordinary_minutes_per_week", "90"}},
       R"({"date": "2024-01-08", "kind": "agreement", "agreement_kind": "both", "minutes_per_week": 60,
           "ordinary_minutes_per_week": 90})"},
      {{{"date", "2024-01-08"}, {"kind", "hours_worked"}, {"type", "ordinary"}},
       R"({"date": "2024-01-08", "kind": "hours_worked", "type": "ordinary"})"},
      {{{"date", "2024-01-08"}, {"kind", "hours_worked"}, {"hours", "7:75"}, {"type", "ordinary"}},
       R"({"date": "2024-01-08", "kind": "hours_worked", "hours": "7:75", "type": "ordinary"})"},
      {{{"date", "2024-01-08"}, {"kind", "hours_worked"}, {"hours", "99999999:00"}, {"type", "ordinary"}},
       R"({"date": "2024-01-08", "kind": "hours_worked", "hours": "99999999:00", "type": "ordinary"})"},
      {{{"date", "2024-01-08"}, {"kind", "hours_worked"}, {"minutes", "90"}, {"hours", "1:00"}, {"type", "ordinary"}},
       R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90, "hours": "1:00", "type": "ordinary"})"},
      {{{"date", "2024-01-08"}, {"kind", "hours_worked"}, {"minutes", "90"}, {"type", "paid"}},
       R"({"date": "2024-01-08", "kind": "hours_worked", "minutes": 90, "type": "paid"})"},
      {{{"date", "2024-01-08"}, {"kind", "jobformidler_assigned"}, {"jobformidler", "0101901234"}},
       R"({"date": "2024-01-08", "kind": "jobformidler_assigned", "jobformidler": "0101901234"})"},
      {{{"date", "2024-01-08"}, {"kind", "profile_changed"}}, R"({"date": "2024-01-08", "kind": "profile_changed"})"},
      {{{"date", "2024-01-08"}, {"kind", "bus_trip"}, {"trip", "t-1"}, {"companies", "010190-1234"}},
       R"({"date": "2024-01-08", "kind": "bus_trip", "trip": "t-1", "companies": ["010190-1234"]})"},
      {{{"date", "2024-01-08"}, {"kind", "contact"}, {"channel", "two words"}},
       R"({"date": "2024-01-08", "kind": "contact", "channel": "two words"})"},
  };
  for (const auto& f : faults) {
    const Case j = case_from_json(std::string(R"({"citizen": "c-1", "events": [)") + f.json + "]}");
    REQUIRE(j.rejected.size() == 1);
    std::string r = "c-1";
    for (std::size_t i = 1; i < narrow.size(); ++i) {
      r += ',';
      for (const auto& [k, v] : f.cells)
        if (k == narrow[i]) r += v;
    }
    const Table t = read_table(narrow_header() + r + "\n");
    REQUIRE(t.cases.size() == 1);
    REQUIRE(t.cases[0].rejected.size() == 1);
    const InputIssue& csv = t.cases[0].rejected[0];
    const InputIssue& json = j.rejected[0];
    INFO(f.json << " -> " << csv.field << " = " << csv.value << ": " << csv.reason);
    CHECK(csv.field == json.field);
    CHECK(csv.value == json.value);
    CHECK(csv.reason == json.reason);
    CHECK(csv.kind == json.kind);
  }
  // Where JSON speaks of types, a cell has none.
  CHECK(rejected_row({{"citizen", "c-1"},
                      {"date", "2024-01-08"},
                      {"kind", "vulnerability_assessed"},
                      {"failure_id", "F1"},
                      {"activity_ready", "yes"}})
            .field == "vulnerable");
  const InputIssue flag = rejected_row(
      {{"citizen", "c-1"}, {"date", "2024-01-08"}, {"kind", "profile_changed"}, {"activity_ready", "yes"}});
  CHECK(flag.field == "activity_ready");
  CHECK(flag.value == "\"yes\"");
  CHECK(flag.reason == "must be true or false");
  const InputIssue minutes = rejected_row({{"citizen", "c-1"},
                                           {"date", "2024-01-08"},
                                           {"kind", "hours_worked"},
                                           {"minutes", "ninety"},
                                           {"type", "ordinary"}});
  CHECK(minutes.reason == "must be a whole number of minutes");
  CHECK(rejected_row({{"citizen", "c-1"},
                      {"date", "2024-01-08"},
                      {"kind", "hours_worked"},
                      {"minutes", "9e1"},
                      {"type", "ordinary"}})
            .reason == "must be a whole number of minutes written without a decimal point or exponent");
  CHECK(rejected_row({{"citizen", "c-1"},
                      {"date", "2024-01-08"},
                      {"kind", "hours_worked"},
                      {"minutes", "4294967296"},
                      {"type", "ordinary"}})
            .reason == "out of range for minutes");
}

TEST_CASE("csv: free text is never shown in a fault, a warning or an error", "[csv][privacy]") {
  const std::string secret = "SECRET diagnosis and debts";
  const std::string secret_word = "SECRETdiagnosis";
  const Table t = read_table(narrow_table({
      row({{"citizen", "c-1"}, {"date", "2024-01-08"}, {"kind", "contact"}, {"channel", secret}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-08"},
           {"kind", "hours_worked"},
           {"minutes", secret},
           {"type", "ordinary"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-08"},
           {"kind", "agreement"},
           {"agreement_kind", "both"},
           {"tasks", secret_word + "\\n"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-08"},
           {"kind", "job_direction_set"},
           {"goal", "employment"},
           {"wishes", secret_word + "\\"}}),
      row({{"citizen", "c-1"},
           {"date", "2024-01-08"},
           {"kind", "contact"},
           {"channel", "phone"},
           {"text", secret_word}}),
  }));
  REQUIRE(t.cases.size() == 1);
  const Case& c = t.cases[0];
  CHECK(c.rejected.size() == 4);
  for (const auto& i : c.rejected) {
    INFO(i.field << " = " << i.value << ": " << i.reason);
    CHECK(i.value.find("SECRET") == std::string::npos);
    CHECK(i.reason.find("SECRET") == std::string::npos);
  }
  REQUIRE(c.warnings.size() == 1);  // the text of a contact: not used, not shown
  CHECK(c.warnings[0].field == "events[4].text");
  CHECK(c.warnings[0].message.find("SECRET") == std::string::npos);

  // Table faults never show a cell either.
  const std::string bad_tables[] = {
      narrow_header() + "c-1,\"" + secret + "\"x\n",
      narrow_header() + "c-1," + secret + "\"\n",
      narrow_header() + "c-1," + secret + "\n",
      narrow_header() + "c-1,2024-01-08,profile,\"" + secret + "\"" + std::string(narrow.size() - 4, ',') + "\n",
      narrow_header() + "c-1,2024-01-08,profile,,\"" + secret + "\"" + std::string(narrow.size() - 5, ',') + "\n",
  };
  for (const auto& text : bad_tables) {
    const Error e = table_error(text);
    INFO(e.what());
    CHECK(std::string(e.what()).find("SECRET") == std::string::npos);
  }
  // A column's name is shown only when it is a name.
  const std::string named = "citizen,kind,\"" + secret + "\"\nc-1,cv_completed,x\n";
  const Table w = read_table(named);
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0].field == "<name of 26 bytes>");
  ReadOptions strict;
  strict.strict = true;
  const Error e = table_error(named, strict);
  CHECK(std::string(e.what()).find("SECRET") == std::string::npos);
}

TEST_CASE("csv: an id shaped like a CPR number is refused and never shown", "[csv][privacy]") {
  SECTION("the citizen: an error naming the line and the column") {
    const Error e =
        table_error("citizen,date,kind\nc-1,2024-01-08,cv_completed\n010190-1234,2024-01-08,cv_completed\n");
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == "citizen");
    const std::string m = e.what();
    CHECK(m.find("CPR") != std::string::npos);
    CHECK(m.find("line 3, column 1") != std::string::npos);
    CHECK(m.find("010190") == std::string::npos);
  }
  SECTION("an event's id: the row is rejected") {
    const InputIssue i = rejected_row(
        {{"citizen", "c-1"}, {"date", "2024-01-08"}, {"kind", "sanction_failure"}, {"failure_id", "x 0101901234"}});
    CHECK(i.field == "failure_id");
    CHECK(i.value.empty());
    CHECK(i.reason.find("CPR") != std::string::npos);
  }
}

TEST_CASE("csv: unknown columns and cells a row's kind does not use are warnings, errors under strict reading",
          "[csv]") {
  const std::string text =
      "citizen,date,kind,channel,chanel,outcome\n"
      "c-1,2024-01-08,contact,phone,x,project\n"
      "c-1,2024-01-01,profile,,,\n";
  const Table t = read_table(text);
  REQUIRE(t.warnings.size() == 1);
  CHECK(t.warnings[0].field == "chanel");
  CHECK(t.warnings[0].message == "unknown column; did you mean \"channel\"? (line 1, column 5; ignored)");
  REQUIRE(t.cases.size() == 1);
  const Case& c = t.cases[0];
  REQUIRE(c.events.size() == 1);
  REQUIRE(c.warnings.size() == 2);
  CHECK(c.warnings[0].field == "events[0].outcome");
  CHECK(c.warnings[0].message == "a value in a column that kind \"contact\" does not use (line 2, column 6; ignored)");
  CHECK(c.warnings[1].field == "profile.date");
  CHECK(c.warnings[1].message == "a value in a column that a profile row does not use (line 3, column 2; ignored)");

  ReadOptions strict;
  strict.strict = true;
  SECTION("strict: the unknown column") {
    const Error e = table_error(text, strict);
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == "chanel");
    CHECK(std::string(e.what()).find("line 1, column 5") != std::string::npos);
  }
  SECTION("strict: the cell not used") {
    const Error e = table_error("citizen,date,kind,channel,outcome\nc-1,2024-01-08,contact,phone,project\n", strict);
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == "events[0].outcome");
    CHECK(std::string(e.what()).find("line 2, column 5") != std::string::npos);
  }
}

TEST_CASE("csv: a citizen's rows make one case, and a second profile row is an error naming both lines", "[csv]") {
  const std::string text =
      "citizen,date,kind,benefit,activity_ready\n"
      "c-1,2024-01-08,first_conversation,,\n"
      "c-1,,profile,none,false\n"
      "c-2,,profile,,\n"
      "c-1,2024-01-09,cv_completed,,\n";
  const Table t = read_table(text);
  REQUIRE(t.cases.size() == 3);  // a citizen who comes back is the caller's to refuse (CaseReader)
  CHECK(t.cases[0].citizen == "c-1");
  CHECK(t.cases[0].profile == Profile{Benefit::none, false, true, false});
  CHECK(t.cases[0].events.size() == 1);
  CHECK(t.cases[1].citizen == "c-2");
  CHECK(t.cases[1].profile == Profile{});
  CHECK(t.cases[1].events.empty());
  CHECK(t.lines == std::vector<std::uint64_t>{2, 4, 5});

  const Error e = table_error(
      "citizen,date,kind,benefit\nc-1,,profile,none\nc-1,2024-01-08,cv_completed,\nc-1,,profile,kontanthjaelp\n");
  CHECK(e.code() == Errc::invalid_input);
  const std::string m = e.what();
  CHECK(m.find("second profile row") != std::string::npos);
  CHECK(m.find("line 4") != std::string::npos);
  CHECK(m.find("line 2") != std::string::npos);

  SECTION("a profile row's values are checked: an error naming the line and column") {
    const Error b = table_error("citizen,date,kind,benefit\nc-1,,profile,pension\n");
    CHECK(b.field() == "profile.benefit");
    CHECK(b.value() == "\"pension\"");
    CHECK(std::string(b.what()).find("line 2, column 4") != std::string::npos);
  }
}

TEST_CASE("csv: faults in the table throw kanten::Error naming the line and the column", "[csv]") {
  const std::string h = "citizen,date,kind,text\n";
  const std::string ok = "c-1,2024-01-08,cv_completed,\n";
  auto check = [](const Error& e, Errc code, const std::string& where) {
    INFO(e.what());
    CHECK(e.code() == code);
    CHECK(std::string(e.what()).find(where) != std::string::npos);
  };
  SECTION("an unclosed quote: the line it opens on") {
    check(table_error(h + ok + "c-1,2024-01-09,cv_completed,\"open\n\nand on\n"), Errc::parse_error,
          "line 3, column 4");
  }
  SECTION("a NUL byte") {
    check(table_error(h + ok + ok + "c-1,2024-01-0" + std::string(1, '\0') + ",cv_completed,\n"), Errc::parse_error,
          "line 4, column 2");
  }
  SECTION("a NUL byte in the last block read") {
    check(table_error(h + ok + std::string(1, '\0')), Errc::parse_error, "line 3, column 1");
  }
  SECTION("a row of fewer cells than the header") {
    check(table_error(h + ok + "c-1,2024-01-09,cv_completed\n"), Errc::parse_error, "line 3, column 4");
  }
  SECTION("a row of more cells than the header") {
    check(table_error(h + ok + "c-1,2024-01-09,cv_completed,,\n"), Errc::parse_error, "line 3, column 5");
  }
  SECTION("a row without a citizen") {
    const Error e = table_error(h + ok + ",2024-01-09,cv_completed,\n");
    check(e, Errc::invalid_input, "line 3, column 1");
    CHECK(e.field() == "citizen");
  }
  SECTION("a row longer than ReadOptions::max_bytes") {
    ReadOptions small;
    small.max_bytes = 64;
    CHECK(read_table(h + ok, small).cases.size() == 1);
    check(table_error(h + ok + "c-1,2024-01-09,cv_completed," + std::string(80, 'x') + "\n", small),
          Errc::invalid_input, "line 3");
  }
  SECTION("a row longer than max_bytes and than the block, never ending") {
    ReadOptions small;
    small.max_bytes = (std::size_t{1} << 20) + 10;
    check(table_error(h + "c-1,2024-01-09,cv_completed,\"" + std::string(std::size_t{3} << 20, 'x'), small),
          Errc::invalid_input, "line 2");
  }
  SECTION("a quote inside an unquoted cell") {
    check(table_error(h + "c-1,2024-01-09,cv_completed,5\" tall\n"), Errc::parse_error, "line 2, column 4");
  }
  SECTION("text after a closing quote") {
    check(table_error(h + "c-1,\"2024-01-09\"x,cv_completed,\n"), Errc::parse_error, "line 2, column 2");
  }
  SECTION("a carriage return alone") {
    check(table_error(h + "c-1,2024-01-09\r,cv_completed,\n"), Errc::parse_error, "line 2, column 2");
  }
  SECTION("text that is not UTF-8") {
    check(table_error(h + ok + "c-1,2024-01-09,cv_completed,caf\xE9\n"), Errc::parse_error, "line 3, column 4");
  }
  SECTION("an empty input") { check(table_error(""), Errc::parse_error, "empty"); }
  SECTION("a header without citizen or kind") {
    const Error e = table_error("citizen,date\nc-1,2024-01-08\n");
    check(e, Errc::invalid_input, "line 1");
    CHECK(e.field() == "kind");
  }
  SECTION("a column named twice") {
    check(table_error("citizen,kind,date,date\n"), Errc::invalid_input, "line 1, column 4");
  }
  SECTION("a column without a name") { check(table_error("citizen,kind,\n"), Errc::invalid_input, "line 1, column 3"); }
  SECTION("the reader is spent after a fault") {
    std::istringstream in(h + ok + "c-2,2024-01-09,cv_completed\n");
    CsvCases r(in, "t.csv", {});
    Case c;
    CHECK_THROWS_AS(r.next(c), Error);
    CHECK_THROWS_AS(r.next(c), Error);
  }
  SECTION("an unknown kind is no table fault: the row is rejected") {
    const Table t = read_table(h + "c-1,2024-01-09,party,\n");
    REQUIRE(t.cases.size() == 1);
    REQUIRE(t.cases[0].rejected.size() == 1);
    CHECK(t.cases[0].rejected[0].field == "kind");
  }
}

TEST_CASE("csv: a row longer than the input block is read whole", "[csv]") {
  const std::string note(std::size_t{3} << 20, 'n');
  const std::string text =
      "citizen,date,kind,text,failure_id,cause\n"
      "c-1,2024-03-12,reasonable_cause,\"" +
      note +
      "\n\"\"\",F1,other\n"
      "c-1,2024-03-13,hearing_answered,,F1,\n";
  const Table t = read_table(text);
  REQUIRE(t.cases.size() == 1);
  REQUIRE(t.cases[0].events.size() == 2);
  CHECK(std::get<ReasonableCause>(t.cases[0].events[0].data).text == note + "\n\"");
  CHECK(t.bytes == text.size());
}

namespace {

/// The fenced blocks of `lang` in a Markdown file of the repository, in order, up to the heading
/// `until`.
std::vector<std::string> fenced_blocks(const std::string& path, const std::string& lang, const std::string& until) {
  std::ifstream in(std::string(KANTEN_SOURCE_ROOT) + "/" + path);
  REQUIRE(in);
  std::vector<std::string> blocks;
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line) && line != until) {
    if (!inside && line == "```" + lang) {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("csv: the documented tables read cleanly and the written one is what the writer writes", "[csv][examples]") {
  const auto tables = fenced_blocks("docs/csv-format.md", "csv", "## The evaluation summary");
  REQUIRE(tables.size() == 2);
  const Table example = read_table(tables[0]);
  REQUIRE(example.cases.size() == 2);
  CHECK(example.warnings.empty());
  for (const auto& c : example.cases) {
    CHECK(c.rejected.empty());
    CHECK(c.warnings.empty());
  }
  CHECK(example.cases[0].events.size() == 11);
  // The JSON the page gives for c-0102.
  const auto json = fenced_blocks("docs/csv-format.md", "text", "## The evaluation summary");
  REQUIRE(json.size() == 1);
  check_same_cases({case_from_json(json[0])}, {example.cases[1]});
  // The written form: c-0102 as the writer writes it, byte for byte.
  CHECK(csv_of({example.cases[1]}) == tables[1]);
}
