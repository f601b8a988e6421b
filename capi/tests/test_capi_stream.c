/* capi/tests/test_capi_stream.c — the C ABI's streaming reader (kanten_case_reader,
 * kanten_evaluate_stream), tested from C11 compiled as C.
 *
 * The cases read one at a time and by chunks, from a JSON file and from JSON Lines text, are the
 * cases kanten_caseload_from_json() reads; kanten_evaluate_stream() hands over the evaluations
 * kanten_evaluate_caseload() makes, in order; a callback that stops loses no case; a fault in the
 * input is a status with a message naming the line, and the reader stays spent; every bad
 * parameter is KANTEN_EINVAL naming it. Prints "N passed, M failed" and exits non-zero on any
 * failure. */
#include <kanten.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KANTEN_EXAMPLES_DIR
#  error "KANTEN_EXAMPLES_DIR must name the repository's examples/ directory"
#endif

#include "check.h"

#define CASELOAD_JSON KANTEN_EXAMPLES_DIR "/data/caseload.json"

static char* caseload_json(const kanten_caseload* load) {
  char* out = NULL;
  CHECK(kanten_caseload_to_json(load, -1, &out) == KANTEN_OK);
  return out;
}
static char* case_json(const kanten_case* c) {
  char* out = NULL;
  CHECK(kanten_case_to_json(c, -1, &out) == KANTEN_OK);
  return out;
}

static kanten_evaluate_options as_of(int y, int m, int d) {
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of.year = y;
  o.as_of.month = m;
  o.as_of.day = d;
  return o;
}

/* The number of events in a JSON text: each event has one "kind" key ("agreement_kind" and the
 * like do not match). */
static size_t kinds_in(const char* s) {
  size_t n = 0;
  for (const char* p = s; (p = strstr(p, "\"kind\"")) != NULL; ++p) ++n;
  return n;
}

/* The cases of examples/data/caseload.json as kanten_case_from_json()'s reference: read through
 * kanten_caseload_from_json(), written out as one JSON text per case. */
#define MAX_CASES 64
typedef struct reference {
  size_t count;
  char* cases[MAX_CASES]; /* kanten_case_to_json of each case, in order */
  char* caseload;         /* kanten_caseload_to_json of the whole caseload */
  size_t events;          /* events in the file */
} reference;

static reference reference_of_example(void) {
  reference ref;
  memset(&ref, 0, sizeof ref);
  char* text = read_path(CASELOAD_JSON);
  if (!text) return ref;
  ref.events = kinds_in(text);
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_from_json(text, KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  ref.caseload = caseload_json(load);
  kanten_caseload_free(load);
  /* Each case alone: the reader's cases (checked against ref.caseload below) written one by one. */
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(text, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSON, NULL, &r) == KANTEN_OK);
  kanten_case* c = NULL;
  while (ref.count < MAX_CASES && kanten_case_reader_next(r, &c) == 1) {
    ref.cases[ref.count++] = case_json(c);
    kanten_case_free(c);
  }
  kanten_case_reader_free(r);
  free(text);
  return ref;
}
static void reference_free(reference* ref) {
  for (size_t i = 0; i < ref->count; ++i) kanten_string_free(ref->cases[i]);
  kanten_string_free(ref->caseload);
}

/* ------------------------------------------------------------------------------------------ */

static void test_format_names_and_status(void) {
  CHECK(KANTEN_FORMAT_AUTO == -1 && KANTEN_FORMAT_JSON == 0 && KANTEN_FORMAT_JSONL == 1 && KANTEN_FORMAT_CSV == 2 &&
        KANTEN_FORMAT_COUNT == 3);
  CHECK(same(kanten_format_name(KANTEN_FORMAT_JSON), "json"));
  CHECK_NO_ERROR();
  CHECK(same(kanten_format_name(KANTEN_FORMAT_JSONL), "jsonl"));
  CHECK(same(kanten_format_name(KANTEN_FORMAT_CSV), "csv"));
  CHECK(kanten_format_name(KANTEN_FORMAT_AUTO) == NULL && contains(kanten_last_error(), "out of range"));
  CHECK(kanten_format_name(KANTEN_FORMAT_COUNT) == NULL && contains(kanten_last_error(), "kanten_format_name"));
  CHECK(KANTEN_ECANCELED == -7);
  CHECK(same(kanten_status_string(KANTEN_ECANCELED), "canceled"));
  CHECK(KANTEN_MAX_CHUNK == 1000000);
}

