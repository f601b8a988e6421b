// kanten generate: a synthetic caseload, written case by case (JSON, JSON Lines or the CSV event
// table), so memory does not grow with --citizens.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include "cli.hpp"

namespace cli {

void add_generate(CLI::App& app) {
  struct Options {
    std::optional<std::string> citizens, seed, format, out;
    bool comparison = false;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("generate",
                         "a synthetic caseload (JSON on stdout)\n"
                         "\n"
                         "A deterministic synthetic caseload sized like Lolland-Falster (003_b82c162ee9c6e810.txt),\n"
                         "as JSON on stdout, or as JSON Lines (one case per line) or the CSV event table\n"
                         "(docs/csv-format.md). Cases are written as they are made: memory does not grow\n"
                         "with --citizens.");
  add_value(*cmd, "--citizens", o->citizens, "N", "number of citizens (default 850)");
  add_value(*cmd, "--seed", o->seed, "S", "seed of the generator (default 2018)");
  add_value(*cmd, "--format", o->format, "json|jsonl|csv",
            "the output's format (default: the extension of --out, else json;\n"
            "ndjson is the same as jsonl)");
  add_value(*cmd, "--out", o->out, "FILE", "write to FILE instead of stdout");
  cmd->add_flag("--comparison", o->comparison,
                "a comparison cohort under ordinary services: no bus trips or\n"
                "training tracks, half the monthly chance of starting paid hours,\n"
                "ids cmp-000001, ... (docs/decisions.md)");
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    k::GeneratorOptions g;
    if (auto n = number_value(o->citizens, "--citizens", 0, k::max_generated, name)) g.citizens = static_cast<std::size_t>(*n);
    if (auto s = number_value(o->seed, "--seed", 0, UINT64_MAX, name)) g.seed = *s;
    g.comparison = o->comparison;
    if (o->out && o->out->empty()) throw UsageError("option '--out': needs a file name", name);
    const bool to_file = o->out && *o->out != "-";
    const k::Format format = format_value(o->format, "--format", name)
                                 .value_or(to_file ? k::format_of_path(*o->out).value_or(k::Format::json)
                                                   : k::Format::json);
    g.progress = progress_of(o->flags, name);

    // A file gets a large buffer of its own (set before it is opened).
    std::vector<char> buffer;
    std::ofstream file;
    if (to_file) {
      buffer.resize(std::size_t{1} << 20);
      file.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      file.open(*o->out, std::ios::binary | std::ios::trunc);
      if (!file)
        throw k::Error(k::Errc::io_error, "--out", *o->out,
                       std::string("cannot be opened for writing: ") + std::strerror(errno));
    }
    std::ostream& out = to_file ? static_cast<std::ostream&>(file) : std::cout;
    try {
      k::CaseWriter writer(out, format, o->flags.indent());
      k::generate_cases(g, [&writer](k::Case&& c) { writer.write(c); });
      writer.finish();
      if (format == k::Format::json) out << '\n';  // as every JSON document the program writes
      out.flush();
      if (!out) throw k::Error(k::Errc::io_error, "output", "", "cannot be written");
      if (to_file) file.close();
      if (to_file && !file) throw k::Error(k::Errc::io_error, "output", "", "cannot be written");
    } catch (const k::Error& e) {
      if (e.code() != k::Errc::io_error) throw;
      const int error = errno;
      if (to_file)
        throw k::Error(k::Errc::io_error, "--out", *o->out,
                       std::string("cannot be written") + (error != 0 ? std::string(": ") + std::strerror(error) : ""));
      throw k::Error(k::Errc::io_error, "stdout", "", "cannot be written");
    }
  });
}

}  // namespace cli
