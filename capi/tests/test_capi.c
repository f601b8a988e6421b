/* capi/tests/test_capi.c — kanten's C ABI, tested from C11 compiled as C.
 *
 * Every function of kanten.h, every NULL and invalid argument, ownership (create and free,
 * free(NULL), results outliving their sources), a typed case through all three steps to an exit,
 * JSON in and out, errors that are never NULL and name the parameter or field, the version
 * numbers, and the per-thread last error. Prints "N passed, M failed" and exits non-zero on any
 * failure. Also built with ASan + UBSan (test_capi_asan). */
#include <kanten.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(__STDC_NO_THREADS__)
#  include <threads.h>
#endif

#ifndef KANTEN_EXAMPLES_DIR
#  error "KANTEN_EXAMPLES_DIR must name the repository's examples/ directory"
#endif

#include "check.h"

static int date_is(kanten_date d, int y, int m, int day) { return d.year == y && d.month == m && d.day == day; }

static kanten_event event_on(int kind, int y, int m, int d) {
  kanten_event ev = KANTEN_EVENT_INIT;
  ev.kind = kind;
  ev.date.year = y;
  ev.date.month = m;
  ev.date.day = d;
  return ev;
}

static kanten_evaluation* evaluate_at(const kanten_case* c, int y, int m, int d) {
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = y;
  o.as_of.month = m;
  o.as_of.day = d;
  kanten_evaluation* e = NULL;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(e != NULL);
  return e;
}

/* ------------------------------------------------------------------------------------------ */

static void test_version_and_status(void) {
  CHECK(kanten_version_number() == KANTEN_VERSION_NUMBER);
  CHECK(KANTEN_VERSION_NUMBER == KANTEN_VERSION_MAJOR * 10000 + KANTEN_VERSION_MINOR * 100 + KANTEN_VERSION_PATCH);
  CHECK(strcmp(kanten_version_string(), KANTEN_VERSION_STRING) == 0);
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", KANTEN_VERSION_MAJOR, KANTEN_VERSION_MINOR, KANTEN_VERSION_PATCH);
  CHECK(strcmp(kanten_version_string(), expected) == 0);

  CHECK(KANTEN_OK == 0 && KANTEN_EINVAL == -1 && KANTEN_EPARSE == -2 && KANTEN_EINPUT == -3 && KANTEN_EIO == -4 &&
        KANTEN_ENOMEM == -5 && KANTEN_EINTERNAL == -6);
  for (int s = -8; s <= 1; ++s) CHECK(kanten_status_string(s) != NULL);
  CHECK(strcmp(kanten_status_string(KANTEN_OK), "ok") == 0);
  CHECK(strcmp(kanten_status_string(KANTEN_EINVAL), "invalid argument") == 0);
  CHECK(strcmp(kanten_status_string(KANTEN_ENOMEM), "out of memory") == 0);
  CHECK(strcmp(kanten_status_string(42), "unknown status") == 0);

  /* The last error is never NULL; "" before any failure. */
  CHECK(kanten_last_error() != NULL);
  kanten_string_free(NULL);
}

typedef const char* (*name_fn)(int);
static void check_names(name_fn f, int count, const char* first, const char* last) {
  for (int i = 0; i < count; ++i) {
    const char* n = f(i);
    CHECK(n != NULL && n[0] != '\0');
    CHECK_NO_ERROR();
  }
  CHECK(strcmp(f(0), first) == 0);
  CHECK(strcmp(f(count - 1), last) == 0);
  CHECK(f(count) == NULL);
  CHECK(contains(kanten_last_error(), "out of range"));
  CHECK(f(-1) == NULL);
  CHECK(kanten_last_error()[0] != '\0');
}

static void test_names(void) {
  check_names(kanten_step_name, KANTEN_STEP_COUNT, "not_started", "exit_rehabilitation_team");
  check_names(kanten_step_label, KANTEN_STEP_COUNT, kanten_step_label(0), kanten_step_label(KANTEN_STEP_COUNT - 1));
  CHECK(strcmp(kanten_step_name(KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB), "trin2_paa_vej_mod_job") == 0);
  CHECK(strcmp(kanten_step_label(KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB), "Trin 2: På vej mod job") == 0);
  check_names(kanten_event_kind_name, KANTEN_EVENT_KIND_COUNT, "first_conversation", "training_track");
  CHECK(strcmp(kanten_event_kind_name(KANTEN_EVENT_PROFILE_CHANGED), "profile_changed") == 0);
  CHECK(strcmp(kanten_event_kind_name(KANTEN_EVENT_HOURS_WORKED), "hours_worked") == 0);
  check_names(kanten_benefit_name, KANTEN_BENEFIT_COUNT, "kontanthjaelp", "none");
  check_names(kanten_visitation_outcome_name, KANTEN_VISITATION_OUTCOME_COUNT, "project", "rehabilitation_team");
  check_names(kanten_goal_name, KANTEN_GOAL_COUNT, "employment", "education");
  check_names(kanten_agreement_kind_name, KANTEN_AGREEMENT_KIND_COUNT, "ordinary_hours", "both");
  check_names(kanten_hours_kind_name, KANTEN_HOURS_KIND_COUNT, "ordinary", "internship");
  check_names(kanten_channel_name, KANTEN_CHANNEL_COUNT, "in_person", "written");
  check_names(kanten_self_support_kind_name, KANTEN_SELF_SUPPORT_KIND_COUNT, "job", "education");
  check_names(kanten_failure_kind_name, KANTEN_FAILURE_KIND_COUNT, "refused_job_offer", "did_not_report_illness");
  check_names(kanten_cause_kind_name, KANTEN_CAUSE_KIND_COUNT, "severe_mental_illness", "other");
  check_names(kanten_health_name, KANTEN_HEALTH_COUNT, "no_heavy_lifting", "fixed_routines");
  check_names(kanten_target_group_reason_name, KANTEN_TARGET_GROUP_REASON_COUNT, "not_activity_ready",
              "in_integration_programme");
  check_names(kanten_missing_name, KANTEN_MISSING_COUNT, "visitation", "contact_person_company");
  CHECK(strcmp(kanten_missing_name(KANTEN_MISSING_AGREEMENT_SUB_GOALS), "agreement_sub_goals") == 0);
  check_names(kanten_not_applied_reason_name, KANTEN_NOT_APPLIED_REASON_COUNT, "unreadable", "invalid_end_date");
  CHECK(strcmp(kanten_not_applied_reason_name(KANTEN_NOT_APPLIED_NOT_PERSONAL_CHANNEL), "not_personal_channel") == 0);
  CHECK(strcmp(kanten_not_applied_reason_name(KANTEN_NOT_APPLIED_INVALID_DATE), "invalid_date") == 0);
  check_names(kanten_sanction_status_name, KANTEN_SANCTION_STATUS_COUNT, "eligible", "undecided");
  check_names(kanten_match_mode_name, KANTEN_MATCH_MODE_COUNT, "assignment", "top_k");
  check_names(kanten_alert_kind_name, KANTEN_ALERT_KIND_COUNT, "inactive", "stagnation");
  CHECK(strcmp(kanten_alert_kind_name(KANTEN_ALERT_LONG_IN_TRIN2), "long_in_trin2") == 0);
}

static void test_step_model_dot(void) {
  char* dot = (char*)"untouched";
  CHECK(kanten_step_model_dot(&dot) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(contains(dot, "digraph"));
  CHECK(contains(dot, "trin1_to_trin2") || contains(dot, "Trin 1"));
  kanten_string_free(dot);
  CHECK_ERROR(kanten_step_model_dot(NULL), KANTEN_EINVAL, "kanten_step_model_dot", "'out'");
}

static void test_case_new(void) {
  kanten_case* c = (kanten_case*)&c; /* garbage: must be reset to NULL on failure */
  CHECK_ERROR(kanten_case_new(NULL, NULL, &c), KANTEN_EINVAL, "kanten_case_new", "'citizen_id'");
  CHECK(c == NULL);
  CHECK_ERROR(kanten_case_new("", NULL, &c), KANTEN_EINVAL, "'citizen_id'", "empty");
  CHECK_ERROR(kanten_case_new("c-1", NULL, NULL), KANTEN_EINVAL, "'out'", NULL);

  kanten_profile p = KANTEN_PROFILE_INIT;
  p.version = 0;
  CHECK_ERROR(kanten_case_new("c-1", &p, &c), KANTEN_EINVAL, "profile.version", "'0'");
  p.version = KANTEN_PROFILE_VERSION + 1;
  CHECK_ERROR(kanten_case_new("c-1", &p, &c), KANTEN_EINVAL, "profile.version", NULL);
  p.version = KANTEN_PROFILE_VERSION;
  p.benefit = KANTEN_BENEFIT_COUNT;
  CHECK_ERROR(kanten_case_new("c-1", &p, &c), KANTEN_EINVAL, "profile.benefit", "'6'");
  p.benefit = -3;
  CHECK_ERROR(kanten_case_new("c-1", &p, &c), KANTEN_EINVAL, "profile.benefit", "'-3'");
  CHECK(c == NULL);

  p.benefit = KANTEN_BENEFIT_UDDANNELSESHJAELP;
  CHECK(kanten_case_new("c-1", &p, &c) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(strcmp(kanten_case_citizen(c), "c-1") == 0);
  CHECK(kanten_case_event_count(c) == 0);
  CHECK(kanten_case_rejected_count(c) == 0);
  kanten_case_free(c);

  /* NULL profile: the defaults. The id is copied. */
  char id[8] = "c-2";
  CHECK(kanten_case_new(id, NULL, &c) == KANTEN_OK);
  id[0] = 'x';
  CHECK(strcmp(kanten_case_citizen(c), "c-2") == 0);
  kanten_evaluation* e = evaluate_at(c, 2024, 1, 1);
  CHECK(kanten_evaluation_in_target_group(e) == 1);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_NOT_STARTED);
  kanten_evaluation_free(e);
  kanten_case_free(c);

  /* Accessors on NULL. */
  CHECK(kanten_case_citizen(NULL) == NULL);
  CHECK(contains(kanten_last_error(), "'c'"));
  CHECK(kanten_case_event_count(NULL) == 0);
  CHECK(kanten_case_rejected_count(NULL) == 0);
  kanten_case_free(NULL);
}

static void test_add_event_rejects_what_cannot_be_represented(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("c-3", NULL, &c) == KANTEN_OK);
  kanten_event ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8);

  CHECK_ERROR(kanten_case_add_event(NULL, &ev), KANTEN_EINVAL, "kanten_case_add_event", "'c'");
  CHECK_ERROR(kanten_case_add_event(c, NULL), KANTEN_EINVAL, "'event'", NULL);
  ev.version = 0;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.version", NULL);
  ev.version = 99;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.version", "'99'");
  ev.version = KANTEN_EVENT_VERSION;

  /* An unknown kind names the field `kind` and the value. */
  ev.kind = 42;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.kind", "'42'");
  ev.kind = KANTEN_EVENT_KIND_COUNT;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.kind", "'23'");
  ev.kind = -1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.kind", "'-1'");

  /* Enum fields out of range. */
  ev = event_on(KANTEN_EVENT_VISITATION, 2024, 1, 8);
  ev.outcome = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.outcome", "'2'");
  ev = event_on(KANTEN_EVENT_CONTACT, 2024, 1, 8);
  ev.channel = 5;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.channel", "'5'");
  ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 1, 8);
  ev.hours_kind = 7;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.hours_kind", "'7'");
  ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 8);
  ev.goal = -2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.goal", NULL);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 1, 8);
  ev.agreement_kind = 3;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.agreement_kind", "'3'");
  ev = event_on(KANTEN_EVENT_SANCTION_FAILURE, 2024, 1, 8);
  ev.failure_id = "F1";
  ev.failure = 3;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.failure", "'3'");
  ev = event_on(KANTEN_EVENT_REASONABLE_CAUSE, 2024, 1, 8);
  ev.failure_id = "F1";
  ev.cause = 4;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.cause", "'4'");
  ev = event_on(KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT, 2024, 1, 8);
  ev.failure_id = "F1";
  ev.channel = 99;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.channel", "'99'");
  ev = event_on(KANTEN_EVENT_SELF_SUPPORT, 2024, 1, 8);
  ev.via = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.via", "'2'");

  /* Required strings. */
  ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 1, 8);
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.jobformidler", "required");
  ev = event_on(KANTEN_EVENT_CONTACT_PERSON, 2024, 1, 8);
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.company", "required");
  static const int failure_kinds[] = {KANTEN_EVENT_SANCTION_FAILURE,      KANTEN_EVENT_REASONABLE_CAUSE,
                                      KANTEN_EVENT_VULNERABILITY_ASSESSED, KANTEN_EVENT_CONCRETE_ASSESSMENT,
                                      KANTEN_EVENT_HEARING_SENT,           KANTEN_EVENT_HEARING_ANSWERED,
                                      KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT};
  for (size_t i = 0; i < sizeof failure_kinds / sizeof failure_kinds[0]; ++i) {
    ev = event_on(failure_kinds[i], 2024, 1, 8);
    CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.failure_id", NULL);
  }

  /* Arrays. */
  const char* wishes[] = {"9412", NULL};
  ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 8);
  ev.wish_count = 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.wishes", "NULL array");
  ev.wishes = wishes;
  ev.wish_count = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.wishes[1]", NULL);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 1, 8);
  ev.task_count = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.tasks", NULL);
  ev.task_count = 0;
  ev.sub_goal_count = 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.sub_goals", NULL);
  ev.sub_goal_count = 0;
  ev.health_count = 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.health", NULL);
  const int health[] = {KANTEN_HEALTH_CALM_PACE, 7};
  ev.health = health;
  ev.health_count = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.health[1]", "'7'");

  /* Nothing was added by the failed calls; fields of other kinds are ignored. */
  CHECK(kanten_case_event_count(c) == 0);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 1, 8);
  ev.channel = 12345; /* not a field of cv_completed */
  ev.wish_count = 3;  /* neither */
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(kanten_case_event_count(c) == 1);
  kanten_case_free(c);
}

/* A citizen through Trin 1, 2 and 3 to the 30-hour exit, built from typed events only. */
static kanten_case* typed_case(void) {
  kanten_case* c = NULL;
  kanten_profile p = KANTEN_PROFILE_INIT;
  CHECK(kanten_case_new("c-0101", &p, &c) == KANTEN_OK);
  kanten_event ev;
  char jobformidler[16] = "jf-017"; /* copied: overwritten below */

  ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_VISITATION, 2024, 1, 8);
  ev.outcome = KANTEN_VISITATION_PROJECT;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 1, 8);
  ev.jobformidler = jobformidler;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  memset(jobformidler, 'x', sizeof jobformidler - 1);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 1, 15);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  const char* wishes[] = {"9412", "warehouse"};
  ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 15);
  ev.goal = KANTEN_GOAL_EMPLOYMENT;
  ev.wishes = wishes;
  ev.wish_count = 2;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);

  const char* tasks[] = {"stocking shelves"};
  const char* sub_goals[] = {"two days a week by March"};
  const int health[] = {KANTEN_HEALTH_NO_HEAVY_LIFTING, KANTEN_HEALTH_CALM_PACE};
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 2, 1);
  ev.agreement_kind = KANTEN_AGREEMENT_BOTH;
  ev.minutes_per_week = 600;
  ev.company = "company-023";
  ev.tasks = tasks;
  ev.task_count = 1;
  ev.sub_goals = sub_goals;
  ev.sub_goal_count = 1;
  ev.health = health;
  ev.health_count = 2;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_FOLLOWUP_PLAN, 2024, 2, 1);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_CONTACT_PERSON, 2024, 2, 1);
  ev.company = "company-023";
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_CONTACT, 2024, 2, 12);
  ev.channel = KANTEN_CHANNEL_IN_PERSON;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 2, 20);
  ev.minutes = 240;
  ev.hours_kind = KANTEN_HOURS_INTERNSHIP;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  /* March: 3 × 10:00 ordinary hours = 30 hours: the exit at the end of March. No contact in March. */
  for (int day = 5; day <= 19; day += 7) {
    ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 3, day);
    ev.minutes = 600;
    ev.hours_kind = KANTEN_HOURS_ORDINARY;
    CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  }
  CHECK(kanten_case_event_count(c) == 13);
  return c;
}

