// python/src/module.cpp — kanten._kanten: the compiled part of the Python package.
//
// One room per library module (bind_<module>.cpp, each a register_<module> function declared in
// common.hpp), registered here in the order of their dependencies, as boost-histogram does. The
// pure-Python package (python/kanten/__init__.py) wraps what they define into pandas objects;
// the conventions every room follows are in bind_core.cpp.
#include "common.hpp"

PYBIND11_MODULE(_kanten, m) {
  using namespace kanten_py;
  m.doc() = "kanten's compiled core (private): use the kanten package instead.";
  register_core(m);       // KantenError, the version, vocabulary()
  register_rules(m);      // Caseload, evaluations, sanction answers, the step model
  register_programme(m);  // programme figures, Kaplan–Meier, bus trips, training tracks
  register_match(m);      // Market, proposals, candidates, scores
  register_matcher(m);    // the persistent matcher index over a market
  register_synth(m);      // generate_caseload, generate_market
  register_stream(m);     // files in chunks of cases (evaluate_file), read_caseload of every format
}
