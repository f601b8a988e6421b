// kanten/match/index.hpp — a persistent matcher index: a market held in memory with its scores'
// per-citizen and per-task parts precomputed and its tasks and citizens in location grids, so that
// a caseworker's "best tasks for this citizen" and a company consultant's "best citizens for this
// task" are answered in well under a millisecond, and the market is updated in place when a
// citizen, company, task, capacity or slot count changes (issue 14, "Answers in a page view").
//
// The answers are those of kanten::top_tasks and kanten::top_citizens (kanten/match/matching.hpp)
// on market(): the same matches, order, breakdowns, reasons and concerns. The hard filters, the
// score and its weights are documented in docs/matching.md; "The persistent matcher and the query
// stream" there documents this index and `kanten match serve`.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/input.hpp"
#include "kanten/match/matching.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// A persistent matcher index over its own copy of a market.
///
/// Match::citizen and Match::task in results are indices into market(); they, and every
/// reference into market(), stay valid until the next update (upsert_*, remove_*, set_*): a
/// removal moves the last citizen, task or company into the removed one's place.
///
/// Const members (queries) may run concurrently from several threads; an update needs exclusive
/// access (no query or other update at the same time). Every update costs the size of the entity
/// it touches and the grid cells it lies in, never a rebuild of the whole index.
///
/// Unknown ids throw kanten::Error(Errc::invalid_argument) naming the field ("citizen", "task",
/// "company") with the id as value; an update that throws leaves the index as it was.
///
///     kanten::Matcher index(kanten::market_from_json(text));
///     for (const auto& m : index.top_tasks("C-17", 10)) use(index.market().tasks[m.task]);
class KANTEN_EXPORT Matcher {
 public:
  /// Builds the index over `market` (O(market)). Checks the market as match() does (every task
  /// names a company of the market, every visited company exists; kanten::Error(invalid_input)
  /// naming the field otherwise) and that ids are unique on each side (check_unique_ids).
  explicit Matcher(Market market, const MatchWeights& weights = default_weights());
  ~Matcher();
  Matcher(Matcher&&) noexcept;             ///< moves the index; the moved-from matcher may only be destroyed or assigned to
  Matcher& operator=(Matcher&&) noexcept;  ///< moves the index; the moved-from matcher may only be destroyed or assigned to
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  /// The index's own copy of the market (indices valid until the next update).
  [[nodiscard]] const Market& market() const noexcept;
  /// The weights the index scores with.
  [[nodiscard]] const MatchWeights& weights() const noexcept;

  /// The citizen's index in market(), -1 when no citizen has this id.
  [[nodiscard]] std::int32_t citizen_index(std::string_view id) const noexcept;
  /// The task's index in market(), -1 when no task has this id.
  [[nodiscard]] std::int32_t task_index(std::string_view id) const noexcept;
  /// The company's index in market(), -1 when no company has this id.
  [[nodiscard]] std::int32_t company_index(std::string_view id) const noexcept;

  /// The citizen's best k tasks, at most `per_company` of one company, best first (ties by task
  /// index): kanten::top_tasks(market(), citizen_index(id), k, per_company, weights()), with
  /// reasons and concerns when `explain`. Throws kanten::Error (invalid_argument) naming
  /// "citizen" for an unknown id, "k" / "per_company" when not positive.
  [[nodiscard]] std::vector<Match> top_tasks(std::string_view citizen_id, std::int32_t k = 10,
                                             std::int32_t per_company = 1, bool explain = true) const;
  /// The task's best k citizens, best first (ties by citizen index):
  /// kanten::top_citizens(market(), task_index(id), k, weights()), with reasons and concerns when
  /// `explain`. Throws kanten::Error (invalid_argument) naming "task" for an unknown id, "k" when
  /// not positive.
  [[nodiscard]] std::vector<Match> top_citizens(std::string_view task_id, std::int32_t k = 10,
                                                bool explain = true) const;

  /// Adds the citizen, or replaces the one with the same id. Throws kanten::Error naming the field
  /// when the id is empty or a visited company is not in the market.
  void upsert_citizen(Citizen c);
  /// Adds the company, or replaces the one with the same id (its tasks stay and take the new
  /// location, readiness and capacity). Throws kanten::Error naming the field when the id is empty.
  void upsert_company(Company c);
  /// Adds the task, or replaces the one with the same id. Throws kanten::Error (invalid_argument,
  /// field "company", the id as value) when its company is not in the market.
  void upsert_task(Task t);
  /// Removes the citizen; false when no citizen has this id.
  bool remove_citizen(std::string_view id);
  /// Removes the company and its tasks, and drops it from the citizens' visited companies (a
  /// relation to a company that has left the market counts no more); false when unknown.
  bool remove_company(std::string_view id);
  /// Removes the task; false when no task has this id.
  bool remove_task(std::string_view id);
  /// Sets a company's capacity (0: it takes nobody now). Throws kanten::Error (invalid_argument)
  /// naming "company" for an unknown id, "capacity" when negative.
  void set_capacity(std::string_view company_id, std::int32_t capacity);
  /// Sets a task's slots (0: it takes nobody now). Throws kanten::Error (invalid_argument) naming
  /// "task" for an unknown id, "slots" when negative.
  void set_slots(std::string_view task_id, std::int32_t slots);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Answers one line of the query stream of `kanten match serve` (docs/matching.md, "The persistent
/// matcher and the query stream"): `line` is one JSON object asking for a top list
/// ({"top_tasks": "<citizen id>", "k": 10, "per_company": 1, "explain": true},
/// {"top_citizens": "<task id>", "k": 10}) or an update ({"upsert_citizen": {...}},
/// {"remove_task": "<id>"}, {"set_capacity": {"company": "<id>", "capacity": 3}}, …), with an
/// optional "id" that the answer carries back. Returns one line of JSON, without the newline: a top
/// list as `kanten match --citizen` / `--task` writes it, or {"done": ...} for an update. Bad
/// input never throws: the answer is {"error": {"code", "field", "value", "message"}} and the
/// index is left as it was. Citizen, company and task objects are read as in a market
/// (`options`: strict reading, size limit); their unknown fields come back as "warnings".
[[nodiscard]] KANTEN_EXPORT std::string serve_json_line(Matcher& index, std::string_view line,
                                                        const ReadOptions& options = {});

}  // namespace kanten::inline v1