static void test_typed_case_through_all_steps(void) {
  kanten_case* c = typed_case();

  /* Before anything happened. */
  kanten_evaluation* e = evaluate_at(c, 2024, 1, 1);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_NOT_STARTED);
  kanten_date d = {9, 9, 9};
  CHECK(kanten_evaluation_since(e, &d) == 0);
  CHECK(date_is(d, 0, 0, 0));
  CHECK(kanten_evaluation_history_count(e) == 0);
  CHECK(kanten_evaluation_events_after_as_of(e) == 13);
  kanten_evaluation_free(e);

  /* Trin 1: CV and job direction missing. */
  e = evaluate_at(c, 2024, 1, 10);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN1_AFKLARING);
  CHECK(kanten_evaluation_since(e, &d) == 1 && date_is(d, 2024, 1, 8));
  CHECK(kanten_evaluation_missing_count(e) == 2);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_CV);
  CHECK(kanten_evaluation_missing(e, 1) == KANTEN_MISSING_JOB_DIRECTION);
  CHECK(contains(kanten_evaluation_missing_text(e, 0), "CV"));
  CHECK(kanten_evaluation_missing_text(e, 2) == NULL);
  CHECK(contains(kanten_last_error(), "'i'"));
  CHECK(kanten_evaluation_missing(e, 2) == KANTEN_EINVAL);
  kanten_evaluation_free(e);

  /* Trin 2: agreement, follow-up plan, contact person missing. */
  e = evaluate_at(c, 2024, 1, 31);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  CHECK(kanten_evaluation_since(e, &d) == 1 && date_is(d, 2024, 1, 15));
  CHECK(kanten_evaluation_missing_count(e) == 3);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_AGREEMENT);
  kanten_step_change ch = KANTEN_STEP_CHANGE_INIT;
  CHECK(kanten_evaluation_history_count(e) == 2);
  CHECK(kanten_evaluation_history(e, 1, &ch) == KANTEN_OK);
  CHECK(ch.from == KANTEN_STEP_TRIN1_AFKLARING && ch.to == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  CHECK(strcmp(ch.rule, "trin1_to_trin2") == 0);
  CHECK(contains(ch.source_seed, "004_") && ch.source_section[0] != '\0' && ch.source_quote[0] != '\0');
  CHECK(kanten_evaluation_exit(e, &ch) == 0);
  kanten_evaluation_free(e);

  /* Trin 3, mid-March: 20 ordinary hours so far, February's contact made, March's due. */
  e = evaluate_at(c, 2024, 3, 15);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB);
  CHECK(kanten_evaluation_since(e, &d) == 1 && date_is(d, 2024, 2, 1));
  CHECK(kanten_evaluation_ordinary_this_month(e) == 1200);
  CHECK(kanten_evaluation_thirty_hours_pending(e) == 0);
  CHECK(kanten_evaluation_missing_count(e) == 1);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_ORDINARY_HOURS);
  kanten_followup f = KANTEN_FOLLOWUP_INIT;
  CHECK(kanten_evaluation_followup(e, &f) == KANTEN_OK);
  CHECK(f.applies == 1);
  CHECK(date_is(f.start, 2024, 2, 1));
  CHECK(f.first_month.year == 2024 && f.first_month.month == 2);
  CHECK(f.last_month.year == 2025 && f.last_month.month == 1);
  CHECK(f.breached_count == 0);
  CHECK(f.due_this_month == 1);
  CHECK(date_is(f.deadline, 2024, 3, 31));
  CHECK(date_is(f.last_contact, 2024, 2, 12));
  kanten_evaluation_free(e);

  /* The 30-hour exit at the end of March; April's breach is not counted after the exit. */
  e = evaluate_at(c, 2024, 4, 30);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_EXIT_30_HOURS);
  CHECK(kanten_evaluation_exit(e, &ch) == 1);
  CHECK(date_is(ch.date, 2024, 3, 31));
  CHECK(ch.from == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB && ch.to == KANTEN_STEP_EXIT_30_HOURS);
  CHECK(strcmp(ch.rule, "trin3_exit_30_hours") == 0);
  CHECK(kanten_evaluation_history_count(e) == 4);
  CHECK(kanten_evaluation_missing_count(e) == 0);
  CHECK(kanten_evaluation_events_applied(e) == 13);
  CHECK(kanten_evaluation_not_applied_count(e) == 0);
  CHECK(kanten_evaluation_violation_count(e) == 0);
  CHECK(kanten_evaluation_sanction_count(e) == 0);
  CHECK(kanten_evaluation_hours_count(e) == 2);
  kanten_month_hours h = KANTEN_MONTH_HOURS_INIT;
  CHECK(kanten_evaluation_hours(e, 0, &h) == KANTEN_OK);
  CHECK(h.month.year == 2024 && h.month.month == 2 && h.ordinary == 0 && h.internship == 240);
  CHECK(kanten_evaluation_hours(e, 1, &h) == KANTEN_OK);
  CHECK(h.month.month == 3 && h.ordinary == 1800 && h.internship == 0);
  CHECK(kanten_evaluation_followup(e, &f) == KANTEN_OK);
  CHECK(f.breached_count == 1);
  kanten_month m = {0, 0};
  CHECK(kanten_evaluation_followup_breached(e, 0, &m) == KANTEN_OK);
  CHECK(m.year == 2024 && m.month == 3);
  CHECK(strcmp(kanten_evaluation_citizen(e), "c-0101") == 0);
  CHECK(contains(kanten_evaluation_rule_set(e), "indsatsmodel"));
  CHECK(kanten_evaluation_as_of(e, &d) == KANTEN_OK && date_is(d, 2024, 4, 30));

  char* json = NULL;
  CHECK(kanten_evaluation_to_json(e, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"citizen\":\"c-0101\""));
  CHECK(contains(json, "\"step\":\"exit_30_hours\""));
  kanten_string_free(json);
  CHECK(kanten_evaluation_to_json(e, 2, &json) == KANTEN_OK);
  CHECK(contains(json, "\n  \"citizen\": \"c-0101\""));
  kanten_string_free(json);
  char* text = NULL;
  CHECK(kanten_evaluation_explain(e, &text) == KANTEN_OK);
  CHECK(text != NULL && strlen(text) > 40);
  kanten_string_free(text);

  /* The case written as JSON reads back to the same evaluation. */
  CHECK(kanten_case_to_json(c, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"jobformidler\":\"jf-017\""));
  CHECK(contains(json, "\"calm_pace\""));
  kanten_case* back = NULL;
  CHECK(kanten_case_from_json(json, KANTEN_NUL_TERMINATED, &back) == KANTEN_OK);
  kanten_string_free(json);
  kanten_evaluation* e2 = evaluate_at(back, 2024, 4, 30);
  char *j1 = NULL, *j2 = NULL;
  CHECK(kanten_evaluation_to_json(e, -1, &j1) == KANTEN_OK);
  CHECK(kanten_evaluation_to_json(e2, -1, &j2) == KANTEN_OK);
  CHECK(j1 && j2 && strcmp(j1, j2) == 0);
  kanten_string_free(j1);
  kanten_string_free(j2);
  kanten_evaluation_free(e2);
  kanten_case_free(back);

  /* The evaluation outlives its case. */
  kanten_case_free(c);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_EXIT_30_HOURS);
  CHECK(strcmp(kanten_evaluation_citizen(e), "c-0101") == 0);
  kanten_evaluation_free(e);
}

static void test_carried_then_reported(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("c-0102", NULL, &c) == KANTEN_OK);
  kanten_event ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  /* A day that does not exist, and dates outside the calendar's range: carried, not rejected. */
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2023, 2, 29);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  CHECK_NO_ERROR();
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 13, 1);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 70000, 1, 1);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, -1, -1, -1);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  /* Non-positive minutes, an empty failure id, an agreement with an invalid start. */
  ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 1, 9);
  ev.minutes = -30;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_HEARING_SENT, 2024, 1, 9);
  ev.failure_id = "";
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 1, 9);
  ev.start.year = 2024;
  ev.start.month = 2;
  ev.start.day = 30;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  CHECK(kanten_case_event_count(c) == 8);

  kanten_evaluation* e = evaluate_at(c, 2024, 6, 30);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN1_AFKLARING);
  const size_t n = kanten_evaluation_not_applied_count(e);
  CHECK(n == 7);
  int invalid_dates = 0, durations = 0, empty_ids = 0, starts = 0;
  for (size_t i = 0; i < n; ++i) {
    kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
    CHECK(kanten_evaluation_not_applied(e, i, &na) == KANTEN_OK);
    CHECK(na.text != NULL && na.text[0] != '\0');
    CHECK(na.field != NULL && na.value != NULL);
    CHECK(na.index < 8);
    if (na.reason == KANTEN_NOT_APPLIED_INVALID_DATE) {
      ++invalid_dates;
      CHECK(na.kind == KANTEN_EVENT_CV_COMPLETED);
      CHECK(date_is(na.date, 0, 0, 0));
    }
    if (na.reason == KANTEN_NOT_APPLIED_NON_POSITIVE_DURATION) ++durations;
    if (na.reason == KANTEN_NOT_APPLIED_EMPTY_FAILURE_ID) ++empty_ids;
    if (na.reason == KANTEN_NOT_APPLIED_INVALID_START_DATE) {
      ++starts;
      CHECK(na.kind == KANTEN_EVENT_AGREEMENT);
      CHECK(date_is(na.date, 2024, 1, 9));
    }
  }
  CHECK(invalid_dates == 4 && durations == 1 && empty_ids == 1 && starts == 1);
  kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
  CHECK_ERROR(kanten_evaluation_not_applied(e, n, &na), KANTEN_EINVAL, "'i'", NULL);
  na.version = 0;
  CHECK_ERROR(kanten_evaluation_not_applied(e, 0, &na), KANTEN_EINVAL, "out->version", NULL);
  CHECK_ERROR(kanten_evaluation_not_applied(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

static void test_evaluate_arguments(void) {
  kanten_case* c = typed_case();
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024;
  o.as_of.month = 3;
  o.as_of.day = 1;
  kanten_evaluation* e = (kanten_evaluation*)&o;
  CHECK_ERROR(kanten_evaluate(NULL, &o, &e), KANTEN_EINVAL, "kanten_evaluate", "'c'");
  CHECK(e == NULL);
  CHECK_ERROR(kanten_evaluate(c, NULL, &e), KANTEN_EINVAL, "'options'", NULL);
  CHECK_ERROR(kanten_evaluate(c, &o, NULL), KANTEN_EINVAL, "'out'", NULL);
  o.version = 0;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "options.version", NULL);
  o.version = KANTEN_EVALUATE_OPTIONS_VERSION + 1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "options.version", NULL);
  o.version = KANTEN_EVALUATE_OPTIONS_VERSION;
  o.as_of.day = 30; /* 2024-03-30 exists; 2023-02-29 does not */
  o.as_of.year = 2023;
  o.as_of.month = 2;
  o.as_of.day = 29;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "options.as_of", "2023-2-29");
  kanten_evaluate_options zero = KANTEN_EVALUATE_OPTIONS_INIT; /* as_of {0,0,0} is required */
  CHECK_ERROR(kanten_evaluate(c, &zero, &e), KANTEN_EINVAL, "options.as_of", NULL);
  o.as_of.year = 2024;
  o.has_daily_rate = 1;
  o.daily_rate = -1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "options.daily_rate", "'-1'");
  CHECK(e == NULL);
  o.daily_rate = 49100;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK_NO_ERROR();
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

