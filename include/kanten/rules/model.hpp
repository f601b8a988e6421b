// kanten/rules/model.hpp — the step model as data: one table of transitions.
//
// The engine drives every step change through this table: a change that has no row is not
// made. The same table is drawn as a Graphviz diagram (to_dot) and handed to C and Python.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/rules/sources.hpp"

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace kanten::inline v1 {

/// Where a citizen is in the indsatsmodel (004_3897fdd271fa8a38.txt, Figur 1).
/// X(enumerator, "name", "Danish label"); see core/vocabulary.hpp.
#define KANTEN_STEP_LIST(X)                                                                        \
  /* before the first conversation at visitation */                                                \
  X(not_started, "not_started", "Ikke startet")                                                    \
  /* Trin 1: Afklaring (clarification) */                                                          \
  X(trin1_afklaring, "trin1_afklaring", "Trin 1: Afklaring")                                       \
  /* Trin 2: På vej mod job (on the way to a job) */                                               \
  X(trin2_paa_vej_mod_job, "trin2_paa_vej_mod_job", "Trin 2: På vej mod job")                      \
  /* Trin 3: Virksomhedsforløb (company course) */                                                 \
  X(trin3_virksomhedsforloeb, "trin3_virksomhedsforloeb", "Trin 3: Virksomhedsforløb")             \
  /* exit: self-supporting through job or education */                                             \
  X(exit_self_support, "exit_self_support", "Afsluttet: selvforsørgelse")                          \
  /* exit: at least 30 ordinary hours in one month */                                              \
  X(exit_30_hours, "exit_30_hours", "Afsluttet: mindst 30 ordinære timer på en måned")             \
  /* exit: the case goes to the rehabilitation team */                                             \
  X(exit_rehabilitation_team, "exit_rehabilitation_team", "Afsluttet: rehabiliteringsteamet")
KANTEN_VOCABULARY(Step, std::uint8_t, KANTEN_STEP_LIST)

/// Number of steps.
inline constexpr std::size_t step_count = enum_size<Step>;

namespace vocabulary_detail {
#define KANTEN_STEP_LABEL_(id, text, label) std::string_view{label},
inline constexpr std::string_view step_labels[] = {KANTEN_STEP_LIST(KANTEN_STEP_LABEL_)};
#undef KANTEN_STEP_LABEL_
}  // namespace vocabulary_detail

/// Danish display name of a step, e.g. "Trin 2: På vej mod job"; "unknown" outside the list.
[[nodiscard]] constexpr std::string_view label(Step s) noexcept {
  const auto i = static_cast<std::size_t>(s);
  return i < step_count ? vocabulary_detail::step_labels[i] : std::string_view{"unknown"};
}

/// True for the three exits.
[[nodiscard]] constexpr bool is_exit(Step s) noexcept {
  return s == Step::exit_self_support || s == Step::exit_30_hours || s == Step::exit_rehabilitation_team;
}

/// What makes a transition happen.
#define KANTEN_CONDITION_LIST(X)                                                                   \
  X(first_conversation, "first_conversation")               /* the first conversation at visitation is held */ \
  X(visited_to_rehabilitation, "visited_to_rehabilitation") /* visitation decision: group 2, the rehabilitation team */ \
  X(trin1_complete, "trin1_complete")                       /* visited, CV, job direction and jobformidler all hold */ \
  X(trin2_complete, "trin2_complete")                       /* agreement, follow-up plan and fixed contact person all hold */ \
  X(thirty_ordinary_hours, "thirty_ordinary_hours")         /* a calendar month in Trin 3 holds ≥ 30 ordinary hours */ \
  X(self_supporting, "self_supporting")                     /* the citizen becomes self-supporting */ \
  X(course_broken_off, "course_broken_off")                 /* the company course is broken off */ \
  X(course_broken_off_rehabilitation, "course_broken_off_rehabilitation") /* broken off, assessed for the rehabilitation team */
KANTEN_VOCABULARY(Condition, std::uint8_t, KANTEN_CONDITION_LIST)

/// Number of conditions.
inline constexpr std::size_t condition_count = enum_size<Condition>;

/// One row of the step model: from a step, on a condition, to a step, resting on a source.
struct Transition {
  Step from;                    ///< step the citizen is in
  Condition condition;          ///< what must happen
  Step to;                      ///< step the citizen moves to
  std::string_view rule;        ///< stable rule id, e.g. "trin1_to_trin2"
  std::string_view description; ///< the rule in English
  const Source* source;         ///< the source paragraph
};

/// The step model (004_3897fdd271fa8a38.txt, Trin 1–3; self-support before Trin 3: decision
/// "Self-support ends the course at any step" (docs/decisions.md)).
KANTEN_EXPORT inline constexpr std::array<Transition, 10> transitions{{  // one object in a program (exported)
    {Step::not_started, Condition::first_conversation, Step::trin1_afklaring, "trin1_start",
     "Trin 1 starts at the job consultant's first conversation with the citizen at visitation",
     &sources::trin1_start},
    {Step::trin1_afklaring, Condition::visited_to_rehabilitation, Step::exit_rehabilitation_team,
     "trin1_to_rehabilitation",
     "a citizen in the target group for ressourceforløb, fleksjob or førtidspension has the case put "
     "before the rehabilitation team and is not visited to the project",
     &sources::trin1_rehabilitation},
    {Step::trin1_afklaring, Condition::trin1_complete, Step::trin2_paa_vej_mod_job, "trin1_to_trin2",
     "Trin 1 ends when the citizen is visited, has a CV, a job direction and a jobformidler",
     &sources::trin1_end},
    {Step::trin1_afklaring, Condition::self_supporting, Step::exit_self_support, "self_support_trin1",
     "a citizen who becomes self-supporting leaves the model", &sources::self_support_early},
    {Step::trin2_paa_vej_mod_job, Condition::trin2_complete, Step::trin3_virksomhedsforloeb,
     "trin2_to_trin3",
     "Trin 2 ends and Trin 3 starts when there is an employment and/or internship agreement, a "
     "follow-up plan and a fixed contact person at the company",
     &sources::trin2_end},
    {Step::trin2_paa_vej_mod_job, Condition::self_supporting, Step::exit_self_support, "self_support_trin2",
     "a citizen who becomes self-supporting leaves the model", &sources::self_support_early},
    {Step::trin3_virksomhedsforloeb, Condition::thirty_ordinary_hours, Step::exit_30_hours,
     "trin3_exit_30_hours", "Trin 3 ends when the citizen has at least 30 ordinary hours in a month",
     &sources::trin3_end},
    {Step::trin3_virksomhedsforloeb, Condition::self_supporting, Step::exit_self_support,
     "trin3_exit_self_support",
     "Trin 3 ends when the citizen is self-supporting through a job or education", &sources::trin3_end},
    {Step::trin3_virksomhedsforloeb, Condition::course_broken_off, Step::trin2_paa_vej_mod_job,
     "trin3_break_off",
     "a citizen who breaks off the company course starts Trin 2 again to find a new match quickly",
     &sources::break_off},
    {Step::trin3_virksomhedsforloeb, Condition::course_broken_off_rehabilitation,
     Step::exit_rehabilitation_team, "trin3_break_off_rehabilitation",
     "a broken-off course where the consultant assesses the citizen in the target group for "
     "ressourceforløb, fleksjob or førtidspension is interrupted and prepared for the "
     "rehabilitation team",
     &sources::break_off_rehabilitation},
}};

/// The row for (from, condition), or nullptr when the model has no such transition.
[[nodiscard]] constexpr const Transition* find_transition(Step from, Condition c) noexcept {
  for (const auto& t : transitions)
    if (t.from == from && t.condition == c) return &t;
  return nullptr;
}

/// Writes the step model as a Graphviz DOT digraph (through Boost.Graph's write_graphviz).
KANTEN_EXPORT void write_dot(std::ostream& out);
/// The step model as a Graphviz DOT string.
[[nodiscard]] KANTEN_EXPORT std::string to_dot();

}  // namespace kanten::inline v1
