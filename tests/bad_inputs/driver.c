/* tests/bad_inputs/driver.c — runs one bad-input case through kanten's C ABI (C11, kanten.h only).
 *
 *   kanten_bad_input_driver ENTRY [FILE] [key=value ...]
 *
 * ENTRY is one of: case, caseload, sanction, market, weights, bus_plan, training_plan, bus_cost,
 * case_new, add_event, add_case_twice, programme, matcher. FILE is read as bytes and passed with
 * its exact length (so a NUL byte inside is passed on), unless len=nul (KANTEN_NUL_TERMINATED)
 * or text=null (a NULL pointer). Options (key=value):
 *   strict=0|1 max_bytes=N   use the *_from_json_v2 reader with these kanten_read_options
 *   options_version=N         the version of kanten_read_options / the options struct passed
 *   indent=N                  the indent of the *_to_json writer called after a successful read
 *   as_of=YYYY-MM-DD          the evaluation date (default 2024-06-30); any ints "Y-M-D"
 *   daily_rate=N              kanten_evaluate_options.daily_rate (has_daily_rate = 1)
 *   inactive_days=N trin2_days=N stagnation_months=N   kanten_evaluate_options.alerts (0: off)
 *   start=YYYY-MM-DD          training_plan start (default {0,0,0}: the request's)
 *   participants=N staff_rate=N   bus_cost
 *   id=TEXT                   case_new: the citizen id ("<null>" for NULL)
 *   kind=N minutes=N failure_id=TEXT|<null> version=N   add_event
 *   retention=a,b,c           programme: retention months
 *   market=PATH               matcher: the market the matcher is built from; FILE is then one
 *                             citizen object upserted into it (text=null: a NULL pointer)
 *   citizen=ID|<null> task=ID|<null> k=N per_company=N   matcher: a top_tasks / top_citizens query
 *   company=ID capacity=N     matcher: kanten_matcher_set_capacity
 *
 * Prints, one per line: "stage NAME" before each call, "warning FIELD<TAB>MESSAGE" for input
 * warnings, "not_applied index=I kind=K date=Y-M-D reason=R field=F value=V text=T" for the
 * evaluation's events not applied, "output BYTES" for the length of a JSON output, and last
 * "status N NAME" and "error MESSAGE" (kanten_last_error()). Exits 0 whatever the status: the
 * runner checks the lines. A crash (signal) or a sanitizer report is a failure of the case. */
#include <kanten.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* opt(int argc, char** argv, const char* key) {
  size_t n = strlen(key);
  for (int i = 2; i < argc; ++i) {
    if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=') return argv[i] + n + 1;
  }
  return NULL;
}

static long long opt_ll(int argc, char** argv, const char* key, long long fallback) {
  const char* v = opt(argc, argv, key);
  return v ? strtoll(v, NULL, 10) : fallback;
}

static kanten_date opt_date(int argc, char** argv, const char* key, kanten_date fallback) {
  const char* v = opt(argc, argv, key);
  if (!v) return fallback;
  kanten_date d = {0, 0, 0};
  if (sscanf(v, "%d-%d-%d", &d.year, &d.month, &d.day) != 3) return fallback;
  return d;
}

static const char* status_name(int s) {
  switch (s) {
    case KANTEN_OK: return "KANTEN_OK";
    case KANTEN_EINVAL: return "KANTEN_EINVAL";
    case KANTEN_EPARSE: return "KANTEN_EPARSE";
    case KANTEN_EINPUT: return "KANTEN_EINPUT";
    case KANTEN_EIO: return "KANTEN_EIO";
    case KANTEN_ENOMEM: return "KANTEN_ENOMEM";
    case KANTEN_EINTERNAL: return "KANTEN_EINTERNAL";
    default: return "UNKNOWN";
  }
}

/* The last error right after the last call that set a status (later accessors may reset it). */
static char last_error[8192];
static int last_error_null;

static int keep(int status) {
  const char* e = kanten_last_error();
  last_error_null = e == NULL;
  snprintf(last_error, sizeof last_error, "%s", e ? e : "");
  if (e != NULL && status == KANTEN_OK && e[0] != '\0') printf("success did not reset the last error\n");
  return status;
}

