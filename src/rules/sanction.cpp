// Sanction eligibility: 004_3897fdd271fa8a38.txt, Kerneelement 5 (the text on sanctions).
//
// The answer lists every fact established and every rule applied, so a caseworker can draft
// the written justification from it. Texts name kinds, dates and channels — never the
// caseworker's free text, which may hold personal data.
#include "kanten/core/error.hpp"
#include "kanten/rules/sanction.hpp"
#include "kanten/rules/evaluate.hpp"

#include "rules/fold.hpp"

namespace kanten::inline v1::detail {
namespace {

std::string failure_text(FailureKind k) {
  switch (k) {
    case FailureKind::refused_job_offer: return "refused an offer of work";
    case FailureKind::did_not_apply_for_jobs: return "did not apply for the specific jobs the job centre required";
    case FailureKind::did_not_report_illness: return "did not report illness to the job centre or the employer";
  }
  return "unknown failure";
}

std::string cause_text(CauseKind c) {
  switch (c) {
    case CauseKind::severe_mental_illness: return "severe mental illness";
    case CauseKind::homelessness: return "homelessness";
    case CauseKind::addiction: return "addiction";
    case CauseKind::other: return "another reasonable cause (described in the case)";
  }
  return "a reasonable cause";
}

bool in_steps(Step s) {
  return s == Step::trin1_afklaring || s == Step::trin2_paa_vej_mod_job || s == Step::trin3_virksomhedsforloeb;
}

}  // namespace

SanctionAnswer answer_sanction(const FailureFacts& f, const RuleSet& rules, Date as_of,
                               std::optional<std::int64_t> daily_rate) {
  SanctionAnswer a;
  a.failure_id = std::string(f.id);
  a.failure = f.kind;
  a.failure_date = f.date;
  a.daily_rate = daily_rate;
  auto reason = [&](std::string rule, std::string text, const Source& s) {
    a.reasons.push_back({std::move(rule), std::move(text), &s});
  };
  auto pending = [&](std::string rule, std::string text, const Source& s) {
    a.pending.push_back({std::move(rule), std::move(text), &s});
  };
  auto exclude = [&](std::string rule, std::string text, const Source& s) {
    a.excluded_by = SanctionReason{std::move(rule), std::move(text), &s};
    a.status = SanctionStatus::not_eligible;
    return a;
  };

  // The failure itself: one of the three the punktsanktion names (Kerneelement 5).
  reason("sanction_punktsanktion",
         "on " + iso(f.date) + " the citizen " + failure_text(f.kind) + "; a punktsanktion deducts " +
             std::to_string(rules.sanction_days) + " days of benefit when this happens without a reasonable cause",
         sources::sanction_punktsanktion);

  // The sanction text describes the rules for activity-ready recipients of the benefit
  // (the introduction and Kerneelement 5), so the benefit and readiness on the failure date
  // decide, not the step. Where kanten cannot judge, it says so: undecided, never "not eligible".
  const Profile& p = f.profile_at_failure;
  const bool benefit_in = p.benefit == Benefit::kontanthjaelp || p.benefit == Benefit::uddannelseshjaelp ||
                          p.benefit == Benefit::integrationsydelse;
  if (!benefit_in || !p.activity_ready) {
    std::string was = !p.activity_ready ? "not activity-ready (jobparat)" : "";
    if (!benefit_in) was += std::string(was.empty() ? "" : " and ") + "receiving " + std::string(name(p.benefit));
    pending("sanction_recipients",
            "on the failure date the citizen was " + was +
                ": kanten's rules cover sanctions for activity-ready recipients of kontanthjælp, uddannelseshjælp "
                "or integrationsydelse, so this failure must be judged outside kanten",
            sources::sanction_recipients);
    a.status = SanctionStatus::undecided;
    return a;
  }
  reason("sanction_recipients",
         "on the failure date the citizen was an activity-ready recipient of " + std::string(name(p.benefit)),
         sources::sanction_recipients);
  // The job centre enforces sanctions in the three steps of the course (Kerneelement 5); a
  // failure outside them is judged by the same rules (decision "Failures outside Trin 1–3"
  // (docs/decisions.md)).
  if (in_steps(f.step_at_failure))
    reason("sanction_in_steps", "on the failure date the citizen was in " + std::string(label(f.step_at_failure)),
           sources::sanction_in_steps);
  else
    reason("sanction_in_steps",
           "on the failure date the citizen was not in Trin 1–3 (" + std::string(name(f.step_at_failure)) +
               "); the rules for activity-ready recipients apply all the same",
           sources::sanction_in_steps);

  // A reasonable cause excuses, including causes beyond those the law names (Kerneelement 5).
  if (f.cause)
    return exclude("sanction_reasonable_cause", "a reasonable cause is recorded: " + cause_text(*f.cause),
                   sources::sanction_reasonable_cause);
  reason("sanction_reasonable_cause", "no reasonable cause is recorded", sources::sanction_reasonable_cause);

  // Only activity-ready citizens are in the model (Kerneelement 3), so the rules for
  // activity-ready citizens always apply here. Only if the sanction is judged to promote the citizen's availability (Kerneelement 5).
  if (f.promotes_availability && !*f.promotes_availability)
    return exclude("sanction_promotes_availability",
                   "the concrete assessment of " + iso(*f.assessment_date) +
                       " found that a sanction would not promote the citizen's availability",
                   sources::sanction_promotes_availability);
  // A vulnerable situation must be assessed and taken into account (Kerneelement 5).
  if (!f.vulnerable) {
    pending("sanction_vulnerable",
            "whether the activity-ready citizen is in a vulnerable situation must be assessed",
            sources::sanction_vulnerable);
  } else {
    reason("sanction_vulnerable",
           *f.vulnerable ? "the citizen is assessed to be in a vulnerable situation"
                         : "the citizen is assessed not to be in a vulnerable situation",
           sources::sanction_vulnerable);
  }
  // The concrete assessment, always, for an activity-ready citizen (Kerneelement 5).
  if (!f.promotes_availability) {
    pending("sanction_concrete_assessment",
            "the concrete assessment is missing: whether a sanction would promote the citizen's availability",
            sources::sanction_concrete_assessment);
  } else {
    reason("sanction_promotes_availability",
           "the concrete assessment of " + iso(*f.assessment_date) +
               " found that a sanction would promote the citizen's availability",
           sources::sanction_promotes_availability);
    if (f.vulnerable && *f.vulnerable) {
      if (f.considers_vulnerability)
        reason("sanction_vulnerable",
               "the concrete assessment takes into account that the citizen may not be able to meet the "
               "requirements",
               sources::sanction_vulnerable);
      else
        pending("sanction_vulnerable",
                "the concrete assessment must take into account that the citizen, in a vulnerable situation, "
                "may not be able to meet the requirements",
                sources::sanction_vulnerable);
    }
  }
  // The written hearing, and personal contact when it is not answered (Kerneelement 5): "hvis denne
  // ikke reagerer på en skriftlig partshøring" — the citizen has until the hearing's deadline to
  // react; personal contact that stands in for the answer comes after it (decision "The hearing's
  // answer period" (docs/decisions.md)).
  if (rules.sanction_requires_written_hearing && !f.hearing_sent) {
    pending("sanction_personal_contact", "the written hearing (partshøring) must be sent",
            sources::sanction_personal_contact);
  } else if (f.hearing_answered) {
    reason("sanction_personal_contact", "the citizen answered the written hearing on " + iso(*f.hearing_answered),
           sources::sanction_personal_contact);
  } else if (f.hearing_sent && f.hearing_answer_by.is_special()) {
    pending("sanction_hearing_deadline",
            "the written hearing sent on " + iso(*f.hearing_sent) +
                " has no answer deadline recorded: until the citizen's time to answer has passed, no sanction",
            sources::sanction_personal_contact);
  } else if (f.hearing_sent && !(f.hearing_answer_by < as_of)) {
    pending("sanction_hearing_deadline",
            "waiting for the answer to the written hearing sent on " + iso(*f.hearing_sent) +
                ": the citizen may answer until " + iso(f.hearing_answer_by),
            sources::sanction_personal_contact);
  } else {
    const bool deadline = f.hearing_sent.has_value();
    const std::string why = deadline ? "the written hearing sent on " + iso(*f.hearing_sent) +
                                           " was not answered by " + iso(f.hearing_answer_by)
                                     : "no answer to a written hearing is recorded";
    const Attempt* reached = nullptr;
    bool phone = false, visit = false;
    std::size_t counted = 0, early = 0;
    for (const auto& t : f.attempts) {
      if (deadline && !(f.hearing_answer_by < t.date)) {
        ++early;  // before the deadline the citizen could still answer in writing
        continue;
      }
      ++counted;
      if (t.reached && !reached) reached = &t;
      phone = phone || t.channel == Channel::phone;
      visit = visit || t.channel == Channel::home_visit;  // "hvor borgeren bor eller opholder sig"
    }
    const std::string early_note =
        early == 0 ? std::string()
                   : " (" + std::to_string(early) + (early == 1 ? " attempt" : " attempts") +
                         " on or before the deadline " + (early == 1 ? "does" : "do") + " not count)";
    if (reached) {
      reason("sanction_personal_contact",
             why + "; personal contact was made on " + iso(reached->date) + " (" + std::string(name(reached->channel)) +
                 ")",
             sources::sanction_personal_contact);
    } else {
      const bool enough = rules.personal_contact_needs_phone_and_visit ? (phone && visit) : counted > 0;
      if (enough) {
        reason("sanction_personal_contact",
               why + "; all reasonable means of personal contact were used without reaching the citizen (" +
                   std::to_string(counted) + " attempts, by phone and in person where the citizen lives "
                   "or stays)" + early_note,
               sources::sanction_personal_contact);
      } else {
        std::string need;
        if (rules.personal_contact_needs_phone_and_visit) {
          if (!phone) need += "by phone";
          if (!visit) need += std::string(need.empty() ? "" : " and ") + "in person where the citizen lives or stays";
        } else {
          need = "by phone or in person";
        }
        pending("sanction_personal_contact",
                "personal contact must be attempted (" + need + (deadline ? ", after the deadline" : "") + "): " + why +
                    early_note,
                sources::sanction_personal_contact);
      }
    }
  }

  if (!a.pending.empty()) {
    a.status = SanctionStatus::undecided;
    return a;
  }
  a.status = SanctionStatus::eligible;
  a.deduction_days = rules.sanction_days;
  if (daily_rate) {
    // Money is computed with checked arithmetic: a rate checked against max_daily_rate times a
    // rule set's day count can still overflow when a caller's RuleSet has an absurd count.
    std::int64_t deduction = 0;
    if (*daily_rate < 0 || __builtin_mul_overflow(*daily_rate, std::int64_t{rules.sanction_days}, &deduction) ||
        deduction < 0)
      throw Error(Errc::invalid_argument, "rules.sanction_days", std::to_string(rules.sanction_days),
                  "the deduction (days x daily rate) is out of range");
    a.deduction = deduction;
  }
  return a;
}

}  // namespace kanten::inline v1::detail