static void test_accessors_on_null_and_bad_indices(void) {
  kanten_date d;
  kanten_step_change ch = KANTEN_STEP_CHANGE_INIT;
  kanten_month_hours h = KANTEN_MONTH_HOURS_INIT;
  kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
  kanten_violation v = KANTEN_VIOLATION_INIT;
  kanten_followup f = KANTEN_FOLLOWUP_INIT;
  kanten_sanction s = KANTEN_SANCTION_INIT;
  kanten_reason r = KANTEN_REASON_INIT;
  kanten_month m;
  char* out = NULL;

  CHECK(kanten_evaluation_citizen(NULL) == NULL && contains(kanten_last_error(), "'e'"));
  CHECK(kanten_evaluation_rule_set(NULL) == NULL);
  CHECK_ERROR(kanten_evaluation_as_of(NULL, &d), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_step(NULL), KANTEN_EINVAL, "kanten_evaluation_step", "'e'");
  CHECK_ERROR(kanten_evaluation_since(NULL, &d), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_exit(NULL, &ch), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_history_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_history(NULL, 0, &ch), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_in_target_group(NULL), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_target_group_reason_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_target_group_reason(NULL, 0), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_target_group_reason_text(NULL, 0) == NULL);
  CHECK(kanten_evaluation_missing_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_missing(NULL, 0), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_missing_text(NULL, 0) == NULL);
  CHECK(kanten_evaluation_ordinary_this_month(NULL) == KANTEN_EINVAL);
  CHECK_ERROR(kanten_evaluation_thirty_hours_pending(NULL), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_events_applied(NULL) == 0);
  CHECK(kanten_evaluation_events_after_as_of(NULL) == 0);
  CHECK(kanten_evaluation_hours_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_hours(NULL, 0, &h), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_not_applied_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_not_applied(NULL, 0, &na), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_violation_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_violation(NULL, 0, &v), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_followup(NULL, &f), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_followup_breached(NULL, 0, &m), KANTEN_EINVAL, "'e'", NULL);
  CHECK(kanten_evaluation_sanction_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_sanction(NULL, 0, &s), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_reason(NULL, 0, 0, &r), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_pending(NULL, 0, 0, &r), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_to_json(NULL, 0, -1, &out), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_to_json(NULL, -1, &out), KANTEN_EINVAL, "'e'", NULL);
  CHECK(out == NULL);
  CHECK_ERROR(kanten_evaluation_explain(NULL, &out), KANTEN_EINVAL, "'e'", NULL);
  kanten_evaluation_free(NULL);

  /* A real evaluation: NULL out-pointers, bad versions, indices out of range. */
  kanten_case* c = typed_case();
  kanten_evaluation* e = evaluate_at(c, 2024, 4, 30);
  CHECK_ERROR(kanten_evaluation_as_of(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_evaluation_since(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_evaluation_exit(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  ch.version = 0;
  CHECK_ERROR(kanten_evaluation_exit(e, &ch), KANTEN_EINVAL, "out->version", NULL);
  CHECK_ERROR(kanten_evaluation_history(e, 0, &ch), KANTEN_EINVAL, "out->version", NULL);
  ch.version = KANTEN_STEP_CHANGE_VERSION;
  CHECK_ERROR(kanten_evaluation_history(e, 4, &ch), KANTEN_EINVAL, "'i'", "out of range");
  CHECK_ERROR(kanten_evaluation_history(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_evaluation_target_group_reason(e, 0), KANTEN_EINVAL, "'i'", NULL);
  CHECK(kanten_evaluation_target_group_reason_text(e, 0) == NULL);
  CHECK_ERROR(kanten_evaluation_hours(e, 2, &h), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_hours(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  h.version = KANTEN_MONTH_HOURS_VERSION + 1;
  CHECK_ERROR(kanten_evaluation_hours(e, 0, &h), KANTEN_EINVAL, "out->version", NULL);
  CHECK_ERROR(kanten_evaluation_violation(e, 0, &v), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_followup(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  f.version = 0;
  CHECK_ERROR(kanten_evaluation_followup(e, &f), KANTEN_EINVAL, "out->version", NULL);
  CHECK_ERROR(kanten_evaluation_followup_breached(e, 1, &m), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_followup_breached(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction(e, 0, &s), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_reason(e, 0, 0, &r), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_pending(e, 0, 0, &r), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_to_json(e, 0, -1, &out), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_to_json(e, -1, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_evaluation_explain(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  /* Huge indices. */
  CHECK_ERROR(kanten_evaluation_missing(e, (size_t)-1), KANTEN_EINVAL, "'i'", NULL);
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

static void test_case_json(void) {
  char* text = read_text("data/case.json");
  kanten_case* c = (kanten_case*)&text;
  CHECK_ERROR(kanten_case_from_json(NULL, 0, &c), KANTEN_EINVAL, "kanten_case_from_json", "'text'");
  CHECK(c == NULL);
  CHECK_ERROR(kanten_case_from_json(text, KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_case_from_json("not json", KANTEN_NUL_TERMINATED, &c), KANTEN_EPARSE, "not valid JSON", NULL);
  CHECK_ERROR(kanten_case_from_json("{}", KANTEN_NUL_TERMINATED, &c), KANTEN_EINPUT, "citizen", NULL);
  CHECK_ERROR(kanten_case_from_json("{\"citizen\": \"c-1\"} trailing", 17, &c), KANTEN_EPARSE, NULL, NULL);
  CHECK(kanten_case_from_json("{\"citizen\": \"c-1\"} trailing", 18, &c) == KANTEN_OK); /* length honoured */
  kanten_case_free(c);
  char* bad_profile = read_text("data/invalid/bad-profile.json");
  kanten_caseload* load = NULL;
  CHECK_ERROR(kanten_caseload_from_json(bad_profile, KANTEN_NUL_TERMINATED, &load), KANTEN_EINPUT,
              "field 'cases[1].profile'", NULL);
  CHECK(load == NULL);
  free(bad_profile);

  CHECK(kanten_case_from_json(text, KANTEN_NUL_TERMINATED, &c) == KANTEN_OK);
  free(text);
  CHECK(strcmp(kanten_case_citizen(c), "c-0001") == 0);
  CHECK(kanten_case_event_count(c) == 39);
  char* json = NULL;
  CHECK_ERROR(kanten_case_to_json(NULL, -1, &json), KANTEN_EINVAL, "'c'", NULL);
  CHECK_ERROR(kanten_case_to_json(c, -1, NULL), KANTEN_EINVAL, "'out'", NULL);

  /* docs/json-format.md: as of 2024-05-31 the citizen is in Trin 3 since 2024-04-08, March breached. */
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024;
  o.as_of.month = 5;
  o.as_of.day = 31;
  o.has_daily_rate = 1;
  o.daily_rate = 49100;
  kanten_evaluation* e = NULL;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB);
  kanten_date d;
  CHECK(kanten_evaluation_since(e, &d) == 1 && date_is(d, 2024, 4, 8));
  CHECK(kanten_evaluation_history_count(e) == 5);
  CHECK(kanten_evaluation_events_after_as_of(e) == 2);
  kanten_followup f = KANTEN_FOLLOWUP_INIT;
  CHECK(kanten_evaluation_followup(e, &f) == KANTEN_OK);
  CHECK(f.breached_count == 1 && f.due_this_month == 0 && date_is(f.last_contact, 2024, 5, 13));
  /* The year runs from the first agreement's start (12 February); Trin 3 began on 5 February. */
  CHECK(date_is(f.start, 2024, 2, 12) && date_is(f.trin3_entry, 2024, 2, 5));
  /* What the JSON case records of issue 12, through the typed accessors. */
  kanten_jobformidler_continuity jc = KANTEN_JOBFORMIDLER_CONTINUITY_INIT;
  CHECK(kanten_evaluation_jobformidler(e, &jc) == 1 && strcmp(jc.current, "jf-022") == 0 && jc.changes == 1);
  CHECK(kanten_evaluation_profile_period_count(e) == 2);
  CHECK(kanten_evaluation_bus_trip_count(e) == 1 && kanten_evaluation_training_count(e) == 1);
  CHECK(kanten_evaluation_agreement_count(e) == 3);
  CHECK(kanten_evaluation_sanction_count(e) == 2);
  kanten_sanction s = KANTEN_SANCTION_INIT;
  CHECK(kanten_evaluation_sanction(e, 0, &s) == KANTEN_OK);
  CHECK(strcmp(s.failure_id, "F1") == 0);
  CHECK(s.failure == KANTEN_FAILURE_DID_NOT_REPORT_ILLNESS);
  CHECK(date_is(s.failure_date, 2024, 3, 11));
  CHECK(s.status == KANTEN_SANCTION_NOT_ELIGIBLE);
  CHECK(s.excluded_by_rule && strcmp(s.excluded_by_rule, "sanction_reasonable_cause") == 0);
  CHECK(contains(s.excluded_by_text, "homelessness"));
  CHECK(s.has_deduction == 0);
  CHECK(s.has_daily_rate == 1 && s.daily_rate == 49100);
  CHECK(kanten_evaluation_sanction(e, 1, &s) == KANTEN_OK);
  CHECK(strcmp(s.failure_id, "F2") == 0);
  CHECK(s.status == KANTEN_SANCTION_ELIGIBLE);
  CHECK(s.excluded_by_rule == NULL && s.excluded_by_text == NULL);
  CHECK(s.deduction_days == 3 && s.has_deduction == 1 && s.deduction == 3 * 49100);
  CHECK(s.reason_count > 0 && s.pending_count == 0);
  kanten_reason r = KANTEN_REASON_INIT;
  CHECK(kanten_evaluation_sanction_reason(e, 1, 0, &r) == KANTEN_OK);
  CHECK(strcmp(r.rule, "sanction_punktsanktion") == 0 && r.text[0] && contains(r.source_seed, "004_"));
  CHECK_ERROR(kanten_evaluation_sanction_reason(e, 1, s.reason_count, &r), KANTEN_EINVAL, "'j'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_pending(e, 1, 0, &r), KANTEN_EINVAL, "'j'", NULL);
  CHECK_ERROR(kanten_evaluation_sanction_reason(e, 1, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  r.version = 0;
  CHECK_ERROR(kanten_evaluation_sanction_reason(e, 1, 0, &r), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_evaluation_sanction_to_json(e, 1, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"status\":\"eligible\"") && contains(json, "\"deduction\":147300"));
  kanten_string_free(json);
  /* Free text from the case never appears in the outputs' reasons. */
  char* explained = NULL;
  CHECK(kanten_evaluation_explain(e, &explained) == KANTEN_OK);
  CHECK(!contains(explained, "Caseworker's"));
  kanten_string_free(explained);
  kanten_evaluation_free(e);

  CHECK(kanten_case_to_json(c, 2, &json) == KANTEN_OK);
  CHECK(contains(json, "\"citizen\": \"c-0001\""));
  kanten_string_free(json);
  kanten_case_free(c);

  /* Unreadable events are kept and reported with the field and value. */
  text = read_text("data/bad-events.json");
  CHECK(kanten_case_from_json(text, KANTEN_NUL_TERMINATED, &c) == KANTEN_OK);
  free(text);
  CHECK(kanten_case_rejected_count(c) > 0);
  e = evaluate_at(c, 2024, 6, 30);
  int unreadable = 0, coffee = 0;
  for (size_t i = 0; i < kanten_evaluation_not_applied_count(e); ++i) {
    kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
    CHECK(kanten_evaluation_not_applied(e, i, &na) == KANTEN_OK);
    if (na.reason == KANTEN_NOT_APPLIED_UNREADABLE) {
      ++unreadable;
      /* The kind is kept when it was readable: -1 only when the kind itself is at fault. */
      CHECK((na.kind == -1) == (strcmp(na.field, "kind") == 0 || strcmp(na.field, "event") == 0));
      CHECK(na.field[0] != '\0');
      if (contains(na.value, "coffee_break") && strcmp(na.field, "kind") == 0) ++coffee;
      CHECK(!contains(na.value, "free text"));
    }
  }
  CHECK(unreadable == (int)kanten_case_rejected_count(c));
  CHECK(coffee == 1);
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

static void test_caseload_and_worklist(void) {
  kanten_caseload* load = (kanten_caseload*)&load;
  CHECK_ERROR(kanten_caseload_new(NULL), KANTEN_EINVAL, "kanten_caseload_new", "'out'");
  CHECK_ERROR(kanten_caseload_from_json(NULL, 0, &load), KANTEN_EINVAL, "'text'", NULL);
  CHECK(load == NULL);
  CHECK_ERROR(kanten_caseload_from_json("[1,", KANTEN_NUL_TERMINATED, &load), KANTEN_EPARSE, NULL, NULL);
  CHECK_ERROR(kanten_caseload_from_json("[]", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_caseload_count(NULL) == 0);
  kanten_caseload_free(NULL);

  char* text = read_text("data/caseload.json");
  CHECK(kanten_caseload_from_json(text, KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  free(text);
  CHECK(kanten_caseload_count(load) == 4);

  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024;
  o.as_of.month = 3;
  o.as_of.day = 30; /* the day before c-0101's 30-hour exit takes effect */
  kanten_evaluations* es = (kanten_evaluations*)&o;
  CHECK_ERROR(kanten_evaluate_caseload(NULL, &o, &es), KANTEN_EINVAL, "'load'", NULL);
  CHECK(es == NULL);
  CHECK_ERROR(kanten_evaluate_caseload(load, NULL, &es), KANTEN_EINVAL, "'options'", NULL);
  CHECK_ERROR(kanten_evaluate_caseload(load, &o, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_evaluate_caseload(load, &o, &es) == KANTEN_OK);
  CHECK(kanten_evaluations_count(es) == 4);
  CHECK(kanten_evaluations_get(es, 4) == NULL && contains(kanten_last_error(), "'i'"));
  CHECK(kanten_evaluations_get(NULL, 0) == NULL);
  CHECK(kanten_evaluations_count(NULL) == 0);

  const kanten_evaluation* e0 = kanten_evaluations_get(es, 0);
  CHECK(strcmp(kanten_evaluation_citizen(e0), "c-0101") == 0);
  CHECK(kanten_evaluation_step(e0) == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB);
  CHECK(kanten_evaluation_thirty_hours_pending(e0) == 1);
  CHECK(kanten_evaluation_ordinary_this_month(e0) == 1800);

  const kanten_evaluation* e1 = kanten_evaluations_get(es, 1);
  CHECK(kanten_evaluation_violation_count(e1) == 1);
  kanten_violation v = KANTEN_VIOLATION_INIT;
  CHECK(kanten_evaluation_violation(e1, 0, &v) == KANTEN_OK);
  CHECK(strcmp(v.rule, "education_goal_for_uddannelseshjaelp") == 0 && v.text[0] && v.source_quote[0]);
  CHECK(date_is(v.date, 2024, 1, 17));
  CHECK_ERROR(kanten_evaluation_violation(e1, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  v.version = 7;
  CHECK_ERROR(kanten_evaluation_violation(e1, 0, &v), KANTEN_EINVAL, "out->version", NULL);

  const kanten_evaluation* e2 = kanten_evaluations_get(es, 2);
  CHECK(kanten_evaluation_in_target_group(e2) == 0);
  CHECK(kanten_evaluation_target_group_reason_count(e2) == 1);
  CHECK(kanten_evaluation_target_group_reason(e2, 0) == KANTEN_TARGET_BENEFIT_OUTSIDE);
  CHECK(contains(kanten_evaluation_target_group_reason_text(e2, 0), "kontanthjælp"));

  const kanten_evaluation* e3 = kanten_evaluations_get(es, 3);
  CHECK(kanten_evaluation_step(e3) == KANTEN_STEP_EXIT_REHABILITATION_TEAM);
  kanten_step_change x = KANTEN_STEP_CHANGE_INIT;
  CHECK(kanten_evaluation_exit(e3, &x) == 1 && strcmp(x.rule, "trin1_to_rehabilitation") == 0);

  char* json = NULL;
  CHECK(kanten_evaluations_to_json(es, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "{\"evaluations\":["));
  kanten_string_free(json);
  CHECK_ERROR(kanten_evaluations_to_json(NULL, -1, &json), KANTEN_EINVAL, "'es'", NULL);
  CHECK_ERROR(kanten_evaluations_to_json(es, -1, NULL), KANTEN_EINVAL, "'out'", NULL);

  /* The follow-up worklist. */
  kanten_worklist* w = (kanten_worklist*)&json;
  CHECK_ERROR(kanten_followup_worklist(NULL, &w), KANTEN_EINVAL, "'es'", NULL);
  CHECK(w == NULL);
  CHECK_ERROR(kanten_followup_worklist(es, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_followup_worklist(es, &w) == KANTEN_OK);
  CHECK(kanten_worklist_count(w) == 1); /* c-0102: March, no contact yet; c-0101 was contacted on 03-20 */
  kanten_worklist_entry we = KANTEN_WORKLIST_ENTRY_INIT;
  CHECK(kanten_worklist_entry_get(w, 0, &we) == KANTEN_OK);
  CHECK(strcmp(we.citizen, "c-0102") == 0);
  CHECK(date_is(we.deadline, 2024, 3, 31));
  CHECK(date_is(we.last_contact, 0, 0, 0));
  CHECK_ERROR(kanten_worklist_entry_get(w, 1, &we), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_worklist_entry_get(w, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_worklist_entry_get(NULL, 0, &we), KANTEN_EINVAL, "'w'", NULL);
  we.version = 0;
  CHECK_ERROR(kanten_worklist_entry_get(w, 0, &we), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_worklist_to_json(w, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"as_of\":\"2024-03-30\"") && contains(json, "c-0102"));
  kanten_string_free(json);
  CHECK_ERROR(kanten_worklist_to_json(NULL, -1, &json), KANTEN_EINVAL, "'w'", NULL);
  CHECK_ERROR(kanten_worklist_to_json(w, -1, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_worklist_count(NULL) == 0);
  kanten_evaluations_free(es); /* the worklist keeps its own copy */
  CHECK(kanten_worklist_entry_get(w, 0, &we) == KANTEN_EINVAL); /* version still 0 */
  we.version = KANTEN_WORKLIST_ENTRY_VERSION;
  CHECK(kanten_worklist_entry_get(w, 0, &we) == KANTEN_OK && strcmp(we.citizen, "c-0102") == 0);
  kanten_worklist_free(w);
  kanten_worklist_free(NULL);
  kanten_evaluations_free(NULL);

  /* A caseload built from typed cases; the caseload copies the case. */
  kanten_caseload* built = NULL;
  CHECK(kanten_caseload_new(&built) == KANTEN_OK);
  kanten_case* c = typed_case();
  CHECK_ERROR(kanten_caseload_add_case(NULL, c), KANTEN_EINVAL, "'load'", NULL);
  CHECK_ERROR(kanten_caseload_add_case(built, NULL), KANTEN_EINVAL, "'c'", NULL);
  CHECK(kanten_caseload_add_case(built, c) == KANTEN_OK);
  /* One case per citizen: a second case of the same citizen is refused, the load unchanged. */
  CHECK_ERROR(kanten_caseload_add_case(built, c), KANTEN_EINPUT, "already holds a case of this citizen", NULL);
  CHECK(kanten_caseload_count(built) == 1);
  kanten_case* other = NULL;
  CHECK(kanten_case_new("c-0102", NULL, &other) == KANTEN_OK);
  CHECK(kanten_caseload_add_case(built, other) == KANTEN_OK);
  kanten_case_free(other);
  kanten_case_free(c);
  CHECK(kanten_caseload_count(built) == 2);
  CHECK(kanten_caseload_to_json(built, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "{\"cases\":["));
  kanten_caseload* again = NULL;
  CHECK(kanten_caseload_from_json(json, strlen(json), &again) == KANTEN_OK);
  CHECK(kanten_caseload_count(again) == 2);
  kanten_caseload_free(again);
  kanten_string_free(json);
  CHECK_ERROR(kanten_caseload_to_json(NULL, -1, &json), KANTEN_EINVAL, "'load'", NULL);
  CHECK_ERROR(kanten_caseload_to_json(built, -1, NULL), KANTEN_EINVAL, "'out'", NULL);
  o.as_of.month = 4;
  o.as_of.day = 30;
  CHECK(kanten_evaluate_caseload(built, &o, &es) == KANTEN_OK);
  CHECK(kanten_evaluation_step(kanten_evaluations_get(es, 0)) == KANTEN_STEP_EXIT_30_HOURS);
  CHECK(kanten_evaluation_step(kanten_evaluations_get(es, 1)) == KANTEN_STEP_NOT_STARTED);
  kanten_evaluations_free(es);
  kanten_caseload_free(built);
  kanten_caseload_free(load);
}

static void test_sanction_question(void) {
  char* text = read_text("data/sanction.json");
  kanten_sanction_question* q = (kanten_sanction_question*)&text;
  CHECK_ERROR(kanten_sanction_question_from_json(NULL, 0, &q), KANTEN_EINVAL, "'text'", NULL);
  CHECK(q == NULL);
  CHECK_ERROR(kanten_sanction_question_from_json(text, KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_sanction_question_from_json("{\"case\": {\"citizen\": \"c\"}}", KANTEN_NUL_TERMINATED, &q),
              KANTEN_EINPUT, "as_of", NULL);
  CHECK(kanten_sanction_question_from_json(text, KANTEN_NUL_TERMINATED, &q) == KANTEN_OK);
  free(text);

  kanten_evaluation* e = (kanten_evaluation*)&q;
  size_t index = 99;
  CHECK_ERROR(kanten_sanction_question_answer(NULL, &e, &index), KANTEN_EINVAL, "'q'", NULL);
  CHECK(e == NULL);
  CHECK_ERROR(kanten_sanction_question_answer(q, NULL, &index), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_sanction_question_answer(q, &e, NULL), KANTEN_EINVAL, "'out_index'", NULL);
  CHECK(kanten_sanction_question_answer(q, &e, &index) == KANTEN_OK);
  kanten_sanction_question_free(q); /* the answer outlives the question */
  CHECK(index == 0);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  kanten_sanction s = KANTEN_SANCTION_INIT;
  CHECK(kanten_evaluation_sanction(e, index, &s) == KANTEN_OK);
  CHECK(s.status == KANTEN_SANCTION_UNDECIDED);
  CHECK(strcmp(s.failure_id, "F1") == 0);
  CHECK(s.reason_count == 5 && s.pending_count == 2);
  CHECK(s.has_daily_rate == 1 && s.daily_rate == 49100 && s.has_deduction == 0);
  kanten_reason r = KANTEN_REASON_INIT;
  CHECK(kanten_evaluation_sanction_pending(e, index, 0, &r) == KANTEN_OK);
  CHECK(strcmp(r.rule, "sanction_concrete_assessment") == 0);
  CHECK(kanten_evaluation_sanction_pending(e, index, 1, &r) == KANTEN_OK);
  CHECK(strcmp(r.rule, "sanction_personal_contact") == 0 && contains(r.text, "2024-03-22"));
  CHECK(contains(r.source_section, "Kerneelement 5"));
  char* json = NULL;
  CHECK(kanten_evaluation_sanction_to_json(e, index, 2, &json) == KANTEN_OK);
  CHECK(contains(json, "\"status\": \"undecided\""));
  kanten_string_free(json);
  CHECK_ERROR(kanten_evaluation_sanction_to_json(e, index, 2, NULL), KANTEN_EINVAL, "'out'", NULL);
  kanten_evaluation_free(e);

  /* A question naming a failure the case does not record. */
  text = read_text("data/invalid/sanction-unknown-failure.json");
  CHECK(kanten_sanction_question_from_json(text, KANTEN_NUL_TERMINATED, &q) == KANTEN_OK);
  free(text);
  CHECK_ERROR(kanten_sanction_question_answer(q, &e, &index), KANTEN_EINPUT, "failure_id", NULL);
  CHECK(e == NULL);
  kanten_sanction_question_free(q);
  kanten_sanction_question_free(NULL);

  /* No failure id: the latest failure. */
  const char* latest =
      "{\"case\": {\"citizen\": \"c-9\", \"events\": ["
      "{\"date\": \"2024-01-08\", \"kind\": \"first_conversation\"},"
      "{\"date\": \"2024-02-01\", \"kind\": \"sanction_failure\", \"failure_id\": \"A\", \"failure\": \"refused_job_offer\"},"
      "{\"date\": \"2024-03-01\", \"kind\": \"sanction_failure\", \"failure_id\": \"B\", \"failure\": \"did_not_apply_for_jobs\"}"
      "]}, \"as_of\": \"2024-04-01\"}";
  CHECK(kanten_sanction_question_from_json(latest, KANTEN_NUL_TERMINATED, &q) == KANTEN_OK);
  CHECK(kanten_sanction_question_answer(q, &e, &index) == KANTEN_OK);
  CHECK(kanten_evaluation_sanction(e, index, &s) == KANTEN_OK && strcmp(s.failure_id, "B") == 0);
  CHECK(s.has_daily_rate == 0);
  kanten_evaluation_free(e);
  kanten_sanction_question_free(q);
  const char* none = "{\"case\": {\"citizen\": \"c-9\"}, \"as_of\": \"2024-04-01\"}";
  CHECK(kanten_sanction_question_from_json(none, KANTEN_NUL_TERMINATED, &q) == KANTEN_OK);
  CHECK_ERROR(kanten_sanction_question_answer(q, &e, &index), KANTEN_EINPUT, "no sanction failure", NULL);
  kanten_sanction_question_free(q);
}

static void test_matching(void) {
  char* text = read_text("data/market.json");
  kanten_market* m = (kanten_market*)&text;
  CHECK_ERROR(kanten_market_from_json(NULL, 0, &m), KANTEN_EINVAL, "kanten_market_from_json", "'text'");
  CHECK(m == NULL);
  CHECK_ERROR(kanten_market_from_json(text, KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_market_from_json("{", KANTEN_NUL_TERMINATED, &m), KANTEN_EPARSE, NULL, NULL);
  char* bad = read_text("data/invalid/market-bad-field.json");
  CHECK_ERROR(kanten_market_from_json(bad, KANTEN_NUL_TERMINATED, &m), KANTEN_EINPUT, "field '", NULL);
  free(bad);
  bad = read_text("data/invalid/market-unknown-company.json");
  CHECK_ERROR(kanten_market_from_json(bad, KANTEN_NUL_TERMINATED, &m), KANTEN_EINPUT, "company", NULL);
  free(bad);
  CHECK(kanten_market_from_json(text, KANTEN_NUL_TERMINATED, &m) == KANTEN_OK);
  free(text);
  CHECK(kanten_market_citizen_count(m) == 6);
  CHECK(kanten_market_company_count(m) == 3);
  CHECK(kanten_market_task_count(m) > 0);
  CHECK(kanten_market_citizen_count(NULL) == 0 && kanten_market_company_count(NULL) == 0 &&
        kanten_market_task_count(NULL) == 0);

  kanten_weights* w = (kanten_weights*)&m;
  CHECK_ERROR(kanten_weights_from_json(NULL, 0, &w), KANTEN_EINVAL, "'text'", NULL);
  CHECK(w == NULL);
  CHECK_ERROR(kanten_weights_from_json("{}", KANTEN_NUL_TERMINATED, &w), KANTEN_EINPUT, "version", NULL);
  CHECK_ERROR(kanten_weights_from_json("{}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'out'", NULL);
  text = read_text("data/weights.json");
  CHECK(kanten_weights_from_json(text, KANTEN_NUL_TERMINATED, &w) == KANTEN_OK);
  free(text);

  kanten_match_result* r = (kanten_match_result*)&m;
  kanten_match_options o = KANTEN_MATCH_OPTIONS_INIT;
  CHECK_ERROR(kanten_match(NULL, &o, &r), KANTEN_EINVAL, "kanten_match", "'m'");
  CHECK(r == NULL);
  CHECK_ERROR(kanten_match(m, &o, NULL), KANTEN_EINVAL, "'out'", NULL);
  o.version = 0;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.version", NULL);
  o.version = KANTEN_MATCH_OPTIONS_VERSION;
  o.mode = 3;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.mode", "'3'");
  o.mode = KANTEN_MATCH_TOP_K;
  o.k = 0;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.k", "'0'");
  o.k = 2;
  o.per_company = -1;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.per_company", "'-1'");
  o.per_company = 1;
  o.threads = -1;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.threads", "'-1'");

  /* Threads: the same proposal for 1, 2 and 0 (one per hardware thread); a version 1 struct
   * (before `threads` and the bound) is still accepted and runs exact, on one thread. */
  {
    kanten_match_result* base = NULL;
    o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
    o.max_candidates_per_citizen = 0;
    CHECK(kanten_match(m, &o, &base) == KANTEN_OK);
    char* base_json = NULL;
    CHECK(kanten_match_result_to_json(base, -1, &base_json) == KANTEN_OK);
    const int32_t counts[] = {2, 0};
    for (int t = 0; t < 3; ++t) {
      o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
      o.max_candidates_per_citizen = 0;
      if (t < 2) o.threads = counts[t];
      else o.version = 1, o.threads = -7, o.max_candidates_per_citizen = 5; /* neither is read in a version 1 struct */
      CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
      char* json = NULL;
      CHECK(kanten_match_result_to_json(r, -1, &json) == KANTEN_OK);
      CHECK(strcmp(json, base_json) == 0);
      kanten_string_free(json);
      kanten_match_result_free(r);
    }
    kanten_string_free(base_json);
    kanten_match_result_free(base);
  }

  /* The three solvers. */
  for (int mode = 0; mode < KANTEN_MATCH_MODE_COUNT; ++mode) {
    o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
    o.mode = mode;
    o.k = 2;
    CHECK(kanten_match(m, mode == KANTEN_MATCH_ASSIGNMENT ? NULL : &o, &r) == KANTEN_OK);
    CHECK_NO_ERROR();
    CHECK(kanten_match_result_mode(r) == mode);
    CHECK(strcmp(kanten_match_result_weights_version(r), "match-weights-2026.2") == 0);
    CHECK(kanten_match_result_candidates(r) > 0);
    const size_t n = kanten_match_result_count(r);
    CHECK(n > 0);
    int64_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      kanten_match_entry x = KANTEN_MATCH_ENTRY_INIT;
      CHECK(kanten_match_result_get(r, i, &x) == KANTEN_OK);
      CHECK(x.citizen_index < kanten_market_citizen_count(m) && x.task_index < kanten_market_task_count(m));
      CHECK(x.citizen_id && x.citizen_id[0] == 'c' && x.task_id && x.task_id[0] == 't' && x.company_id &&
            strncmp(x.company_id, "co-", 3) == 0);
      CHECK(x.score == x.wish + x.competences + x.hours + x.travel + x.readiness + x.ordinary);
      CHECK(x.score > 0 && x.wish_level >= 0 && x.wish_level <= 4 && x.distance_m >= 0);
      CHECK(x.reason_count > 0);
      for (size_t j = 0; j < x.reason_count; ++j) CHECK(kanten_match_result_reason(r, i, j) != NULL);
      CHECK(kanten_match_result_reason(r, i, x.reason_count) == NULL && contains(kanten_last_error(), "'j'"));
      for (size_t j = 0; j < x.concern_count; ++j) CHECK(kanten_match_result_concern(r, i, j) != NULL);
      CHECK(kanten_match_result_concern(r, i, x.concern_count) == NULL);
      total += x.score;
    }
    if (mode != KANTEN_MATCH_TOP_K) CHECK(kanten_match_result_total_score(r) == total);
    if (mode == KANTEN_MATCH_ASSIGNMENT) CHECK(kanten_match_result_optimal(r) == 1);
    for (size_t i = 0; i < kanten_match_result_unmatched_count(r); ++i)
      CHECK(kanten_match_result_unmatched(r, i) != NULL);
    CHECK(kanten_match_result_unmatched(r, kanten_match_result_unmatched_count(r)) == NULL);
    kanten_match_entry x = KANTEN_MATCH_ENTRY_INIT;
    CHECK_ERROR(kanten_match_result_get(r, n, &x), KANTEN_EINVAL, "'i'", NULL);
    CHECK_ERROR(kanten_match_result_get(r, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
    x.version = 0;
    CHECK_ERROR(kanten_match_result_get(r, 0, &x), KANTEN_EINVAL, "out->version", NULL);
    char* json = NULL;
    CHECK(kanten_match_result_to_json(r, -1, &json) == KANTEN_OK);
    CHECK(contains(json, "\"mode\":\"") && contains(json, kanten_match_mode_name(mode)));
    kanten_string_free(json);
    CHECK_ERROR(kanten_match_result_to_json(r, -1, NULL), KANTEN_EINVAL, "'out'", NULL);
    kanten_match_result_free(r);
  }

  /* Custom weights, no explanations; the result outlives market and weights. */
  o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
  o.weights = w;
  o.explain = 0;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  kanten_weights_free(w);
  kanten_market_free(m);
  CHECK(strcmp(kanten_match_result_weights_version(r), "example-weights-1") == 0);
  kanten_match_entry x = KANTEN_MATCH_ENTRY_INIT;
  CHECK(kanten_match_result_get(r, 0, &x) == KANTEN_OK && x.reason_count == 0 && x.citizen_id[0] == 'c');
  char* json = NULL;
  CHECK(kanten_match_result_to_json(r, 2, &json) == KANTEN_OK && contains(json, "example-weights-1"));
  kanten_string_free(json);
  kanten_match_result_free(r);

  /* NULL everywhere. */
  CHECK_ERROR(kanten_match_result_mode(NULL), KANTEN_EINVAL, "'r'", NULL);
  CHECK(kanten_match_result_weights_version(NULL) == NULL);
  CHECK(kanten_match_result_total_score(NULL) == 0);
  CHECK(kanten_match_result_candidates(NULL) == 0);
  CHECK_ERROR(kanten_match_result_optimal(NULL), KANTEN_EINVAL, "'r'", NULL);
  CHECK(kanten_match_result_count(NULL) == 0);
  CHECK_ERROR(kanten_match_result_get(NULL, 0, &x), KANTEN_EINVAL, "'r'", NULL);
  CHECK(kanten_match_result_reason(NULL, 0, 0) == NULL);
  CHECK(kanten_match_result_concern(NULL, 0, 0) == NULL);
  CHECK(kanten_match_result_unmatched_count(NULL) == 0);
  CHECK(kanten_match_result_unmatched(NULL, 0) == NULL);
  CHECK_ERROR(kanten_match_result_to_json(NULL, -1, &json), KANTEN_EINVAL, "'r'", NULL);
  kanten_match_result_free(NULL);
  kanten_market_free(NULL);
  kanten_weights_free(NULL);
}

/* Matching the citizens a caller chooses (options version 3): by id, or the caseload in chosen
 * steps; a bound on candidates per citizen. Hostile input names the field. */
static void test_match_selection(void) {
  char* text = read_text("data/market.json");
  kanten_market* m = NULL;
  CHECK(kanten_market_from_json(text, KANTEN_NUL_TERMINATED, &m) == KANTEN_OK);
  free(text);
  kanten_match_result* r = NULL;
  kanten_match_options o = KANTEN_MATCH_OPTIONS_INIT;
  CHECK(o.version == 3 && o.has_citizens == 0 && o.max_candidates_per_citizen == KANTEN_MAX_CANDIDATES_PER_CITIZEN);

  /* Two of six citizens: only they are matched or unmatched. */
  const char* two[] = {"c-05", "c-02"};
  o.has_citizens = 1;
  o.citizens = two;
  o.citizen_count = 2;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  CHECK(kanten_match_result_selected(r) == 2);
  CHECK(kanten_match_result_count(r) + kanten_match_result_unmatched_count(r) == 2);
  for (size_t i = 0; i < kanten_match_result_count(r); ++i) {
    kanten_match_entry x = KANTEN_MATCH_ENTRY_INIT;
    CHECK(kanten_match_result_get(r, i, &x) == KANTEN_OK);
    CHECK(strcmp(x.citizen_id, "c-05") == 0 || strcmp(x.citizen_id, "c-02") == 0);
  }
  CHECK(kanten_match_result_not_in_market_count(r) == 0 && kanten_match_result_not_in_market(r, 0) == NULL);
  kanten_match_result_free(r);
  /* None: nobody. */
  o.citizen_count = 0;
  o.citizens = NULL;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  CHECK(kanten_match_result_selected(r) == 0 && kanten_match_result_count(r) == 0 &&
        kanten_match_result_unmatched_count(r) == 0);
  kanten_match_result_free(r);
  /* Hostile selections. */
  const char* unknown[] = {"c-01", "c-99"};
  o.citizens = unknown;
  o.citizen_count = 2;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.citizens[1]", "'c-99'");
  CHECK(r == NULL);
  const char* twice[] = {"c-01", "c-03", "c-01"};
  o.citizens = twice;
  o.citizen_count = 3;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.citizens[2]", "'c-01'");
  const char* null_id[] = {NULL};
  o.citizens = null_id;
  o.citizen_count = 1;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.citizens[0]", NULL);
  o.citizens = NULL;
  o.citizen_count = 3;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.citizens", NULL);
  o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
  o.max_candidates_per_citizen = -1;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.max_candidates_per_citizen", "'-1'");
  o.max_candidates_per_citizen = INT32_MIN;
  CHECK_ERROR(kanten_match(m, &o, &r), KANTEN_EINVAL, "options.max_candidates_per_citizen", NULL);
  /* A version 2 struct ends before the selection and the bound: they are never read. */
  o.version = 2;
  o.has_citizens = 1;
  o.citizens = NULL;
  o.citizen_count = 99;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  CHECK(kanten_match_result_selected(r) == kanten_market_citizen_count(m));
  /* ... and it predates the bound: read as exact, whatever the field's bytes hold. */
  CHECK(kanten_match_result_max_candidates_per_citizen(r) == 0 && kanten_match_result_citizens_at_bound(r) == 0);
  kanten_match_result_free(r);
  /* The defaults: the library's bound, reported back; no citizen of the example reaches it. */
  o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  CHECK(KANTEN_MAX_CANDIDATES_PER_CITIZEN == 40);
  CHECK(kanten_match_result_max_candidates_per_citizen(r) == KANTEN_MAX_CANDIDATES_PER_CITIZEN);
  CHECK(kanten_match_result_citizens_at_bound(r) == 0);
  const size_t every_candidate = kanten_match_result_candidates(r);
  kanten_match_result_free(r);
  /* A bound of one candidate per citizen: never more candidates than citizens, and each citizen
   * with a candidate reached the bound. */
  o.max_candidates_per_citizen = 1;
  CHECK(kanten_match(m, &o, &r) == KANTEN_OK);
  CHECK(kanten_match_result_candidates(r) > 0 && kanten_match_result_candidates(r) <= kanten_market_citizen_count(m));
  CHECK(kanten_match_result_candidates(r) < every_candidate);
  CHECK(kanten_match_result_max_candidates_per_citizen(r) == 1);
  CHECK(kanten_match_result_citizens_at_bound(r) == kanten_match_result_candidates(r));
  kanten_match_result_free(r);
  CHECK(kanten_match_result_max_candidates_per_citizen(NULL) == 0 && kanten_match_result_citizens_at_bound(NULL) == 0);

  /* The caseload that is: the example caseload's citizens are not in the example market, so
   * whoever is in the chosen steps is reported, not dropped. */
  text = read_text("data/caseload.json");
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_from_json(text, KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  free(text);
  kanten_evaluate_options eo = KANTEN_EVALUATE_OPTIONS_INIT;
  eo.as_of.year = 2024;
  eo.as_of.month = 3;
  eo.as_of.day = 30;
  kanten_evaluations* es = NULL;
  CHECK(kanten_evaluate_caseload(load, &eo, &es) == KANTEN_OK);
  const int every[] = {0, 1, 2, 3, 4, 5, 6};
  CHECK(kanten_match_caseload(m, es, every, 7, NULL, &r) == KANTEN_OK);
  CHECK(kanten_match_result_selected(r) == 0 && kanten_match_result_count(r) == 0);
  CHECK(kanten_match_result_not_in_market_count(r) == kanten_evaluations_count(es));
  CHECK(strcmp(kanten_match_result_not_in_market(r, 0), "c-0101") == 0);
  char* json = NULL;
  CHECK(kanten_match_result_to_json(r, -1, &json) == KANTEN_OK && contains(json, "\"not_in_market\":[\"c-0101\""));
  kanten_string_free(json);
  kanten_match_result_free(r);
  CHECK(kanten_match_caseload(m, es, every, 0, NULL, &r) == KANTEN_OK); /* no steps: nobody */
  CHECK(kanten_match_result_not_in_market_count(r) == 0);
  kanten_match_result_free(r);
  CHECK(kanten_match_caseload(m, es, NULL, 0, NULL, &r) == KANTEN_OK); /* NULL: Trin 2 */
  size_t in_trin2 = 0;
  for (size_t i = 0; i < kanten_evaluations_count(es); ++i)
    in_trin2 += kanten_evaluation_step(kanten_evaluations_get(es, i)) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB;
  CHECK(kanten_match_result_not_in_market_count(r) == in_trin2);
  kanten_match_result_free(r);
  const int bad_steps[] = {2, 7};
  CHECK_ERROR(kanten_match_caseload(m, es, bad_steps, 2, NULL, &r), KANTEN_EINVAL, "steps[1]", "'7'");
  const int negative_step[] = {-1};
  CHECK_ERROR(kanten_match_caseload(m, es, negative_step, 1, NULL, &r), KANTEN_EINVAL, "steps[0]", "'-1'");
  o = (kanten_match_options)KANTEN_MATCH_OPTIONS_INIT;
  o.has_citizens = 1;
  CHECK_ERROR(kanten_match_caseload(m, es, NULL, 0, &o, &r), KANTEN_EINVAL, "options.citizens", NULL);
  CHECK_ERROR(kanten_match_caseload(NULL, es, NULL, 0, NULL, &r), KANTEN_EINVAL, "'m'", NULL);
  CHECK_ERROR(kanten_match_caseload(m, NULL, NULL, 0, NULL, &r), KANTEN_EINVAL, "'evaluations'", NULL);
  CHECK_ERROR(kanten_match_caseload(m, es, NULL, 0, NULL, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_match_result_selected(NULL) == 0 && kanten_match_result_not_in_market_count(NULL) == 0 &&
        kanten_match_result_not_in_market(NULL, 0) == NULL);
  kanten_evaluations_free(es);
  kanten_caseload_free(load);
  kanten_market_free(m);
}

#if !defined(__STDC_NO_THREADS__)
/* The last error is per thread: a failure on one thread leaves another's message alone, and
 * evaluations of one shared case on many threads agree. */
typedef struct {
  const kanten_case* c;
  int step;
  int failed_status;
  int own_message_ok;
} thread_job;

static int thread_main(void* arg) {
  thread_job* job = arg;
  kanten_evaluation* e = NULL;
  job->failed_status = kanten_evaluate(job->c, NULL, &e); /* fails on this thread only */
  job->own_message_ok = contains(kanten_last_error(), "'options'");
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024;
  o.as_of.month = 4;
  o.as_of.day = 30;
  for (int i = 0; i < 20; ++i) {
    if (kanten_evaluate(job->c, &o, &e) != KANTEN_OK) return 1;
    job->step = kanten_evaluation_step(e);
    kanten_evaluation_free(e);
  }
  return 0;
}

static void test_threads(void) {
  kanten_case* c = typed_case();
  CHECK(kanten_case_event_count(c) == 13); /* succeeds: this thread's message is "" */
  thread_job jobs[4];
  thrd_t threads[4];
  for (int i = 0; i < 4; ++i) {
    jobs[i] = (thread_job){c, -1, 0, 0};
    CHECK(thrd_create(&threads[i], thread_main, &jobs[i]) == thrd_success);
  }
  for (int i = 0; i < 4; ++i) {
    int rc = 1;
    CHECK(thrd_join(threads[i], &rc) == thrd_success && rc == 0);
    CHECK(jobs[i].failed_status == KANTEN_EINVAL && jobs[i].own_message_ok);
    CHECK(jobs[i].step == KANTEN_STEP_EXIT_30_HOURS);
  }
  CHECK_NO_ERROR();
  kanten_case_free(c);
}
#endif

/* The last error: "" after success, the function and parameter after failure, truncated long
 * messages stay NUL-terminated. */
static void test_last_error_lifecycle(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new(NULL, NULL, &c) == KANTEN_EINVAL);
  CHECK(strncmp(kanten_last_error(), "kanten_case_new: ", 17) == 0);
  CHECK(kanten_case_new("c", NULL, &c) == KANTEN_OK);
  CHECK_NO_ERROR();
  /* A failure message with a long field path (an array index) still ends properly. */
  static const char* many[300];
  for (int i = 0; i < 300; ++i) many[i] = "x";
  many[299] = NULL;
  kanten_event ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 1);
  ev.wishes = many;
  ev.wish_count = 300;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.wishes[299]", NULL);
  CHECK(strlen(kanten_last_error()) < 1024);
  kanten_case_free(c);
}

/* Regression inputs found by fuzz/fuzz_capi_events.cpp (none so far) go here. */
static void test_fuzz_regressions(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("fuzz", NULL, &c) == KANTEN_OK);
  /* Extreme values in every integer field are carried or rejected, never a crash. */
  kanten_event ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 2, 29);
  ev.minutes = INT32_MIN;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev.minutes = INT32_MAX;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 2, 29);
  ev.minutes_per_week = INT32_MIN;
  ev.start.year = 9999;
  ev.start.month = 12;
  ev.start.day = 31;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 1400, 1, 1);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_CONTACT, 9999, 12, 31);
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  kanten_evaluation* e = evaluate_at(c, 9999, 12, 31);
  CHECK(kanten_evaluation_step(e) >= 0);
  char* json = NULL;
  CHECK(kanten_evaluation_to_json(e, -1, &json) == KANTEN_OK);
  kanten_string_free(json);
  kanten_evaluation_free(e);
  /* A date before the rule set is in force is refused naming as_of (RuleSet::valid_from); from
   * its first day the first conversation of 1400 is applied. */
  kanten_evaluate_options early = KANTEN_EVALUATE_OPTIONS_INIT;
  early.as_of.year = 1400, early.as_of.month = 1, early.as_of.day = 1;
  e = (kanten_evaluation*)&early;
  CHECK_ERROR(kanten_evaluate(c, &early, &e), KANTEN_EINVAL, "as_of", "before the rule set");
  CHECK(e == NULL);
  e = evaluate_at(c, 2019, 1, 1);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN1_AFKLARING);
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

/* Bus trips (002) and training tracks (001): the typed checks and the JSON plans. */
static void test_bus_and_training(void) {
  kanten_bus_referral r = KANTEN_BUS_REFERRAL_INIT;
  kanten_bus_answer a = KANTEN_BUS_ANSWER_INIT;
  char* reason = NULL;
  r.age = 30;
  CHECK(kanten_bus_eligibility(&r, 1, &a, &reason) == KANTEN_OK);
  CHECK(a.answer == KANTEN_BUS_ELIGIBLE && a.category == KANTEN_BUS_CATEGORY_S6_3);
  CHECK(reason != NULL && strstr(reason, "30 or over") != NULL);
  CHECK(a.seed != NULL && strcmp(a.seed, "002_35b99bd4972212c9.txt") == 0);
  kanten_string_free(reason);
  r.age = 24;
  r.vocational_education = 1;
  CHECK(kanten_bus_eligibility(&r, 1, &a, NULL) == KANTEN_OK);
  CHECK(a.answer == KANTEN_BUS_NOT_ELIGIBLE);
  r.age = -1; /* unknown: undecided with a vocational education */
  CHECK(kanten_bus_eligibility(&r, 2, &a, NULL) == KANTEN_OK);
  CHECK(a.answer == KANTEN_BUS_UNDECIDED);
  r.activity_ready = 0;
  r.exempt_from_activity = 1;
  r.caseworker_finds_it_helps = 1;
  CHECK(kanten_bus_eligibility(&r, 1, &a, NULL) == KANTEN_OK && a.category == KANTEN_BUS_CATEGORY_EXEMPT_REFERRED);
  CHECK(kanten_bus_eligibility(&r, 2, &a, NULL) == KANTEN_OK && a.answer == KANTEN_BUS_NOT_ELIGIBLE);
  CHECK_ERROR(kanten_bus_eligibility(&r, 3, &a, NULL), KANTEN_EINVAL, "model", "3");
  CHECK(kanten_bus_eligibility(NULL, 1, &a, NULL) == KANTEN_EINVAL);

  kanten_trip_cost c = KANTEN_TRIP_COST_INIT;
  CHECK(kanten_bus_trip_cost(10, -1, &c) == KANTEN_OK);
  CHECK(c.bus_dkk.low == 2000 && c.bus_dkk.high == 2500 && c.food_dkk.low == 750 && c.food_dkk.high == 900);
  CHECK(c.total_dkk.low == 2750 && c.total_dkk.high == 3400);
  CHECK(kanten_bus_trip_cost(10, 300, &c) == KANTEN_OK && c.total_dkk.low == 6650 && c.total_dkk.high == 10000);
  CHECK_ERROR(kanten_bus_trip_cost(-2, -1, &c), KANTEN_EINVAL, "participants", "-2");

  int route = -1;
  CHECK(kanten_route_workplace(1, 0, &route, NULL) == KANTEN_OK && route == KANTEN_ROUTE_INTERNSHIP);
  CHECK(kanten_route_workplace(0, 0, &route, &reason) == KANTEN_OK && route == KANTEN_ROUTE_TRAINING_TRACK);
  CHECK(reason != NULL && strstr(reason, "training track") != NULL);
  kanten_string_free(reason);

  char* text = read_text("data/bus-request.json");
  char* out = NULL;
  CHECK(kanten_bus_plan_json(text, KANTEN_NUL_TERMINATED, -1, &out) == KANTEN_OK);
  CHECK(out != NULL && strstr(out, "\"model\":\"model-1-guldborgsund\"") != NULL && strstr(out, "\"left_out\":") != NULL);
  kanten_string_free(out);
  free(text);
  CHECK_ERROR(kanten_bus_plan_json("{\"citizens\": [], \"companies\": [], \"tasks\": []}", KANTEN_NUL_TERMINATED, -1, &out),
              KANTEN_EINPUT, "referrals", NULL);
  CHECK(out == NULL);

  text = read_text("data/training-request.json");
  const kanten_date none = {0, 0, 0};
  CHECK(kanten_training_plan_json(text, KANTEN_NUL_TERMINATED, none, -1, &out) == KANTEN_OK);
  CHECK(out != NULL && strstr(out, "\"company_view\":") != NULL && strstr(out, "\"weeks\":13") != NULL);
  kanten_string_free(out);
  free(text);
  text = read_text("data/market.json");
  CHECK_ERROR(kanten_training_plan_json(text, KANTEN_NUL_TERMINATED, none, -1, &out), KANTEN_EINVAL, "start", NULL);
  const kanten_date start = {2026, 3, 2};
  CHECK(kanten_training_plan_json(text, KANTEN_NUL_TERMINATED, start, -1, &out) == KANTEN_OK);
  kanten_string_free(out);
  free(text);
}

/* ------------------------------------------------------------------------------------------ */
/* Programme figures: examples/data/caseload.json as of 2024-03-31 (docs/programme.md). */
static void test_programme(void) {
  check_names(kanten_funnel_stage_name, KANTEN_FUNNEL_STAGE_COUNT, "caseload", "exit_rehabilitation_team");
  check_names(kanten_endpoint_name, KANTEN_ENDPOINT_COUNT, "first_paid_hours", "exit_30_hours");
  char* text = read_text("data/caseload.json");
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_from_json(text, KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  free(text);

  kanten_programme_options o = KANTEN_PROGRAMME_OPTIONS_INIT;
  kanten_programme* p = NULL;
  /* Arguments: the date is required and real; a retention month is at least 1. */
  CHECK_ERROR(kanten_programme_figures(load, &o, &p), KANTEN_EINVAL, "options.as_of", NULL);
  CHECK(p == NULL);
  o.as_of.year = 2024;
  o.as_of.month = 3;
  o.as_of.day = 31;
  CHECK_ERROR(kanten_programme_figures(NULL, &o, &p), KANTEN_EINVAL, "'load'", NULL);
  CHECK_ERROR(kanten_programme_figures(load, NULL, &p), KANTEN_EINVAL, "'options'", NULL);
  CHECK_ERROR(kanten_programme_figures(load, &o, NULL), KANTEN_EINVAL, "'out'", NULL);
  const int zero[] = {0};
  o.retention_months = zero;
  o.retention_month_count = 1;
  CHECK_ERROR(kanten_programme_figures(load, &o, &p), KANTEN_EINVAL, "retention_months[0]", NULL);
  o.retention_months = NULL;
  o.version = 99;
  CHECK_ERROR(kanten_programme_figures(load, &o, &p), KANTEN_EINVAL, "options.version", NULL);
  o.version = KANTEN_PROGRAMME_OPTIONS_VERSION;

  CHECK(kanten_programme_figures(load, &o, &p) == KANTEN_OK);
  CHECK_NO_ERROR();
  kanten_caseload_free(load); /* the figures outlive the caseload */
  kanten_date d = {0, 0, 0};
  CHECK(kanten_programme_as_of(p, &d) == KANTEN_OK && date_is(d, 2024, 3, 31));

  /* Funnel: four cases, three entered (one is outside the target group), c-0101 has paid hours
   * and the 30-hour exit in March, c-0103 went to the rehabilitation team. */
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_CASELOAD) == 4);
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_ENTERED) == 3);
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_TRIN3) == 2);
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_PAID_HOURS) == 1);
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_EXIT_30_HOURS) == 1);
  CHECK(kanten_programme_funnel(p, KANTEN_FUNNEL_EXIT_REHABILITATION_TEAM) == 1);
  CHECK_ERROR((int)kanten_programme_funnel(p, KANTEN_FUNNEL_STAGE_COUNT), 0, "'stage'", "out of range");
  CHECK_ERROR((int)kanten_programme_funnel(NULL, KANTEN_FUNNEL_ENTERED), 0, "'p'", NULL);
  double share = -1.0;
  CHECK(kanten_programme_paid_hours_share(p, &share) == 1 && share > 0.333 && share < 0.334);
  CHECK(kanten_programme_thirty_hours_share(p, &share) == 1 && share > 0.333 && share < 0.334);
  CHECK_ERROR(kanten_programme_paid_hours_share(p, NULL), KANTEN_EINVAL, "'out'", NULL);

  /* Retention at 3, 6, 12 months: nobody entered Trin 3 early enough. */
  CHECK(kanten_programme_retention_count(p) == 3);
  kanten_retention r = KANTEN_RETENTION_INIT;
  CHECK(kanten_programme_retention(p, 0, &r) == KANTEN_OK && r.months == 3 && r.eligible == 0 && r.has_share == 0);
  CHECK_ERROR(kanten_programme_retention(p, 3, &r), KANTEN_EINVAL, "'i'", NULL);

  /* Citizens per step at the end of January, February, March. */
  CHECK(kanten_programme_month_count(p) == 3);
  kanten_month m = {0, 0};
  size_t citizens[KANTEN_STEP_COUNT + 1] = {0};
  citizens[KANTEN_STEP_COUNT] = 777;
  CHECK(kanten_programme_month_steps(p, 2, &m, citizens, KANTEN_STEP_COUNT) == KANTEN_OK);
  CHECK(m.year == 2024 && m.month == 3);
  CHECK(citizens[KANTEN_STEP_NOT_STARTED] == 1 && citizens[KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB] == 1 &&
        citizens[KANTEN_STEP_EXIT_30_HOURS] == 1 && citizens[KANTEN_STEP_EXIT_REHABILITATION_TEAM] == 1);
  CHECK(citizens[KANTEN_STEP_COUNT] == 777); /* never written past capacity */
  CHECK(kanten_programme_month_steps(p, 0, &m, NULL, 0) == KANTEN_OK && m.month == 1);
  CHECK_ERROR(kanten_programme_month_steps(p, 0, &m, NULL, 2), KANTEN_EINVAL, "'citizens'", NULL);
  CHECK_ERROR(kanten_programme_month_steps(p, 3, &m, citizens, KANTEN_STEP_COUNT), KANTEN_EINVAL, "'i'", NULL);

  /* First paid hours: c-0101 on day 57 of 3 (S = 1/2: the median); the others censored. */
  kanten_curve c = KANTEN_CURVE_INIT;
  CHECK(kanten_programme_curve(p, KANTEN_ENDPOINT_FIRST_PAID_HOURS, &c) == KANTEN_OK);
  CHECK(c.subjects == 3 && c.events == 1 && c.censored == 2 && c.step_count == 3);
  CHECK(c.has_median == 1 && c.median_days == 57);
  kanten_curve_step st = KANTEN_CURVE_STEP_INIT;
  CHECK(kanten_programme_curve_step(p, KANTEN_ENDPOINT_FIRST_PAID_HOURS, 1, &st) == KANTEN_OK);
  CHECK(st.days == 57 && st.at_risk == 2 && st.events == 1 && st.censored == 0 && st.survival == 0.5);
  CHECK_ERROR(kanten_programme_curve(p, KANTEN_ENDPOINT_COUNT, &c), KANTEN_EINVAL, "'endpoint'", NULL);
  CHECK_ERROR(kanten_programme_curve_step(p, KANTEN_ENDPOINT_EXIT, 99, &st), KANTEN_EINVAL, "'i'", NULL);
  st.version = 0;
  CHECK_ERROR(kanten_programme_curve_step(p, KANTEN_ENDPOINT_EXIT, 0, &st), KANTEN_EINVAL, "out->version", NULL);

  /* JSON: every figure, no citizen id. */
  char* json = NULL;
  CHECK(kanten_programme_to_json(p, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"funnel\":{\"caseload\":4,\"entered\":3,"));
  CHECK(contains(json, "\"median_days\":57"));
  CHECK(!contains(json, "c-010"));
  kanten_string_free(json);
  CHECK_ERROR(kanten_programme_to_json(NULL, 2, &json), KANTEN_EINVAL, "'p'", NULL);
  CHECK(json == NULL);
  kanten_programme_free(p);
  kanten_programme_free(NULL);

  /* A retention month of our own: month 1 after entering Trin 3 (March): c-0101 had ordinary
   * hours and the 30-hour exit, c-0102 internship hours only. */
  CHECK(kanten_caseload_from_json((text = read_text("data/caseload.json")), KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  free(text);
  const int one[] = {1};
  o.retention_months = one;
  o.retention_month_count = 1;
  CHECK(kanten_programme_figures(load, &o, &p) == KANTEN_OK);
  CHECK(kanten_programme_retention_count(p) == 1);
  CHECK(kanten_programme_retention(p, 0, &r) == KANTEN_OK);
  CHECK(r.months == 1 && r.eligible == 2 && r.retained == 1 && r.has_share == 1 && r.share == 0.5);
  kanten_programme_free(p);
  kanten_caseload_free(load);
}


/* Issue 10's classes of defect, each proved on the C surface. */
static void test_hardening(void) {
  const char* one_case = "{\"citizen\": \"c-1\", \"events\": []}";
  kanten_case* c = NULL;
  char* json = NULL;
  CHECK(kanten_case_from_json(one_case, KANTEN_NUL_TERMINATED, &c) == KANTEN_OK);

  /* Any indent is served or refused with EINVAL naming 'indent'; never a heap overread. */
  CHECK(kanten_case_to_json(c, KANTEN_MAX_INDENT, &json) == KANTEN_OK);
  kanten_string_free(json);
  CHECK_ERROR(kanten_case_to_json(c, KANTEN_MAX_INDENT + 1, &json), KANTEN_EINVAL, "'indent'", "'33'");
  CHECK(json == NULL);
  CHECK_ERROR(kanten_case_to_json(c, 100000, &json), KANTEN_EINVAL, "'indent'", NULL);
  CHECK(kanten_case_to_json(c, -2147483647 - 1, &json) == KANTEN_OK); /* any negative: one line */
  CHECK(json != NULL && strchr(json, '\n') == NULL);
  kanten_string_free(json);
  kanten_evaluation* e = evaluate_at(c, 2024, 6, 30);
  CHECK_ERROR(kanten_evaluation_to_json(e, 2000, &json), KANTEN_EINVAL, "'indent'", NULL);
  kanten_evaluation_free(e);

  /* Money: a daily rate beyond the bound is EINVAL naming daily_rate, never a wrapped deduction. */
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024, o.as_of.month = 6, o.as_of.day = 30;
  o.has_daily_rate = 1;
  o.daily_rate = INT64_MAX;
  e = NULL;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "options.daily_rate", "out of range");
  o.daily_rate = -1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "daily_rate", NULL);
  o.daily_rate = KANTEN_MAX_DAILY_RATE;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  kanten_evaluation_free(e);
  kanten_trip_cost cost = KANTEN_TRIP_COST_INIT;
  CHECK_ERROR(kanten_bus_trip_cost(10, INT64_MAX, &cost), KANTEN_EINVAL, "staff_dkk_per_hour", NULL);
  CHECK_ERROR(kanten_bus_trip_cost(101, -1, &cost), KANTEN_EINVAL, "participants", NULL);
  CHECK(kanten_bus_trip_cost(100, 10000, &cost) == KANTEN_OK);
  CHECK(cost.total_dkk.low > 0 && cost.total_dkk.low <= cost.total_dkk.high);
  kanten_case_free(c);

  /* A NUL inside the given length is a parse error with its offset, not the end of the input. */
  const char with_nul[] = "{\"cases\": [{\"citizen\": \"c-1\"}]}\0{\"citizen\": \"c-2\"}";
  kanten_caseload* load = NULL;
  CHECK_ERROR(kanten_caseload_from_json(with_nul, sizeof with_nul - 1, &load), KANTEN_EPARSE, "NUL byte at offset 31",
              NULL);
  CHECK(load == NULL);
  CHECK_ERROR(kanten_caseload_from_json("[{\"citizen\": \"c-1\"}] x", KANTEN_NUL_TERMINATED, &load), KANTEN_EPARSE,
              NULL, NULL);

  /* Two cases of one citizen: an error naming both positions. */
  CHECK_ERROR(kanten_caseload_from_json("[{\"citizen\": \"c-1\"}, {\"citizen\": \"c-2\"}, {\"citizen\": \"c-1\"}]",
                                        KANTEN_NUL_TERMINATED, &load),
              KANTEN_EINPUT, "[2].citizen", "[0]");

  /* An empty failure id is ambiguous: an error, not "the latest failure". */
  kanten_sanction_question* q = NULL;
  CHECK_ERROR(kanten_sanction_question_from_json(
                  "{\"case\": {\"citizen\": \"c-1\"}, \"as_of\": \"2024-01-01\", \"failure_id\": \"\"}",
                  KANTEN_NUL_TERMINATED, &q),
              KANTEN_EINPUT, "failure_id", "must not be empty");
  CHECK_ERROR(kanten_sanction_question_from_json(
                  "{\"case\": {\"citizen\": \"c-1\"}, \"as_of\": \"2024-01-01\", \"daily_rate\": 9223372036854775807}",
                  KANTEN_NUL_TERMINATED, &q),
              KANTEN_EINPUT, "daily_rate", "out of range");

  /* Unknown fields: warnings with their path, errors under strict reading. */
  const char* typo = "{\"citizen\": \"c-1\", \"events\": [{\"date\": \"2024-01-02\", \"kind\": \"agreement\", "
                     "\"agreement_kind\": \"internship\", \"strat\": \"2024-02-01\"}]}";
  CHECK(kanten_case_from_json(typo, KANTEN_NUL_TERMINATED, &c) == KANTEN_OK);
  CHECK(kanten_case_warning_count(c) == 1);
  kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
  CHECK(kanten_case_warning(c, 0, &w) == KANTEN_OK);
  CHECK(w.field != NULL && strcmp(w.field, "events[0].strat") == 0);
  CHECK(contains(w.message, "did you mean \"start\""));
  CHECK_ERROR(kanten_case_warning(c, 1, &w), KANTEN_EINVAL, "'i'", NULL);
  kanten_case_free(c);
  kanten_read_options ro = KANTEN_READ_OPTIONS_INIT;
  ro.strict = 1;
  c = NULL;
  CHECK_ERROR(kanten_case_from_json_v2(typo, KANTEN_NUL_TERMINATED, &ro, &c), KANTEN_EINPUT, "events[0].strat",
              "unknown field");
  CHECK(c == NULL);
  ro.strict = 0;
  ro.max_bytes = 10;
  CHECK_ERROR(kanten_case_from_json_v2(typo, KANTEN_NUL_TERMINATED, &ro, &c), KANTEN_EINPUT, "'input'", "maximum");
  ro.version = 99;
  CHECK_ERROR(kanten_case_from_json_v2(typo, KANTEN_NUL_TERMINATED, &ro, &c), KANTEN_EINVAL, "options.version", NULL);
  CHECK(kanten_caseload_from_json_v2("{\"cases\": [], \"case\": 1}", KANTEN_NUL_TERMINATED, NULL, &load) == KANTEN_OK);
  CHECK(kanten_caseload_warning_count(load) == 1);
  CHECK(kanten_caseload_warning(load, 0, &w) == KANTEN_OK && strcmp(w.field, "case") == 0);
  kanten_caseload_free(load);
  kanten_market* m = NULL;
  CHECK(kanten_market_from_json_v2("{\"citizens\": [], \"companies\": [], \"tasks\": [], \"taks\": []}",
                                   KANTEN_NUL_TERMINATED, NULL, &m) == KANTEN_OK);
  CHECK(kanten_market_warning_count(m) == 1);
  CHECK(kanten_market_warning(m, 0, &w) == KANTEN_OK && contains(w.message, "\"tasks\""));
  kanten_market_free(m);

  /* A weight set's unknown field: a warning, or an error when strict. */
  kanten_weights* wt = NULL;
  CHECK(kanten_weights_from_json_v2("{\"version\": \"v\", \"travl\": 3}", KANTEN_NUL_TERMINATED, NULL, &wt) ==
        KANTEN_OK);
  CHECK(kanten_weights_warning_count(wt) == 1);
  CHECK(kanten_weights_warning(wt, 0, &w) == KANTEN_OK && strcmp(w.field, "travl") == 0);
  CHECK(contains(w.message, "did you mean \"travel\""));
  kanten_weights_free(wt);
  wt = NULL;
  kanten_read_options strict_reading = KANTEN_READ_OPTIONS_INIT;
  strict_reading.strict = 1;
  CHECK_ERROR(kanten_weights_from_json_v2("{\"version\": \"v\", \"travl\": 3}", KANTEN_NUL_TERMINATED,
                                          &strict_reading, &wt),
              KANTEN_EINPUT, "'travl'", NULL);
  CHECK(wt == NULL);

  /* The bus and training requests: unknown fields in the plan's JSON, or errors when strict. */
  char* bus = read_text("data/bus-request.json");
  char* bus_typo = (char*)malloc(strlen(bus) + 32);
  const char* brace = strchr(bus, '{');
  CHECK(brace != NULL);
  sprintf(bus_typo, "{\"referals\": [], %s", brace + 1);
  char* plan = NULL;
  CHECK(kanten_bus_plan_json_v2(bus_typo, KANTEN_NUL_TERMINATED, NULL, -1, &plan) == KANTEN_OK);
  CHECK(contains(plan, "\"input_warnings\":[{\"field\":\"referals\""));
  CHECK(contains(plan, "did you mean \\\"referrals\\\""));
  kanten_string_free(plan);
  CHECK(kanten_bus_plan_json(bus, KANTEN_NUL_TERMINATED, -1, &plan) == KANTEN_OK);
  CHECK(!contains(plan, "input_warnings"));
  kanten_string_free(plan);
  ro = (kanten_read_options)KANTEN_READ_OPTIONS_INIT;
  ro.strict = 1;
  CHECK_ERROR(kanten_bus_plan_json_v2(bus_typo, KANTEN_NUL_TERMINATED, &ro, -1, &plan), KANTEN_EINPUT, "'referals'",
              "unknown field");
  free(bus_typo);
  free(bus);
  char* training = read_text("data/training-request.json");
  char* training_typo = (char*)malloc(strlen(training) + 32);
  brace = strchr(training, '{');
  sprintf(training_typo, "{\"trainig\": {}, %s", brace + 1);
  kanten_date no_start = {0, 0, 0};
  CHECK(kanten_training_plan_json_v2(training_typo, KANTEN_NUL_TERMINATED, NULL, no_start, -1, &plan) == KANTEN_OK);
  CHECK(contains(plan, "\"input_warnings\":[{\"field\":\"trainig\""));
  kanten_string_free(plan);
  CHECK_ERROR(kanten_training_plan_json_v2(training_typo, KANTEN_NUL_TERMINATED, &ro, no_start, -1, &plan),
              KANTEN_EINPUT, "'trainig'", NULL);
  free(training_typo);
  free(training);

  /* An id shaped like a CPR number is refused, and never echoed. */
  c = NULL;
  CHECK_ERROR(kanten_case_new("010190-1234", NULL, &c), KANTEN_EINPUT, "citizen_id", "CPR");
  CHECK(!contains(kanten_last_error(), "010190"));
  CHECK_ERROR(kanten_case_from_json("{\"citizen\": \"0101901234\"}", KANTEN_NUL_TERMINATED, &c), KANTEN_EINPUT,
              "citizen", "CPR");
  CHECK(!contains(kanten_last_error(), "0101901234"));

  /* Out-of-range parameters are kanten's EINVAL naming the field, not an escaped exception. */
  kanten_caseload* empty = NULL;
  CHECK(kanten_caseload_new(&empty) == KANTEN_OK);
  kanten_programme_options po = KANTEN_PROGRAMME_OPTIONS_INIT;
  po.as_of.year = 2019, po.as_of.month = 12, po.as_of.day = 31;
  const int months[] = {3, 100000000};
  po.retention_months = months;
  po.retention_month_count = 2;
  kanten_programme* p = NULL;
  CHECK_ERROR(kanten_programme_figures(empty, &po, &p), KANTEN_EINVAL, "retention_months[1]", "out of range");
  kanten_caseload_free(empty);
}

/* ------------------------------------------------------------------------------------------ */
/* Issue 12: the case model as deep as casework, through the C ABI                             */
/* ------------------------------------------------------------------------------------------ */

static void add_ok(kanten_case* c, const kanten_event* ev) {
  CHECK(kanten_case_add_event(c, ev) == KANTEN_OK);
  CHECK_NO_ERROR();
}

/* A citizen with everything issue 12 records, built from typed events only: a change of
 * jobformidler, a dated profile change, an agreement with full terms and its renegotiation for
 * more ordinary hours, hours worked in Trin 2 and in Trin 3, a bus trip, two training tracks, a
 * sanction failure with a hearing that has an answer period and contact attempts, self-support
 * and aftercare. */
static kanten_case* casework_case(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("c-0201", NULL, &c) == KANTEN_OK);
  kanten_event ev;

  /* Trin 1 with jobformidler jf-001; Trin 2 from 15 January. */
  ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_VISITATION, 2024, 1, 8);
  ev.outcome = KANTEN_VISITATION_PROJECT;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 1, 8);
  ev.jobformidler = "jf-001";
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 1, 15);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 15);
  ev.goal = KANTEN_GOAL_EMPLOYMENT;
  add_ok(c, &ev);

  /* A change of jobformidler on 1 February; the citizen moves out of the area on 5 February. */
  ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 2, 1);
  ev.jobformidler = "jf-002";
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_PROFILE_CHANGED, 2024, 2, 5);
  ev.profile_change.has_lives_in_designated_area = 1;
  ev.profile_change.lives_in_designated_area = 0;
  add_ok(c, &ev);

  /* The agreement with its terms on 10 February: 20 hours a week, 10 of them ordinary. */
  const char* tasks[] = {"stocking shelves"};
  const char* sub_goals[] = {"two full days a week by April"};
  const int health[] = {KANTEN_HEALTH_NO_HEAVY_LIFTING};
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 2, 10);
  ev.agreement_kind = KANTEN_AGREEMENT_BOTH;
  ev.minutes_per_week = 1200;
  ev.has_ordinary_minutes_per_week = 1;
  ev.ordinary_minutes_per_week = 600;
  ev.company = "company-7";
  ev.tasks = tasks;
  ev.task_count = 1;
  ev.sub_goals = sub_goals;
  ev.sub_goal_count = 1;
  ev.health = health;
  ev.health_count = 1;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_FOLLOWUP_PLAN, 2024, 2, 10);
  add_ok(c, &ev);
  /* Two ordinary hours on 12 February, still in Trin 2 (no contact person yet). */
  ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 2, 12);
  ev.minutes = 120;
  ev.hours_kind = KANTEN_HOURS_ORDINARY;
  add_ok(c, &ev);
  /* The bus trip and the training tracks (one of 13 weeks, one with its end). */
  const char* companies[] = {"company-7", "company-9"};
  ev = event_on(KANTEN_EVENT_BUS_TRIP, 2024, 2, 12);
  ev.trip = "trip-3";
  ev.companies = companies;
  ev.company_count = 2;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_TRAINING_TRACK, 2024, 2, 12);
  ev.track = "track-1";
  ev.workplace = "wp-2";
  ev.mentor = "mentor-4";
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_TRAINING_TRACK, 2024, 2, 13);
  ev.track = "track-2";
  ev.end.year = 2024, ev.end.month = 3, ev.end.day = 31;
  add_ok(c, &ev);
  /* The contact person at the agreement's company on 14 February: Trin 3. */
  ev = event_on(KANTEN_EVENT_CONTACT_PERSON, 2024, 2, 14);
  ev.company = "company-7";
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_HOURS_WORKED, 2024, 2, 20);
  ev.minutes = 180;
  ev.hours_kind = KANTEN_HOURS_ORDINARY;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_CONTACT, 2024, 2, 20);
  ev.channel = KANTEN_CHANNEL_PHONE;
  add_ok(c, &ev);

  /* Renegotiated at the same company on 1 March: 15 ordinary hours a week. */
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 3, 1);
  ev.agreement_kind = KANTEN_AGREEMENT_BOTH;
  ev.minutes_per_week = 1200;
  ev.has_ordinary_minutes_per_week = 1;
  ev.ordinary_minutes_per_week = 900;
  ev.company = "company-7";
  ev.tasks = tasks;
  ev.task_count = 1;
  ev.sub_goals = sub_goals;
  ev.sub_goal_count = 1;
  add_ok(c, &ev);

  /* A failure, the hearing with its answer period to 19 March, and contact attempts. */
  ev = event_on(KANTEN_EVENT_SANCTION_FAILURE, 2024, 3, 4);
  ev.failure_id = "F1";
  ev.failure = KANTEN_FAILURE_REFUSED_JOB_OFFER;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_HEARING_SENT, 2024, 3, 5);
  ev.failure_id = "F1";
  ev.answer_by.year = 2024, ev.answer_by.month = 3, ev.answer_by.day = 19;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_HEARING_SENT, 2024, 3, 6); /* a deadline before the hearing: reported */
  ev.failure_id = "F1";
  ev.answer_by.year = 2024, ev.answer_by.month = 3, ev.answer_by.day = 1;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT, 2024, 3, 22);
  ev.failure_id = "F1";
  ev.channel = KANTEN_CHANNEL_HOME_VISIT;
  ev.reached = 1;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT, 2024, 3, 25); /* written: never personal contact */
  ev.failure_id = "F1";
  ev.channel = KANTEN_CHANNEL_WRITTEN;
  ev.reached = 1;
  add_ok(c, &ev);

  /* Self-support on 15 April, aftercare on 20 April. */
  ev = event_on(KANTEN_EVENT_SELF_SUPPORT, 2024, 4, 15);
  ev.via = KANTEN_SELF_SUPPORT_JOB;
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_AFTERCARE_CONTACT, 2024, 4, 20);
  ev.channel = KANTEN_CHANNEL_PHONE;
  add_ok(c, &ev);
  CHECK(kanten_case_event_count(c) == 24);
  return c;
}