/* The JSON file, case by case: the cases of kanten_caseload_from_json, in order. */
static void test_json_file_case_by_case(const reference* ref) {
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, NULL, &r) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(kanten_case_reader_format(r) == KANTEN_FORMAT_JSON);
  CHECK(kanten_case_reader_count(r) == 0);
  kanten_caseload* rebuilt = NULL;
  CHECK(kanten_caseload_new(&rebuilt) == KANTEN_OK);
  size_t n = 0, events = 0;
  kanten_case* c = (kanten_case*)&n;
  int s;
  while ((s = kanten_case_reader_next(r, &c)) == 1) {
    CHECK(c != NULL);
    CHECK_NO_ERROR();
    char* json = case_json(c);
    CHECK(n < ref->count && same(json, ref->cases[n]));
    kanten_string_free(json);
    events += kanten_case_event_count(c) + kanten_case_rejected_count(c);
    CHECK(kanten_caseload_add_case(rebuilt, c) == KANTEN_OK);
    kanten_case_free(c);
    ++n;
    CHECK(kanten_case_reader_count(r) == n);
  }
  CHECK(s == 0 && c == NULL);
  CHECK_NO_ERROR();
  CHECK(n == 4 && n == ref->count);
  CHECK(events == ref->events && events > 0);
  char* json = caseload_json(rebuilt);
  CHECK(same(json, ref->caseload));
  kanten_string_free(json);
  kanten_caseload_free(rebuilt);
  /* The end is sticky; the input was read to its end; a caseload is not a single case. */
  c = (kanten_case*)&n;
  CHECK(kanten_case_reader_next(r, &c) == 0 && c == NULL);
  CHECK(kanten_case_reader_single(r) == 0);
  char* text = read_path(CASELOAD_JSON);
  CHECK(text && kanten_case_reader_bytes(r) == (uint64_t)strlen(text));
  free(text);
  CHECK(kanten_case_reader_warning_count(r) == 0);
  kanten_case_reader_free(r);
}

/* The JSON file by chunks of 3: 3 cases, then 1, then the end; each chunk is those cases. */
static void test_json_file_by_chunks(const reference* ref) {
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_JSON, NULL, &r) == KANTEN_OK);
  const size_t sizes[] = {3, 1};
  size_t at = 0;
  for (size_t k = 0; k < 2; ++k) {
    kanten_caseload* chunk = NULL;
    CHECK(kanten_case_reader_next_chunk(r, 3, &chunk) == 1);
    CHECK_NO_ERROR();
    CHECK(kanten_caseload_count(chunk) == sizes[k]);
    /* The same cases as the reference's, in order: compare with a caseload of the reference cases. */
    kanten_caseload* expected = NULL;
    CHECK(kanten_caseload_new(&expected) == KANTEN_OK);
    for (size_t i = 0; i < sizes[k] && at + i < ref->count; ++i) {
      kanten_case* c = NULL;
      CHECK(kanten_case_from_json(ref->cases[at + i], KANTEN_NUL_TERMINATED, &c) == KANTEN_OK);
      CHECK(kanten_caseload_add_case(expected, c) == KANTEN_OK);
      kanten_case_free(c);
    }
    char* a = caseload_json(chunk);
    char* b = caseload_json(expected);
    CHECK(same(a, b));
    kanten_string_free(a);
    kanten_string_free(b);
    kanten_caseload_free(expected);
    kanten_caseload_free(chunk);
    at += sizes[k];
    CHECK(kanten_case_reader_count(r) == at);
  }
  kanten_caseload* chunk = (kanten_caseload*)&at;
  CHECK(kanten_case_reader_next_chunk(r, 3, &chunk) == 0 && chunk == NULL);
  CHECK_NO_ERROR();
  CHECK(kanten_case_reader_next_chunk(r, KANTEN_MAX_CHUNK, &chunk) == 0 && chunk == NULL);
  kanten_case_reader_free(r);
}

/* JSON Lines text made of the reference cases, a blank line among them: the same cases, case by
 * case and by chunks of 2. */
