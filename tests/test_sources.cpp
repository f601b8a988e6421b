// The citations a caseworker follows (include/kanten/rules/sources.hpp): every source text has a
// record — its seed id, its title as the text gives it, its file under docs/sources/ — and every
// one of kanten's own decisions that the code cites is a section of docs/decisions.md. The texts
// and the decisions are read from the repository itself, never from outside it.
#include "helpers.hpp"

#include <kanten/rules/model.hpp>
#include <kanten/rules/sources.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace kt;

namespace {

#ifdef KANTEN_SOURCE_ROOT
namespace fs = std::filesystem;

const fs::path root{KANTEN_SOURCE_ROOT};

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

/// The text as one line: words hyphenated over a line break joined ("ar-\nbejdsmarkedet"),
/// every run of whitespace one space.
std::string flatten(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '-' && i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]))) {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') {
        ++j;
        while (j < text.size() && text[j] == ' ') ++j;
        if (j < text.size() && std::islower(static_cast<unsigned char>(text[j]))) {
          i = j - 1;  // drop the hyphen and the break
          continue;
        }
      }
    }
    if (std::isspace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

/// The headings ("## …") of docs/decisions.md.
std::set<std::string> decision_headings() {
  std::set<std::string> out;
  std::istringstream in(read_text(root / "docs" / "decisions.md"));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("## ", 0) == 0) out.insert(line.substr(3));
  }
  return out;
}

/// A heading's anchor as GitHub writes it: lower case, spaces to hyphens, punctuation (and the en
/// dash) dropped, letters beyond ASCII kept.
std::string anchor(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size(); ++i) {
    const auto c = static_cast<unsigned char>(heading[i]);
    if (heading.substr(i, 3) == "\u2013") {
      i += 2;
    } else if (c >= 0x80 || std::isalnum(c) || c == '-' || c == '_') {
      out += static_cast<char>(std::tolower(c));
    } else if (c == ' ') {
      out += '-';
    }
  }
  return out;
}

/// The repository's own text files that may cite: code, build files and documentation (not the
/// Danish source texts).
std::vector<fs::path> citing_files() {
  std::vector<fs::path> out{root / "README.md"};
  static const std::set<std::string> exts{".cpp", ".hpp", ".h", ".c", ".py", ".md", ".cmake", ".txt"};
  for (const char* dir :
       {"include", "src", "capi", "apps", "python", "docs", "tests", "scripts", "benchmarks", "fuzz", "examples"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (auto it = fs::recursive_directory_iterator(root / dir); it != fs::recursive_directory_iterator(); ++it) {
      const auto& p = it->path();
      if (it->is_directory() &&
          (p.filename() == "build" || p.filename() == "__pycache__" || p.filename().string().starts_with("."))) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file() || !exts.contains(p.extension().string())) continue;
      if (p.parent_path() == root / "docs" / "sources" && p.extension() == ".txt") continue;
      if (p.filename() == "test_sources.cpp") continue;  // this test names the patterns it looks for
      out.push_back(p);
    }
  }
  return out;
}
#endif

}  // namespace

