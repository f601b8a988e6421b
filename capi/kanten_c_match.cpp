// capi/kanten_c_match.cpp — the C ABI over kanten's matching engine: markets, weights, the three
// solvers (assignment, stable, top-k) and every match explained. Same conventions as
// kanten_c.cpp (kanten_c_internal.hpp): guard() around every body, handles holding `rep`.
#include "kanten.h"
#include "kanten_c_internal.hpp"

#include <kanten/match/caseload.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace k = kanten;
using namespace kanten_capi;

// The handles kanten_market, kanten_weights and kanten_match_result: kanten_c_internal.hpp.

namespace {
const k::Market& market_of(const kanten_market* m) {
  need(m, "m");
  return *m->rep;
}
const k::MatchResult& result_of(const kanten_match_result* r) {
  need(r, "r");
  return r->rep;
}
std::size_t index_of(std::int32_t i) { return i < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(i); }
}  // namespace

extern "C" {

int kanten_market_from_json(const char* text, std::size_t length, kanten_market** out) noexcept {
  return kanten_market_from_json_v2(text, length, nullptr, out);
}
int kanten_market_from_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                               kanten_market** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_market_from_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    auto m = std::make_unique<kanten_market>();
    m->rep = std::make_shared<const k::Market>(k::market_from_json(t, o));
    *out = m.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_market_warning_count(const kanten_market* m) noexcept { return m ? m->rep->warnings.size() : 0; }
int kanten_market_warning(const kanten_market* m, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(m, "m");
    return warning_out(m->rep->warnings, i, out);
  });
}
std::size_t kanten_market_citizen_count(const kanten_market* m) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return market_of(m).citizens.size(); });
}
std::size_t kanten_market_company_count(const kanten_market* m) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return market_of(m).companies.size(); });
}
std::size_t kanten_market_task_count(const kanten_market* m) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return market_of(m).tasks.size(); });
}
void kanten_market_free(kanten_market* m) noexcept { delete m; }

int kanten_weights_from_json(const char* text, std::size_t length, kanten_weights** out) noexcept {
  return kanten_weights_from_json_v2(text, length, nullptr, out);
}
int kanten_weights_from_json_v2(const char* text, std::size_t length, const kanten_read_options* options,
                                kanten_weights** out) noexcept {
  if (out) *out = nullptr;
  return guard("kanten_weights_from_json", [&] {
    need(out, "out");
    const auto t = text_of(text, length, "text");
    const k::ReadOptions o = read_options_of(options);
    auto w = std::make_unique<kanten_weights>();
    w->rep = k::weights_from_json(t, o, &w->warnings);
    *out = w.release();
    return KANTEN_OK;
  });
}
std::size_t kanten_weights_warning_count(const kanten_weights* w) noexcept { return w ? w->warnings.size() : 0; }
int kanten_weights_warning(const kanten_weights* w, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(w, "w");
    return warning_out(w->warnings, i, out);
  });
}
void kanten_weights_free(kanten_weights* w) noexcept { delete w; }

}  // extern "C"

