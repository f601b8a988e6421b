/* capi/tests/check.h — what the C ABI's test programs share: the pass/fail counters, CHECK, and
 * the check that a call failed with a status and a message. Included once per test program. */
#ifndef KANTEN_CAPI_TESTS_CHECK_H
#define KANTEN_CAPI_TESTS_CHECK_H

#include <kanten.h>

#include <stdio.h>
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

#endif
