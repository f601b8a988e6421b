/* capi/tests/test_capi_matcher.c — the C ABI's persistent matcher (kanten_matcher), tested from
 * C11 compiled as C.
 *
 * A matcher's top lists are the lists kanten_match() gives in mode top_k on the same market (for
 * every citizen of a generated market; a task's best citizens against every candidate pair of
 * that task); updates (capacity, slots, upserts, removals) show in the next query; a result
 * stays readable after updates and after the matcher is freed; every bad parameter (NULL, k 0,
 * negative or INT32_MAX, an unknown id, malformed JSON for an upsert) is a status with a message
 * naming it. Prints "N passed, M failed" and exits non-zero on any failure. */
#include <kanten.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KANTEN_EXAMPLES_DIR
#  error "KANTEN_EXAMPLES_DIR must name the repository's examples/ directory"
#endif

#include "check.h"

/* A small deterministic generator (a linear congruential sequence), so the market is the same on
 * every run and every platform. */
static uint32_t lcg_state = 2018u;
static uint32_t next_u32(void) {
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return lcg_state >> 8;
}
static int pick(int n) { return (int)(next_u32() % (uint32_t)n); }

#define N_CITIZENS 240
#define N_COMPANIES 40
#define N_TASKS 100

/* A market around Nykøbing Falster: citizens and companies within about 15 km, wishes and task
 * codes from a few DISCO groups (so that ties and per-company limits occur), some capacities and
 * slots 0, some visits. */
static char* generated_market(void) {
  static const char* disco[] = {"9412", "941200", "9333", "933300", "5223", "522300", "8344", "834400", "4110", "411000"};
  static const char* competences[] = {"cleaning", "warehouse", "food_hygiene", "cash_register", "it_basics"};
  static const char* modes[] = {"car", "public_transport", "bicycle", "walk"};
  text t = {NULL, 0, 0};
  char buf[1024];
  append(&t, "{\"citizens\": [");
  for (int i = 0; i < N_CITIZENS; ++i) {
    const int now = 4 + pick(12);
    snprintf(buf, sizeof buf,
             "%s{\"id\": \"c-%03d\", \"home\": {\"lat\": %.4f, \"lon\": %.4f}, \"mode\": \"%s\", \"max_travel_m\": %d, "
             "\"hours_now\": %d, \"hours_max\": %d, \"wishes\": [\"%.*s\"], \"competences\": [\"%s\"], "
             "\"danish_level\": %d, \"driving_licence\": %s%s}",
             i ? ", " : "", i, 54.70 + pick(2000) / 10000.0, 11.75 + pick(3000) / 10000.0, modes[pick(4)],
             5000 + pick(15000), now * 60, (now + pick(20)) * 60, 1 + pick(4), disco[2 * pick(5)],
             competences[pick(5)], pick(4), pick(2) ? "true" : "false",
             pick(5) == 0 ? ", \"visited_companies\": [\"co-01\"]" : "");
    append(&t, buf);
  }
  append(&t, "], \"companies\": [");
  for (int i = 0; i < N_COMPANIES; ++i) {
    snprintf(buf, sizeof buf,
             "%s{\"id\": \"co-%02d\", \"location\": {\"lat\": %.4f, \"lon\": %.4f}, \"inclusion_internships\": %d, "
             "\"social_responsibility\": %s, \"labour_shortage\": %s, \"mentors\": %d, \"capacity\": %d}",
             i ? ", " : "", i, 54.70 + pick(2000) / 10000.0, 11.75 + pick(3000) / 10000.0, pick(3),
             pick(2) ? "true" : "false", pick(2) ? "true" : "false", pick(3), pick(8) == 0 ? 0 : 1 + pick(3));
    append(&t, buf);
  }
  append(&t, "], \"tasks\": [");
  for (int i = 0; i < N_TASKS; ++i) {
    const int min = pick(16);
    snprintf(buf, sizeof buf,
             "%s{\"id\": \"t-%03d\", \"company\": \"co-%02d\", \"disco\": [\"%s\"], \"optional_competences\": [\"%s\"], "
             "\"min_per_week\": %d, \"max_per_week\": %d, \"ordinary_from_start\": %s, \"slots\": %d, "
             "\"min_danish_level\": %d}",
             i ? ", " : "", i, pick(N_COMPANIES), disco[2 * pick(5) + 1], competences[pick(5)], min * 60,
             (min + 5 + pick(20)) * 60, pick(2) ? "true" : "false", pick(10) == 0 ? 0 : 1 + pick(2), pick(3));
    append(&t, buf);
  }
  append(&t, "]}");
  return t.s;
}

static kanten_market* market_of_text(const char* json) {
  kanten_market* m = NULL;
  CHECK(kanten_market_from_json(json, KANTEN_NUL_TERMINATED, &m) == KANTEN_OK);
  return m;
}