namespace {
/// The C options as MatchOptions (NULL: the defaults), checked as kanten_match() documents.
k::MatchOptions match_options_of(const kanten_match_options* options) {
  k::MatchOptions opts;
  if (options != nullptr) {
    need_version(options->version, KANTEN_MATCH_OPTIONS_VERSION, "options.version");
    if (options->mode < 0 || options->mode >= KANTEN_MATCH_MODE_COUNT)
      throw k::Error(k::Errc::invalid_argument, "options.mode", std::to_string(options->mode),
                     "not a match mode (0–" + std::to_string(KANTEN_MATCH_MODE_COUNT - 1) + ")");
    if (options->k < 1)
      throw k::Error(k::Errc::invalid_argument, "options.k", std::to_string(options->k), "must be at least 1");
    if (options->per_company < 1)
      throw k::Error(k::Errc::invalid_argument, "options.per_company", std::to_string(options->per_company),
                     "must be at least 1");
    opts.mode = static_cast<k::MatchMode>(options->mode);
    opts.weights = options->weights ? &options->weights->rep : nullptr;
    opts.k = options->k;
    opts.per_company = options->per_company;
    opts.explain = options->explain != 0;
    if (options->version >= 2) {  // a version 1 struct ends before `threads`: never read it
      if (options->threads < 0)
        throw k::Error(k::Errc::invalid_argument, "options.threads", std::to_string(options->threads),
                       "cannot be negative (0: one per hardware thread)");
      opts.threads = options->threads;
    }
    // A version 1 or 2 struct ends before the selection and the bound, and predates the bound: it
    // is read as exact, as it was then (decision "A bound on candidates per citizen").
    if (options->version < 3) opts.max_candidates_per_citizen = 0;
    if (options->version >= 3) {
      if (options->max_candidates_per_citizen < 0)
        throw k::Error(k::Errc::invalid_argument, "options.max_candidates_per_citizen",
                       std::to_string(options->max_candidates_per_citizen), "cannot be negative (0: every candidate)");
      opts.max_candidates_per_citizen = options->max_candidates_per_citizen;
      if (options->has_citizens != 0) {
        if (options->citizens == nullptr && options->citizen_count > 0)
          throw k::Error(k::Errc::invalid_argument, "options.citizens", "",
                         "is NULL but citizen_count is " + std::to_string(options->citizen_count));
        std::vector<std::string> ids;
        ids.reserve(std::min<std::size_t>(options->citizen_count, 1u << 20));
        for (std::size_t i = 0; i < options->citizen_count; ++i) {
          if (options->citizens[i] == nullptr)
            throw k::Error(k::Errc::invalid_argument, "options.citizens[" + std::to_string(i) + "]", "",
                           "is NULL: every id must be a NUL-terminated string");
          ids.emplace_back(options->citizens[i]);
        }
        opts.citizens = std::move(ids);
      }
    }
  }
  return opts;
}

/// match() with the errors about the selection named as the C options' fields ("options.citizens[i]").
k::MatchResult match_with(const k::MatchOptions& opts, const std::function<k::MatchResult()>& run) {
  try {
    return run();
  } catch (const k::Error& e) {
    if (opts.citizens && e.field().rfind("citizens[", 0) == 0)
      throw k::Error(e.code(), "options." + e.field(), e.value(), e.message());
    throw;
  }
}
}  // namespace

static_assert(KANTEN_MAX_CANDIDATES_PER_CITIZEN == k::default_max_candidates_per_citizen,
              "KANTEN_MAX_CANDIDATES_PER_CITIZEN is not kanten::MatchOptions' default");

extern "C" {

int kanten_match(const kanten_market* m, const kanten_match_options* options, kanten_match_result** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(m, "m");
    need(out, "out");
    const k::MatchOptions opts = match_options_of(options);
    auto r = std::make_unique<kanten_match_result>();
    r->rep = match_with(opts, [&] { return k::match(*m->rep, opts); });
    r->market = m->rep;
    *out = r.release();
    return KANTEN_OK;
  });
}

int kanten_match_caseload(const kanten_market* m, const kanten_evaluations* evaluations, const int* steps,
                          std::size_t step_count, const kanten_match_options* options,
                          kanten_match_result** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(m, "m");
    need(evaluations, "evaluations");
    need(out, "out");
    if (options != nullptr && options->version >= 3 && options->has_citizens != 0)
      throw k::Error(k::Errc::invalid_argument, "options.citizens", "",
                     "the evaluations choose the citizens of a caseload match: has_citizens must be 0");
    const k::MatchOptions opts = match_options_of(options);
    std::vector<k::Step> chosen(k::default_match_steps.begin(), k::default_match_steps.end());
    if (steps != nullptr) {
      chosen.clear();
      for (std::size_t i = 0; i < step_count; ++i) {
        if (steps[i] < 0 || steps[i] >= KANTEN_STEP_COUNT)
          throw k::Error(k::Errc::invalid_argument, "steps[" + std::to_string(i) + "]", std::to_string(steps[i]),
                         "not a step (0–" + std::to_string(KANTEN_STEP_COUNT - 1) + ")");
        chosen.push_back(static_cast<k::Step>(steps[i]));
      }
    }
    // The evaluations, read through the public accessors (each borrowed view holds its evaluation).
    std::vector<k::Evaluation> evals;
    const std::size_t n = kanten_evaluations_count(evaluations);
    evals.reserve(n);
    for (std::size_t i = 0; i < n; ++i) evals.push_back(*kanten_evaluations_get(evaluations, i)->rep);
    auto r = std::make_unique<kanten_match_result>();
    r->rep = k::match_caseload(*m->rep, evals, opts, chosen);
    r->market = m->rep;
    *out = r.release();
    return KANTEN_OK;
  });
}

