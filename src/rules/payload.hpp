// Private: the fields of each kind of event, once for every reader (docs/json-format.md).
//
// Each reader brings its own access to one event's fields — the JSON reader's over an nlohmann
// object (src/rules/json.cpp), the fast reader's over a simdjson element (src/rules/stream.cpp), the
// CSV reader's over a row's cells (src/rules/csv.cpp), the Python frames reader's over numpy columns
// (python/src/frames.cpp) — and this one mapping says which fields each kind has, which are
// required, and what they must hold. A reader's `fault` either reports the event as not readable
// (an InputIssue with the field, the value and the reason) or, on a fast path, hands the event to
// the JSON reader so that the report is that reader's.
//
// What a reader F provides (`key` is a field name):
//   vocab<E>(key), vocabs<E>(key)   a vocabulary value; a list of them (absent: empty)
//   id(key), opt_id(key), ids(key)  opaque ids, checked against the CPR shape
//   text(key), texts(key)           free text (never shown in a fault)
//   flag(key), opt_flag(key, b)     booleans
//   date(key), opt_date(key, d)     dates "YYYY-MM-DD"
//   duration(minutes_key, hours_key)  whole minutes or "H:MM"; nullopt when neither is given
//   present(key)                    the field is given (not absent, not null)
//   fault(field, value, reason)     [[noreturn]]
#pragma once

#include "kanten/core/date.hpp"
#include "kanten/rules/events.hpp"

#include <memory>
#include <string>

namespace kanten::inline v1::detail {

template <class F>
EventData read_payload(EventKind k, F& f, Date date) {
  switch (k) {
    case EventKind::first_conversation: return FirstConversation{};
    case EventKind::visitation: return Visitation{f.template vocab<VisitationOutcome>("outcome")};
    case EventKind::jobformidler_assigned: return JobformidlerAssigned{f.id("jobformidler")};
    case EventKind::cv_completed: return CvCompleted{};
    case EventKind::job_direction_set: {
      JobDirectionSet d;
      d.goal = f.template vocab<Goal>("goal");
      d.wishes = f.texts("wishes");
      return d;
    }
    case EventKind::course_broken_off: return CourseBrokenOff{f.opt_flag("rehabilitation_assessment", false)};
    case EventKind::agreement: {
      AgreementMade a;
      a.kind = f.template vocab<AgreementKind>("agreement_kind");
      a.start = f.opt_date("start", date);
      a.minutes_per_week = f.duration("minutes_per_week", "hours_per_week").value_or(0);
      a.ordinary_minutes_per_week = f.duration("ordinary_minutes_per_week", "ordinary_hours_per_week");
      if (a.ordinary_minutes_per_week && *a.ordinary_minutes_per_week < 0)
        f.fault("ordinary_minutes_per_week", std::to_string(*a.ordinary_minutes_per_week), "must not be negative");
      if (a.ordinary_minutes_per_week && *a.ordinary_minutes_per_week > a.minutes_per_week)
        f.fault("ordinary_minutes_per_week", std::to_string(*a.ordinary_minutes_per_week),
                "more than the agreement's minutes_per_week (" + std::to_string(a.minutes_per_week) + ")");
      // KE7's terms (decision "An agreement's terms"): kept when any of them is given.
      if (f.present("company") || f.present("tasks") || f.present("sub_goals") || f.present("health")) {
        auto t = std::make_shared<AgreementTerms>();
        t->company = f.opt_id("company");
        t->tasks = f.texts("tasks");
        t->sub_goals = f.texts("sub_goals");
        t->health = f.template vocabs<Health>("health");
        a.terms = std::move(t);
      }
      return a;
    }
    case EventKind::followup_plan: return FollowUpPlanMade{};
    case EventKind::contact_person: return ContactPersonAssigned{f.id("company")};
    case EventKind::hours_worked: {
      HoursWorked h;
      auto m = f.duration("minutes", "hours");
      if (!m) f.fault("minutes", "", "missing: give \"minutes\" (whole minutes) or \"hours\" (\"H:MM\")");
      h.minutes = *m;
      h.kind = f.template vocab<HoursKind>("type");
      return h;
    }
    case EventKind::contact: return Contact{f.template vocab<Channel>("channel")};
    case EventKind::sanction_failure: {
      SanctionFailure s;
      s.failure_id = f.id("failure_id");
      s.failure = f.template vocab<FailureKind>("failure");
      return s;
    }
    case EventKind::reasonable_cause: {
      ReasonableCause r;
      r.failure_id = f.id("failure_id");
      r.cause = f.template vocab<CauseKind>("cause");
      r.text = f.text("text");
      return r;
    }
    case EventKind::vulnerability_assessed: {
      VulnerabilityAssessed v;
      v.failure_id = f.id("failure_id");
      v.vulnerable = f.flag("vulnerable");
      return v;
    }
    case EventKind::concrete_assessment: {
      ConcreteAssessment c;
      c.failure_id = f.id("failure_id");
      c.promotes_availability = f.flag("promotes_availability");
      c.considers_vulnerability = f.opt_flag("considers_vulnerability", false);
      c.text = f.text("text");
      return c;
    }
    case EventKind::hearing_sent: return HearingSent{f.id("failure_id"), f.opt_date("answer_by", Date())};
    case EventKind::hearing_answered: return HearingAnswered{f.id("failure_id")};
    case EventKind::personal_contact_attempt: {
      PersonalContactAttempt p;
      p.failure_id = f.id("failure_id");
      p.channel = f.template vocab<Channel>("channel");
      p.reached = f.flag("reached");
      return p;
    }
    case EventKind::self_support: return SelfSupport{f.template vocab<SelfSupportKind>("via")};
    case EventKind::profile_changed: {
      ProfileChanged p;
      if (f.present("benefit")) p.benefit = f.template vocab<Benefit>("benefit");
      if (f.present("activity_ready")) p.activity_ready = f.flag("activity_ready");
      if (f.present("lives_in_designated_area")) p.lives_in_designated_area = f.flag("lives_in_designated_area");
      if (f.present("in_integration_programme")) p.in_integration_programme = f.flag("in_integration_programme");
      if (!p.benefit && !p.activity_ready && !p.lives_in_designated_area && !p.in_integration_programme)
        f.fault("benefit", "",
                "missing: a profile change gives at least one of benefit, activity_ready, lives_in_designated_area, "
                "in_integration_programme");
      return p;
    }
    case EventKind::aftercare_contact: return AftercareContact{f.template vocab<Channel>("channel")};
    case EventKind::bus_trip: {
      BusTripAttended b;
      b.trip = f.id("trip");
      if (b.trip.empty()) f.fault("trip", "\"\"", "must not be empty: an opaque trip id");
      b.attended = f.opt_flag("attended", true);
      b.companies = f.ids("companies");
      return b;
    }
    case EventKind::training_track: {
      TrainingTrackStarted t;
      t.track = f.id("track");
      if (t.track.empty()) f.fault("track", "\"\"", "must not be empty: an opaque track id");
      t.workplace = f.opt_id("workplace");
      t.mentor = f.opt_id("mentor");
      t.end = f.opt_date("end", Date());
      return t;
    }
  }
  f.fault("kind", "", "unhandled event kind");  // unreachable: the readers only yield listed kinds
}

}  // namespace kanten::inline v1::detail