static kanten_evaluation* evaluate_with_alerts(const kanten_case* c, int y, int m, int d, int32_t inactive_days,
                                               int32_t trin2_days, int32_t stagnation_months) {
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = y, o.as_of.month = m, o.as_of.day = d;
  o.alerts.inactive_days = inactive_days;
  o.alerts.trin2_days = trin2_days;
  o.alerts.stagnation_months = stagnation_months;
  kanten_evaluation* e = NULL;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(e != NULL);
  return e;
}

static void test_casework_accessors_report_the_typed_case(void) {
  kanten_case* c = casework_case();

  /* 13 February: Trin 2 for 29 days, over the threshold of 20; the bus trip and tracks recorded. */
  kanten_evaluation* e = evaluate_with_alerts(c, 2024, 2, 13, 0, 20, 0);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  CHECK(kanten_evaluation_days_in_trin2(e) == 29);
  CHECK(kanten_evaluation_total_days_in_trin2(e) == 29);
  CHECK(kanten_evaluation_alert_count(e) == 1);
  kanten_alert a = KANTEN_ALERT_INIT;
  CHECK(kanten_evaluation_alert(e, 0, &a) == KANTEN_OK);
  CHECK(a.kind == KANTEN_ALERT_LONG_IN_TRIN2 && a.value == 29 && a.threshold == 20);
  CHECK(a.text != NULL && a.text[0] != '\0');
  CHECK(contains(a.source_seed, "004_") && contains(a.source_quote, "hurtigst muligt"));
  /* Agreement made, but the contact person is missing: Trin 2 is not complete. */
  CHECK(kanten_evaluation_missing_count(e) == 1);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_CONTACT_PERSON);
  kanten_evaluation_free(e);

  /* 10 March: Trin 3 since 14 February. */
  e = evaluate_with_alerts(c, 2024, 3, 10, 10, 20, 1);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB);
  kanten_date d = {0, 0, 0};
  CHECK(kanten_evaluation_since(e, &d) == 1 && date_is(d, 2024, 2, 14));
  CHECK(kanten_evaluation_days_in_trin2(e) == 0);
  CHECK(kanten_evaluation_total_days_in_trin2(e) == 30); /* 15 January to 14 February */

  /* The dated profile: moved out of the designated area on 5 February. */
  kanten_profile p = KANTEN_PROFILE_INIT;
  CHECK(kanten_evaluation_profile(e, &p) == KANTEN_OK);
  CHECK(p.benefit == KANTEN_BENEFIT_KONTANTHJAELP && p.activity_ready == 1);
  CHECK(p.lives_in_designated_area == 0 && p.in_integration_programme == 0);
  CHECK(kanten_evaluation_in_target_group(e) == 0);
  CHECK(kanten_evaluation_profile_period_count(e) == 2);
  kanten_profile_period pp = KANTEN_PROFILE_PERIOD_INIT;
  CHECK(kanten_evaluation_profile_period(e, 0, &pp) == KANTEN_OK);
  CHECK(date_is(pp.from, 0, 0, 0) && pp.member == 1 && pp.reason_count == 0 && pp.lives_in_designated_area == 1);
  CHECK(kanten_evaluation_profile_period(e, 1, &pp) == KANTEN_OK);
  CHECK(date_is(pp.from, 2024, 2, 5) && pp.member == 0 && pp.reason_count == 1);
  CHECK(pp.benefit == KANTEN_BENEFIT_KONTANTHJAELP && pp.activity_ready == 1 && pp.lives_in_designated_area == 0);
  CHECK(kanten_evaluation_profile_period_reason(e, 1, 0) == KANTEN_TARGET_OUTSIDE_DESIGNATED_AREA);

  /* Continuity: jf-002 since 1 February, one change. */
  kanten_jobformidler_continuity jc = KANTEN_JOBFORMIDLER_CONTINUITY_INIT;
  CHECK(kanten_evaluation_jobformidler(e, &jc) == 1);
  CHECK(jc.current != NULL && strcmp(jc.current, "jf-002") == 0);
  CHECK(date_is(jc.since, 2024, 2, 1) && jc.changes == 1 && jc.days_with_current == 38);
  CHECK(kanten_evaluation_inactive_since(e, &d) == 1 && date_is(d, 2024, 2, 20));

  /* The course of agreed hours: the renegotiation raised the ordinary hours. */
  CHECK(kanten_evaluation_agreement_count(e) == 2);
  kanten_agreement_record ar = KANTEN_AGREEMENT_RECORD_INIT;
  CHECK(kanten_evaluation_agreement(e, 0, &ar) == KANTEN_OK);
  CHECK(date_is(ar.date, 2024, 2, 10) && date_is(ar.start, 2024, 2, 10));
  CHECK(ar.kind == KANTEN_AGREEMENT_BOTH && ar.minutes_per_week == 1200);
  CHECK(ar.has_ordinary == 1 && ar.ordinary_minutes_per_week == 600);
  CHECK(ar.company != NULL && strcmp(ar.company, "company-7") == 0);
  CHECK(ar.renegotiation == 0 && ar.missing_term_count == 0);
  CHECK(kanten_evaluation_agreement(e, 1, &ar) == KANTEN_OK);
  CHECK(date_is(ar.start, 2024, 3, 1) && ar.ordinary_minutes_per_week == 900 && ar.renegotiation == 1);
  CHECK_ERROR(kanten_evaluation_agreement_missing_term(e, 1, 0), KANTEN_EINVAL, "'j'", NULL);

  /* Hours: February's ordinary minutes, of which those after entering Trin 3. */
  kanten_month_hours h = KANTEN_MONTH_HOURS_INIT;
  CHECK(kanten_evaluation_hours_count(e) == 1);
  CHECK(kanten_evaluation_hours(e, 0, &h) == KANTEN_OK);
  CHECK(h.month.month == 2 && h.ordinary == 300 && h.ordinary_in_trin3 == 180);
  CHECK(kanten_evaluation_ordinary_in_trin3_this_month(e) == 0);
  /* A version 1 struct gets the version 1 fields only. */
  kanten_month_hours h1 = KANTEN_MONTH_HOURS_INIT;
  h1.version = 1;
  h1.ordinary_in_trin3 = -77;
  CHECK(kanten_evaluation_hours(e, 0, &h1) == KANTEN_OK);
  CHECK(h1.ordinary == 300 && h1.ordinary_in_trin3 == -77);

  /* The follow-up year runs from the first agreement's start; Trin 3 began on 14 February. */
  kanten_followup f = KANTEN_FOLLOWUP_INIT;
  CHECK(kanten_evaluation_followup(e, &f) == KANTEN_OK);
  CHECK(f.applies == 1 && date_is(f.start, 2024, 2, 10) && date_is(f.trin3_entry, 2024, 2, 14));
  CHECK(f.due_this_month == 1 && date_is(f.deadline, 2024, 3, 31));
  kanten_followup f1 = KANTEN_FOLLOWUP_INIT;
  f1.version = 1;
  f1.trin3_entry.year = -5;
  CHECK(kanten_evaluation_followup(e, &f1) == KANTEN_OK);
  CHECK(date_is(f1.start, 2024, 2, 10) && f1.trin3_entry.year == -5);

  /* Programme events of the record. */
  CHECK(kanten_evaluation_bus_trip_count(e) == 1);
  kanten_bus_trip_record bt = KANTEN_BUS_TRIP_RECORD_INIT;
  CHECK(kanten_evaluation_bus_trip(e, 0, &bt) == KANTEN_OK);
  CHECK(date_is(bt.date, 2024, 2, 12) && strcmp(bt.trip, "trip-3") == 0 && bt.attended == 1 && bt.company_count == 2);
  CHECK(strcmp(kanten_evaluation_bus_trip_company(e, 0, 1), "company-9") == 0);
  CHECK(kanten_evaluation_bus_trip_company(e, 0, 2) == NULL && contains(kanten_last_error(), "'j'"));
  CHECK(kanten_evaluation_training_count(e) == 2);
  kanten_training_record tr = KANTEN_TRAINING_RECORD_INIT;
  CHECK(kanten_evaluation_training(e, 0, &tr) == KANTEN_OK);
  CHECK(date_is(tr.start, 2024, 2, 12) && date_is(tr.end, 2024, 5, 12)); /* 13 weeks */
  CHECK(strcmp(tr.track, "track-1") == 0 && strcmp(tr.workplace, "wp-2") == 0 && strcmp(tr.mentor, "mentor-4") == 0);
  CHECK(kanten_evaluation_training(e, 1, &tr) == KANTEN_OK);
  CHECK(date_is(tr.end, 2024, 3, 31) && strcmp(tr.track, "track-2") == 0);
  CHECK(tr.workplace == NULL && tr.mentor == NULL);

  /* Alerts: 19 days without contact (threshold 10); not in Trin 2; the ordinary hours rose on 1
   * March, so no stagnation after one month yet. */
  CHECK(kanten_evaluation_alert_count(e) == 1);
  CHECK(kanten_evaluation_alert(e, 0, &a) == KANTEN_OK);
  CHECK(a.kind == KANTEN_ALERT_INACTIVE && a.value == 19 && a.threshold == 10);
  CHECK(contains(a.source_quote, "inaktivitet"));

  /* The hearing's answer period has not passed: the answer waits. */
  CHECK(kanten_evaluation_sanction_count(e) == 1);
  kanten_sanction s = KANTEN_SANCTION_INIT;
  CHECK(kanten_evaluation_sanction(e, 0, &s) == KANTEN_OK);
  CHECK(s.status == KANTEN_SANCTION_UNDECIDED && s.pending_count >= 1);
  kanten_evaluation_free(e);

  /* 5 April: no rise of the ordinary hours since 1 March: stagnation after one month. Both the
   * deadline before the hearing and the written attempt are reported, not applied. */
  e = evaluate_with_alerts(c, 2024, 4, 5, 0, 0, 1);
  CHECK(kanten_evaluation_alert_count(e) == 1);
  CHECK(kanten_evaluation_alert(e, 0, &a) == KANTEN_OK);
  CHECK(a.kind == KANTEN_ALERT_STAGNATION && a.value == 1 && a.threshold == 1);
  int before_hearing = 0, not_personal = 0;
  for (size_t i = 0; i < kanten_evaluation_not_applied_count(e); ++i) {
    kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
    CHECK(kanten_evaluation_not_applied(e, i, &na) == KANTEN_OK);
    if (na.reason == KANTEN_NOT_APPLIED_ANSWER_BY_BEFORE_HEARING) ++before_hearing;
    if (na.reason == KANTEN_NOT_APPLIED_NOT_PERSONAL_CHANNEL) {
      ++not_personal;
      CHECK(na.kind == KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT && date_is(na.date, 2024, 3, 25));
    }
  }
  CHECK(before_hearing == 1 && not_personal == 1);
  CHECK(kanten_evaluation_not_applied_count(e) == 2);
  kanten_evaluation_free(e);

  /* 31 May: self-supporting since 15 April, aftercare recorded; no alert outside the course. */
  e = evaluate_with_alerts(c, 2024, 5, 31, 10, 10, 1);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_EXIT_SELF_SUPPORT);
  CHECK(kanten_evaluation_alert_count(e) == 0);
  CHECK(kanten_evaluation_aftercare_count(e) == 1);
  kanten_aftercare ac = KANTEN_AFTERCARE_INIT;
  CHECK(kanten_evaluation_aftercare(e, 0, &ac) == KANTEN_OK);
  CHECK(date_is(ac.date, 2024, 4, 20) && ac.channel == KANTEN_CHANNEL_PHONE);

  /* The typed case written as JSON reads back to the same evaluation. */
  char* json = NULL;
  CHECK(kanten_case_to_json(c, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"answer_by\":\"2024-03-19\"") && contains(json, "\"kind\":\"training_track\""));
  kanten_case* back = NULL;
  CHECK(kanten_case_from_json(json, KANTEN_NUL_TERMINATED, &back) == KANTEN_OK);
  kanten_string_free(json);
  CHECK(kanten_case_rejected_count(back) == 0);
  kanten_evaluation* e2 = evaluate_with_alerts(back, 2024, 5, 31, 10, 10, 1);
  char *j1 = NULL, *j2 = NULL;
  CHECK(kanten_evaluation_to_json(e, -1, &j1) == KANTEN_OK);
  CHECK(kanten_evaluation_to_json(e2, -1, &j2) == KANTEN_OK);
  CHECK(j1 && j2 && strcmp(j1, j2) == 0);
  kanten_string_free(j1);
  kanten_string_free(j2);
  kanten_evaluation_free(e2);
  kanten_case_free(back);
  kanten_evaluation_free(e);

  /* Before any jobformidler or contact. */
  kanten_case* empty = NULL;
  CHECK(kanten_case_new("c-0299", NULL, &empty) == KANTEN_OK);
  e = evaluate_at(empty, 2024, 1, 1);
  jc.current = "sentinel";
  CHECK(kanten_evaluation_jobformidler(e, &jc) == 0);
  CHECK(jc.current == NULL && date_is(jc.since, 0, 0, 0) && jc.changes == 0 && jc.days_with_current == 0);
  d.year = 9;
  CHECK(kanten_evaluation_inactive_since(e, &d) == 0 && date_is(d, 0, 0, 0));
  CHECK(kanten_evaluation_profile_period_count(e) == 1);
  CHECK(kanten_evaluation_agreement_count(e) == 0 && kanten_evaluation_alert_count(e) == 0);
  kanten_evaluation_free(e);
  kanten_case_free(empty);
  kanten_case_free(c);
}

