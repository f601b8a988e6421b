// Caseloads of any size (kanten/rules/stream.hpp): CaseReader reads the same cases as the
// whole-document reader from a JSON document and from JSON Lines, one at a time; every fault names
// its line and column; evaluate_stream gives the evaluations of evaluate_all, in order.
#include "helpers.hpp"

#include "kanten/rules/json.hpp"
#include "kanten/rules/stream.hpp"
#include "kanten/synth/generate.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kt;
using Catch::Matchers::Contains;

namespace {

std::vector<Case> read_all(std::string_view text, Format format, const ReadOptions& options = {}) {
  CaseReader reader = CaseReader::from_text(text, format, options);
  std::vector<Case> out;
  Case c;
  while (reader.next(c)) out.push_back(std::move(c));
  return out;
}

/// The cases of `load` as JSON Lines: one compact case per line.
std::string as_lines(const Caseload& load) {
  std::string out;
  for (const auto& c : load.cases) out += to_json(c) + "\n";
  return out;
}

void require_same(const std::vector<Case>& a, const std::vector<Case>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("case " << i);
    CHECK(a[i].citizen == b[i].citizen);
    CHECK(a[i].profile == b[i].profile);
    CHECK(a[i].events == b[i].events);
    CHECK(a[i].rejected == b[i].rejected);
    CHECK(a[i].warnings == b[i].warnings);
  }
}

/// The message of the kanten::Error that `f` throws ("" when it throws none).
template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

/// A case document whose events are `events`.
std::string case_text(const std::string& citizen, const std::string& events) {
  return R"({"citizen": ")" + citizen + R"(", "profile": {"benefit": "kontanthjaelp"}, "events": )" + events + "}";
}

}  // namespace

TEST_CASE("stream: a generated caseload reads the same from a JSON document, a bare array and JSON Lines",
          "[stream]") {
  GeneratorOptions g;
  g.citizens = 300;
  const Caseload load = generate_caseload(g);
  const std::string doc = to_json(load, 2);
  const Caseload whole = caseload_from_json(doc);
  require_same(read_all(doc, Format::json), whole.cases);

  // A bare array, compact, and the same cases one per line.
  const std::string compact = to_json(load);
  const std::string array = compact.substr(compact.find('['), compact.rfind(']') - compact.find('[') + 1);
  require_same(read_all(array, Format::json), whole.cases);
  require_same(read_all(as_lines(load), Format::jsonl), whole.cases);
}

TEST_CASE("stream: what the fast path does not take is read by the whole-document reader, with its issues and warnings",
          "[stream]") {
  // Hours as "H:MM", an unknown kind, a wrong type, an unknown field, a null field, an escaped
  // key, a CPR-shaped company id: each is the whole-document reader's to report.
  const std::string events = R"([
    {"date": "2024-01-08", "kind": "first_conversation"},
    {"date": "2024-02-14", "kind": "hours_worked", "hours": "3:30", "type": "internship"},
    {"date": "2024-02-15", "kind": "no_such_kind"},
    {"date": "2024-02-16", "kind": "contact", "channel": 7},
    {"date": "2024-02-17", "kind": "contact", "channel": "phone", "chanel": "x"},
    {"date": "2024-02-18", "kind": "contact", "channel": "phone", "note": null},
    {"d\u0061te": "2024-02-19", "kind": "cv_completed"},
    {"date": "2024-02-20", "kind": "contact_person", "company": "010203-1234"}
  ])";
  const std::string doc = R"({"cases": [)" + case_text("c-1", events) + "," + case_text("c-2", "[]") + R"(], "extra": 1})";
  const Caseload whole = caseload_from_json(doc);
  REQUIRE(whole.cases[0].rejected.size() >= 3);
  REQUIRE_FALSE(whole.cases[0].warnings.empty());
  require_same(read_all(doc, Format::json), whole.cases);

  CaseReader reader = CaseReader::from_text(doc, Format::json);
  Case c;
  while (reader.next(c)) {
  }
  CHECK(reader.warnings() == whole.warnings);  // "extra": unknown field of the caseload
  REQUIRE(reader.warnings().size() == 1);
  CHECK(reader.warnings()[0].field == "extra");

  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_AS(read_all(doc, Format::json, strict), Error);
}

TEST_CASE("stream: one case object is one case, and single() says so", "[stream]") {
  const std::string doc = case_text("c-9", R"([{"date": "2024-01-08", "kind": "first_conversation"}])");
  CaseReader reader = CaseReader::from_text(doc, Format::json);
  Case c;
  REQUIRE(reader.next(c));
  CHECK(reader.single());
  CHECK(c.citizen == "c-9");
  CHECK(c.events.size() == 1);
  CHECK_FALSE(reader.next(c));
  CHECK(reader.count() == 1);

  CaseReader array = CaseReader::from_text("[" + doc + "]", Format::json);
  REQUIRE(array.next(c));
  CHECK_FALSE(array.single());
}