/* Prints the final status and the last error, and returns 0 (the process's exit code). */
static int finish(int status) {
  const char* e = last_error_null ? NULL : last_error;
  printf("status %d %s\n", status, status_name(status));
  printf("error %s\n", e ? e : "<NULL>");
  if (e == NULL) return 3; /* the header promises never NULL */
  if (status == KANTEN_OK && e[0] != '\0') return 4; /* success resets the error to "" */
  if (status != KANTEN_OK && e[0] == '\0') return 5; /* a failure always says why */
  return 0;
}

static void stage(const char* name) {
  printf("stage %s\n", name);
  fflush(stdout);
}

static void print_warning(int status, const kanten_input_warning* w) {
  if (status == KANTEN_OK) printf("warning %s\t%s\n", w->field ? w->field : "<NULL>", w->message ? w->message : "<NULL>");
}

static void print_date(kanten_date d) { printf("%04d-%02d-%02d", d.year, d.month, d.day); }

static void print_not_applied(const kanten_evaluation* e) {
  size_t n = kanten_evaluation_not_applied_count(e);
  for (size_t i = 0; i < n; ++i) {
    kanten_not_applied na = KANTEN_NOT_APPLIED_INIT;
    if (kanten_evaluation_not_applied(e, i, &na) != KANTEN_OK) continue;
    printf("not_applied index=%zu kind=%d date=", na.index, na.kind);
    print_date(na.date);
    printf(" reason=%s field=%s value=%s text=%s\n", kanten_not_applied_reason_name(na.reason),
           na.field ? na.field : "<NULL>", na.value ? na.value : "<NULL>", na.text ? na.text : "<NULL>");
  }
}

/* Writes JSON through `status`; prints its length and frees it. */
static int output(int status, char** json) {
  keep(status);
  if (status == KANTEN_OK) printf("output %zu\n", *json ? strlen(*json) : (size_t)0);
  kanten_string_free(*json);
  *json = NULL;
  return status;
}

typedef struct input {
  char* text;
  size_t length;
} input;

static input read_input(int argc, char** argv, const char* path) {
  input in = {NULL, 0};
  const char* mode = opt(argc, argv, "text");
  if (mode && strcmp(mode, "null") == 0) return in;
  if (!path) return in;
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "driver: cannot open %s\n", path);
    exit(2);
  }
  size_t cap = 4096, n = 0;
  char* buf = malloc(cap);
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap *= 2;
      char* grown = realloc(buf, cap);
      if (!grown) {
        free(buf);
        fclose(f);
        exit(2);
      }
      buf = grown;
    }
    size_t got = fread(buf + n, 1, 4096, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  buf[n] = '\0';
  in.text = buf;
  const char* len = opt(argc, argv, "len");
  in.length = (len && strcmp(len, "nul") == 0) ? KANTEN_NUL_TERMINATED : n;
  return in;
}

/* Read options when any of strict / max_bytes / options_version is given (then the _v2 reader). */
static int read_options(int argc, char** argv, kanten_read_options* o) {
  kanten_read_options init = KANTEN_READ_OPTIONS_INIT;
  *o = init;
  int given = 0;
  if (opt(argc, argv, "strict")) {
    o->strict = (int)opt_ll(argc, argv, "strict", 0);
    given = 1;
  }
  if (opt(argc, argv, "max_bytes")) {
    o->max_bytes = (uint64_t)opt_ll(argc, argv, "max_bytes", 0);
    given = 1;
  }
  if (opt(argc, argv, "options_version")) {
    o->version = (unsigned)opt_ll(argc, argv, "options_version", 1);
    given = 1;
  }
  return given;
}

static kanten_evaluate_options eval_options(int argc, char** argv) {
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  kanten_date as_of = {2024, 6, 30};
  o.as_of = opt_date(argc, argv, "as_of", as_of);
  if (opt(argc, argv, "daily_rate")) {
    o.has_daily_rate = 1;
    o.daily_rate = (int64_t)opt_ll(argc, argv, "daily_rate", 0);
  }
  if (opt(argc, argv, "eval_version")) o.version = (unsigned)opt_ll(argc, argv, "eval_version", 1);
  o.alerts.inactive_days = (int32_t)opt_ll(argc, argv, "inactive_days", 0);
  o.alerts.trin2_days = (int32_t)opt_ll(argc, argv, "trin2_days", 0);
  o.alerts.stagnation_months = (int32_t)opt_ll(argc, argv, "stagnation_months", 0);
  return o;
}

