/* capi/tests/check.h — what the C ABI's test programs share: the pass/fail counters, CHECK, the
 * check that a call failed with a status and a message, string comparisons and reading an example
 * file. Included once per test program. */
#ifndef KANTEN_CAPI_TESTS_CHECK_H
#define KANTEN_CAPI_TESTS_CHECK_H

#include <kanten.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                                                  \
  do {                                                                                               \
    if (cond) {                                                                                      \
      ++passed;                                                                                      \
    } else {                                                                                         \
      ++failed;                                                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: \"%s\"\n", __FILE__, __LINE__, #cond,   \
              kanten_last_error());                                                                  \
    }                                                                                                \
  } while (0)

/* The status is `expected` and the last error mentions every given fragment (NULL: none). */
static int error_is(int status, int expected, const char* fragment1, const char* fragment2) {
  const char* msg = kanten_last_error();
  if (status != expected || msg == NULL || msg[0] == '\0') return 0;
  if (fragment1 && !strstr(msg, fragment1)) return 0;
  if (fragment2 && !strstr(msg, fragment2)) return 0;
  return 1;
}
#define CHECK_ERROR(call, expected, f1, f2) CHECK(error_is((call), (expected), (f1), (f2)))
/* The last call succeeded: the last error is "" (never NULL). */
#define CHECK_NO_ERROR() CHECK(kanten_last_error() != NULL && kanten_last_error()[0] == '\0')

static int contains(const char* s, const char* part) { return s != NULL && strstr(s, part) != NULL; }
/* Both strings are there and equal. */
static inline int same(const char* a, const char* b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }

/* The whole file at `path` as a NUL-terminated string the caller frees; NULL (and a failed
 * check) when it cannot be read. */
static inline char* read_path(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    ++failed;
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
    buf[n] = '\0';
  } else {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  return buf;
}

#ifdef KANTEN_EXAMPLES_DIR
/* The whole of examples/<relative>, as read_path(). */
static inline char* read_text(const char* relative) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", KANTEN_EXAMPLES_DIR, relative);
  return read_path(path);
}
#endif

/* A growing string. */
typedef struct text {
  char* s;
  size_t n, cap;
} text;
/* Appends s to t (aborts when memory runs out). */
static inline void append(text* t, const char* s) {
  size_t k = strlen(s);
  if (t->n + k + 1 > t->cap) {
    size_t cap = (t->n + k + 1) * 2;
    char* p = realloc(t->s, cap);
    if (!p) abort();
    t->s = p;
    t->cap = cap;
  }
  memcpy(t->s + t->n, s, k + 1);
  t->n += k;
}

#endif