TEST_CASE("stream: empty caseloads and blank lines", "[stream]") {
  CHECK(read_all("[]", Format::json).empty());
  CHECK(read_all(R"({"cases": []})", Format::json).empty());
  CHECK(read_all("\n  \n\r\n", Format::jsonl).empty());
  const auto two = read_all("\n" + case_text("a", "[]") + "\n\n" + case_text("b", "[]") + "\r\n", Format::jsonl);
  REQUIRE(two.size() == 2);
  CHECK(two[1].citizen == "b");
  CHECK_THAT(message_of([] { read_all("", Format::json); }), Contains("unexpected end of input") && Contains("line 1"));
}

TEST_CASE("stream: a syntax error names its line and column in the file, not in the case", "[stream]") {
  // The third line holds the second case, broken at its 27th byte.
  const std::string jsonl = case_text("a", "[]") + "\n" + case_text("b", "[]") + "\n" + R"({"citizen": "c", "events" [})" + "\n";
  const std::string m = message_of([&] { read_all(jsonl, Format::jsonl); });
  CHECK_THAT(m, Contains("not valid JSON") && Contains("line 3, column 27"));

  const std::string doc = "[\n" + case_text("a", "[]") + ",\n  " + R"({"citizen": "b", "events": [1 2]})" + "\n]";
  CHECK_THAT(message_of([&] { read_all(doc, Format::json); }), Contains("line 3, column 33"));

  CHECK_THAT(message_of([&] { read_all("[" + case_text("a", "[]") + " x]", Format::json); }),
             Contains("expected ',' or ']'") && Contains("line 1"));
  CHECK_THAT(message_of([&] { read_all("[" + case_text("a", "[]") + "] []", Format::json); }),
             Contains("expected end of input"));
  CHECK_THAT(message_of([&] { read_all("[" + case_text("a", "[]") + ",]", Format::json); }), Contains("expected a case"));
  CHECK_THAT(message_of([&] { read_all("[" + case_text("a", "[]"), Format::json); }), Contains("not closed"));
}

TEST_CASE("stream: a fault in a case names the case's line and column, and its citizen", "[stream]") {
  const std::string jsonl = case_text("a", "[]") + "\n" + R"({"citizen": "c-42", "profile": 5})" + "\n";
  const std::string m = message_of([&] { read_all(jsonl, Format::jsonl); });
  CHECK_THAT(m, Contains("[1].profile") && Contains("line 2, column 1") && Contains("citizen c-42"));

  // A CPR-shaped citizen id is refused and never shown.
  const std::string cpr = message_of([] { read_all(R"([{"citizen": "0102031234"}])", Format::json); });
  CHECK_THAT(cpr, Contains("CPR"));
  CHECK(cpr.find("0102031234") == std::string::npos);
}

TEST_CASE("stream: two cases of one citizen are an error naming both positions and lines", "[stream]") {
  const std::string jsonl = case_text("a", "[]") + "\n" + case_text("b", "[]") + "\n" + case_text("a", "[]") + "\n";
  const std::string m = message_of([&] { read_all(jsonl, Format::jsonl); });
  CHECK_THAT(m, Contains("[2].citizen") && Contains("[0] (line 1)") && Contains("line 3"));
}

TEST_CASE("stream: the size bound is per case, and a NUL byte stops the reader", "[stream]") {
  ReadOptions small;
  small.max_bytes = 200;
  std::string jsonl;
  for (int i = 0; i < 20; ++i) jsonl += case_text("c" + std::to_string(i), "[]") + "\n";
  REQUIRE(jsonl.size() > 1000);
  CHECK(read_all(jsonl, Format::jsonl, small).size() == 20);  // 20 small cases in a larger file
  const std::string big = case_text("big", R"([{"date": "2024-01-08", "kind": "job_direction_set", "goal": "employment", "wishes": [")" +
                                               std::string(300, 'x') + R"("]}])");
  CHECK_THAT(message_of([&] { read_all(jsonl + big + "\n", Format::jsonl, small); }),
             Contains("larger than the maximum input size of 200 bytes") && Contains("line 21"));
  CHECK_THAT(message_of([&] { read_all("[" + big + "]", Format::json, small); }), Contains("larger than the maximum"));

  std::string nul = case_text("a", "[]") + "\n" + case_text("b", "[]");
  nul[nul.size() - 3] = '\0';
  CHECK_THAT(message_of([&] { read_all(nul, Format::jsonl); }), Contains("NUL byte") && Contains("line 2"));
}