static int run_case(int argc, char** argv, input in) {
  kanten_read_options ro;
  int v2 = read_options(argc, argv, &ro);
  kanten_case* c = NULL;
  stage(v2 ? "kanten_case_from_json_v2" : "kanten_case_from_json");
  int s = keep(v2 ? kanten_case_from_json_v2(in.text, in.length, &ro, &c) : kanten_case_from_json(in.text, in.length, &c));
  if (s != KANTEN_OK) {
    if (c != NULL) printf("out-pointer not NULL on failure\n");
    return s;
  }
  size_t nw = kanten_case_warning_count(c);
  for (size_t i = 0; i < nw; ++i) {
    kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
    print_warning(kanten_case_warning(c, i, &w), &w);
  }
  printf("events %zu rejected %zu\n", kanten_case_event_count(c), kanten_case_rejected_count(c));
  int indent = (int)opt_ll(argc, argv, "indent", -1);
  char* json = NULL;
  stage("kanten_case_to_json");
  s = output(kanten_case_to_json(c, indent, &json), &json);
  if (s == KANTEN_OK) {
    kanten_evaluate_options eo = eval_options(argc, argv);
    kanten_evaluation* e = NULL;
    stage("kanten_evaluate");
    s = keep(kanten_evaluate(c, &eo, &e));
    if (s == KANTEN_OK) {
      print_not_applied(e);
      stage("kanten_evaluation_to_json");
      json = NULL;
      s = output(kanten_evaluation_to_json(e, indent, &json), &json);
      if (s == KANTEN_OK) {
        stage("kanten_evaluation_explain");
        json = NULL;
        s = output(kanten_evaluation_explain(e, &json), &json);
      }
      kanten_evaluation_free(e);
    }
  }
  kanten_case_free(c);
  return s;
}

static int run_caseload(int argc, char** argv, input in) {
  kanten_read_options ro;
  int v2 = read_options(argc, argv, &ro);
  kanten_caseload* load = NULL;
  stage(v2 ? "kanten_caseload_from_json_v2" : "kanten_caseload_from_json");
  int s = keep(v2 ? kanten_caseload_from_json_v2(in.text, in.length, &ro, &load)
             : kanten_caseload_from_json(in.text, in.length, &load));
  if (s != KANTEN_OK) {
    if (load != NULL) printf("out-pointer not NULL on failure\n");
    return s;
  }
  size_t nw = kanten_caseload_warning_count(load);
  for (size_t i = 0; i < nw; ++i) {
    kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
    print_warning(kanten_caseload_warning(load, i, &w), &w);
  }
  printf("cases %zu\n", kanten_caseload_count(load));
  int indent = (int)opt_ll(argc, argv, "indent", -1);
  char* json = NULL;
  stage("kanten_caseload_to_json");
  s = output(kanten_caseload_to_json(load, indent, &json), &json);
  if (s == KANTEN_OK) {
    kanten_evaluate_options eo = eval_options(argc, argv);
    kanten_evaluations* es = NULL;
    stage("kanten_evaluate_caseload");
    s = keep(kanten_evaluate_caseload(load, &eo, &es));
    if (s == KANTEN_OK) {
      for (size_t i = 0; i < kanten_evaluations_count(es); ++i) print_not_applied(kanten_evaluations_get(es, i));
      stage("kanten_evaluations_to_json");
      json = NULL;
      s = output(kanten_evaluations_to_json(es, indent, &json), &json);
      if (s == KANTEN_OK) {
        kanten_worklist* w = NULL;
        stage("kanten_followup_worklist");
        s = keep(kanten_followup_worklist(es, &w));
        if (s == KANTEN_OK) {
          stage("kanten_worklist_to_json");
          json = NULL;
          s = output(kanten_worklist_to_json(w, indent, &json), &json);
        }
        kanten_worklist_free(w);
      }
      kanten_evaluations_free(es);
    }
  }
  kanten_caseload_free(load);
  return s;
}