static kanten_matcher* matcher_of(const kanten_market* m) {
  kanten_matcher* x = NULL;
  CHECK(kanten_matcher_new(m, NULL, &x) == KANTEN_OK);
  CHECK_NO_ERROR();
  return x;
}

/* Entry i of r (KANTEN_MATCH_ENTRY_INIT, then filled). */
static kanten_match_entry entry(const kanten_match_result* r, size_t i) {
  kanten_match_entry e = KANTEN_MATCH_ENTRY_INIT;
  CHECK(kanten_match_result_get(r, i, &e) == KANTEN_OK);
  return e;
}

/* Whether entry ia of a and ib of b are the same match: ids, indices, score, breakdown, reasons
 * and concerns. */
static int same_entry(const kanten_match_result* a, size_t ia, const kanten_match_result* b, size_t ib) {
  kanten_match_entry x = entry(a, ia), y = entry(b, ib);
  if (!same(x.citizen_id, y.citizen_id) || !same(x.task_id, y.task_id) || !same(x.company_id, y.company_id)) return 0;
  if (x.citizen_index != y.citizen_index || x.task_index != y.task_index) return 0;
  if (x.score != y.score || x.wish != y.wish || x.competences != y.competences || x.hours != y.hours ||
      x.travel != y.travel || x.readiness != y.readiness || x.ordinary != y.ordinary ||
      x.wish_level != y.wish_level || x.distance_m != y.distance_m)
    return 0;
  if (x.reason_count != y.reason_count || x.concern_count != y.concern_count) return 0;
  for (size_t j = 0; j < x.reason_count; ++j)
    if (!same(kanten_match_result_reason(a, ia, j), kanten_match_result_reason(b, ib, j))) return 0;
  for (size_t j = 0; j < x.concern_count; ++j)
    if (!same(kanten_match_result_concern(a, ia, j), kanten_match_result_concern(b, ib, j))) return 0;
  return 1;
}

/* Whether the task with this id appears in any citizen's top list of x (k tasks, per_company). */
static int task_listed_anywhere(const kanten_matcher* x, const kanten_market* m, const char* task_id) {
  int found = 0;
  for (size_t c = 0; c < kanten_market_citizen_count(m); ++c) {
    char id[16];
    snprintf(id, sizeof id, "c-%03d", (int)c);
    kanten_match_result* r = NULL;
    CHECK(kanten_matcher_top_tasks(x, id, 100, 100, 0, &r) == KANTEN_OK);
    for (size_t i = 0; i < kanten_match_result_count(r); ++i)
      if (same(entry(r, i).task_id, task_id)) found = 1;
    kanten_match_result_free(r);
  }
  return found;
}

/* --- the answers are those of kanten_match() in mode top_k ----------------------------------- */

static void test_top_tasks_equal_match_top_k(void) {
  char* json = generated_market();
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = matcher_of(m);
  CHECK(kanten_matcher_citizen_count(x) == N_CITIZENS && kanten_matcher_company_count(x) == N_COMPANIES &&
        kanten_matcher_task_count(x) == N_TASKS);
  const int32_t ks[] = {1, 3, 5}, per[] = {1, 2, 1};
  for (int v = 0; v < 3; ++v) {
    kanten_match_options o = KANTEN_MATCH_OPTIONS_INIT;
    o.mode = KANTEN_MATCH_TOP_K;
    o.k = ks[v];
    o.per_company = per[v];
    kanten_match_result* all = NULL;
    CHECK(kanten_match(m, &o, &all) == KANTEN_OK);
    size_t at = 0, listed = 0;  /* the lists of kanten_match() are in citizen order */
    for (size_t c = 0; c < N_CITIZENS; ++c) {
      char id[16];
      snprintf(id, sizeof id, "c-%03d", (int)c);
      kanten_match_result* r = NULL;
      CHECK(kanten_matcher_top_tasks(x, id, ks[v], per[v], 1, &r) == KANTEN_OK);
      CHECK(kanten_match_result_mode(r) == KANTEN_MATCH_TOP_K);
      CHECK(same(kanten_match_result_weights_version(r), "match-weights-2026.2"));
      CHECK(kanten_match_result_unmatched_count(r) == 0);
      const size_t n = kanten_match_result_count(r);
      CHECK(n <= (size_t)ks[v]);
      for (size_t i = 0; i < n; ++i) {
        CHECK(at + i < kanten_match_result_count(all) && same_entry(r, i, all, at + i));
        CHECK(same(entry(r, i).citizen_id, id) && entry(r, i).citizen_index == c);
      }
      at += n;
      listed += n > 0;
      kanten_match_result_free(r);
    }
    CHECK(at == kanten_match_result_count(all));  /* no list of kanten_match() is missing */
    CHECK(listed > N_CITIZENS / 2);               /* the market gives most citizens a list */
    kanten_match_result_free(all);
  }
  kanten_matcher_free(x);
  kanten_market_free(m);
  free(json);
}