TEST_CASE("stream: cases longer than the read buffer, and strings that hold brackets and quotes", "[stream]") {
  // A case of about 3 MiB (larger than the 1 MiB buffer) among small ones, and free text that
  // holds every character the scanner looks for.
  std::string wishes;
  for (int i = 0; i < 30000; ++i) wishes += (i ? "," : "") + std::string(R"("wish ]}[{\"\\ )") + std::to_string(i) + "\"";
  const std::string big = case_text("big", R"([{"date": "2024-01-08", "kind": "job_direction_set", "goal": "employment", "wishes": [)" +
                                                wishes + "]}]");
  const std::string doc = "[" + case_text("a", "[]") + ",\n" + big + ",\n" + case_text("b", "[]") + "]";
  const auto cases = read_all(doc, Format::json);
  REQUIRE(cases.size() == 3);
  const auto& d = std::get<JobDirectionSet>(cases[1].events.at(0).data);
  REQUIRE(d.wishes.size() == 30000);
  CHECK(d.wishes[7] == "wish ]}[{\"\\ 7");
  CHECK(cases[2].citizen == "b");
}

TEST_CASE("stream: {\"cases\": [...]} with members before and after, and keys written with escapes", "[stream]") {
  const std::string doc = R"({"note": {"a": [1, "]"]}, "c\u0061ses": [)" + case_text("a", "[]") + R"(], "tail": true})";
  CaseReader reader = CaseReader::from_text(doc, Format::json);
  Case c;
  REQUIRE(reader.next(c));
  CHECK(c.citizen == "a");
  CHECK_FALSE(reader.next(c));
  REQUIRE(reader.warnings().size() == 2);
  CHECK_FALSE(reader.single());
  CHECK_THAT(message_of([] { read_all(R"({"cases": [], "cases": []})", Format::json); }), Contains("duplicate key"));
  CHECK_THAT(message_of([] { read_all(R"({"cases": 5})", Format::json); }), Contains("must be a JSON array"));
  CHECK_THAT(message_of([] { read_all(R"({"cases": null})", Format::json); }), Contains("missing"));
}

TEST_CASE("stream: after an error the reader is spent", "[stream]") {
  CaseReader reader = CaseReader::from_text(case_text("a", "[]") + "\n{\n", Format::jsonl);
  Case c;
  REQUIRE(reader.next(c));
  CHECK_THROWS_AS(reader.next(c), Error);
  CHECK_THROWS_AS(reader.next(c), Error);
}

TEST_CASE("stream: a file is read by its extension, and an unreadable one is an io_error naming it", "[stream]") {
  CHECK(format_of_path("a/b.JSONL") == Format::jsonl);
  CHECK(format_of_path("x.ndjson") == Format::jsonl);
  CHECK(format_of_path("x.csv") == Format::csv);
  CHECK(format_of_path("x.json") == Format::json);
  CHECK_FALSE(format_of_path("-").has_value());
  CHECK_THROWS_AS(parse_format("xml"), Error);
  try {
    CaseReader r("/no/such/dir/cases.jsonl");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::io_error);
    CHECK_THAT(std::string(e.what()), Contains("/no/such/dir/cases.jsonl"));
  }
  const Caseload load = read_caseload(std::string(KANTEN_EXAMPLES_DIR) + "/data/caseload.json");
  CHECK(load.cases.size() == caseload_from_json(read_file(std::string(KANTEN_EXAMPLES_DIR) + "/data/caseload.json")).cases.size());
}

TEST_CASE("stream: evaluate_stream gives evaluate_all's evaluations in input order, whatever the chunk", "[stream]") {
  GeneratorOptions g;
  g.citizens = 120;
  const Caseload load = generate_caseload(g);
  EvaluateOptions opts;
  opts.as_of = D("2019-06-30");
  const auto expected = evaluate_all(load, opts);
  const std::string lines = as_lines(load);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{5000}}) {
    for (bool ahead : {true, false}) {
      CaseReader reader = CaseReader::from_text(lines, Format::jsonl);
      std::vector<std::string> got;
      StreamOptions so;
      so.chunk = chunk;
      so.read_ahead = ahead;
      const std::size_t n = evaluate_stream(reader, opts, [&](const Case& c, const Evaluation& e) {
        CHECK(c.citizen == e.citizen);
        got.push_back(to_json(e));
      }, so);
      REQUIRE(n == expected.size());
      REQUIRE(got.size() == expected.size());
      for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == to_json(expected[i]));
    }
  }
}