static int run_sanction(int argc, char** argv, input in) {
  kanten_read_options ro;
  int v2 = read_options(argc, argv, &ro);
  kanten_sanction_question* q = NULL;
  stage(v2 ? "kanten_sanction_question_from_json_v2" : "kanten_sanction_question_from_json");
  int s = keep(v2 ? kanten_sanction_question_from_json_v2(in.text, in.length, &ro, &q)
             : kanten_sanction_question_from_json(in.text, in.length, &q));
  if (s != KANTEN_OK) {
    if (q != NULL) printf("out-pointer not NULL on failure\n");
    return s;
  }
  size_t nw = kanten_sanction_question_warning_count(q);
  for (size_t i = 0; i < nw; ++i) {
    kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
    print_warning(kanten_sanction_question_warning(q, i, &w), &w);
  }
  kanten_evaluation* e = NULL;
  size_t index = 0;
  stage("kanten_sanction_question_answer");
  s = keep(kanten_sanction_question_answer(q, &e, &index));
  if (s == KANTEN_OK) {
    print_not_applied(e);
    kanten_sanction a = KANTEN_SANCTION_INIT;
    if (kanten_evaluation_sanction(e, index, &a) == KANTEN_OK) {
      printf("sanction status=%s has_deduction=%d deduction=%lld\n", kanten_sanction_status_name(a.status),
             a.has_deduction, (long long)a.deduction);
    }
    char* json = NULL;
    stage("kanten_evaluation_sanction_to_json");
    s = output(kanten_evaluation_sanction_to_json(e, index, (int)opt_ll(argc, argv, "indent", -1), &json), &json);
    kanten_evaluation_free(e);
  }
  kanten_sanction_question_free(q);
  return s;
}

static int run_market(int argc, char** argv, input in) {
  kanten_read_options ro;
  int v2 = read_options(argc, argv, &ro);
  kanten_market* m = NULL;
  stage(v2 ? "kanten_market_from_json_v2" : "kanten_market_from_json");
  int s = keep(v2 ? kanten_market_from_json_v2(in.text, in.length, &ro, &m) : kanten_market_from_json(in.text, in.length, &m));
  if (s != KANTEN_OK) {
    if (m != NULL) printf("out-pointer not NULL on failure\n");
    return s;
  }
  size_t nw = kanten_market_warning_count(m);
  for (size_t i = 0; i < nw; ++i) {
    kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
    print_warning(kanten_market_warning(m, i, &w), &w);
  }
  printf("market citizens=%zu companies=%zu tasks=%zu\n", kanten_market_citizen_count(m), kanten_market_company_count(m),
         kanten_market_task_count(m));
  kanten_match_options mo = KANTEN_MATCH_OPTIONS_INIT;
  mo.mode = (int)opt_ll(argc, argv, "mode", KANTEN_MATCH_ASSIGNMENT);
  mo.k = (int32_t)opt_ll(argc, argv, "k", 5);
  mo.per_company = (int32_t)opt_ll(argc, argv, "per_company", 1);
  mo.threads = (int32_t)opt_ll(argc, argv, "threads", 1);
  kanten_match_result* r = NULL;
  stage("kanten_match");
  s = keep(kanten_match(m, &mo, &r));
  if (s == KANTEN_OK) {
    char* json = NULL;
    stage("kanten_match_result_to_json");
    s = output(kanten_match_result_to_json(r, (int)opt_ll(argc, argv, "indent", -1), &json), &json);
  }
  kanten_match_result_free(r);
  kanten_market_free(m);
  return s;
}

/* An id option: NULL when absent, a NULL pointer for "<null>". */
static const char* opt_id(int argc, char** argv, const char* key, int* given) {
  const char* v = opt(argc, argv, key);
  *given = v != NULL;
  return v && strcmp(v, "<null>") == 0 ? NULL : v;
}

/* The persistent matcher: built from market=PATH, then the upsert of FILE (when given), the
 * capacity update and the queries the options ask for, each stage printed; stops at the first
 * failure. */
