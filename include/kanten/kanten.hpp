// kanten/kanten.hpp — everything: the indsatsmodel rules engine, the matcher, and their interfaces.
#pragma once

// core: dates, errors, input limits, vocabularies, progress, the version
#include "kanten/core/date.hpp"
#include "kanten/core/error.hpp"
#include "kanten/core/input.hpp"
#include "kanten/core/progress.hpp"
#include "kanten/core/version.hpp"
#include "kanten/core/vocabulary.hpp"
// rules: events, the step table and the fold, follow-up, sanctions, sources, case JSON
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/rules/json.hpp"
#include "kanten/rules/model.hpp"
#include "kanten/rules/rules.hpp"
#include "kanten/rules/sanction.hpp"
#include "kanten/rules/sources.hpp"
#include "kanten/rules/stream.hpp"
// bipartite: the solvers, on their own
#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/dimacs.hpp"
#include "kanten/bipartite/stable.hpp"
#include "kanten/bipartite/topk.hpp"
// match: market, candidates, scores, explanations, audit, market JSON
#include "kanten/match/caseload.hpp"
#include "kanten/match/index.hpp"
#include "kanten/match/json.hpp"
#include "kanten/match/matching.hpp"
// programme: bus trips, training tracks, programme figures, survival analysis
#include "kanten/programme/bus.hpp"
#include "kanten/programme/programme.hpp"
#include "kanten/programme/report.hpp"
#include "kanten/programme/survival.hpp"
#include "kanten/programme/training.hpp"
// synth: the caseload and market generators
#include "kanten/synth/generate.hpp"
#include "kanten/synth/market.hpp"