static void test_agreement_without_terms_reports_missing_terms(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("c-0203", NULL, &c) == KANTEN_OK);
  kanten_event ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_VISITATION, 2024, 1, 8);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 1, 8);
  ev.jobformidler = "jf-001";
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 1, 8);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 8);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 2, 1); /* no company, tasks, hours or sub-goals */
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_FOLLOWUP_PLAN, 2024, 2, 1);
  add_ok(c, &ev);
  ev = event_on(KANTEN_EVENT_CONTACT_PERSON, 2024, 2, 1);
  ev.company = "company-1";
  add_ok(c, &ev);
  kanten_evaluation* e = evaluate_at(c, 2024, 2, 2);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  kanten_agreement_record ar = KANTEN_AGREEMENT_RECORD_INIT;
  CHECK(kanten_evaluation_agreement(e, 0, &ar) == KANTEN_OK);
  CHECK(ar.company == NULL && ar.has_ordinary == 1 && ar.ordinary_minutes_per_week == 0);
  CHECK(ar.missing_term_count == 4);
  CHECK(kanten_evaluation_agreement_missing_term(e, 0, 0) == KANTEN_MISSING_AGREEMENT_COMPANY);
  CHECK(kanten_evaluation_agreement_missing_term(e, 0, 1) == KANTEN_MISSING_AGREEMENT_TASKS);
  CHECK(kanten_evaluation_agreement_missing_term(e, 0, 2) == KANTEN_MISSING_AGREEMENT_WEEKLY_HOURS);
  CHECK(kanten_evaluation_agreement_missing_term(e, 0, 3) == KANTEN_MISSING_AGREEMENT_SUB_GOALS);
  CHECK_ERROR(kanten_evaluation_agreement_missing_term(e, 0, 4), KANTEN_EINVAL, "'j'", NULL);
  CHECK_ERROR(kanten_evaluation_agreement_missing_term(e, 1, 0), KANTEN_EINVAL, "'i'", NULL);
  /* The step's missing items name the terms. */
  CHECK(kanten_evaluation_missing_count(e) == 4);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_AGREEMENT_COMPANY);
  CHECK(kanten_evaluation_missing(e, 3) == KANTEN_MISSING_AGREEMENT_SUB_GOALS);
  kanten_evaluation_free(e);

  /* A new agreement with its terms, at another company than the contact person's: Trin 2 stays
   * incomplete for the contact person's company alone. */
  const char* tasks[] = {"packing"};
  const char* sub_goals[] = {"four hours a day"};
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 2, 3);
  ev.minutes_per_week = 600;
  ev.company = "company-2";
  ev.tasks = tasks;
  ev.task_count = 1;
  ev.sub_goals = sub_goals;
  ev.sub_goal_count = 1;
  add_ok(c, &ev);
  e = evaluate_at(c, 2024, 2, 4);
  CHECK(kanten_evaluation_step(e) == KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB);
  CHECK(kanten_evaluation_agreement_count(e) == 2);
  CHECK(kanten_evaluation_agreement(e, 1, &ar) == KANTEN_OK);
  CHECK(ar.missing_term_count == 0 && ar.renegotiation == 0 && strcmp(ar.company, "company-2") == 0);
  CHECK(ar.has_ordinary == 1 && ar.ordinary_minutes_per_week == 600); /* ordinary_hours: all of them */
  CHECK(kanten_evaluation_missing_count(e) == 1);
  CHECK(kanten_evaluation_missing(e, 0) == KANTEN_MISSING_CONTACT_PERSON_COMPANY);
  kanten_evaluation_free(e);
  kanten_case_free(c);
}