static int run_matcher(int argc, char** argv, input in) {
  const char* market_path = opt(argc, argv, "market");
  if (!market_path) {
    fprintf(stderr, "driver: matcher needs market=PATH\n");
    exit(2);
  }
  char* market_argv[] = {argv[0], argv[1], (char*)market_path};
  input mt = read_input(3, market_argv, market_path);
  kanten_market* m = NULL;
  stage("kanten_market_from_json");
  int s = keep(kanten_market_from_json(mt.text, mt.length, &m));
  free(mt.text);
  if (s != KANTEN_OK) return s;
  kanten_matcher* x = NULL;
  stage("kanten_matcher_new");
  s = keep(kanten_matcher_new(m, NULL, &x));
  kanten_market_free(m);
  if (s != KANTEN_OK) return s;
  int given = 0;
  if (in.text != NULL || opt(argc, argv, "text") != NULL) {
    stage("kanten_matcher_upsert_citizen_json");
    s = keep(kanten_matcher_upsert_citizen_json(x, in.text, in.length, NULL));
    for (size_t i = 0; s == KANTEN_OK && i < kanten_matcher_warning_count(x); ++i) {
      kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
      print_warning(kanten_matcher_warning(x, i, &w), &w);
    }
  }
  const char* company = opt_id(argc, argv, "company", &given);
  if (s == KANTEN_OK && given) {
    stage("kanten_matcher_set_capacity");
    s = keep(kanten_matcher_set_capacity(x, company, (int32_t)opt_ll(argc, argv, "capacity", 1)));
  }
  const int32_t k = (int32_t)opt_ll(argc, argv, "k", 5);
  kanten_match_result* r = NULL;
  const char* citizen = opt_id(argc, argv, "citizen", &given);
  if (s == KANTEN_OK && given) {
    stage("kanten_matcher_top_tasks");
    s = keep(kanten_matcher_top_tasks(x, citizen, k, (int32_t)opt_ll(argc, argv, "per_company", 1), 1, &r));
  }
  const char* task = opt_id(argc, argv, "task", &given);
  if (s == KANTEN_OK && r == NULL && given) {
    stage("kanten_matcher_top_citizens");
    s = keep(kanten_matcher_top_citizens(x, task, k, 1, &r));
  }
  if (s == KANTEN_OK && r != NULL) {
    char* json = NULL;
    stage("kanten_match_result_to_json");
    s = output(kanten_match_result_to_json(r, (int)opt_ll(argc, argv, "indent", -1), &json), &json);
  }
  kanten_match_result_free(r);
  kanten_matcher_free(x);
  return s;
}

static int run_weights(input in) {
  kanten_weights* w = NULL;
  stage("kanten_weights_from_json");
  int s = keep(kanten_weights_from_json(in.text, in.length, &w));
  if (s != KANTEN_OK && w != NULL) printf("out-pointer not NULL on failure\n");
  kanten_weights_free(w);
  return s;
}

static int run_add_event(int argc, char** argv) {
  kanten_case* c = NULL;
  stage("kanten_case_new");
  int s = keep(kanten_case_new("c-driver", NULL, &c));
  if (s != KANTEN_OK) return s;
  kanten_event ev = KANTEN_EVENT_INIT;
  ev.version = (unsigned)opt_ll(argc, argv, "version", KANTEN_EVENT_VERSION);
  ev.kind = (int)opt_ll(argc, argv, "kind", 0);
  kanten_date d = {2024, 1, 8};
  ev.date = opt_date(argc, argv, "date", d);
  ev.minutes = (int32_t)opt_ll(argc, argv, "minutes", 60);
  ev.channel = (int)opt_ll(argc, argv, "channel", 0);
  ev.hours_kind = (int)opt_ll(argc, argv, "hours_kind", 0);
  const char* fid = opt(argc, argv, "failure_id");
  ev.failure_id = (fid && strcmp(fid, "<null>") == 0) ? NULL : (fid ? fid : "F1");
  const char* company = opt(argc, argv, "company");
  ev.company = (company && strcmp(company, "<null>") == 0) ? NULL : (company ? company : "co-1");
  ev.jobformidler = "jf-1";
  ev.wish_count = (size_t)opt_ll(argc, argv, "wish_count", 0); /* with wishes NULL */
  stage("kanten_case_add_event");
  s = keep(kanten_case_add_event(c, &ev));
  printf("events %zu\n", kanten_case_event_count(c));
  if (s == KANTEN_OK) {
    kanten_evaluate_options eo = eval_options(argc, argv);
    kanten_evaluation* e = NULL;
    stage("kanten_evaluate");
    s = keep(kanten_evaluate(c, &eo, &e));
    if (s == KANTEN_OK) print_not_applied(e);
    kanten_evaluation_free(e);
  }
  kanten_case_free(c);
  return s;
}

/* Reads one case from FILE and adds it to a new caseload twice: the second must be refused. */
static int run_add_case_twice(input in) {
  kanten_case* c = NULL;
  stage("kanten_case_from_json");
  int s = keep(kanten_case_from_json(in.text, in.length, &c));
  if (s != KANTEN_OK) return s;
  kanten_caseload* load = NULL;
  stage("kanten_caseload_new");
  s = keep(kanten_caseload_new(&load));
  if (s == KANTEN_OK) {
    stage("kanten_caseload_add_case");
    s = keep(kanten_caseload_add_case(load, c));
    if (s == KANTEN_OK) {
      stage("kanten_caseload_add_case (again)");
      s = keep(kanten_caseload_add_case(load, c));
      printf("cases %zu\n", kanten_caseload_count(load));
    }
  }
  kanten_caseload_free(load);
  kanten_case_free(c);
  return s;
}