int kanten_match_result_mode(const kanten_match_result* r) noexcept {
  return guard(__func__, [&] { return static_cast<int>(result_of(r).mode); });
}
const char* kanten_match_result_weights_version(const kanten_match_result* r) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] { return result_of(r).weights_version.c_str(); });
}
std::int64_t kanten_match_result_total_score(const kanten_match_result* r) noexcept {
  return guard_value<std::int64_t>(__func__, 0, [&] { return result_of(r).total_score; });
}
std::size_t kanten_match_result_candidates(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).candidates; });
}
int32_t kanten_match_result_max_candidates_per_citizen(const kanten_match_result* r) noexcept {
  return guard_value<int32_t>(__func__, 0, [&] { return result_of(r).max_candidates_per_citizen; });
}
std::size_t kanten_match_result_citizens_at_bound(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).citizens_at_bound; });
}
std::size_t kanten_match_result_selected(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).selected; });
}
std::size_t kanten_match_result_not_in_market_count(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).not_in_market.size(); });
}
const char* kanten_match_result_not_in_market(const kanten_match_result* r, std::size_t i) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    const auto& res = result_of(r);
    need_index(i, res.not_in_market.size(), "i");
    return res.not_in_market[i].c_str();
  });
}
int kanten_match_result_optimal(const kanten_match_result* r) noexcept {
  return guard(__func__, [&] { return result_of(r).optimal ? 1 : 0; });
}
std::size_t kanten_match_result_count(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).matches.size(); });
}

int kanten_match_result_get(const kanten_match_result* r, std::size_t i, kanten_match_entry* out) noexcept {
  return guard(__func__, [&] {
    const auto& res = result_of(r);
    need_index(i, res.matches.size(), "i");
    need(out, "out");
    need_version(out->version, KANTEN_MATCH_ENTRY_VERSION, "out->version");
    const k::Match& x = res.matches[i];
    const k::Market& m = *r->market;
    const std::size_t ci = index_of(x.citizen), ti = index_of(x.task);
    if (ci >= m.citizens.size() || ti >= m.tasks.size())
      throw k::Error(k::Errc::invalid_argument, "", "", "match " + std::to_string(i) + " names no citizen or task of the market");
    // A matcher's top list names the indices of the matcher's market at the time of the query.
    out->citizen_index = r->top ? r->top->source[i].first : ci;
    out->task_index = r->top ? r->top->source[i].second : ti;
    out->citizen_id = m.citizens[ci].id.c_str();
    out->task_id = m.tasks[ti].id.c_str();
    out->company_id = m.tasks[ti].company.c_str();
    out->score = x.breakdown.total();
    out->wish = x.breakdown.wish;
    out->competences = x.breakdown.competences;
    out->hours = x.breakdown.hours;
    out->travel = x.breakdown.travel;
    out->readiness = x.breakdown.readiness;
    out->ordinary = x.breakdown.ordinary;
    out->wish_level = x.breakdown.wish_level;
    out->distance_m = x.breakdown.distance_m;
    out->reason_count = x.reasons.size();
    out->concern_count = x.concerns.size();
    return KANTEN_OK;
  });
}
const char* kanten_match_result_reason(const kanten_match_result* r, std::size_t i, std::size_t j) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    const auto& res = result_of(r);
    need_index(i, res.matches.size(), "i");
    need_index(j, res.matches[i].reasons.size(), "j");
    return res.matches[i].reasons[j].c_str();
  });
}
const char* kanten_match_result_concern(const kanten_match_result* r, std::size_t i, std::size_t j) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    const auto& res = result_of(r);
    need_index(i, res.matches.size(), "i");
    need_index(j, res.matches[i].concerns.size(), "j");
    return res.matches[i].concerns[j].c_str();
  });
}
std::size_t kanten_match_result_unmatched_count(const kanten_match_result* r) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return result_of(r).unmatched.size(); });
}
const char* kanten_match_result_unmatched(const kanten_match_result* r, std::size_t i) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] {
    const auto& res = result_of(r);
    need_index(i, res.unmatched.size(), "i");
    const std::size_t ci = index_of(res.unmatched[i]);
    need_index(ci, r->market->citizens.size(), "unmatched citizen index");
    return r->market->citizens[ci].id.c_str();
  });
}
int kanten_match_result_to_json(const kanten_match_result* r, int indent, char** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const auto& res = result_of(r);
    need(out, "out");
    const int in = indent < 0 ? -1 : indent;
    if (r->top) {  // a matcher's top list: the document of `kanten match --citizen ID` / `--task ID`
      const auto& m = *r->market;
      *out = hand_over(r->top->of_task
                           ? k::top_citizens_json(m, 0, res.matches, r->top->k, res.weights_version, in)
                           : k::top_tasks_json(m, 0, res.matches, r->top->k, r->top->per_company, res.weights_version, in));
      return KANTEN_OK;
    }
    *out = hand_over(k::to_json(res, *r->market, in));
    return KANTEN_OK;
  });
}
void kanten_match_result_free(kanten_match_result* r) noexcept { delete r; }

}  // extern "C"