static void test_json_lines_text(const reference* ref) {
  text t = {NULL, 0, 0};
  for (size_t i = 0; i < ref->count; ++i) {
    append(&t, ref->cases[i]);
    append(&t, i == 1 ? "\n\n" : "\n");
  }
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(t.s, t.n, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_format(r) == KANTEN_FORMAT_JSONL);
  size_t n = 0;
  kanten_case* c = NULL;
  while (kanten_case_reader_next(r, &c) == 1) {
    char* json = case_json(c);
    CHECK(n < ref->count && same(json, ref->cases[n]));
    kanten_string_free(json);
    kanten_case_free(c);
    ++n;
  }
  CHECK_NO_ERROR();
  CHECK(n == ref->count);
  CHECK(kanten_case_reader_bytes(r) == (uint64_t)t.n);
  kanten_case_reader_free(r);

  /* By chunks of 2. */
  CHECK(kanten_case_reader_from_text(t.s, t.n, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  size_t total = 0, chunks = 0;
  kanten_caseload* chunk = NULL;
  while (kanten_case_reader_next_chunk(r, 2, &chunk) == 1) {
    CHECK(kanten_caseload_count(chunk) >= 1 && kanten_caseload_count(chunk) <= 2);
    total += kanten_caseload_count(chunk);
    ++chunks;
    kanten_caseload_free(chunk);
  }
  CHECK(chunk == NULL);
  CHECK(total == ref->count && chunks == (ref->count + 1) / 2);
  kanten_case_reader_free(r);

  /* A file named .jsonl is read as JSON Lines by KANTEN_FORMAT_AUTO. */
  const char* path = "kanten_capi_stream_test.jsonl";
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  if (f) {
    CHECK(fwrite(t.s, 1, t.n, f) == t.n);
    fclose(f);
    CHECK(kanten_case_reader_open(path, KANTEN_FORMAT_AUTO, NULL, &r) == KANTEN_OK);
    CHECK(kanten_case_reader_format(r) == KANTEN_FORMAT_JSONL);
    n = 0;
    while (kanten_case_reader_next(r, &c) == 1) {
      kanten_case_free(c);
      ++n;
    }
    CHECK(n == ref->count);
    kanten_case_reader_free(r);
    remove(path);
  }
  free(t.s);
}

/* --- kanten_evaluate_stream -------------------------------------------------------------------- */

typedef struct collected {
  size_t count;
  size_t stop_after; /* 0: never stop */
  char* evaluations[256];
  int citizens_agree; /* every case's citizen is its evaluation's */
} collected;

static int collect(void* user, const kanten_case* c, const kanten_evaluation* e) {
  collected* col = (collected*)user;
  if (!same(kanten_case_citizen(c), kanten_evaluation_citizen(e))) col->citizens_agree = 0;
  char* json = NULL;
  if (kanten_evaluation_to_json(e, -1, &json) != KANTEN_OK) col->citizens_agree = 0;
  if (col->count < 256)
    col->evaluations[col->count] = json;
  else
    kanten_string_free(json);
  ++col->count;
  /* A failing call inside the callback leaves a message; kanten_evaluate_stream replaces it. */
  (void)kanten_case_citizen(NULL);
  return col->stop_after != 0 && col->count >= col->stop_after;
}
static void collected_free(collected* col) {
  for (size_t i = 0; i < col->count && i < 256; ++i) kanten_string_free(col->evaluations[i]);
  memset(col, 0, sizeof *col);
}

/* The evaluations of kanten_evaluate_caseload() on the same text, as JSON. */
static size_t expected_evaluations(const char* caseload_text, const kanten_evaluate_options* o, char** out, size_t cap) {
  kanten_caseload* load = NULL;
  CHECK(kanten_caseload_from_json(caseload_text, KANTEN_NUL_TERMINATED, &load) == KANTEN_OK);
  kanten_evaluations* es = NULL;
  CHECK(kanten_evaluate_caseload(load, o, &es) == KANTEN_OK);
  size_t n = kanten_evaluations_count(es);
  for (size_t i = 0; i < n && i < cap; ++i) CHECK(kanten_evaluation_to_json(kanten_evaluations_get(es, i), -1, &out[i]) == KANTEN_OK);
  kanten_evaluations_free(es);
  kanten_caseload_free(load);
  return n;
}

static void test_evaluate_stream_matches_evaluate_caseload(void) {
  char* text = read_path(CASELOAD_JSON);
  if (!text) return;
  kanten_evaluate_options o = as_of(2024, 3, 30);
  char* expected[8] = {NULL};
  const size_t n = expected_evaluations(text, &o, expected, 8);
  CHECK(n == 4);
  const size_t chunks[] = {1, 3, 4, 1000};
  for (size_t k = 0; k < 4; ++k) {
    kanten_case_reader* r = NULL;
    CHECK(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, NULL, &r) == KANTEN_OK);
    collected col;
    memset(&col, 0, sizeof col);
    col.citizens_agree = 1;
    CHECK(kanten_evaluate_stream(r, &o, collect, &col, chunks[k]) == KANTEN_OK);
    CHECK_NO_ERROR(); /* the callback's own failed call is not the stream's */
    CHECK(col.count == n && col.citizens_agree);
    for (size_t i = 0; i < n && i < col.count; ++i) CHECK(same(col.evaluations[i], expected[i]));
    CHECK(kanten_case_reader_count(r) == n);
    /* Everything was handed over: the reader is at its end, and a second stream hands nothing. */
    kanten_case* c = (kanten_case*)&col;
    CHECK(kanten_case_reader_next(r, &c) == 0 && c == NULL);
    collected_free(&col);
    CHECK(kanten_evaluate_stream(r, &o, collect, &col, 2) == KANTEN_OK && col.count == 0);
    kanten_case_reader_free(r);
  }
  for (size_t i = 0; i < n && i < 8; ++i) kanten_string_free(expected[i]);
  free(text);
}

/* Many cases over many chunks (the next chunk read while one is evaluated): the evaluations of
 * kanten_evaluate_caseload(), in order. */
#define MANY 120
static void many_cases(text* array, text* lines) {
  append(array, "[");
  for (int i = 0; i < MANY; ++i) {
    char one[512];
    /* Cases in different steps: some never visited, some in Trin 2, some with a CV. */
    snprintf(one, sizeof one,
             "{\"citizen\": \"s-%03d\", \"events\": [{\"date\": \"2024-01-%02d\", \"kind\": \"first_conversation\"}%s%s]}",
             i, 1 + i % 28, i % 3 ? ", {\"date\": \"2024-02-01\", \"kind\": \"visitation\", \"outcome\": \"project\"}" : "",
             i % 5 == 0 ? ", {\"date\": \"2024-02-10\", \"kind\": \"cv_completed\"}" : "");
    if (i) append(array, ",");
    append(array, one);
    append(lines, one);
    append(lines, "\n");
  }
  append(array, "]");
}

static void test_evaluate_stream_many_chunks(void) {
  text array = {NULL, 0, 0}, lines = {NULL, 0, 0};
  many_cases(&array, &lines);
  kanten_evaluate_options o = as_of(2024, 6, 30);
  static char* expected[MANY];
  const size_t n = expected_evaluations(array.s, &o, expected, MANY);
  CHECK(n == MANY);
  const size_t chunks[] = {7, 64, MANY, KANTEN_MAX_CHUNK};
  for (size_t k = 0; k < 4; ++k) {
    kanten_case_reader* r = NULL;
    CHECK(kanten_case_reader_from_text(lines.s, lines.n, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
    collected col;
    memset(&col, 0, sizeof col);
    col.citizens_agree = 1;
    CHECK(kanten_evaluate_stream(r, &o, collect, &col, chunks[k]) == KANTEN_OK);
    CHECK(col.count == MANY && col.citizens_agree);
    size_t agree = 0;
    for (size_t i = 0; i < MANY && i < col.count; ++i) agree += same(col.evaluations[i], expected[i]);
    CHECK(agree == MANY);
    collected_free(&col);
    kanten_case_reader_free(r);
  }
  for (size_t i = 0; i < n && i < MANY; ++i) kanten_string_free(expected[i]);
  free(array.s);
  free(lines.s);
}

/* The callback stops: KANTEN_ECANCELED, and no case is lost — the next read continues after the
 * case the callback stopped at, whatever was read ahead. */
static void test_evaluate_stream_callback_stops(void) {
  text array = {NULL, 0, 0}, lines = {NULL, 0, 0};
  many_cases(&array, &lines);
  kanten_evaluate_options o = as_of(2024, 6, 30);
  const size_t chunks[] = {1, 4, 50};
  for (size_t k = 0; k < 3; ++k) {
    kanten_case_reader* r = NULL;
    CHECK(kanten_case_reader_from_text(lines.s, lines.n, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
    collected col;
    memset(&col, 0, sizeof col);
    col.citizens_agree = 1;
    col.stop_after = 10;
    CHECK_ERROR(kanten_evaluate_stream(r, &o, collect, &col, chunks[k]), KANTEN_ECANCELED, "kanten_evaluate_stream",
                "stopped by the callback after 10");
    CHECK(col.count == 10);
    CHECK(kanten_case_reader_count(r) == 10);
    /* The next case is the 11th. */
    kanten_case* c = NULL;
    CHECK(kanten_case_reader_next(r, &c) == 1 && same(kanten_case_citizen(c), "s-010"));
    kanten_case_free(c);
    /* A chunk takes the next ones, in order. */
    kanten_caseload* chunk = NULL;
    CHECK(kanten_case_reader_next_chunk(r, 5, &chunk) == 1 && kanten_caseload_count(chunk) == 5);
    char* json = caseload_json(chunk);
    CHECK(contains(json, "\"s-011\"") && contains(json, "\"s-015\"") && !contains(json, "\"s-016\""));
    kanten_string_free(json);
    kanten_caseload_free(chunk);
    /* A second stream hands over the rest: every case exactly once. */
    collected_free(&col);
    col.citizens_agree = 1;
    CHECK(kanten_evaluate_stream(r, &o, collect, &col, chunks[k]) == KANTEN_OK);
    CHECK(col.count == MANY - 16);
    CHECK(col.count > 0 && contains(col.evaluations[0], "\"s-016\""));
    CHECK(kanten_case_reader_count(r) == MANY);
    collected_free(&col);
    kanten_case_reader_free(r);
  }
  /* Stopping at the very first case. */
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(lines.s, lines.n, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  collected col;
  memset(&col, 0, sizeof col);
  col.stop_after = 1;
  CHECK(kanten_evaluate_stream(r, &o, collect, &col, 8) == KANTEN_ECANCELED && col.count == 1);
  kanten_case* c = NULL;
  CHECK(kanten_case_reader_next(r, &c) == 1 && same(kanten_case_citizen(c), "s-001"));
  kanten_case_free(c);
  collected_free(&col);
  kanten_case_reader_free(r);
  free(array.s);
  free(lines.s);
}

/* --- faults -------------------------------------------------------------------------------- */

static const char broken_lines[] =
    "{\"citizen\": \"b-1\", \"events\": [{\"date\": \"2024-01-08\", \"kind\": \"first_conversation\"}]}\n"
    "{\"citizen\": \"b-2\", \"events\": [{\"date\": \"2024-01-08\", \"kind\": \n"
    "{\"citizen\": \"b-3\", \"events\": []}\n";

static void test_broken_line(void) {
  /* Case by case: the first case, then KANTEN_EPARSE naming the line; the reader stays spent. */
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(broken_lines, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  kanten_case* c = NULL;
  CHECK(kanten_case_reader_next(r, &c) == 1 && same(kanten_case_citizen(c), "b-1"));
  kanten_case_free(c);
  c = (kanten_case*)&r;
  CHECK_ERROR(kanten_case_reader_next(r, &c), KANTEN_EPARSE, "kanten_case_reader_next", "line 2");
  CHECK(c == NULL);
  char first[1024];
  snprintf(first, sizeof first, "%s", kanten_last_error());
  CHECK_ERROR(kanten_case_reader_next(r, &c), KANTEN_EPARSE, "line 2", NULL);
  CHECK(strstr(kanten_last_error(), strchr(first, ' ')) != NULL); /* the same message */
  kanten_caseload* chunk = (kanten_caseload*)&r;
  CHECK_ERROR(kanten_case_reader_next_chunk(r, 10, &chunk), KANTEN_EPARSE, "line 2", NULL);
  CHECK(chunk == NULL);
  CHECK(kanten_case_reader_count(r) == 1);
  kanten_case_reader_free(r);

  /* By chunks: the case before the fault comes first, then the fault. */
  CHECK(kanten_case_reader_from_text(broken_lines, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_next_chunk(r, 10, &chunk) == 1 && kanten_caseload_count(chunk) == 1);
  kanten_caseload_free(chunk);
  CHECK_ERROR(kanten_case_reader_next_chunk(r, 10, &chunk), KANTEN_EPARSE, "kanten_case_reader_next_chunk", "line 2");
  CHECK(chunk == NULL);
  kanten_case_reader_free(r);

  /* Streamed: the case before the fault is handed over, then the fault's status. */
  const size_t chunks[] = {1, 2, 100};
  for (size_t k = 0; k < 3; ++k) {
    CHECK(kanten_case_reader_from_text(broken_lines, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
    kanten_evaluate_options o = as_of(2024, 6, 30);
    collected col;
    memset(&col, 0, sizeof col);
    col.citizens_agree = 1;
    CHECK_ERROR(kanten_evaluate_stream(r, &o, collect, &col, chunks[k]), KANTEN_EPARSE, "kanten_evaluate_stream", "line 2");
    CHECK(col.count == 1 && col.citizens_agree);
    collected_free(&col);
    kanten_case_reader_free(r);
  }

  /* A fault of the document's shape, a second case of one citizen, a NUL byte, a CPR-shaped id. */
  static const char twice[] = "{\"citizen\": \"d-1\"}\n{\"citizen\": \"d-1\"}\n";
  CHECK(kanten_case_reader_from_text(twice, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_next(r, &c) == 1);
  kanten_case_free(c);
  CHECK_ERROR(kanten_case_reader_next(r, &c), KANTEN_EINPUT, "d-1", "line 2");
  kanten_case_reader_free(r);

  static const char with_nul[] = "{\"citizen\": \"n-1\"}\n{\"citizen\": \"n\0-2\"}\n";
  CHECK(kanten_case_reader_from_text(with_nul, sizeof with_nul - 1, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  int s = kanten_case_reader_next(r, &c);
  if (s == 1) {
    kanten_case_free(c);
    s = kanten_case_reader_next(r, &c);
  }
  CHECK(error_is(s, KANTEN_EPARSE, "NUL", NULL));
  kanten_case_reader_free(r);

  static const char cpr[] = "{\"citizen\": \"010203-1234\"}\n";
  CHECK(kanten_case_reader_from_text(cpr, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  CHECK_ERROR(kanten_case_reader_next(r, &c), KANTEN_EINPUT, "citizen", NULL);
  CHECK(!contains(kanten_last_error(), "010203")); /* the value is never echoed */
  kanten_case_reader_free(r);

  /* max_bytes bounds each case. */
  kanten_read_options ro = KANTEN_READ_OPTIONS_INIT;
  ro.max_bytes = 40;
  static const char small_and_large[] =
      "{\"citizen\": \"m-1\"}\n"
      "{\"citizen\": \"m-2\", \"events\": [{\"date\": \"2024-01-08\", \"kind\": \"first_conversation\"}]}\n";
  CHECK(kanten_case_reader_from_text(small_and_large, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSONL, &ro, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_next(r, &c) == 1);
  kanten_case_free(c);
  CHECK(kanten_case_reader_next(r, &c) == KANTEN_EINPUT && c == NULL);
  kanten_case_reader_free(r);

  /* A file that does not exist, a directory. */
  CHECK_ERROR(kanten_case_reader_open("no/such/caseload.json", KANTEN_FORMAT_AUTO, NULL, &r), KANTEN_EIO,
              "kanten_case_reader_open", "no/such/caseload.json");
  CHECK(r == NULL);
  CHECK_ERROR(kanten_case_reader_open(KANTEN_EXAMPLES_DIR, KANTEN_FORMAT_AUTO, NULL, &r), KANTEN_EIO, "directory", NULL);
  CHECK(r == NULL);
}

/* The document's own warnings, complete at the end; strict reading; one case object. */
static void test_warnings_and_single(void) {
  static const char doc[] =
      "{\"cases\": [{\"citizen\": \"w-1\", \"colour\": \"blue\"}, {\"citizen\": \"w-2\"}], \"extra\": 1}";
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(doc, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_AUTO, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_format(r) == KANTEN_FORMAT_JSON);
  kanten_case* c = NULL;
  size_t n = 0, case_warnings = 0;
  while (kanten_case_reader_next(r, &c) == 1) {
    case_warnings += kanten_case_warning_count(c);
    kanten_case_free(c);
    ++n;
  }
  CHECK(n == 2 && case_warnings == 1);
  CHECK(kanten_case_reader_warning_count(r) == 1);
  kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
  CHECK(kanten_case_reader_warning(r, 0, &w) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(same(w.field, "extra") && w.message != NULL && w.message[0] != '\0');
  CHECK_ERROR(kanten_case_reader_warning(r, 1, &w), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_case_reader_warning(r, 0, NULL), KANTEN_EINVAL, "'out'", NULL);
  w.version = 0;
  CHECK_ERROR(kanten_case_reader_warning(r, 0, &w), KANTEN_EINVAL, "out.version", NULL);
  w.version = KANTEN_INPUT_WARNING_VERSION + 1;
  CHECK_ERROR(kanten_case_reader_warning(r, 0, &w), KANTEN_EINVAL, "out.version", NULL);
  CHECK(kanten_case_reader_single(r) == 0);
  kanten_case_reader_free(r);

  /* Strict: the unknown field of a case is KANTEN_EINPUT naming it. */
  kanten_read_options strict = KANTEN_READ_OPTIONS_INIT;
  strict.strict = 1;
  CHECK(kanten_case_reader_from_text(doc, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSON, &strict, &r) == KANTEN_OK);
  CHECK_ERROR(kanten_case_reader_next(r, &c), KANTEN_EINPUT, "colour", NULL);
  kanten_case_reader_free(r);

  /* One case object: one case, single. */
  static const char one[] = "{\"citizen\": \"o-1\", \"events\": [{\"date\": \"2024-01-08\", \"kind\": \"first_conversation\"}]}";
  CHECK(kanten_case_reader_from_text(one, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_JSON, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_next(r, &c) == 1 && kanten_case_event_count(c) == 1);
  kanten_case_free(c);
  CHECK(kanten_case_reader_next(r, &c) == 0);
  CHECK(kanten_case_reader_single(r) == 1);
  kanten_case_reader_free(r);
}

/* --- every bad parameter --------------------------------------------------------------------- */

static int never_called(void* user, const kanten_case* c, const kanten_evaluation* e) {
  (void)c;
  (void)e;
  ++*(int*)user;
  return 0;
}

static void test_bad_parameters(void) {
  kanten_case_reader* r = (kanten_case_reader*)&r;
  CHECK_ERROR(kanten_case_reader_open(NULL, KANTEN_FORMAT_AUTO, NULL, &r), KANTEN_EINVAL, "kanten_case_reader_open", "'path'");
  CHECK(r == NULL);
  CHECK_ERROR(kanten_case_reader_open("", KANTEN_FORMAT_AUTO, NULL, &r), KANTEN_EINVAL, "'path'", "empty");
  CHECK_ERROR(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, NULL, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_COUNT, NULL, &r), KANTEN_EINVAL, "format", "'3'");
  CHECK_ERROR(kanten_case_reader_open(CASELOAD_JSON, -2, NULL, &r), KANTEN_EINVAL, "format", "'-2'");
  kanten_read_options ro = KANTEN_READ_OPTIONS_INIT;
  ro.version = 0;
  CHECK_ERROR(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, &ro, &r), KANTEN_EINVAL, "options.version", NULL);
  ro.version = KANTEN_READ_OPTIONS_VERSION + 1;
  CHECK_ERROR(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, &ro, &r), KANTEN_EINVAL, "options.version", NULL);
  CHECK(r == NULL);

  CHECK_ERROR(kanten_case_reader_from_text(NULL, 0, KANTEN_FORMAT_JSON, NULL, &r), KANTEN_EINVAL,
              "kanten_case_reader_from_text", "'text'");
  CHECK_ERROR(kanten_case_reader_from_text("[]", 2, KANTEN_FORMAT_JSON, NULL, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_case_reader_from_text("[]", 2, 99, NULL, &r), KANTEN_EINVAL, "format", "'99'");
  CHECK_ERROR(kanten_case_reader_from_text("[]", 2, KANTEN_FORMAT_JSON, &ro, &r), KANTEN_EINVAL, "options.version", NULL);
  CHECK(r == NULL);
  /* An empty text is an empty caseload in JSON Lines. */
  CHECK(kanten_case_reader_from_text("", 0, KANTEN_FORMAT_JSONL, NULL, &r) == KANTEN_OK);
  kanten_case* c = (kanten_case*)&r;
  CHECK(kanten_case_reader_next(r, &c) == 0 && c == NULL);
  kanten_case_reader_free(r);

  /* The reading functions. */
  c = (kanten_case*)&r;
  CHECK_ERROR(kanten_case_reader_next(NULL, &c), KANTEN_EINVAL, "kanten_case_reader_next", "'r'");
  CHECK(c == NULL);
  kanten_caseload* chunk = (kanten_caseload*)&r;
  CHECK_ERROR(kanten_case_reader_next_chunk(NULL, 1, &chunk), KANTEN_EINVAL, "'r'", NULL);
  CHECK(chunk == NULL);
  CHECK(kanten_case_reader_open(CASELOAD_JSON, KANTEN_FORMAT_AUTO, NULL, &r) == KANTEN_OK);
  CHECK_ERROR(kanten_case_reader_next(r, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_case_reader_next_chunk(r, 1, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_case_reader_next_chunk(r, 0, &chunk), KANTEN_EINVAL, "max", "'0'");
  CHECK_ERROR(kanten_case_reader_next_chunk(r, KANTEN_MAX_CHUNK + 1, &chunk), KANTEN_EINVAL, "max", "'1000001'");
  CHECK(chunk == NULL);

  /* kanten_evaluate_stream: every parameter checked before anything is read. */
  kanten_evaluate_options o = as_of(2024, 3, 30);
  int calls = 0;
  CHECK_ERROR(kanten_evaluate_stream(NULL, &o, never_called, &calls, 1), KANTEN_EINVAL, "kanten_evaluate_stream", "'r'");
  CHECK_ERROR(kanten_evaluate_stream(r, NULL, never_called, &calls, 1), KANTEN_EINVAL, "'options'", NULL);
  CHECK_ERROR(kanten_evaluate_stream(r, &o, NULL, &calls, 1), KANTEN_EINVAL, "'callback'", NULL);
  CHECK_ERROR(kanten_evaluate_stream(r, &o, never_called, &calls, 0), KANTEN_EINVAL, "chunk", "'0'");
  CHECK_ERROR(kanten_evaluate_stream(r, &o, never_called, &calls, KANTEN_MAX_CHUNK + 1), KANTEN_EINVAL, "chunk", "'1000001'");
  kanten_evaluate_options bad = o;
  bad.version = 0;
  CHECK_ERROR(kanten_evaluate_stream(r, &bad, never_called, &calls, 1), KANTEN_EINVAL, "options.version", NULL);
  bad.version = KANTEN_EVALUATE_OPTIONS_VERSION + 1;
  CHECK_ERROR(kanten_evaluate_stream(r, &bad, never_called, &calls, 1), KANTEN_EINVAL, "options.version", NULL);
  bad = as_of(2023, 2, 29);
  CHECK_ERROR(kanten_evaluate_stream(r, &bad, never_called, &calls, 1), KANTEN_EINVAL, "options.as_of", "2023-2-29");
  bad = o;
  bad.alerts.inactive_days = -1;
  CHECK_ERROR(kanten_evaluate_stream(r, &bad, never_called, &calls, 1), KANTEN_EINVAL, "alerts.inactive_days", NULL);
  bad = o;
  bad.has_daily_rate = 1;
  bad.daily_rate = -5;
  CHECK_ERROR(kanten_evaluate_stream(r, &bad, never_called, &calls, 1), KANTEN_EINVAL, "daily_rate", NULL);
  CHECK(calls == 0);
  /* Nothing was read: the first case is still the first. */
  CHECK(kanten_case_reader_count(r) == 0);
  c = NULL;
  CHECK(kanten_case_reader_next(r, &c) == 1 && same(kanten_case_citizen(c), "c-0101"));
  kanten_case_free(c);
  /* A chunk of KANTEN_MAX_CHUNK is allowed. */
  CHECK(kanten_evaluate_stream(r, &o, never_called, &calls, KANTEN_MAX_CHUNK) == KANTEN_OK && calls == 3);
  kanten_case_reader_free(r);

  /* The accessors on NULL. */
  CHECK(kanten_case_reader_count(NULL) == 0 && contains(kanten_last_error(), "'r'"));
  CHECK(kanten_case_reader_bytes(NULL) == 0 && contains(kanten_last_error(), "'r'"));
  CHECK(kanten_case_reader_warning_count(NULL) == 0 && contains(kanten_last_error(), "'r'"));
  CHECK_ERROR(kanten_case_reader_single(NULL), KANTEN_EINVAL, "'r'", NULL);
  CHECK_ERROR(kanten_case_reader_format(NULL), KANTEN_EINVAL, "'r'", NULL);
  kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
  CHECK_ERROR(kanten_case_reader_warning(NULL, 0, &w), KANTEN_EINVAL, "'r'", NULL);
  kanten_case_reader_free(NULL);
}

/* --- the CSV event table --------------------------------------------------------------------- */

static void test_csv_table(void) {
  static const char table[] =
      "citizen,date,kind,benefit,outcome\n"
      "c-0101,,profile,uddannelseshjaelp,\n"
      "c-0101,2024-01-08,first_conversation,,\n"
      "c-0101,2024-01-08,visitation,,project\n"
      "c-0102,2024-01-10,first_conversation,,\n";
  static const char* const json[] = {
      "{\"citizen\": \"c-0101\", \"profile\": {\"benefit\": \"uddannelseshjaelp\"}, \"events\": ["
      "{\"date\": \"2024-01-08\", \"kind\": \"first_conversation\"},"
      "{\"date\": \"2024-01-08\", \"kind\": \"visitation\", \"outcome\": \"project\"}]}",
      "{\"citizen\": \"c-0102\", \"events\": [{\"date\": \"2024-01-10\", \"kind\": \"first_conversation\"}]}"};
  kanten_case_reader* r = NULL;
  CHECK(kanten_case_reader_from_text(table, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_CSV, NULL, &r) == KANTEN_OK);
  CHECK(kanten_case_reader_format(r) == KANTEN_FORMAT_CSV);
  kanten_case* c = NULL;
  size_t n = 0;
  int s;
  while ((s = kanten_case_reader_next(r, &c)) == 1) {
    kanten_case* expected = NULL;
    CHECK(n < 2 && kanten_case_from_json(json[n], KANTEN_NUL_TERMINATED, &expected) == KANTEN_OK);
    char* a = case_json(c);
    char* b = case_json(expected);
    CHECK(same(a, b));
    kanten_string_free(a);
    kanten_string_free(b);
    kanten_case_free(expected);
    kanten_case_free(c);
    ++n;
  }
  CHECK(s == 0 && n == 2);
  kanten_case_reader_free(r);

  /* A citizen's rows apart: KANTEN_EINPUT naming the line. */
  static const char apart[] =
      "citizen,date,kind\n"
      "a-1,2024-01-08,first_conversation\n"
      "a-2,2024-01-08,first_conversation\n"
      "a-1,2024-01-09,cv_completed\n";
  CHECK(kanten_case_reader_from_text(apart, KANTEN_NUL_TERMINATED, KANTEN_FORMAT_CSV, NULL, &r) == KANTEN_OK);
  kanten_caseload* chunk = NULL;
  CHECK(kanten_case_reader_next_chunk(r, 10, &chunk) == 1 && kanten_caseload_count(chunk) == 2);
  kanten_caseload_free(chunk);
  CHECK_ERROR(kanten_case_reader_next_chunk(r, 10, &chunk), KANTEN_EINPUT, "line", "a-1");
  kanten_case_reader_free(r);

  /* The header is read when the reader is made: its faults come from there. */
  r = (kanten_case_reader*)&r;
  CHECK_ERROR(kanten_case_reader_from_text("date,kind\n2024-01-08,cv_completed\n", KANTEN_NUL_TERMINATED, KANTEN_FORMAT_CSV,
                                           NULL, &r),
              KANTEN_EINPUT, "kanten_case_reader_from_text", "citizen");
  CHECK(r == NULL);
}

int main(void) {
  reference ref = reference_of_example();
  CHECK(ref.count == 4);
  test_format_names_and_status();
  test_json_file_case_by_case(&ref);
  test_json_file_by_chunks(&ref);
  test_json_lines_text(&ref);
  test_evaluate_stream_matches_evaluate_caseload();
  test_evaluate_stream_many_chunks();
  test_evaluate_stream_callback_stops();
  test_broken_line();
  test_warnings_and_single();
  test_bad_parameters();
  test_csv_table();
  reference_free(&ref);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
