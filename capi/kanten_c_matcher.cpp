// capi/kanten_c_matcher.cpp — the C ABI over the persistent matcher index (kanten::Matcher,
// include/kanten/match/index.hpp): a market held in memory that answers one citizen's best tasks
// and one task's best citizens, and is updated in place. Same conventions as kanten_c.cpp
// (kanten_c_internal.hpp): guard() around every body, handles holding `rep`.
//
// A query's result is a kanten_match_result (mode top_k) that owns copies of the ids it names,
// so it stays valid after later updates and after the matcher is freed (kanten.h, "Handles").
#include "kanten.h"
#include "kanten_c_internal.hpp"

#include <kanten/match/index.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace k = kanten;
using namespace kanten_capi;

struct kanten_matcher {
  k::Matcher rep;
  std::vector<k::InputWarning> warnings;  ///< the input warnings of the last upsert from JSON

  explicit kanten_matcher(k::Matcher m) : rep(std::move(m)) {}
};

namespace {

const k::Matcher& matcher_of(const kanten_matcher* x) {
  need(x, "matcher");
  return x->rep;
}

/// An id parameter: not NULL (named `name`), as a view of its NUL-terminated text.
std::string_view id_of(const char* id, const char* name) {
  need(id, name);
  return id;
}

/// A top list as a result handle: the matches re-pointed into a small market of the ids they
/// name — the queried citizen (`about`, top_tasks) or task (top_citizens) first — and the
/// matcher's indices kept in `top->source`.
kanten_match_result* top_list(const k::Matcher& index, std::int32_t about, std::vector<k::Match> matches,
                              bool of_task, std::int32_t kk, std::int32_t per_company) {
  const k::Market& m = index.market();
  auto small = std::make_shared<k::Market>();
  auto add_citizen = [&](std::int32_t ci) {
    k::Citizen c;
    c.id = m.citizens.at(static_cast<std::size_t>(ci)).id;
    small->citizens.push_back(std::move(c));
    return static_cast<std::int32_t>(small->citizens.size() - 1);
  };
  auto add_task = [&](std::int32_t ti) {
    const k::Task& t = m.tasks.at(static_cast<std::size_t>(ti));
    k::Task s;
    s.id = t.id;
    s.company = t.company;
    small->tasks.push_back(std::move(s));
    return static_cast<std::int32_t>(small->tasks.size() - 1);
  };
  if (of_task) add_task(about);
  else add_citizen(about);
  kanten_match_result::TopList top;
  top.of_task = of_task;
  top.k = kk;
  top.per_company = per_company;
  top.source.reserve(matches.size());
  std::unordered_map<std::int32_t, std::int32_t> seen;  // matcher index → small index, on the listed side
  for (auto& x : matches) {
    top.source.emplace_back(static_cast<std::size_t>(x.citizen), static_cast<std::size_t>(x.task));
    std::int32_t& listed = of_task ? x.citizen : x.task;
    auto [it, fresh] = seen.try_emplace(listed, 0);
    if (fresh) it->second = of_task ? add_citizen(listed) : add_task(listed);
    listed = it->second;
    (of_task ? x.task : x.citizen) = 0;
  }
  auto r = std::make_unique<kanten_match_result>();
  r->rep.weights_version = index.weights().version;
  r->rep.mode = k::MatchMode::top_k;
  r->rep.matches = std::move(matches);
  r->market = std::move(small);
  r->top = std::move(top);
  return r.release();
}

/// Checks a query's k (and per_company) as kanten_match() checks its options.
void need_positive(std::int32_t v, const char* name) {
  if (v < 1) throw k::Error(k::Errc::invalid_argument, name, std::to_string(v), "must be at least 1");
}

}  // namespace

extern "C" {

int kanten_matcher_new(const kanten_market* m, const kanten_weights* weights, kanten_matcher** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    need(m, "m");
    need(out, "out");
    const k::MatchWeights& w = weights ? weights->rep : k::default_weights();
    auto x = std::make_unique<kanten_matcher>(k::Matcher(*m->rep, w));
    *out = x.release();
    return KANTEN_OK;
  });
}
void kanten_matcher_free(kanten_matcher* x) noexcept { delete x; }