static int run_programme(int argc, char** argv, input in) {
  kanten_caseload* load = NULL;
  stage("kanten_caseload_from_json");
  int s = keep(kanten_caseload_from_json(in.text, in.length, &load));
  if (s != KANTEN_OK) return s;
  int months[16];
  size_t count = 0;
  const char* r = opt(argc, argv, "retention");
  kanten_programme_options po = KANTEN_PROGRAMME_OPTIONS_INIT;
  kanten_date as_of = {2024, 6, 30};
  po.as_of = opt_date(argc, argv, "as_of", as_of);
  if (r) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", r);
    for (char* tok = strtok(buf, ","); tok && count < 16; tok = strtok(NULL, ",")) months[count++] = atoi(tok);
    po.retention_months = months;
    po.retention_month_count = count;
  }
  kanten_programme* p = NULL;
  stage("kanten_programme_figures");
  s = keep(kanten_programme_figures(load, &po, &p));
  if (s == KANTEN_OK) {
    char* json = NULL;
    stage("kanten_programme_to_json");
    s = output(kanten_programme_to_json(p, (int)opt_ll(argc, argv, "indent", -1), &json), &json);
  }
  kanten_programme_free(p);
  kanten_caseload_free(load);
  return s;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s ENTRY [FILE] [key=value ...]\n", argv[0]);
    return 2;
  }
  const char* entry = argv[1];
  const char* path = (argc > 2 && strchr(argv[2], '=') == NULL) ? argv[2] : NULL;
  input in = read_input(argc, argv, path);
  int indent = (int)opt_ll(argc, argv, "indent", -1);
  int s;
  if (strcmp(entry, "case") == 0) {
    s = run_case(argc, argv, in);
  } else if (strcmp(entry, "caseload") == 0) {
    s = run_caseload(argc, argv, in);
  } else if (strcmp(entry, "sanction") == 0) {
    s = run_sanction(argc, argv, in);
  } else if (strcmp(entry, "market") == 0) {
    s = run_market(argc, argv, in);
  } else if (strcmp(entry, "weights") == 0) {
    s = run_weights(in);
  } else if (strcmp(entry, "bus_plan") == 0) {
    char* json = NULL;
    stage("kanten_bus_plan_json");
    s = output(kanten_bus_plan_json(in.text, in.length, indent, &json), &json);
  } else if (strcmp(entry, "training_plan") == 0) {
    char* json = NULL;
    kanten_date none = {0, 0, 0};
    stage("kanten_training_plan_json");
    s = output(kanten_training_plan_json(in.text, in.length, opt_date(argc, argv, "start", none), indent, &json), &json);
  } else if (strcmp(entry, "bus_cost") == 0) {
    kanten_trip_cost cost = KANTEN_TRIP_COST_INIT;
    stage("kanten_bus_trip_cost");
    s = keep(kanten_bus_trip_cost((int32_t)opt_ll(argc, argv, "participants", 10), (int64_t)opt_ll(argc, argv, "staff_rate", -1),
                             &cost));
    if (s == KANTEN_OK) {
      printf("total %lld %lld\n", (long long)cost.total_dkk.low, (long long)cost.total_dkk.high);
    }
  } else if (strcmp(entry, "case_new") == 0) {
    const char* id = opt(argc, argv, "id");
    if (id && strcmp(id, "<null>") == 0) id = NULL;
    kanten_case* c = NULL;
    stage("kanten_case_new");
    s = keep(kanten_case_new(id, NULL, &c));
    if (s != KANTEN_OK && c != NULL) printf("out-pointer not NULL on failure\n");
    kanten_case_free(c);
  } else if (strcmp(entry, "add_event") == 0) {
    s = run_add_event(argc, argv);
  } else if (strcmp(entry, "add_case_twice") == 0) {
    s = run_add_case_twice(in);
  } else if (strcmp(entry, "programme") == 0) {
    s = run_programme(argc, argv, in);
  } else if (strcmp(entry, "matcher") == 0) {
    s = run_matcher(argc, argv, in);
  } else {
    fprintf(stderr, "driver: unknown entry '%s'\n", entry);
    free(in.text);
    return 2;
  }
  free(in.text);
  return finish(s);
}