namespace kanten::inline v1 {

void check_daily_rate(std::int64_t rate, const std::string& field) {
  if (rate < 0 || rate > max_daily_rate)
    throw Error(Errc::invalid_argument, field, std::to_string(rate),
                "out of range: a daily rate in øre from 0 to " + std::to_string(max_daily_rate) +
                    " (1,000,000 kr)");
}


// Which failure a sanction question answers (004_3897fdd271fa8a38.txt, Kerneelement 5): the one the
// question names, or the latest. One choice for the CLI, the C ABI and Python.
const SanctionAnswer& pick_sanction_answer(const Evaluation& e, std::string_view failure_id) {
  const SanctionAnswer* answer = nullptr;
  for (const auto& s : e.sanctions) {
    if (failure_id.empty()) {
      // The latest failure: the latest date; of one date, the last answer.
      if (!answer || !(s.failure_date < answer->failure_date)) answer = &s;
    } else if (s.failure_id == failure_id) {
      answer = &s;
    }
  }
  if (!answer) {
    if (failure_id.empty())
      throw Error(Errc::invalid_input, "case.events", "",
                  "the case records no sanction failure on or before as_of " + iso(e.as_of));
    throw Error(Errc::invalid_input, "failure_id", std::string(failure_id),
                "the case records no sanction failure with this id on or before as_of " + iso(e.as_of));
  }
  return *answer;
}

}  // namespace kanten::inline v1