std::size_t kanten_matcher_citizen_count(const kanten_matcher* x) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return matcher_of(x).market().citizens.size(); });
}
std::size_t kanten_matcher_company_count(const kanten_matcher* x) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return matcher_of(x).market().companies.size(); });
}
std::size_t kanten_matcher_task_count(const kanten_matcher* x) noexcept {
  return guard_value<std::size_t>(__func__, 0, [&] { return matcher_of(x).market().tasks.size(); });
}
const char* kanten_matcher_weights_version(const kanten_matcher* x) noexcept {
  return guard_value<const char*>(__func__, nullptr, [&] { return matcher_of(x).weights().version.c_str(); });
}
int kanten_matcher_market(const kanten_matcher* x, kanten_market** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const k::Matcher& index = matcher_of(x);
    need(out, "out");
    auto m = std::make_unique<kanten_market>();
    m->rep = std::make_shared<const k::Market>(index.market());
    *out = m.release();
    return KANTEN_OK;
  });
}

int kanten_matcher_top_tasks(const kanten_matcher* x, const char* citizen_id, std::int32_t kk, std::int32_t per_company,
                             int explain, kanten_match_result** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const k::Matcher& index = matcher_of(x);
    const auto id = id_of(citizen_id, "citizen_id");
    need(out, "out");
    need_positive(kk, "k");
    need_positive(per_company, "per_company");
    auto top = index.top_tasks(id, kk, per_company, explain != 0);  // throws naming "citizen" for an unknown id
    *out = top_list(index, index.citizen_index(id), std::move(top), false, kk, per_company);
    return KANTEN_OK;
  });
}

int kanten_matcher_top_citizens(const kanten_matcher* x, const char* task_id, std::int32_t kk, int explain,
                                kanten_match_result** out) noexcept {
  if (out) *out = nullptr;
  return guard(__func__, [&] {
    const k::Matcher& index = matcher_of(x);
    const auto id = id_of(task_id, "task_id");
    need(out, "out");
    need_positive(kk, "k");
    auto top = index.top_citizens(id, kk, explain != 0);  // throws naming "task" for an unknown id
    *out = top_list(index, index.task_index(id), std::move(top), true, kk, 0);
    return KANTEN_OK;
  });
}

// --- updates -------------------------------------------------------------------------------

int kanten_matcher_upsert_citizen_json(kanten_matcher* x, const char* text, std::size_t length,
                                       const kanten_read_options* options) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    const auto t = text_of(text, length, "text");
    x->warnings.clear();
    k::Citizen c = k::citizen_from_json(t, read_options_of(options), &x->warnings);
    x->rep.upsert_citizen(std::move(c));
    return KANTEN_OK;
  });
}
int kanten_matcher_upsert_company_json(kanten_matcher* x, const char* text, std::size_t length,
                                       const kanten_read_options* options) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    const auto t = text_of(text, length, "text");
    x->warnings.clear();
    k::Company c = k::company_from_json(t, read_options_of(options), &x->warnings);
    x->rep.upsert_company(std::move(c));
    return KANTEN_OK;
  });
}
int kanten_matcher_upsert_task_json(kanten_matcher* x, const char* text, std::size_t length,
                                    const kanten_read_options* options) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    const auto t = text_of(text, length, "text");
    x->warnings.clear();
    k::Task task = k::task_from_json(t, read_options_of(options), &x->warnings);
    x->rep.upsert_task(std::move(task));
    return KANTEN_OK;
  });
}
std::size_t kanten_matcher_warning_count(const kanten_matcher* x) noexcept { return x ? x->warnings.size() : 0; }
int kanten_matcher_warning(const kanten_matcher* x, std::size_t i, kanten_input_warning* out) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    return warning_out(x->warnings, i, out);
  });
}

int kanten_matcher_remove_citizen(kanten_matcher* x, const char* id) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    return x->rep.remove_citizen(id_of(id, "id")) ? 1 : 0;
  });
}
int kanten_matcher_remove_company(kanten_matcher* x, const char* id) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    return x->rep.remove_company(id_of(id, "id")) ? 1 : 0;
  });
}
int kanten_matcher_remove_task(kanten_matcher* x, const char* id) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    return x->rep.remove_task(id_of(id, "id")) ? 1 : 0;
  });
}
int kanten_matcher_set_capacity(kanten_matcher* x, const char* company_id, std::int32_t capacity) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    x->rep.set_capacity(id_of(company_id, "company_id"), capacity);
    return KANTEN_OK;
  });
}
int kanten_matcher_set_slots(kanten_matcher* x, const char* task_id, std::int32_t slots) noexcept {
  return guard(__func__, [&] {
    need(x, "matcher");
    x->rep.set_slots(id_of(task_id, "task_id"), slots);
    return KANTEN_OK;
  });
}

}  // extern "C"
