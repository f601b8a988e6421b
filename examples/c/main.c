/* kanten's C example: a citizen's case built from typed events (no JSON on the way in),
 * evaluated as of two dates; prints the step, the reasons and the evaluation as JSON.
 *
 * Build against an installed kanten: see CMakeLists.txt (find_package) or Makefile (pkg-config). */
#include <kanten.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints the failed call's status and message and exits. */
static void check(int status, const char* what) {
  if (status < 0) {
    fprintf(stderr, "%s: %s (%s)\n", what, kanten_last_error(), kanten_status_string(status));
    exit(1);
  }
}

static void add(kanten_case* c, int kind, int y, int m, int d, kanten_event* ev) {
  ev->kind = kind;
  ev->date.year = y;
  ev->date.month = m;
  ev->date.day = d;
  check(kanten_case_add_event(c, ev), "kanten_case_add_event");
}

static void report(const kanten_case* c, int y, int m, int d, int with_json) {
  kanten_evaluate_options opts = KANTEN_EVALUATE_OPTIONS_INIT;
  opts.as_of.year = y;
  opts.as_of.month = m;
  opts.as_of.day = d;
  kanten_evaluation* e = NULL;
  check(kanten_evaluate(c, &opts, &e), "kanten_evaluate");

  const int step = kanten_evaluation_step(e);
  kanten_date since;
  printf("as of %04d-%02d-%02d\n  step: %s (%s)", y, m, d, kanten_step_name(step), kanten_step_label(step));
  if (kanten_evaluation_since(e, &since) == 1) printf(" since %04d-%02d-%02d", since.year, since.month, since.day);
  printf("\n");

  /* Why: every step change names the rule of the step model it followed. */
  for (size_t i = 0; i < kanten_evaluation_history_count(e); ++i) {
    kanten_step_change ch = KANTEN_STEP_CHANGE_INIT;
    check(kanten_evaluation_history(e, i, &ch), "kanten_evaluation_history");
    printf("  %04d-%02d-%02d %s -> %s: %s\n", ch.date.year, ch.date.month, ch.date.day, kanten_step_name(ch.from),
           kanten_step_name(ch.to), ch.description);
  }
  for (size_t i = 0; i < kanten_evaluation_missing_count(e); ++i)
    printf("  still missing: %s\n", kanten_evaluation_missing_text(e, i));
  for (size_t i = 0; i < kanten_evaluation_not_applied_count(e); ++i) {
    kanten_not_applied n = KANTEN_NOT_APPLIED_INIT;
    check(kanten_evaluation_not_applied(e, i, &n), "kanten_evaluation_not_applied");
    printf("  not applied: event %zu (%s): %s\n", n.index, n.kind >= 0 ? kanten_event_kind_name(n.kind) : "unreadable",
           n.text);
  }
  kanten_step_change x = KANTEN_STEP_CHANGE_INIT;
  if (kanten_evaluation_exit(e, &x) == 1)
    printf("  exit on %04d-%02d-%02d by rule %s (%s, %s)\n", x.date.year, x.date.month, x.date.day, x.rule,
           x.source_seed, x.source_section);

  if (with_json) {
    char* json = NULL;
    check(kanten_evaluation_to_json(e, 2, &json), "kanten_evaluation_to_json");
    printf("%s\n", json);
    kanten_string_free(json);
  }
  kanten_evaluation_free(e);
}

int main(void) {
  if (kanten_version_number() != KANTEN_VERSION_NUMBER) {
    fprintf(stderr, "built against kanten %s, running with %s\n", KANTEN_VERSION_STRING, kanten_version_string());
    return 1;
  }
  kanten_case* c = NULL;
  check(kanten_case_new("c-0001", NULL, &c), "kanten_case_new");

  kanten_event ev = KANTEN_EVENT_INIT;
  add(c, KANTEN_EVENT_FIRST_CONVERSATION, 2024, 1, 8, &ev);
  ev.outcome = KANTEN_VISITATION_PROJECT;
  add(c, KANTEN_EVENT_VISITATION, 2024, 1, 8, &ev);
  ev.jobformidler = "jf-017";
  add(c, KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, 2024, 1, 10, &ev);
  add(c, KANTEN_EVENT_CV_COMPLETED, 2024, 1, 15, &ev);
  const char* wishes[] = {"9412", "warehouse"};
  ev.goal = KANTEN_GOAL_EMPLOYMENT;
  ev.wishes = wishes;
  ev.wish_count = 2;
  add(c, KANTEN_EVENT_JOB_DIRECTION_SET, 2024, 1, 22, &ev);
  ev.agreement_kind = KANTEN_AGREEMENT_ORDINARY_HOURS;
  ev.minutes_per_week = 600;
  ev.company = "company-023";
  add(c, KANTEN_EVENT_AGREEMENT, 2024, 2, 1, &ev);
  add(c, KANTEN_EVENT_FOLLOWUP_PLAN, 2024, 2, 1, &ev);
  add(c, KANTEN_EVENT_CONTACT_PERSON, 2024, 2, 1, &ev);
  ev.channel = KANTEN_CHANNEL_PHONE;
  add(c, KANTEN_EVENT_CONTACT, 2024, 2, 12, &ev);
  ev.hours_kind = KANTEN_HOURS_ORDINARY;
  ev.minutes = 600;
  add(c, KANTEN_EVENT_HOURS_WORKED, 2024, 3, 5, &ev);
  add(c, KANTEN_EVENT_HOURS_WORKED, 2024, 3, 12, &ev);
  add(c, KANTEN_EVENT_HOURS_WORKED, 2024, 3, 19, &ev);
  add(c, KANTEN_EVENT_CONTACT, 2024, 3, 20, &ev);

  report(c, 2024, 1, 31, 0); /* Trin 2: the course is still to be agreed */
  report(c, 2024, 4, 30, 1); /* 30 ordinary hours in March: the exit, with the JSON evaluation */
  kanten_case_free(c);
  return 0;
}