/* A task's best citizens: its candidate pairs (kanten_match() top_k with room for every
 * candidate of every citizen), by score descending, ties by citizen index. */
static void test_top_citizens_equal_candidates(void) {
  char* json = generated_market();
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = matcher_of(m);
  kanten_match_options o = KANTEN_MATCH_OPTIONS_INIT;
  o.mode = KANTEN_MATCH_TOP_K;
  o.k = N_TASKS;
  o.per_company = N_TASKS;
  kanten_match_result* all = NULL;
  CHECK(kanten_match(m, &o, &all) == KANTEN_OK);
  const size_t n_all = kanten_match_result_count(all);
  size_t* order = malloc(n_all * sizeof *order);
  size_t nonempty = 0;
  for (size_t t = 0; t < N_TASKS; ++t) {
    /* The candidates of task t, sorted (insertion sort: a few dozen at most). */
    size_t n = 0;
    for (size_t i = 0; i < n_all; ++i) {
      kanten_match_entry e = entry(all, i);
      if (e.task_index != t) continue;
      size_t j = n++;
      while (j > 0) {
        kanten_match_entry p = entry(all, order[j - 1]);
        if (p.score > e.score || (p.score == e.score && p.citizen_index < e.citizen_index)) break;
        order[j] = order[j - 1];
        --j;
      }
      order[j] = i;
    }
    char id[16];
    snprintf(id, sizeof id, "t-%03d", (int)t);
    const int32_t k = 4;
    kanten_match_result* r = NULL;
    CHECK(kanten_matcher_top_citizens(x, id, k, 1, &r) == KANTEN_OK);
    const size_t expected = n < (size_t)k ? n : (size_t)k;
    CHECK(kanten_match_result_count(r) == expected);
    for (size_t i = 0; i < expected && i < kanten_match_result_count(r); ++i) CHECK(same_entry(r, i, all, order[i]));
    nonempty += expected > 0;
    kanten_match_result_free(r);
  }
  CHECK(nonempty > N_TASKS / 2);
  free(order);
  kanten_match_result_free(all);
  kanten_matcher_free(x);
  kanten_market_free(m);
  free(json);
}

/* The example of docs/matching.md ("A top list"): c-06's best two tasks, and the document. */
static void test_top_list_json_is_the_documented_one(void) {
  char* json = read_text("data/market.json");
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = matcher_of(m);
  kanten_match_result* r = NULL;
  CHECK(kanten_matcher_top_tasks(x, "c-06", 2, 1, 1, &r) == KANTEN_OK);
  CHECK(kanten_match_result_count(r) == 2);
  CHECK(same(entry(r, 0).task_id, "t-1") && entry(r, 0).score == 71);
  CHECK(same(entry(r, 1).task_id, "t-3") && entry(r, 1).score == 26 && same(entry(r, 1).company_id, "co-102"));
  CHECK(entry(r, 0).reason_count == 6 && entry(r, 0).concern_count == 2);
  CHECK(same(kanten_match_result_reason(r, 0, 3), "travel: 0.6 km +14"));
  CHECK(kanten_match_result_candidates(r) == 0 && kanten_match_result_total_score(r) == 0);
  char* doc = NULL;
  CHECK(kanten_match_result_to_json(r, -1, &doc) == KANTEN_OK);
  CHECK(contains(doc, "{\"weights_version\":\"match-weights-2026.2\",\"citizen\":\"c-06\",\"k\":2,\"per_company\":1,"
                      "\"matches\":[{\"citizen\":\"c-06\",\"task\":\"t-1\",\"company\":\"co-101\",\"score\":71,"));
  kanten_string_free(doc);
  kanten_match_result_free(r);

  /* A task's list names the task and its company; without explanations no reasons. */
  CHECK(kanten_matcher_top_citizens(x, "t-3", 10, 0, &r) == KANTEN_OK);
  CHECK(kanten_match_result_count(r) > 0);
  for (size_t i = 0; i < kanten_match_result_count(r); ++i) {
    kanten_match_entry e = entry(r, i);
    CHECK(same(e.task_id, "t-3") && e.reason_count == 0 && e.concern_count == 0);
  }
  CHECK(kanten_match_result_to_json(r, 2, &doc) == KANTEN_OK);
  CHECK(contains(doc, "\"task\": \"t-3\",\n  \"company\": \"co-102\",\n  \"k\": 10,"));
  kanten_string_free(doc);
  kanten_match_result_free(r);

  /* A list without matches still names what it is about. */
  CHECK(kanten_matcher_top_citizens(x, "t-5", 3, 1, &r) == KANTEN_OK);  /* t-5 has no slots */
  CHECK(kanten_match_result_count(r) == 0);
  CHECK(kanten_match_result_to_json(r, -1, &doc) == KANTEN_OK);
  CHECK(contains(doc, "\"task\":\"t-5\",\"company\":\"co-102\",\"k\":3,\"matches\":[]"));
  kanten_string_free(doc);
  kanten_match_result_free(r);
  kanten_matcher_free(x);
  kanten_market_free(m);
  free(json);
}

