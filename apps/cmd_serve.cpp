// kanten match FILE --serve: a persistent matcher index over the market in FILE answering a stream
// of JSON lines on stdin, one JSON line out per line in (kanten/match/index.hpp, serve_json_line;
// docs/matching.md, "The persistent matcher and the query stream").
#include <iostream>
#include <kanten/match/index.hpp>
#include <string>

#include "cli.hpp"

namespace cli {

void serve_matcher(const k::Market& market, const k::MatchWeights& weights) {
  k::Matcher index(market, weights);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a line ended by CR LF
    // Each answer is flushed at once: the caller waits for it before the next request.
    std::cout << k::serve_json_line(index, line, read_options) << '\n' << std::flush;
    if (!std::cout) throw k::Error(k::Errc::io_error, "stdout", "", "cannot be written");
  }
}

}  // namespace cli