TEST_CASE("Every source text has a record: its seed, its title as the text gives it, its file in docs/sources/",
          "[sources]") {
  std::set<std::string_view> seeds, files;
  for (const Document* d : documents::all) {
    CAPTURE(d->seed);
    CHECK(seeds.insert(d->seed).second);
    CHECK(files.insert(d->file).second);
    CHECK(find_document(d->seed) == d);
    CHECK(d->file.starts_with("docs/sources/"));
    CHECK_FALSE(d->title.empty());
  }
  CHECK(find_document("no_such_seed.txt") == nullptr);

  // Every source names its text, and the readable citation is the title and the section.
  for (const auto& t : transitions) {
    CAPTURE(t.rule);
    REQUIRE(t.source->document() != nullptr);
  }
  CHECK(sources::trin3_end.document() == &documents::indsatsmodel);
  CHECK(sources::bus_target.document() == &documents::bus_trips);
  CHECK(sources::training_track.document() == &documents::training);
  CHECK(citation(sources::trin3_end) ==
        "Indsatsmodel i 'Uddannelses- og jobgaranti i ghettoer og udsatte boligområder', Trin 3 (Kerneelement 9)");
  CHECK(citation(Source{"unknown.txt", "Trin 9", ""}) == "unknown.txt, Trin 9");
  CHECK(citation(decisions::thirty_hour_exit) == "docs/decisions.md, The 30-hour exit");

#ifndef KANTEN_SOURCE_ROOT
  WARN("KANTEN_SOURCE_ROOT is not defined: the files of the source texts are not checked");
#else
  const std::string index = read_text(root / "docs" / "sources" / "README.md");
  for (const Document* d : documents::all) {
    CAPTURE(d->file);
    const fs::path p = root / fs::path(std::string(d->file));
    REQUIRE(fs::is_regular_file(p));
    const std::string text = flatten(read_text(p));
    CHECK(text.size() > 1000);
    CHECK(text.find(d->title) != std::string::npos);
    // The index names the seed, the file and the title.
    CHECK(index.find(d->seed) != std::string::npos);
    CHECK(index.find(p.filename().string()) != std::string::npos);
    CHECK(index.find(d->title) != std::string::npos);
  }
  // No text in docs/sources/ without a record.
  for (const auto& e : fs::directory_iterator(root / "docs" / "sources")) {
    if (e.path().extension() != ".txt") continue;
    CAPTURE(e.path().filename().string());
    const std::string file = "docs/sources/" + e.path().filename().string();
    CHECK(
        std::any_of(documents::all.begin(), documents::all.end(), [&](const Document* d) { return d->file == file; }));
  }
#endif
}

TEST_CASE(
    "Every decision kanten cites is a section of docs/decisions.md, and no citation points outside the "
    "repository",
    "[sources]") {
#ifndef KANTEN_SOURCE_ROOT
  WARN("KANTEN_SOURCE_ROOT is not defined: the decisions are not checked against docs/decisions.md");
  SUCCEED();
#else
  const auto headings = decision_headings();
  REQUIRE(headings.size() >= decisions::all.size());
  // The records and the file hold the same decisions.
  std::set<std::string> records;
  for (const Decision* d : decisions::all) {
    CAPTURE(d->section);
    CHECK(records.insert(std::string(d->section)).second);
    CHECK(headings.contains(std::string(d->section)));
  }
  for (const auto& h : headings) {
    CAPTURE(h);
    CHECK(records.contains(h));
  }
  std::set<std::string> anchors;
  for (const auto& h : headings) anchors.insert(anchor(h));

  // Every citation of a decision in the repository's code and documentation names a section:
  // in code the word decision, the heading in double quotes, then docs/decisions.md; in
  // Markdown a link to decisions.md#anchor.
  const std::string outside[] = {std::string("DOMAIN") + ".md", std::string("../shared") + "/",
                                 std::string("shared") + "/seeds"};
  std::size_t cited = 0, linked = 0;
  for (const auto& p : citing_files()) {
    const std::string text = read_text(p);
    CAPTURE(fs::relative(p, root).string());
    for (const auto& o : outside) {
      CAPTURE(o);
      CHECK(text.find(o) == std::string::npos);
    }
    for (std::size_t at = text.find("ecision \""); at != std::string::npos; at = text.find("ecision \"", at + 1)) {
      const std::size_t open = at + 9;
      const std::size_t close = text.find('"', open);
      if (close == std::string::npos) break;
      const std::string heading = text.substr(open, close - open);
      if (heading.empty() || heading.find('\n') != std::string::npos || heading.front() == '[') continue;
      std::size_t k = close + 1;
      while (k < text.size() && std::string_view(" \t\r\n/*,(").find(text[k]) != std::string_view::npos) ++k;
      if (text.compare(k, 17, "docs/decisions.md") != 0) continue;
      CAPTURE(heading);
      CHECK(headings.contains(heading));
      ++cited;
    }
    for (std::size_t at = text.find("decisions.md#"); at != std::string::npos;
         at = text.find("decisions.md#", at + 1)) {
      std::size_t k = at + 13;
      std::string a;
      while (k < text.size() && text[k] != ')' && text[k] != ' ' && text[k] != '"' && text[k] != '\n') a += text[k++];
      CAPTURE(a);
      CHECK(anchors.contains(a));
      ++linked;
    }
  }
  CHECK(cited >= 10);
  CHECK(linked >= 10);
#endif
}