static void test_add_event_rejects_bad_new_fields_naming_them(void) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new("c-0204", NULL, &c) == KANTEN_OK);
  kanten_event ev;

  /* profile_changed: at least one change; the benefit in range. */
  ev = event_on(KANTEN_EVENT_PROFILE_CHANGED, 2024, 1, 8);
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.profile_change", "changes nothing");
  ev.profile_change.has_benefit = 1;
  ev.profile_change.benefit = KANTEN_BENEFIT_COUNT;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.profile_change.benefit", "'6'");
  ev.profile_change.benefit = -1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.profile_change.benefit", "'-1'");
  ev.profile_change.has_benefit = 0; /* a benefit out of range is not read without its flag */
  ev.profile_change.has_activity_ready = 1;
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);

  /* aftercare_contact: the channel in range. */
  ev = event_on(KANTEN_EVENT_AFTERCARE_CONTACT, 2024, 1, 8);
  ev.channel = KANTEN_CHANNEL_COUNT;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.channel", "'5'");

  /* bus_trip: the trip id required, not empty, not a CPR number; the companies array. */
  ev = event_on(KANTEN_EVENT_BUS_TRIP, 2024, 1, 8);
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.trip", "required");
  ev.trip = "";
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.trip", "empty");
  ev.trip = "0101901234";
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.trip", "CPR");
  CHECK(!contains(kanten_last_error(), "0101901234"));
  ev.trip = "trip-1";
  ev.company_count = 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.companies", "NULL array");
  const char* companies[] = {"company-1", NULL, ""};
  ev.companies = companies;
  ev.company_count = 2;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.companies[1]", "required");
  companies[1] = "";
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.companies[1]", "empty");

  /* training_track: the track id required; an end given must be a date; ids not CPR numbers. */
  ev = event_on(KANTEN_EVENT_TRAINING_TRACK, 2024, 1, 8);
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.track", "required");
  ev.track = "track-1";
  ev.end.year = 2024, ev.end.month = 2, ev.end.day = 30;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.end", "2024-2-30");
  ev.end.day = 29;
  ev.mentor = "010190-1234";
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.mentor", "CPR");
  CHECK(!contains(kanten_last_error(), "010190"));
  ev.mentor = "";
  ev.workplace = "0101901234";
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.workplace", "CPR");

  /* hearing_sent: an answer_by given must be a date. */
  ev = event_on(KANTEN_EVENT_HEARING_SENT, 2024, 1, 8);
  ev.failure_id = "F1";
  ev.answer_by.year = 2024, ev.answer_by.month = 13, ev.answer_by.day = 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.answer_by", "2024-13-1");

  /* agreement: the ordinary minutes are part of the working time. */
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 1, 8);
  ev.minutes_per_week = 600;
  ev.has_ordinary_minutes_per_week = 1;
  ev.ordinary_minutes_per_week = -1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.ordinary_minutes_per_week", "'-1'");
  ev.ordinary_minutes_per_week = 601;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.ordinary_minutes_per_week", "more than");
  ev.has_ordinary_minutes_per_week = 0; /* not read without its flag */
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  CHECK(kanten_case_event_count(c) == 2);

  /* A version 1 struct: the version 2 fields are not read, the version 2 kinds refused. */
  ev = event_on(KANTEN_EVENT_HEARING_SENT, 2024, 1, 9);
  ev.version = 1;
  ev.failure_id = "F1";
  ev.answer_by.year = 2024, ev.answer_by.month = 2, ev.answer_by.day = 30; /* EINVAL if it were read */
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  ev = event_on(KANTEN_EVENT_AGREEMENT, 2024, 1, 9);
  ev.version = 1;
  ev.has_ordinary_minutes_per_week = 1;
  ev.ordinary_minutes_per_week = -5; /* EINVAL if it were read */
  CHECK(kanten_case_add_event(c, &ev) == KANTEN_OK);
  static const int v2_kinds[] = {KANTEN_EVENT_PROFILE_CHANGED, KANTEN_EVENT_AFTERCARE_CONTACT, KANTEN_EVENT_BUS_TRIP,
                                 KANTEN_EVENT_TRAINING_TRACK};
  for (size_t i = 0; i < sizeof v2_kinds / sizeof v2_kinds[0]; ++i) {
    ev = event_on(v2_kinds[i], 2024, 1, 9);
    ev.version = 1;
    ev.trip = ev.track = "x-1";
    ev.profile_change.has_activity_ready = 1;
    CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.kind", "version 2");
  }
  ev = event_on(KANTEN_EVENT_CV_COMPLETED, 2024, 1, 9);
  ev.version = KANTEN_EVENT_VERSION + 1;
  CHECK_ERROR(kanten_case_add_event(c, &ev), KANTEN_EINVAL, "event.version", "'3'");
  CHECK(kanten_case_event_count(c) == 4);

  /* The version 1 hearing carried no answer_by; the version 2 one gives it back in JSON. */
  char* json = NULL;
  CHECK(kanten_case_to_json(c, -1, &json) == KANTEN_OK);
  CHECK(!contains(json, "answer_by"));
  kanten_string_free(json);
  kanten_case_free(c);
}