TEST_CASE("stream: an exception from the sink or the reader stops evaluate_stream", "[stream]") {
  GeneratorOptions g;
  g.citizens = 50;
  const std::string lines = as_lines(generate_caseload(g));
  EvaluateOptions opts;
  opts.as_of = D("2019-06-30");
  StreamOptions so;
  so.chunk = 4;
  CaseReader reader = CaseReader::from_text(lines, Format::jsonl);
  std::size_t seen = 0;
  CHECK_THROWS_AS(evaluate_stream(reader, opts, [&](const Case&, const Evaluation&) {
    if (++seen == 10) throw std::runtime_error("stop");
  }, so), std::runtime_error);
  CHECK(seen == 10);

  CaseReader broken = CaseReader::from_text(lines + "{\n", Format::jsonl);
  std::size_t handed = 0;
  CHECK_THROWS_AS(evaluate_stream(broken, opts, [&](const Case&, const Evaluation&) { ++handed; }, so), Error);
  CHECK(handed <= 50);
  so.chunk = 0;
  CHECK_THROWS_AS(evaluate_stream(broken, opts, [](const Case&, const Evaluation&) {}, so), Error);
}

#ifdef KANTEN_CLI
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

extern char** environ;

TEST_CASE("stream: the program evaluates a caseload larger than the memory it uses, with the answers of the in-memory path",
          "[stream][memory]") {
  // About 28 MB of JSON: the in-memory path holds the whole text (then its parsed document and
  // every case); the program holds one chunk of 16 cases. Its peak resident memory is measured by
  // GNU time (scripts/install-deps.sh installs it), which runs it as its own child: a child of this
  // process would inherit this process's high-water mark when it execs.
  GeneratorOptions g;
  g.citizens = 4000;
  const Caseload load = generate_caseload(g);
  const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  const std::string input = dir + "/kanten-stream-memory-" + std::to_string(::getpid()) + ".json";
  const std::string output = input + ".out.jsonl", peak_file = input + ".peak";
  const std::string text = to_json(load);
  {
    std::ofstream f(input, std::ios::binary);
    f << text;
  }
  EvaluateOptions opts;
  opts.as_of = D("2020-06-30");
  std::string expected;
  for (const auto& e : evaluate_all(caseload_from_json(read_file(input)), opts)) expected += to_json(e) + "\n";

  REQUIRE(::access("/usr/bin/time", X_OK) == 0);
  std::vector<std::string> args = {"/usr/bin/time", "-f", "%M", "-o", peak_file, KANTEN_CLI, "evaluate", input,
                                   "--as-of", "2020-06-30", "--output-format", "jsonl", "--chunk", "16", "--no-progress"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  const std::string got = read_file(output);
  const double peak_bytes = std::stod(read_file(peak_file)) * 1024.0;  // GNU time's %M: KiB
  std::remove(input.c_str());
  std::remove(output.c_str());
  std::remove(peak_file.c_str());
  CHECK(got == expected);  // the same answers, byte for byte
  INFO("input " << text.size() / 1048576 << " MiB, the program's peak resident memory " << peak_bytes / 1048576 << " MiB");
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer's shadow memory and quarantine of freed blocks are not the program's.
  SUCCEED("peak memory not compared under a sanitizer");
#else
  CHECK(peak_bytes < static_cast<double>(text.size()) / 2);  // less than half the text alone
#endif
}
#endif

TEST_CASE("stream: the CSV event table reads through CaseReader as the JSON forms do, written by CaseWriter",
          "[stream][csv]") {
  GeneratorOptions g;
  g.citizens = 200;
  const Caseload load = generate_caseload(g);
  for (Format f : {Format::csv, Format::jsonl, Format::json}) {
    INFO(format_name(f));
    std::ostringstream out;
    CaseWriter writer(out, f);
    for (const auto& c : load.cases) writer.write(c);
    writer.finish();
    const auto cases = read_all(out.str(), f);
    REQUIRE(cases.size() == load.cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      CHECK(cases[i].citizen == load.cases[i].citizen);
      CHECK(cases[i].profile == load.cases[i].profile);
      CHECK(cases[i].events == load.cases[i].events);
      CHECK(cases[i].rejected.empty());
    }
  }
}

TEST_CASE("stream: a citizen whose CSV rows come back after another citizen's is an error naming both lines",
          "[stream][csv]") {
  const std::string csv =
      "citizen,date,kind,channel\n"
      "a,2024-01-08,first_conversation,\n"
      "b,2024-01-08,first_conversation,\n"
      "a,2024-01-09,contact,phone\n";
  const std::string m = message_of([&] { read_all(csv, Format::csv); });
  CHECK_THAT(m, Contains("duplicate citizen id") && Contains("line 2") && Contains("line 4"));
}
