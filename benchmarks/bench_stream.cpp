// kanten benchmarks — real volumes (issue 13): the whole `kanten evaluate` command on a generated
// caseload written as JSON Lines, as the CSV event table and as one JSON document, against the
// floor of reading the same file's bytes and parsing them with the parser alone, in the same run.
//
//   BM_EvaluateFile/<format>  each iteration runs, alternately,
//       the floor:   read the file in 1 MiB blocks and parse it with the parser alone — simdjson's
//                    DOM parser for every line of JSON Lines, and for the JSON document as one
//                    document (its fastest way, the whole file in memory); for CSV a quote-aware
//                    pass that finds every cell and row (RFC 4180), touching every byte;
//       the command: `kanten evaluate FILE --as-of 2020-12-31 --output-format jsonl` (and the
//                    JSON document also to JSON output) as a child process, stdout to /dev/null.
//   Counters: floor_s and command_s (the fastest wall time of each), ratio = command_s / floor_s
//   (target ≤ 3), peak_MiB = the command's peak resident memory (GNU time's %M; target under
//   1 GiB), file_MiB, citizens.
//
// The caseload has KANTEN_BENCH_STREAM_CITIZENS citizens (default 100,000: about 1.3 GB of JSON); the
// files are written once per run, by the library's streaming writer, under $TMPDIR (default /tmp)
// and removed at exit.
#include <benchmark/benchmark.h>

#include <kanten/rules/stream.hpp>
#include <kanten/synth/generate.hpp>

#include <simdjson.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

std::size_t citizens() {
  const char* v = std::getenv("KANTEN_BENCH_STREAM_CITIZENS");
  return v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : 100000;
}

std::string tmp_dir() {
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

/// The generated caseload written in `format`, once per run.
const std::string& data_file(kanten::Format format) {
  static std::map<kanten::Format, std::string> files;
  auto it = files.find(format);
  if (it != files.end()) return it->second;
  const std::string ext = format == kanten::Format::csv ? "csv" : format == kanten::Format::jsonl ? "jsonl" : "json";
  const std::string path = tmp_dir() + "/kanten-bench-stream-" + std::to_string(::getpid()) + "." + ext;
  {
    std::ofstream out(path, std::ios::binary);
    std::vector<char> buffer(std::size_t{1} << 20);
    out.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    kanten::CaseWriter writer(out, format);
    kanten::GeneratorOptions g;
    g.citizens = citizens();
    kanten::generate_cases(g, [&](kanten::Case&& c) { writer.write(c); });
    writer.finish();
  }
  static struct Cleanup {
    std::vector<std::string> paths;
    ~Cleanup() {
      for (const auto& p : paths) std::remove(p.c_str());
    }
  } cleanup;
  cleanup.paths.push_back(path);
  return files.emplace(format, path).first->second;
}

double file_mib(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  return static_cast<double>(f.tellg()) / (1024.0 * 1024.0);
}

// --- the floors ------------------------------------------------------------------------------

/// JSON Lines: 1 MiB blocks, each complete line parsed by simdjson's DOM parser.
std::size_t floor_jsonl(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  simdjson::dom::parser parser;
  std::vector<char> buf((std::size_t{1} << 20) + simdjson::SIMDJSON_PADDING);
  std::size_t held = 0, elements = 0;
  for (;;) {
    const std::size_t cap = buf.size() - simdjson::SIMDJSON_PADDING;
    if (held == cap) buf.resize(cap * 2 + simdjson::SIMDJSON_PADDING);
    const std::size_t got = std::fread(buf.data() + held, 1, buf.size() - simdjson::SIMDJSON_PADDING - held, f);
    held += got;
    std::size_t start = 0;
    for (;;) {
      const void* nl = std::memchr(buf.data() + start, '\n', held - start);
      if (!nl && got > 0) break;
      const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) : held;
      if (end > start) {
        simdjson::dom::element doc;
        if (parser.parse(reinterpret_cast<const std::uint8_t*>(buf.data() + start), end - start, false).get(doc))
          throw std::runtime_error("not JSON");
        elements += doc["events"].get_array().size();
      }
      start = end + 1;
      if (!nl) break;
    }
    if (got == 0) break;
    std::memmove(buf.data(), buf.data() + start, held - start);
    held -= start;
  }
  std::fclose(f);
  return elements;
}