static void test_evaluate_alert_options_are_validated(void) {
  kanten_case* c = casework_case();
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024, o.as_of.month = 3, o.as_of.day = 10;
  kanten_evaluation* e = NULL;
  o.alerts.inactive_days = -1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "alerts.inactive_days", "'-1'");
  CHECK(e == NULL);
  o.alerts.inactive_days = KANTEN_MAX_ALERT_DAYS;
  o.alerts.trin2_days = KANTEN_MAX_ALERT_DAYS + 1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "alerts.trin2_days", "'36501'");
  o.alerts.trin2_days = 0;
  o.alerts.stagnation_months = KANTEN_MAX_ALERT_MONTHS + 1;
  CHECK_ERROR(kanten_evaluate(c, &o, &e), KANTEN_EINVAL, "alerts.stagnation_months", "'601'");
  kanten_evaluations* es = NULL;
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_new(&load) == KANTEN_OK);
  CHECK(kanten_caseload_add_case(load, c) == KANTEN_OK);
  CHECK_ERROR(kanten_evaluate_caseload(load, &o, &es), KANTEN_EINVAL, "alerts.stagnation_months", NULL);
  CHECK(es == NULL);
  o.alerts.stagnation_months = KANTEN_MAX_ALERT_MONTHS;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(kanten_evaluation_alert_count(e) == 0); /* thresholds at their largest: nothing passed */
  kanten_evaluation_free(e);
  /* A version 1 struct has no alerts: its (garbage) thresholds are not read. */
  o.version = 1;
  o.alerts.inactive_days = -1;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(kanten_evaluation_alert_count(e) == 0);
  kanten_evaluation_free(e);
  o.version = 2;
  o.alerts.inactive_days = 1;
  CHECK(kanten_evaluate(c, &o, &e) == KANTEN_OK);
  CHECK(kanten_evaluation_alert_count(e) == 1);

  /* The new accessors on NULL, bad versions and indices. */
  kanten_profile p = KANTEN_PROFILE_INIT;
  kanten_profile_period pp = KANTEN_PROFILE_PERIOD_INIT;
  kanten_jobformidler_continuity jc = KANTEN_JOBFORMIDLER_CONTINUITY_INIT;
  kanten_agreement_record ar = KANTEN_AGREEMENT_RECORD_INIT;
  kanten_aftercare ac = KANTEN_AFTERCARE_INIT;
  kanten_bus_trip_record bt = KANTEN_BUS_TRIP_RECORD_INIT;
  kanten_training_record tr = KANTEN_TRAINING_RECORD_INIT;
  kanten_alert a = KANTEN_ALERT_INIT;
  kanten_date d;
  CHECK_ERROR(kanten_evaluation_profile(NULL, &p), KANTEN_EINVAL, "kanten_evaluation_profile", "'e'");
  CHECK_ERROR(kanten_evaluation_profile(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  p.version = 0;
  CHECK_ERROR(kanten_evaluation_profile(e, &p), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_evaluation_profile_period_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_profile_period(e, 2, &pp), KANTEN_EINVAL, "'i'", NULL);
  pp.version = 2;
  CHECK_ERROR(kanten_evaluation_profile_period(e, 0, &pp), KANTEN_EINVAL, "out->version", NULL);
  CHECK_ERROR(kanten_evaluation_profile_period_reason(e, 0, 0), KANTEN_EINVAL, "'j'", NULL);
  CHECK_ERROR(kanten_evaluation_profile_period_reason(NULL, 0, 0), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_jobformidler(NULL, &jc), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_jobformidler(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  jc.version = 9;
  CHECK_ERROR(kanten_evaluation_jobformidler(e, &jc), KANTEN_EINVAL, "out->version", "'9'");
  CHECK_ERROR(kanten_evaluation_inactive_since(NULL, &d), KANTEN_EINVAL, "'e'", NULL);
  CHECK_ERROR(kanten_evaluation_inactive_since(e, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK(kanten_evaluation_days_in_trin2(NULL) == KANTEN_EINVAL && contains(kanten_last_error(), "'e'"));
  CHECK(kanten_evaluation_total_days_in_trin2(NULL) == KANTEN_EINVAL);
  CHECK(kanten_evaluation_ordinary_in_trin3_this_month(NULL) == KANTEN_EINVAL);
  CHECK(kanten_evaluation_agreement_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_agreement(e, 2, &ar), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_agreement(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  ar.version = 0;
  CHECK_ERROR(kanten_evaluation_agreement(e, 0, &ar), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_evaluation_aftercare_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_aftercare(e, 0, &ac), KANTEN_EINVAL, "'i'", NULL);
  CHECK(kanten_evaluation_bus_trip_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_bus_trip(e, 1, &bt), KANTEN_EINVAL, "'i'", NULL);
  bt.version = 0;
  CHECK_ERROR(kanten_evaluation_bus_trip(e, 0, &bt), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_evaluation_bus_trip_company(NULL, 0, 0) == NULL && contains(kanten_last_error(), "'e'"));
  CHECK(kanten_evaluation_training_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_training(e, 2, &tr), KANTEN_EINVAL, "'i'", NULL);
  tr.version = 2;
  CHECK_ERROR(kanten_evaluation_training(e, 0, &tr), KANTEN_EINVAL, "out->version", NULL);
  CHECK(kanten_evaluation_alert_count(NULL) == 0);
  CHECK_ERROR(kanten_evaluation_alert(e, 1, &a), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_evaluation_alert(e, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  a.version = 0;
  CHECK_ERROR(kanten_evaluation_alert(e, 0, &a), KANTEN_EINVAL, "out->version", NULL);
  kanten_evaluation_free(e);
  kanten_caseload_free(load);
  kanten_case_free(c);
}

/* A case in Trin 1 with a jobformidler (or none) and no contact since `y-m-d`. */
static kanten_case* waiting_case(const char* citizen, const char* jobformidler, int y, int m, int d) {
  kanten_case* c = NULL;
  CHECK(kanten_case_new(citizen, NULL, &c) == KANTEN_OK);
  kanten_event ev = event_on(KANTEN_EVENT_FIRST_CONVERSATION, y, m, d);
  add_ok(c, &ev);
  if (jobformidler) {
    ev = event_on(KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, y, m, d);
    ev.jobformidler = jobformidler;
    add_ok(c, &ev);
  }
  return c;
}

static void test_worklist_v2_filters_and_groups_by_jobformidler(void) {
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_new(&load) == KANTEN_OK);
  kanten_case* cases[3] = {casework_case(), waiting_case("c-0202", "jf-001", 2024, 1, 8),
                           waiting_case("c-0203", NULL, 2024, 2, 1)};
  for (int i = 0; i < 3; ++i) {
    CHECK(kanten_caseload_add_case(load, cases[i]) == KANTEN_OK);
    kanten_case_free(cases[i]);
  }
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = 2024, o.as_of.month = 3, o.as_of.day = 10;
  o.alerts.inactive_days = 10;
  kanten_evaluations* es = NULL;
  CHECK(kanten_evaluate_caseload(load, &o, &es) == KANTEN_OK);

  /* Everyone: c-0201's follow-up is due (and inactive); the other two are on it for their alerts. */
  kanten_worklist* w = NULL;
  CHECK(kanten_followup_worklist_v2(es, NULL, &w) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(kanten_worklist_count(w) == 3);
  kanten_worklist_entry we = KANTEN_WORKLIST_ENTRY_INIT;
  CHECK(kanten_worklist_entry_get(w, 0, &we) == KANTEN_OK);
  CHECK(strcmp(we.citizen, "c-0201") == 0 && we.followup_due == 1 && date_is(we.deadline, 2024, 3, 31));
  CHECK(we.jobformidler != NULL && strcmp(we.jobformidler, "jf-002") == 0);
  CHECK(we.step == KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB && we.alert_count == 1);
  kanten_alert a = KANTEN_ALERT_INIT;
  CHECK(kanten_worklist_entry_alert(w, 0, 0, &a) == KANTEN_OK);
  CHECK(a.kind == KANTEN_ALERT_INACTIVE && a.value == 19 && a.threshold == 10 && a.text && a.text[0]);
  CHECK(contains(a.source_section, "Kerneelement 5"));
  CHECK(kanten_worklist_entry_get(w, 1, &we) == KANTEN_OK);
  CHECK(strcmp(we.citizen, "c-0202") == 0 && we.followup_due == 0 && date_is(we.deadline, 0, 0, 0));
  CHECK(strcmp(we.jobformidler, "jf-001") == 0 && we.step == KANTEN_STEP_TRIN1_AFKLARING && we.alert_count == 1);
  CHECK(kanten_worklist_entry_alert(w, 1, 0, &a) == KANTEN_OK && a.value == 62);
  CHECK(kanten_worklist_entry_get(w, 2, &we) == KANTEN_OK);
  CHECK(strcmp(we.citizen, "c-0203") == 0 && we.jobformidler == NULL);
  CHECK_ERROR(kanten_worklist_entry_alert(w, 2, 1, &a), KANTEN_EINVAL, "'j'", NULL);
  CHECK_ERROR(kanten_worklist_entry_alert(w, 3, 0, &a), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_worklist_entry_alert(NULL, 0, 0, &a), KANTEN_EINVAL, "'w'", NULL);
  CHECK_ERROR(kanten_worklist_entry_alert(w, 0, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  a.version = 0;
  CHECK_ERROR(kanten_worklist_entry_alert(w, 0, 0, &a), KANTEN_EINVAL, "out->version", NULL);
  /* A version 1 entry gets the version 1 fields only. */
  kanten_worklist_entry w1 = KANTEN_WORKLIST_ENTRY_INIT;
  w1.version = 1;
  w1.jobformidler = "sentinel";
  w1.alert_count = 99;
  CHECK(kanten_worklist_entry_get(w, 0, &w1) == KANTEN_OK);
  CHECK(strcmp(w1.citizen, "c-0201") == 0 && strcmp(w1.jobformidler, "sentinel") == 0 && w1.alert_count == 99);
  char* json = NULL;
  CHECK(kanten_worklist_to_json(w, -1, &json) == KANTEN_OK);
  CHECK(contains(json, "\"jobformidler\":\"jf-002\"") && contains(json, "\"followup_due\""));
  kanten_string_free(json);
  kanten_worklist_free(w);

  /* kanten_followup_worklist is the same as version 2 without options. */
  CHECK(kanten_followup_worklist(es, &w) == KANTEN_OK);
  CHECK(kanten_worklist_count(w) == 3);
  kanten_worklist_free(w);

  /* One jobformidler's citizens. */
  kanten_worklist_options wo = KANTEN_WORKLIST_OPTIONS_INIT;
  char jf[8] = "jf-001";
  wo.jobformidler = jf;
  CHECK(kanten_followup_worklist_v2(es, &wo, &w) == KANTEN_OK);
  jf[3] = 'x'; /* copied */
  CHECK(kanten_worklist_count(w) == 1);
  CHECK(kanten_worklist_entry_get(w, 0, &we) == KANTEN_OK && strcmp(we.citizen, "c-0202") == 0);
  kanten_worklist_free(w);
  wo.jobformidler = "jf-999";
  CHECK(kanten_followup_worklist_v2(es, &wo, &w) == KANTEN_OK);
  CHECK(kanten_worklist_count(w) == 0);
  kanten_worklist_free(w);

  /* Grouped by jobformidler, those without one last. */
  wo.jobformidler = NULL;
  wo.group_by_jobformidler = 1;
  CHECK(kanten_followup_worklist_v2(es, &wo, &w) == KANTEN_OK);
  const char* order[] = {"c-0202", "c-0201", "c-0203"};
  CHECK(kanten_worklist_count(w) == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(kanten_worklist_entry_get(w, i, &we) == KANTEN_OK);
    CHECK(strcmp(we.citizen, order[i]) == 0);
  }
  kanten_worklist_free(w);

  /* Bad options. */
  w = (kanten_worklist*)&wo;
  wo.jobformidler = "";
  CHECK_ERROR(kanten_followup_worklist_v2(es, &wo, &w), KANTEN_EINVAL, "options.jobformidler", "must not be empty");
  CHECK(w == NULL);
  wo.jobformidler = "010190-1234";
  CHECK_ERROR(kanten_followup_worklist_v2(es, &wo, &w), KANTEN_EINVAL, "options.jobformidler", "CPR");
  CHECK(!contains(kanten_last_error(), "010190"));
  wo.jobformidler = NULL;
  wo.version = 0;
  CHECK_ERROR(kanten_followup_worklist_v2(es, &wo, &w), KANTEN_EINVAL, "options.version", "'0'");
  wo.version = KANTEN_WORKLIST_OPTIONS_VERSION + 1;
  CHECK_ERROR(kanten_followup_worklist_v2(es, &wo, &w), KANTEN_EINVAL, "options.version", NULL);
  CHECK_ERROR(kanten_followup_worklist_v2(NULL, NULL, &w), KANTEN_EINVAL, "kanten_followup_worklist", "'es'");
  CHECK_ERROR(kanten_followup_worklist_v2(es, NULL, NULL), KANTEN_EINVAL, "'out'", NULL);
  kanten_evaluations_free(es);
  kanten_caseload_free(load);
}

int main(void) {
  test_version_and_status();
  test_names();
  test_step_model_dot();
  test_case_new();
  test_add_event_rejects_what_cannot_be_represented();
  test_typed_case_through_all_steps();
  test_carried_then_reported();
  test_evaluate_arguments();
  test_accessors_on_null_and_bad_indices();
  test_case_json();
  test_caseload_and_worklist();
  test_programme();
  test_sanction_question();
  test_matching();
  test_match_selection();
  test_bus_and_training();
  test_casework_accessors_report_the_typed_case();
  test_agreement_without_terms_reports_missing_terms();
  test_add_event_rejects_bad_new_fields_naming_them();
  test_evaluate_alert_options_are_validated();
  test_worklist_v2_filters_and_groups_by_jobformidler();
#if !defined(__STDC_NO_THREADS__)
  test_threads();
#endif
  test_last_error_lifecycle();
  test_fuzz_regressions();
  test_hardening();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