/* --- updates ----------------------------------------------------------------------------------- */

static void test_updates_show_in_the_next_query(void) {
  char* json = generated_market();
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = matcher_of(m);

  /* A task listed for some citizen: slots 0 takes it out of every list, slots 1 brings it back. */
  kanten_match_result* r = NULL;
  const char* task = NULL;
  char task_id[16] = "", company_id[16] = "";
  for (int c = 0; c < N_CITIZENS && task == NULL; ++c) {
    char id[16];
    snprintf(id, sizeof id, "c-%03d", c);
    CHECK(kanten_matcher_top_tasks(x, id, 1, 1, 0, &r) == KANTEN_OK);
    if (kanten_match_result_count(r) > 0) {
      kanten_match_entry e = entry(r, 0);
      snprintf(task_id, sizeof task_id, "%s", e.task_id);
      snprintf(company_id, sizeof company_id, "%s", e.company_id);
      task = task_id;
    }
    kanten_match_result_free(r);
  }
  CHECK(task != NULL);
  if (task == NULL) return;
  CHECK(task_listed_anywhere(x, m, task));
  CHECK(kanten_matcher_set_slots(x, task, 0) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(!task_listed_anywhere(x, m, task));
  CHECK(kanten_matcher_set_slots(x, task, 1) == KANTEN_OK);
  CHECK(task_listed_anywhere(x, m, task));

  /* Capacity 0 takes every task of the company out; back at 2 they return. */
  CHECK(kanten_matcher_set_capacity(x, company_id, 0) == KANTEN_OK);
  CHECK(!task_listed_anywhere(x, m, task));
  CHECK(kanten_matcher_set_capacity(x, company_id, 2) == KANTEN_OK);
  CHECK(task_listed_anywhere(x, m, task));

  /* A result taken before the task is removed keeps its ids after the removal and the free. */
  kanten_match_result* kept = NULL;
  CHECK(kanten_matcher_top_citizens(x, task, 5, 1, &kept) == KANTEN_OK);
  const size_t before = kanten_match_result_count(kept);
  CHECK(before > 0);
  CHECK(kanten_matcher_remove_task(x, task) == 1);
  CHECK_NO_ERROR();
  CHECK(kanten_matcher_task_count(x) == N_TASKS - 1);
  CHECK(kanten_matcher_remove_task(x, task) == 0);  /* already gone */
  CHECK(!task_listed_anywhere(x, m, task));
  kanten_match_result* gone = kept;
  CHECK_ERROR(kanten_matcher_top_citizens(x, task, 5, 1, &gone), KANTEN_EINVAL, "field 'task'", task);
  CHECK(gone == NULL);

  /* A new task for the company, from JSON: listed for the citizens it fits. */
  char buf[512];
  snprintf(buf, sizeof buf,
           "{\"id\": \"t-new\", \"company\": \"%s\", \"disco\": [\"941200\", \"933300\", \"522300\", \"834400\", \"411000\"], "
           "\"min_per_week\": 0, \"slots\": 3}",
           company_id);
  CHECK(kanten_matcher_upsert_task_json(x, buf, KANTEN_NUL_TERMINATED, NULL) == KANTEN_OK);
  CHECK_NO_ERROR();
  CHECK(kanten_matcher_warning_count(x) == 0);
  CHECK(kanten_matcher_task_count(x) == N_TASKS);
  CHECK(task_listed_anywhere(x, m, "t-new"));

  /* A new citizen next to the company who wishes its work. */
  const char* citizen = "{\"id\": \"c-new\", \"home\": {\"lat\": 54.77, \"lon\": 11.88}, \"max_travel_m\": 0, "
                        "\"wishes\": [\"9\", \"8\", \"5\", \"4\"], \"hours_now\": 600, \"hours_max\": 2000, "
                        "\"danish_level\": 3, \"driving_licence\": true}";
  CHECK(kanten_matcher_upsert_citizen_json(x, citizen, KANTEN_NUL_TERMINATED, NULL) == KANTEN_OK);
  CHECK(kanten_matcher_citizen_count(x) == N_CITIZENS + 1);
  kanten_match_result* mine = NULL;
  CHECK(kanten_matcher_top_tasks(x, "c-new", 200, 200, 1, &mine) == KANTEN_OK);
  int has_new = 0;
  for (size_t i = 0; i < kanten_match_result_count(mine); ++i) has_new |= same(entry(mine, i).task_id, "t-new");
  CHECK(has_new);

  /* The same id again replaces: a citizen who can travel no farther than 1 m finds no task. */
  const char* homebound = "{\"id\": \"c-new\", \"home\": {\"lat\": 55.9, \"lon\": 8.2}, \"max_travel_m\": 1}";
  CHECK(kanten_matcher_upsert_citizen_json(x, homebound, KANTEN_NUL_TERMINATED, NULL) == KANTEN_OK);
  CHECK(kanten_matcher_citizen_count(x) == N_CITIZENS + 1);
  CHECK(kanten_matcher_top_tasks(x, "c-new", 10, 1, 1, &r) == KANTEN_OK);
  CHECK(kanten_match_result_count(r) == 0);
  kanten_match_result_free(r);

  /* Removing the company removes its tasks. */
  const size_t tasks_before = kanten_matcher_task_count(x);
  CHECK(kanten_matcher_remove_company(x, company_id) == 1);
  CHECK(kanten_matcher_task_count(x) < tasks_before);
  CHECK(kanten_matcher_company_count(x) == N_COMPANIES - 1);
  CHECK(!task_listed_anywhere(x, m, "t-new"));
  CHECK(kanten_matcher_remove_company(x, company_id) == 0);
  CHECK(kanten_matcher_remove_citizen(x, "c-new") == 1);
  CHECK(kanten_matcher_remove_citizen(x, "c-new") == 0);
  CHECK(kanten_matcher_citizen_count(x) == N_CITIZENS);

  /* The market as it is now, for a whole proposal. */
  kanten_market* now = NULL;
  CHECK(kanten_matcher_market(x, &now) == KANTEN_OK);
  CHECK(kanten_market_citizen_count(now) == N_CITIZENS && kanten_market_task_count(now) == kanten_matcher_task_count(x));
  kanten_match_result* proposal = NULL;
  CHECK(kanten_match(now, NULL, &proposal) == KANTEN_OK);
  kanten_match_result_free(proposal);
  kanten_market_free(now);

  kanten_matcher_free(x);
  /* The results outlive the matcher and every update. */
  for (size_t i = 0; i < before; ++i) CHECK(same(entry(kept, i).task_id, task) && same(entry(kept, i).company_id, company_id));
  CHECK(same(entry(mine, 0).citizen_id, "c-new"));
  kanten_match_result_free(kept);
  kanten_match_result_free(mine);
  kanten_market_free(m);
  free(json);
}

/* A result taken before updates and the free of its matcher: its ids are its own. */
static void test_result_outlives_updates_and_matcher(void) {
  char* json = read_text("data/market.json");
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = matcher_of(m);
  kanten_market_free(m); /* the matcher holds its own copy */
  kanten_match_result* r = NULL;
  CHECK(kanten_matcher_top_tasks(x, "c-06", 3, 1, 1, &r) == KANTEN_OK);
  const size_t n = kanten_match_result_count(r);
  CHECK(n >= 2);
  kanten_match_entry first = entry(r, 0);
  const size_t task_index = first.task_index;
  CHECK(kanten_matcher_remove_citizen(x, "c-06") == 1);
  CHECK(kanten_matcher_remove_task(x, "t-1") == 1);
  CHECK(kanten_matcher_remove_company(x, "co-102") == 1);
  kanten_matcher_free(x);
  kanten_match_entry again = entry(r, 0);
  CHECK(same(again.citizen_id, "c-06") && same(again.task_id, "t-1") && same(again.company_id, "co-101"));
  CHECK(again.task_index == task_index);
  CHECK(same(entry(r, 1).task_id, "t-3"));
  char* doc = NULL;
  CHECK(kanten_match_result_to_json(r, -1, &doc) == KANTEN_OK && contains(doc, "\"citizen\":\"c-06\""));
  kanten_string_free(doc);
  kanten_match_result_free(r);
  free(json);
}

static void test_weights(void) {
  char* json = read_text("data/market.json");
  char* wj = read_text("data/weights.json");
  kanten_market* m = market_of_text(json);
  kanten_weights* w = NULL;
  CHECK(kanten_weights_from_json(wj, KANTEN_NUL_TERMINATED, &w) == KANTEN_OK);
  kanten_matcher* x = NULL;
  CHECK(kanten_matcher_new(m, w, &x) == KANTEN_OK);
  kanten_weights_free(w); /* only read during the call */
  kanten_match_options o = KANTEN_MATCH_OPTIONS_INIT;
  CHECK(kanten_weights_from_json(wj, KANTEN_NUL_TERMINATED, &w) == KANTEN_OK);
  o.mode = KANTEN_MATCH_TOP_K;
  o.weights = w;
  o.k = 3;
  kanten_match_result* all = NULL;
  CHECK(kanten_match(m, &o, &all) == KANTEN_OK);
  CHECK(same(kanten_matcher_weights_version(x), kanten_match_result_weights_version(all)));
  kanten_match_result* r = NULL;
  CHECK(kanten_matcher_top_tasks(x, "c-01", 3, 1, 1, &r) == KANTEN_OK);
  CHECK(same(kanten_match_result_weights_version(r), kanten_match_result_weights_version(all)));
  for (size_t i = 0; i < kanten_match_result_count(r); ++i) CHECK(same_entry(r, i, all, i));
  kanten_match_result_free(r);
  kanten_match_result_free(all);
  kanten_weights_free(w);
  kanten_matcher_free(x);
  kanten_market_free(m);
  free(wj);
  free(json);
}

/* --- bad parameters ---------------------------------------------------------------------------- */

static void test_bad_parameters(void) {
  char* json = read_text("data/market.json");
  kanten_market* m = market_of_text(json);
  kanten_matcher* x = (kanten_matcher*)&json;
  CHECK_ERROR(kanten_matcher_new(NULL, NULL, &x), KANTEN_EINVAL, "kanten_matcher_new", "'m'");
  CHECK(x == NULL);
  CHECK_ERROR(kanten_matcher_new(m, NULL, NULL), KANTEN_EINVAL, "kanten_matcher_new", "'out'");
  x = matcher_of(m);
  kanten_matcher_free(NULL);
  CHECK(kanten_matcher_citizen_count(NULL) == 0 && kanten_matcher_company_count(NULL) == 0 &&
        kanten_matcher_task_count(NULL) == 0 && kanten_matcher_warning_count(NULL) == 0);
  CHECK(kanten_matcher_weights_version(NULL) == NULL && contains(kanten_last_error(), "'matcher'"));
  kanten_market* copy = (kanten_market*)&json;
  CHECK_ERROR(kanten_matcher_market(NULL, &copy), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK(copy == NULL);
  CHECK_ERROR(kanten_matcher_market(x, NULL), KANTEN_EINVAL, "'out'", NULL);

  /* Queries: NULL pointers, k and per_company out of range, unknown ids. */
  kanten_match_result* r = (kanten_match_result*)&json;
  CHECK_ERROR(kanten_matcher_top_tasks(NULL, "c-01", 5, 1, 1, &r), KANTEN_EINVAL, "kanten_matcher_top_tasks", "'matcher'");
  CHECK(r == NULL);
  CHECK_ERROR(kanten_matcher_top_tasks(x, NULL, 5, 1, 1, &r), KANTEN_EINVAL, "'citizen_id'", NULL);
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", 5, 1, 1, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", 0, 1, 1, &r), KANTEN_EINVAL, "field 'k'", "'0'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", -1, 1, 1, &r), KANTEN_EINVAL, "field 'k'", "'-1'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", INT32_MIN, 1, 1, &r), KANTEN_EINVAL, "field 'k'", "'-2147483648'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", 5, 0, 1, &r), KANTEN_EINVAL, "field 'per_company'", "'0'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "c-01", 5, -7, 1, &r), KANTEN_EINVAL, "field 'per_company'", "'-7'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "nobody", 5, 1, 1, &r), KANTEN_EINVAL, "field 'citizen'", "'nobody'");
  CHECK_ERROR(kanten_matcher_top_tasks(x, "", 5, 1, 1, &r), KANTEN_EINVAL, "field 'citizen'", NULL);
  CHECK_ERROR(kanten_matcher_top_tasks(x, "t-1", 5, 1, 1, &r), KANTEN_EINVAL, "field 'citizen'", "'t-1'");
  CHECK(r == NULL);
  CHECK_ERROR(kanten_matcher_top_citizens(NULL, "t-1", 5, 1, &r), KANTEN_EINVAL, "kanten_matcher_top_citizens", "'matcher'");
  CHECK_ERROR(kanten_matcher_top_citizens(x, NULL, 5, 1, &r), KANTEN_EINVAL, "'task_id'", NULL);
  CHECK_ERROR(kanten_matcher_top_citizens(x, "t-1", 5, 1, NULL), KANTEN_EINVAL, "'out'", NULL);
  CHECK_ERROR(kanten_matcher_top_citizens(x, "t-1", 0, 1, &r), KANTEN_EINVAL, "field 'k'", "'0'");
  CHECK_ERROR(kanten_matcher_top_citizens(x, "t-1", -5, 1, &r), KANTEN_EINVAL, "field 'k'", "'-5'");
  CHECK_ERROR(kanten_matcher_top_citizens(x, "c-01", 5, 1, &r), KANTEN_EINVAL, "field 'task'", "'c-01'");

  /* k and per_company INT32_MAX: every candidate, nothing reserved for k. */
  CHECK(kanten_matcher_top_tasks(x, "c-06", INT32_MAX, INT32_MAX, 1, &r) == KANTEN_OK);
  CHECK_NO_ERROR();
  const size_t all_tasks = kanten_match_result_count(r);
  CHECK(all_tasks >= 2 && all_tasks <= kanten_matcher_task_count(x));
  kanten_match_result_free(r);
  CHECK(kanten_matcher_top_citizens(x, "t-1", INT32_MAX, 1, &r) == KANTEN_OK);
  CHECK(kanten_match_result_count(r) >= 1 && kanten_match_result_count(r) <= kanten_matcher_citizen_count(x));
  kanten_match_result_free(r);
  /* explain: any nonzero value */
  CHECK(kanten_matcher_top_tasks(x, "c-06", 1, 1, -3, &r) == KANTEN_OK && entry(r, 0).reason_count > 0);
  kanten_match_result_free(r);

  /* Upserts: NULL, text that is not JSON, not an object, a field of the wrong type or value. */
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(NULL, "{}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL,
              "kanten_matcher_upsert_citizen_json", "'matcher'");
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, NULL, 0, NULL), KANTEN_EINVAL, "'text'", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "{", KANTEN_NUL_TERMINATED, NULL), KANTEN_EPARSE, NULL, NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "", KANTEN_NUL_TERMINATED, NULL), KANTEN_EPARSE, NULL, NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "[1, 2]", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINPUT, "citizen", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "{\"id\": \"c-9\"}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINPUT,
              "home", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "{\"id\": 7, \"home\": {\"lat\": 54.7, \"lon\": 11.9}}",
                                                 KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINPUT, "id", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, "{\"id\": \"c-9\", \"home\": {\"lat\": \"north\", \"lon\": 11.9}}",
                                                 KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINPUT, "home.lat", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(
                  x, "{\"id\": \"c-9\", \"home\": {\"lat\": 54.7, \"lon\": 11.9}, \"hours_now\": 99999999999999999999}",
                  KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINPUT, "hours_now", NULL);
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(
                  x, "{\"id\": \"c-9\", \"home\": {\"lat\": 54.7, \"lon\": 11.9}, \"visited_companies\": [\"co-999\"]}",
                  KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINVAL, "citizen.visited_companies[0]", "co-999");
  /* A NUL byte inside the given length is refused, never cut short. */
  const char nul[] = "{\"id\": \"c-9\", \"home\": {\"lat\": 54.7, \"lon\": 11.9}}\0 trailing";
  CHECK(kanten_matcher_upsert_citizen_json(x, nul, sizeof nul - 1, NULL) == KANTEN_EPARSE);
  CHECK(kanten_matcher_citizen_count(x) == 6);  /* nothing was added by a failed upsert */

  /* Unknown fields: a warning (or, strict, an error naming the field). */
  const char* typo = "{\"id\": \"c-9\", \"home\": {\"lat\": 54.7, \"lon\": 11.9}, \"wishs\": [\"9\"]}";
  CHECK(kanten_matcher_upsert_citizen_json(x, typo, KANTEN_NUL_TERMINATED, NULL) == KANTEN_OK);
  CHECK(kanten_matcher_warning_count(x) == 1);
  kanten_input_warning w = KANTEN_INPUT_WARNING_INIT;
  CHECK(kanten_matcher_warning(x, 0, &w) == KANTEN_OK && contains(w.field, "wishs"));
  CHECK_ERROR(kanten_matcher_warning(x, 1, &w), KANTEN_EINVAL, "'i'", NULL);
  CHECK_ERROR(kanten_matcher_warning(NULL, 0, &w), KANTEN_EINVAL, "'matcher'", NULL);
  kanten_read_options strict = KANTEN_READ_OPTIONS_INIT;
  strict.strict = 1;
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, typo, KANTEN_NUL_TERMINATED, &strict), KANTEN_EINPUT, "wishs", NULL);
  kanten_read_options bad_version = KANTEN_READ_OPTIONS_INIT;
  bad_version.version = 99;
  CHECK_ERROR(kanten_matcher_upsert_citizen_json(x, typo, KANTEN_NUL_TERMINATED, &bad_version), KANTEN_EINVAL,
              "options.version", NULL);
  CHECK(kanten_matcher_upsert_citizen_json(x, "{\"id\": \"c-9\", \"home\": {\"lat\": 54.7, \"lon\": 11.9}}",
                                           KANTEN_NUL_TERMINATED, NULL) == KANTEN_OK);
  CHECK(kanten_matcher_warning_count(x) == 0);  /* the warnings are the last upsert's */
  CHECK(kanten_matcher_citizen_count(x) == 7);

  CHECK_ERROR(kanten_matcher_upsert_company_json(NULL, "{}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK_ERROR(kanten_matcher_upsert_company_json(x, NULL, 3, NULL), KANTEN_EINVAL, "'text'", NULL);
  CHECK_ERROR(kanten_matcher_upsert_company_json(x, "{\"id\": \"co-9\"", KANTEN_NUL_TERMINATED, NULL), KANTEN_EPARSE, NULL, NULL);
  CHECK_ERROR(kanten_matcher_upsert_company_json(
                  x, "{\"id\": \"co-9\", \"location\": {\"lat\": 54.7, \"lon\": 11.9}, \"capacity\": -1}",
                  KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINPUT, "capacity", "'-1'");
  CHECK(kanten_matcher_company_count(x) == 3);

  CHECK_ERROR(kanten_matcher_upsert_task_json(NULL, "{}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK_ERROR(kanten_matcher_upsert_task_json(x, NULL, 0, NULL), KANTEN_EINVAL, "'text'", NULL);
  CHECK_ERROR(kanten_matcher_upsert_task_json(x, "nonsense", KANTEN_NUL_TERMINATED, NULL), KANTEN_EPARSE, NULL, NULL);
  CHECK_ERROR(kanten_matcher_upsert_task_json(x, "{\"id\": \"t-9\"}", KANTEN_NUL_TERMINATED, NULL), KANTEN_EINPUT,
              "company", NULL);
  CHECK_ERROR(kanten_matcher_upsert_task_json(x, "{\"id\": \"t-9\", \"company\": \"co-999\"}", KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINVAL, "field 'company'", "'co-999'");
  CHECK_ERROR(kanten_matcher_upsert_task_json(x, "{\"id\": \"t-9\", \"company\": \"co-101\", \"slots\": 4294967296}",
                                              KANTEN_NUL_TERMINATED, NULL),
              KANTEN_EINPUT, "slots", NULL);
  CHECK(kanten_matcher_task_count(x) == 6);

  /* Removals and settings. */
  CHECK_ERROR(kanten_matcher_remove_citizen(NULL, "c-01"), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK_ERROR(kanten_matcher_remove_citizen(x, NULL), KANTEN_EINVAL, "'id'", NULL);
  CHECK_ERROR(kanten_matcher_remove_company(x, NULL), KANTEN_EINVAL, "'id'", NULL);
  CHECK_ERROR(kanten_matcher_remove_task(NULL, "t-1"), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK(kanten_matcher_remove_citizen(x, "nobody") == 0);
  CHECK_NO_ERROR();
  CHECK(kanten_matcher_remove_task(x, "co-101") == 0);  /* a company's id is no task's */
  CHECK_ERROR(kanten_matcher_set_capacity(NULL, "co-101", 1), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK_ERROR(kanten_matcher_set_capacity(x, NULL, 1), KANTEN_EINVAL, "'company_id'", NULL);
  CHECK_ERROR(kanten_matcher_set_capacity(x, "co-999", 1), KANTEN_EINVAL, "field 'company'", "'co-999'");
  CHECK_ERROR(kanten_matcher_set_capacity(x, "co-101", -1), KANTEN_EINVAL, "field 'capacity'", "'-1'");
  CHECK_ERROR(kanten_matcher_set_capacity(x, "co-101", INT32_MIN), KANTEN_EINVAL, "field 'capacity'", NULL);
  CHECK(kanten_matcher_set_capacity(x, "co-101", INT32_MAX) == KANTEN_OK);
  CHECK_ERROR(kanten_matcher_set_slots(NULL, "t-1", 1), KANTEN_EINVAL, "'matcher'", NULL);
  CHECK_ERROR(kanten_matcher_set_slots(x, NULL, 1), KANTEN_EINVAL, "'task_id'", NULL);
  CHECK_ERROR(kanten_matcher_set_slots(x, "t-999", 1), KANTEN_EINVAL, "field 'task'", "'t-999'");
  CHECK_ERROR(kanten_matcher_set_slots(x, "t-1", -2), KANTEN_EINVAL, "field 'slots'", "'-2'");
  CHECK(kanten_matcher_set_slots(x, "t-1", INT32_MAX) == KANTEN_OK);
  CHECK_NO_ERROR();

  kanten_matcher_free(x);
  kanten_market_free(m);
  free(json);
}

int main(void) {
  test_top_tasks_equal_match_top_k();
  test_top_citizens_equal_candidates();
  test_top_list_json_is_the_documented_one();
  test_updates_show_in_the_next_query();
  test_result_outlives_updates_and_matcher();
  test_weights();
  test_bad_parameters();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