/// The JSON document: read whole, parsed once by simdjson's DOM parser.
std::size_t floor_json(const std::string& path) {
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text)) throw std::runtime_error("cannot read " + path);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text).get(doc)) throw std::runtime_error("not JSON");
  std::size_t events = 0;
  for (simdjson::dom::element c : doc["cases"].get_array()) events += c["events"].get_array().size();
  return events;
}

/// CSV: 1 MiB blocks, every cell and row found (quotes respected).
std::size_t floor_csv(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  std::vector<char> buf(std::size_t{1} << 20);
  std::size_t cells = 0, rows = 0;
  bool quoted = false;
  while (const std::size_t got = std::fread(buf.data(), 1, buf.size(), f)) {
    for (std::size_t i = 0; i < got; ++i) {
      const char c = buf[i];
      if (c == '"') quoted = !quoted;  // "" inside a quoted cell toggles twice
      else if (!quoted && c == ',') ++cells;
      else if (!quoted && c == '\n') ++rows;
    }
  }
  std::fclose(f);
  return cells + rows;
}

// --- the command -----------------------------------------------------------------------------

struct Run {
  double seconds;
  double peak_mib;
};

/// Runs `args` with stdout to /dev/null: wall time and peak resident memory. The peak is GNU
/// time's (%M), which runs the command as its own child: a child of this process would inherit,
/// when it execs, this process's own high-water mark (the floor of the JSON document holds the
/// whole file).
Run run(const std::vector<std::string>& command) {
  const std::string peak_file = tmp_dir() + "/kanten-bench-stream-" + std::to_string(::getpid()) + ".peak";
  std::vector<std::string> args = {"/usr/bin/time", "-f", "%M", "-o", peak_file};
  args.insert(args.end(), command.begin(), command.end());
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const auto t0 = Clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot run /usr/bin/time (scripts/install-deps.sh installs it)");
  int status = 0;
  ::waitpid(pid, &status, 0);
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(command[0] + " failed");
  double kib = 0;
  std::ifstream(peak_file) >> kib;
  std::remove(peak_file.c_str());
  return {s, kib / 1024.0};
}

void BM_EvaluateFile(benchmark::State& state, kanten::Format format, const char* output) {
  const std::string& path = data_file(format);
  const std::vector<std::string> args = {KANTEN_CLI, "evaluate", path, "--as-of", "2020-12-31", "--output-format",
                                         output, "--compact", "--no-progress"};
  constexpr double inf = std::numeric_limits<double>::infinity();
  double floor_s = inf, command_s = inf, peak = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const std::size_t n = format == kanten::Format::csv     ? floor_csv(path)
                          : format == kanten::Format::jsonl ? floor_jsonl(path)
                                                            : floor_json(path);
    benchmark::DoNotOptimize(n);
    floor_s = std::min(floor_s, std::chrono::duration<double>(Clock::now() - t0).count());
    const Run r = run(args);
    command_s = std::min(command_s, r.seconds);
    peak = std::max(peak, r.peak_mib);
    state.SetIterationTime(r.seconds);
  }
  state.counters["citizens"] = static_cast<double>(citizens());
  state.counters["file_MiB"] = file_mib(path);
  state.counters["floor_s"] = floor_s;
  state.counters["command_s"] = command_s;
  state.counters["ratio"] = command_s / floor_s;
  state.counters["peak_MiB"] = peak;
}

}  // namespace

BENCHMARK_CAPTURE(BM_EvaluateFile, jsonl_to_jsonl, kanten::Format::jsonl, "jsonl")
    ->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_EvaluateFile, csv_to_jsonl, kanten::Format::csv, "jsonl")
    ->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_EvaluateFile, json_to_jsonl, kanten::Format::json, "jsonl")
    ->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_EvaluateFile, json_to_json, kanten::Format::json, "json")
    ->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_EvaluateFile, jsonl_to_csv, kanten::Format::jsonl, "csv")
    ->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);
