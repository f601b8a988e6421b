/*
 * kanten.h — the C ABI of kanten: the indsatsmodel's rules and citizen–company matching.
 *
 * This header is the specification of libkanten_c. It is C11 and C++ compatible.
 *
 * CONVENTIONS (they hold for every function below unless its comment says otherwise)
 *
 *  Status codes.  Functions that can fail return an `int` status: KANTEN_OK (0) on success, a
 *    negative KANTEN_E* code on failure. The codes never change meaning; new failures get new
 *    codes. Predicates and optional results return 1 (yes / present), 0 (no / absent) or a
 *    negative code. Accessors that return a value directly document their value on bad
 *    arguments (KANTEN_EINVAL for `int`, 0 for `size_t`, NULL for `const char*`).
 *
 *  Errors.  kanten_last_error() returns this thread's message for the last call that failed;
 *    every function that can fail resets it to "" when it succeeds. Messages name the function,
 *    the parameter or field at fault and the offending value ("kanten_case_add_event: field
 *    'event.kind': value '42': not an event kind (0–22)"); they never carry personal data or
 *    free text from a case.
 *
 *  Handles.  Every kanten_* object is opaque and created by a function of this header that
 *    hands it over through an out-pointer (`T** out`): the caller owns it and frees it with the
 *    matching kanten_*_free(), which accepts NULL. On failure `*out` is set to NULL. A handle
 *    never refers to another handle the caller owns, so handles may be freed in any order.
 *
 *  Strings.  Input strings are UTF-8, NUL-terminated, and copied: the caller may free them as
 *    soon as the call returns. `const char*` results are borrowed from the handle they came
 *    from and stay valid until that handle is freed (they are never NULL on success). `char*`
 *    results (`char** out`) are owned by the caller, who frees them with kanten_string_free().
 *    JSON text is passed as (text, length); length KANTEN_NUL_TERMINATED means strlen(text).
 *    Every *_to_json takes an `indent`: negative for one line, 0 to KANTEN_MAX_INDENT spaces per
 *    level; a larger indent is KANTEN_EINVAL naming `indent`.
 *
 *  Versioned structs.  Every struct that may grow starts with `unsigned version` and has an
 *    _INIT macro; initialise it with the macro, then set fields. Fields are only ever
 *    appended. The library reads (or, for out-structs, fills) the fields that existed in the
 *    version given; version 0 or a version newer than the library's is KANTEN_EINVAL.
 *
 *  Dates.  A kanten_date is {year, month, day}; {0, 0, 0} in a result means "no date".
 *    Events take any three ints: a day that does not exist (2023-02-29, years outside
 *    1400–9999) is carried as "not a date", and the evaluation reports the event as not
 *    applied (KANTEN_NOT_APPLIED_INVALID_DATE) — it is never dropped.
 *
 *  Enums.  The C enums below have the values of the C++ enums; function parameters and struct
 *    fields take them as `int`. Values never change; new values are appended.
 *
 *  Thread-safety.  Every function is thread-safe for distinct handles. A handle may be read
 *    (const parameters) from many threads at once; a function taking a non-const handle needs
 *    exclusive access to it. The library has no global mutable state (the last error is
 *    per-thread).
 *
 *  Exceptions.  No C++ exception ever crosses this interface: out of memory is KANTEN_ENOMEM,
 *    anything unexpected is KANTEN_EINTERNAL.
 *
 *  Matching.  The section "Matching" wraps kanten's matching engine (include/kanten/match/matching.hpp):
 *    markets and weights from JSON, the three solvers, and every match explained.
 */
#ifndef KANTEN_H
#define KANTEN_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------------------------ */
/* Export, linkage                                                                            */
/* ------------------------------------------------------------------------------------------ */

/* KANTEN_API marks the exported functions. The library is built with hidden visibility and
 * KANTEN_C_BUILD defined; consumers define nothing (define KANTEN_C_STATIC when linking a
 * static build of the C ABI on Windows). */
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(KANTEN_C_STATIC)
#    define KANTEN_API
#  elif defined(KANTEN_C_BUILD)
#    define KANTEN_API __declspec(dllexport)
#  else
#    define KANTEN_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define KANTEN_API __attribute__((visibility("default")))
#else
#  define KANTEN_API
#endif

#ifdef __cplusplus
#  define KANTEN_NOEXCEPT noexcept
extern "C" {
#else
#  define KANTEN_NOEXCEPT
#endif

/* ------------------------------------------------------------------------------------------ */
/* Version                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* The version this header belongs to. The definitions are token for token those of
 * include/kanten/core/version.hpp (so both headers may be included together), and the library
 * checks at build time that the two agree. */
/** Major version: changes only with an incompatible change of the ABI (the SOVERSION). */
#define KANTEN_VERSION_MAJOR 0
/** Minor version: new features (new functions, appended fields). */
#define KANTEN_VERSION_MINOR 1
/** Patch version: fixes. */
#define KANTEN_VERSION_PATCH 0
/** major * 10000 + minor * 100 + patch, e.g. 100 for 0.1.0. */
#define KANTEN_VERSION_NUMBER (KANTEN_VERSION_MAJOR * 10000 + KANTEN_VERSION_MINOR * 100 + KANTEN_VERSION_PATCH)
/** The version as text. */
#define KANTEN_VERSION_STRING "0.1.0"

/** The library's version number at run time (compare with KANTEN_VERSION_NUMBER). Never fails;
 *  thread-safe. */
KANTEN_API int kanten_version_number(void) KANTEN_NOEXCEPT;
/** The library's version string, e.g. "0.1.0": static, never NULL. Thread-safe. */
KANTEN_API const char* kanten_version_string(void) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Status codes and errors                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** Status codes. 0 is success; the negative codes are kanten::Errc negated, plus the C ABI's
 *  own (KANTEN_ENOMEM, KANTEN_EINTERNAL, KANTEN_ECANCELED). */
typedef enum kanten_status {
  KANTEN_OK = 0,          /**< success */
  KANTEN_EINVAL = -1,     /**< an argument is NULL, out of range or otherwise invalid */
  KANTEN_EPARSE = -2,     /**< input text is not well-formed (e.g. not JSON) */
  KANTEN_EINPUT = -3,     /**< well-formed input with a field of the wrong type or value */
  KANTEN_EIO = -4,        /**< a file could not be read or written */
  KANTEN_ENOMEM = -5,     /**< out of memory */
  KANTEN_EINTERNAL = -6,  /**< an internal error (a bug: please report the message) */
  KANTEN_ECANCELED = -7   /**< the caller's callback asked to stop (kanten_evaluate_stream) */
} kanten_status;

/** This thread's message for the last call that failed; "" after a call that succeeded.
 *  Never NULL. The pointer is valid until this thread's next kanten call. Thread-safe (the
 *  message is per-thread). */
KANTEN_API const char* kanten_last_error(void) KANTEN_NOEXCEPT;
/** A short English name of a status code, e.g. "invalid argument"; "unknown status" for a
 *  value that is not a status. Static, never NULL. Thread-safe. */
KANTEN_API const char* kanten_status_string(int status) KANTEN_NOEXCEPT;
/** Frees a string the library handed over through a `char** out` parameter. NULL is a no-op.
 *  Never pass other strings. Thread-safe. */
KANTEN_API void kanten_string_free(char* s) KANTEN_NOEXCEPT;

/** Length value meaning "the text is NUL-terminated". */
#define KANTEN_NUL_TERMINATED ((size_t)-1)
/** The widest indent of the JSON writers (kanten::max_indent). */
#define KANTEN_MAX_INDENT 32

/* ------------------------------------------------------------------------------------------ */
/* Vocabularies                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** The steps of the indsatsmodel (004_3897fdd271fa8a38.txt, Figur 1). */
typedef enum kanten_step {
  KANTEN_STEP_NOT_STARTED = 0,              /**< before the first conversation at visitation */
  KANTEN_STEP_TRIN1_AFKLARING = 1,          /**< Trin 1: Afklaring */
  KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB = 2,    /**< Trin 2: På vej mod job */
  KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB = 3, /**< Trin 3: Virksomhedsforløb */
  KANTEN_STEP_EXIT_SELF_SUPPORT = 4,        /**< exit: self-supporting through job or education */
  KANTEN_STEP_EXIT_30_HOURS = 5,            /**< exit: at least 30 ordinary hours in one month */
  KANTEN_STEP_EXIT_REHABILITATION_TEAM = 6, /**< exit: the case goes to the rehabilitation team */
  KANTEN_STEP_COUNT = 7
} kanten_step;

/** Event kinds. Values are appended; the engine applies one day's events in its own order of
 *  kinds (profile_changed first, aftercare_contact last; C++: kanten::apply_rank). */
typedef enum kanten_event_kind {
  KANTEN_EVENT_FIRST_CONVERSATION = 0,        /**< Trin 1 starts */
  KANTEN_EVENT_VISITATION = 1,                /**< `outcome` */
  KANTEN_EVENT_JOBFORMIDLER_ASSIGNED = 2,     /**< `jobformidler` (required) */
  KANTEN_EVENT_CV_COMPLETED = 3,              /**< — */
  KANTEN_EVENT_JOB_DIRECTION_SET = 4,         /**< `goal`, `wishes` */
  KANTEN_EVENT_COURSE_BROKEN_OFF = 5,         /**< `rehabilitation_assessment` */
  KANTEN_EVENT_AGREEMENT = 6,                 /**< `agreement_kind`, `start`, `minutes_per_week`, `ordinary_minutes_per_week`, `company`, `tasks`, `sub_goals`, `health` */
  KANTEN_EVENT_FOLLOWUP_PLAN = 7,             /**< — */
  KANTEN_EVENT_CONTACT_PERSON = 8,            /**< `company` (required) */
  KANTEN_EVENT_HOURS_WORKED = 9,              /**< `minutes`, `hours_kind` */
  KANTEN_EVENT_CONTACT = 10,                  /**< `channel` */
  KANTEN_EVENT_SANCTION_FAILURE = 11,         /**< `failure_id` (required), `failure` */
  KANTEN_EVENT_REASONABLE_CAUSE = 12,         /**< `failure_id` (required), `cause`, `text` */
  KANTEN_EVENT_VULNERABILITY_ASSESSED = 13,   /**< `failure_id` (required), `vulnerable` */
  KANTEN_EVENT_CONCRETE_ASSESSMENT = 14,      /**< `failure_id` (required), `promotes_availability`, `considers_vulnerability`, `text` */
  KANTEN_EVENT_HEARING_SENT = 15,             /**< `failure_id` (required), `answer_by` */
  KANTEN_EVENT_HEARING_ANSWERED = 16,         /**< `failure_id` (required) */
  KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT = 17, /**< `failure_id` (required), `channel`, `reached` */
  KANTEN_EVENT_SELF_SUPPORT = 18,             /**< `via` */
  KANTEN_EVENT_PROFILE_CHANGED = 19,          /**< `profile_change` (applies first on its day) */
  KANTEN_EVENT_AFTERCARE_CONTACT = 20,        /**< `channel` (after self-support) */
  KANTEN_EVENT_BUS_TRIP = 21,                 /**< `trip` (required), `attended`, `companies` */
  KANTEN_EVENT_TRAINING_TRACK = 22,           /**< `track` (required), `workplace`, `mentor`, `end` */
  KANTEN_EVENT_KIND_COUNT = 23
} kanten_event_kind;

/** The benefit the citizen receives (Kerneelement 3). */
typedef enum kanten_benefit {
  KANTEN_BENEFIT_KONTANTHJAELP = 0,
  KANTEN_BENEFIT_UDDANNELSESHJAELP = 1,
  KANTEN_BENEFIT_INTEGRATIONSYDELSE = 2,
  KANTEN_BENEFIT_RESSOURCEFORLOEBSYDELSE = 3, /**< outside the target group */
  KANTEN_BENEFIT_OTHER = 4,                   /**< outside the target group */
  KANTEN_BENEFIT_NONE = 5,                    /**< outside the target group */
  KANTEN_BENEFIT_COUNT = 6
} kanten_benefit;

/** The visitation decision: group 1 (the project) or group 2 (the rehabilitation team). */
typedef enum kanten_visitation_outcome {
  KANTEN_VISITATION_PROJECT = 0,
  KANTEN_VISITATION_REHABILITATION_TEAM = 1,
  KANTEN_VISITATION_OUTCOME_COUNT = 2
} kanten_visitation_outcome;

/** The long-term goal of the plan (Kerneelement 4). */
typedef enum kanten_goal { KANTEN_GOAL_EMPLOYMENT = 0, KANTEN_GOAL_EDUCATION = 1, KANTEN_GOAL_COUNT = 2 } kanten_goal;

/** What an agreement with a company covers (Kerneelement 7). */
typedef enum kanten_agreement_kind {
  KANTEN_AGREEMENT_ORDINARY_HOURS = 0,
  KANTEN_AGREEMENT_INTERNSHIP = 1,
  KANTEN_AGREEMENT_BOTH = 2,
  KANTEN_AGREEMENT_KIND_COUNT = 3
} kanten_agreement_kind;

/** Ordinary (paid) or internship hours. */
typedef enum kanten_hours_kind { KANTEN_HOURS_ORDINARY = 0, KANTEN_HOURS_INTERNSHIP = 1, KANTEN_HOURS_KIND_COUNT = 2 } kanten_hours_kind;

/** How a contact or contact attempt took place. */
typedef enum kanten_channel {
  KANTEN_CHANNEL_IN_PERSON = 0,
  KANTEN_CHANNEL_HOME_VISIT = 1,
  KANTEN_CHANNEL_PHONE = 2,
  KANTEN_CHANNEL_VIDEO = 3,
  KANTEN_CHANNEL_WRITTEN = 4,
  KANTEN_CHANNEL_COUNT = 5
} kanten_channel;

/** How the citizen became self-supporting. */
typedef enum kanten_self_support_kind {
  KANTEN_SELF_SUPPORT_JOB = 0,
  KANTEN_SELF_SUPPORT_EDUCATION = 1,
  KANTEN_SELF_SUPPORT_KIND_COUNT = 2
} kanten_self_support_kind;

/** The failures a punktsanktion may follow (Kerneelement 5). */
typedef enum kanten_failure_kind {
  KANTEN_FAILURE_REFUSED_JOB_OFFER = 0,
  KANTEN_FAILURE_DID_NOT_APPLY_FOR_JOBS = 1,
  KANTEN_FAILURE_DID_NOT_REPORT_ILLNESS = 2,
  KANTEN_FAILURE_KIND_COUNT = 3
} kanten_failure_kind;

/** Reasonable causes (Kerneelement 5). */
typedef enum kanten_cause_kind {
  KANTEN_CAUSE_SEVERE_MENTAL_ILLNESS = 0,
  KANTEN_CAUSE_HOMELESSNESS = 1,
  KANTEN_CAUSE_ADDICTION = 2,
  KANTEN_CAUSE_OTHER = 3,
  KANTEN_CAUSE_KIND_COUNT = 4
} kanten_cause_kind;

/** Health considerations of an agreement. */
typedef enum kanten_health {
  KANTEN_HEALTH_NO_HEAVY_LIFTING = 0,
  KANTEN_HEALTH_NO_LONG_STANDING = 1,
  KANTEN_HEALTH_NO_CUSTOMER_CONTACT = 2,
  KANTEN_HEALTH_NO_NOISE = 3,
  KANTEN_HEALTH_NO_NIGHT_WORK = 4,
  KANTEN_HEALTH_CALM_PACE = 5,
  KANTEN_HEALTH_FIXED_ROUTINES = 6,
  KANTEN_HEALTH_COUNT = 7
} kanten_health;

/** Why a citizen is outside the target group (Kerneelement 3). */
typedef enum kanten_target_group_reason {
  KANTEN_TARGET_NOT_ACTIVITY_READY = 0,
  KANTEN_TARGET_BENEFIT_OUTSIDE = 1,
  KANTEN_TARGET_OUTSIDE_DESIGNATED_AREA = 2,
  KANTEN_TARGET_IN_INTEGRATION_PROGRAMME = 3,
  KANTEN_TARGET_GROUP_REASON_COUNT = 4
} kanten_target_group_reason;

/** What is still missing to leave the current step. */
typedef enum kanten_missing {
  KANTEN_MISSING_VISITATION = 0,
  KANTEN_MISSING_CV = 1,
  KANTEN_MISSING_JOB_DIRECTION = 2,
  KANTEN_MISSING_JOBFORMIDLER = 3,
  KANTEN_MISSING_AGREEMENT = 4,
  KANTEN_MISSING_FOLLOWUP_PLAN = 5,
  KANTEN_MISSING_CONTACT_PERSON = 6,
  KANTEN_MISSING_ORDINARY_HOURS = 7,
  KANTEN_MISSING_AGREEMENT_COMPANY = 8,      /**< the agreement names no company (Kerneelement 7) */
  KANTEN_MISSING_AGREEMENT_TASKS = 9,        /**< the agreement names no tasks */
  KANTEN_MISSING_AGREEMENT_WEEKLY_HOURS = 10, /**< the agreement gives no working time */
  KANTEN_MISSING_AGREEMENT_SUB_GOALS = 11,   /**< the agreement sets no sub-goals */
  KANTEN_MISSING_CONTACT_PERSON_COMPANY = 12, /**< the contact person is not at the agreement's company */
  KANTEN_MISSING_COUNT = 13
} kanten_missing;

/** Why an event was not applied. */
typedef enum kanten_not_applied_reason {
  KANTEN_NOT_APPLIED_UNREADABLE = 0,
  KANTEN_NOT_APPLIED_INVALID_DATE = 1,
  KANTEN_NOT_APPLIED_INVALID_START_DATE = 2,
  KANTEN_NOT_APPLIED_NON_POSITIVE_DURATION = 3,
  KANTEN_NOT_APPLIED_DAY_OVER_24_HOURS = 4,
  KANTEN_NOT_APPLIED_NEGATIVE_WEEKLY_HOURS = 5,
  KANTEN_NOT_APPLIED_OUTSIDE_TARGET_GROUP = 6,
  KANTEN_NOT_APPLIED_BEFORE_TRIN1 = 7,
  KANTEN_NOT_APPLIED_NOT_VISITED = 8,
  KANTEN_NOT_APPLIED_AFTER_EXIT = 9,
  KANTEN_NOT_APPLIED_TRIN1_ALREADY_STARTED = 10,
  KANTEN_NOT_APPLIED_ALREADY_VISITED = 11,
  KANTEN_NOT_APPLIED_VISITATION_OUTSIDE_TRIN1 = 12,
  KANTEN_NOT_APPLIED_EDUCATION_GOAL_REQUIRED = 13,
  KANTEN_NOT_APPLIED_NO_AGREEMENT_IN_FORCE = 14,
  KANTEN_NOT_APPLIED_HOURS_KIND_NOT_AGREED = 15,
  KANTEN_NOT_APPLIED_NO_COURSE_IN_PROGRESS = 16,
  KANTEN_NOT_APPLIED_EMPTY_FAILURE_ID = 17,
  KANTEN_NOT_APPLIED_DUPLICATE_FAILURE = 18,
  KANTEN_NOT_APPLIED_UNKNOWN_FAILURE = 19,
  KANTEN_NOT_APPLIED_BEFORE_FAILURE = 20,
  KANTEN_NOT_APPLIED_NOT_PERSONAL_CHANNEL = 21,     /**< a personal contact attempt by writing or video */
  KANTEN_NOT_APPLIED_ANSWER_BY_BEFORE_HEARING = 22, /**< the hearing's deadline is before it was sent */
  KANTEN_NOT_APPLIED_NOT_SELF_SUPPORTING = 23,      /**< aftercare without a self-support exit */
  KANTEN_NOT_APPLIED_INVALID_END_DATE = 24,         /**< a training track ending before its start */
  KANTEN_NOT_APPLIED_REASON_COUNT = 25
} kanten_not_applied_reason;

/** The answer to a sanction question. */
typedef enum kanten_sanction_status {
  KANTEN_SANCTION_ELIGIBLE = 0,     /**< a punktsanktion may be given; the deduction is stated */
  KANTEN_SANCTION_NOT_ELIGIBLE = 1, /**< a rule excludes it (excluded_by) */
  KANTEN_SANCTION_UNDECIDED = 2,    /**< something must happen first (pending) */
  KANTEN_SANCTION_STATUS_COUNT = 3
} kanten_sanction_status;

/** What an evaluation alert is about (C++: kanten::AlertKind). An alert fires only when the
 *  caller sets its threshold (kanten_evaluate_options.alerts): the source gives no numbers. */
typedef enum kanten_alert_kind {
  KANTEN_ALERT_INACTIVE = 0,      /**< no activity (contact, hours worked, attended bus trip, training-track start) for more than alerts.inactive_days (Kerneelement 5) */
  KANTEN_ALERT_LONG_IN_TRIN2 = 1, /**< in Trin 2 for more than alerts.trin2_days (Trin 2) */
  KANTEN_ALERT_STAGNATION = 2,    /**< no more agreed ordinary hours in alerts.stagnation_months (Kerneelement 9) */
  KANTEN_ALERT_KIND_COUNT = 3
} kanten_alert_kind;

/** Which proposal kanten_match() makes. */
typedef enum kanten_match_mode {
  KANTEN_MATCH_ASSIGNMENT = 0, /**< the maximum total score under slots and company capacities */
  KANTEN_MATCH_STABLE = 1,     /**< citizen-proposing deferred acceptance */
  KANTEN_MATCH_TOP_K = 2,      /**< each citizen's best k tasks, at most per_company of one company */
  KANTEN_MATCH_MODE_COUNT = 3
} kanten_match_mode;

/* Snake-case names, as in kanten's JSON (e.g. kanten_step_name(2) = "trin2_paa_vej_mod_job").
 * Each returns a static string, or NULL (KANTEN_EINVAL in kanten_last_error()) for a value out
 * of range. Thread-safe. */
KANTEN_API const char* kanten_step_name(int step) KANTEN_NOEXCEPT;
/** Danish display name of a step, e.g. "Trin 2: På vej mod job"; NULL out of range. */
KANTEN_API const char* kanten_step_label(int step) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_event_kind_name(int kind) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_benefit_name(int benefit) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_visitation_outcome_name(int outcome) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_goal_name(int goal) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_agreement_kind_name(int kind) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_hours_kind_name(int kind) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_channel_name(int channel) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_self_support_kind_name(int via) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_failure_kind_name(int failure) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_cause_kind_name(int cause) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_health_name(int health) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_target_group_reason_name(int reason) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_missing_name(int missing) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_not_applied_reason_name(int reason) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_sanction_status_name(int status) KANTEN_NOEXCEPT;
KANTEN_API const char* kanten_match_mode_name(int mode) KANTEN_NOEXCEPT;
/** Snake-case name of an alert kind, e.g. "long_in_trin2"; NULL out of range. */
KANTEN_API const char* kanten_alert_kind_name(int kind) KANTEN_NOEXCEPT;

/** The step model (the transition table) as a Graphviz DOT digraph. On success `*out` is a
 *  NUL-terminated string the caller frees with kanten_string_free(). NULL out: KANTEN_EINVAL.
 *  Thread-safe. */
KANTEN_API int kanten_step_model_dot(char** out) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Plain value types                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** A calendar date; {0, 0, 0} in a result means "no date". Never grows. */
typedef struct kanten_date {
  int year;  /**< e.g. 2024 */
  int month; /**< 1–12 */
  int day;   /**< 1–31 */
} kanten_date;

/** A calendar month. Never grows. */
typedef struct kanten_month {
  int year;  /**< e.g. 2024 */
  int month; /**< 1–12 */
} kanten_month;

/** A statement of a sanction answer with its source paragraph. Versioned out-struct. */
typedef struct kanten_reason {
  unsigned version;           /**< KANTEN_REASON_VERSION (set by KANTEN_REASON_INIT) */
  const char* rule;           /**< stable rule id, e.g. "sanction_personal_contact" */
  const char* text;           /**< the statement in English */
  const char* source_seed;    /**< seed file of the source, e.g. "004_3897fdd271fa8a38.txt" */
  const char* source_section; /**< section, e.g. "Kerneelement 5 (sanktioner)" */
  const char* source_quote;   /**< the Danish sentence the rule encodes */
} kanten_reason;
#define KANTEN_REASON_VERSION 1u
#define KANTEN_REASON_INIT {KANTEN_REASON_VERSION, NULL, NULL, NULL, NULL, NULL}

/* ------------------------------------------------------------------------------------------ */
/* Cases                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** A citizen's case: an opaque id, a profile and the events (C++: kanten::Case). */
typedef struct kanten_case kanten_case;

/** The citizen's circumstances that decide membership of the target group (Kerneelement 3).
 *  Versioned in-struct. */
typedef struct kanten_profile {
  unsigned version;             /**< KANTEN_PROFILE_VERSION */
  int benefit;                  /**< kanten_benefit */
  int activity_ready;           /**< nonzero: aktivitetsparat (not jobparat) */
  int lives_in_designated_area; /**< nonzero: lives in a designated housing area */
  int in_integration_programme; /**< nonzero: covered by the integration programme */
} kanten_profile;
#define KANTEN_PROFILE_VERSION 1u
/** The defaults: kontanthjælp, activity-ready, in a designated area, not in the programme. */
#define KANTEN_PROFILE_INIT {KANTEN_PROFILE_VERSION, KANTEN_BENEFIT_KONTANTHJAELP, 1, 1, 0}

/** A change of the citizen's profile (event kind profile_changed): each of the four
 *  circumstances changes only when its has_ flag is nonzero. At least one flag must be set.
 *  Part of kanten_event; never grows (a new circumstance would be a new kanten_event field). */
typedef struct kanten_profile_change {
  int has_benefit;                  /**< nonzero: the benefit changes to `benefit` */
  int benefit;                      /**< the new kanten_benefit (read when has_benefit) */
  int has_activity_ready;           /**< nonzero: readiness changes to `activity_ready` */
  int activity_ready;               /**< nonzero: aktivitetsparat from the event's date; 0: jobparat */
  int has_lives_in_designated_area; /**< nonzero: residence changes to `lives_in_designated_area` */
  int lives_in_designated_area;     /**< nonzero: lives in a designated housing area from the event's date */
  int has_in_integration_programme; /**< nonzero: the programme changes to `in_integration_programme` */
  int in_integration_programme;     /**< nonzero: covered by the integration programme from the event's date */
} kanten_profile_change;
/** No change (every has_ flag 0): set at least one before adding the event. */
#define KANTEN_PROFILE_CHANGE_INIT {0, 0, 0, 0, 0, 0, 0, 0}

/** One dated event, tagged by `kind`. Only the fields of that kind are read; the others are
 *  ignored. Strings are copied; NULL means "not given". Arrays are (pointer, count); a NULL
 *  pointer needs a count of 0. Versioned in-struct: start from KANTEN_EVENT_INIT.
 *
 *  Version 2 appended the fields of the kinds profile_changed, aftercare_contact, bus_trip and
 *  training_track, a hearing's answer_by and an agreement's ordinary_minutes_per_week. From a
 *  version 1 struct only the version 1 fields are read (answer_by not given, no ordinary
 *  minutes), and a kind from 19 on is KANTEN_EINVAL naming event.kind. */
typedef struct kanten_event {
  unsigned version;      /**< KANTEN_EVENT_VERSION */
  int kind;              /**< kanten_event_kind; a value out of range is KANTEN_EINVAL */
  kanten_date date;      /**< the date it happened; an invalid date is reported when evaluated */

  int outcome;                   /**< visitation: kanten_visitation_outcome */
  const char* jobformidler;      /**< jobformidler_assigned: staff id (required) */
  int goal;                      /**< job_direction_set: kanten_goal */
  const char* const* wishes;     /**< job_direction_set: wishes, e.g. DISCO-08 codes (free text) */
  size_t wish_count;             /**< … their number */
  int rehabilitation_assessment; /**< course_broken_off: nonzero when assessed for the rehabilitation team */
  int agreement_kind;            /**< agreement: kanten_agreement_kind */
  kanten_date start;             /**< agreement: first day; {0, 0, 0} means the event's date */
  int32_t minutes_per_week;      /**< agreement: agreed minutes per week (negative ones are reported) */
  const char* company;           /**< agreement: company id (optional); contact_person: company id (required) */
  const char* const* tasks;      /**< agreement: the agreed tasks (free text) */
  size_t task_count;             /**< … their number */
  const char* const* sub_goals;  /**< agreement: sub-goals (free text) */
  size_t sub_goal_count;         /**< … their number */
  const int* health;             /**< agreement: kanten_health values */
  size_t health_count;           /**< … their number */
  int32_t minutes;               /**< hours_worked: minutes (non-positive ones are reported) */
  int hours_kind;                /**< hours_worked: kanten_hours_kind */
  int channel;                   /**< contact, personal_contact_attempt: kanten_channel */
  const char* failure_id;        /**< sanction events: the caller's failure id (required; "" is reported) */
  int failure;                   /**< sanction_failure: kanten_failure_kind */
  int cause;                     /**< reasonable_cause: kanten_cause_kind */
  const char* text;              /**< reasonable_cause, concrete_assessment: free text (optional, never echoed) */
  int vulnerable;                /**< vulnerability_assessed: nonzero when vulnerable */
  int promotes_availability;     /**< concrete_assessment: nonzero when a sanction promotes availability */
  int considers_vulnerability;   /**< concrete_assessment: nonzero when it considers the vulnerable situation */
  int reached;                   /**< personal_contact_attempt: nonzero when the citizen was reached */
  int via;                       /**< self_support: kanten_self_support_kind */
  /* --- since version 2 --- */
  kanten_date answer_by;         /**< hearing_sent: the last day the citizen may answer; {0, 0, 0}: not
                                      given (a sanction then stays undecided); otherwise a valid date */
  int has_ordinary_minutes_per_week; /**< agreement: nonzero when ordinary_minutes_per_week is given */
  int32_t ordinary_minutes_per_week; /**< agreement: agreed ordinary (paid) minutes per week, 0 to
                                          minutes_per_week; when not given: all of minutes_per_week for
                                          ordinary_hours, 0 for internship, unknown for both */
  kanten_profile_change profile_change; /**< profile_changed: what changes (at least one has_ flag) */
  const char* trip;              /**< bus_trip: the trip's opaque id (required) */
  int attended;                  /**< bus_trip: nonzero: the citizen came (KANTEN_EVENT_INIT: 1); 0:
                                      registered and did not come */
  const char* const* companies;  /**< bus_trip: opaque ids of the companies visited */
  size_t company_count;          /**< … their number */
  const char* track;             /**< training_track: the track's opaque id (required); the event's date
                                      is its first day */
  const char* workplace;         /**< training_track: opaque workplace id (optional; "" is not given) */
  const char* mentor;            /**< training_track: opaque mentor id (optional; "" is not given) */
  kanten_date end;               /**< training_track: last day; {0, 0, 0}: 13 weeks from the start;
                                      otherwise a valid date (one before the start is reported) */
} kanten_event;
#define KANTEN_EVENT_VERSION 2u
/** All fields zero (first enum values, no strings, no dates), kind first_conversation; except
 *  `attended` 1. */
#define KANTEN_EVENT_INIT {KANTEN_EVENT_VERSION, KANTEN_EVENT_FIRST_CONVERSATION, {0, 0, 0}, \
    0, NULL, 0, NULL, 0, 0, 0, {0, 0, 0}, 0, NULL, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, \
    {0, 0, 0}, 0, 0, KANTEN_PROFILE_CHANGE_INIT, NULL, 1, NULL, 0, NULL, NULL, NULL, {0, 0, 0}}

/** Creates an empty case for `citizen_id` (an opaque id, never a CPR number) with `profile`
 *  (NULL: KANTEN_PROFILE_INIT's defaults). Both are copied. On success `*out` is a new case
 *  the caller frees with kanten_case_free().
 *  Errors: KANTEN_EINVAL for a NULL or empty citizen_id, a NULL out, a profile with an unknown
 *  version or a benefit out of range. Thread-safe. */
KANTEN_API int kanten_case_new(const char* citizen_id, const kanten_profile* profile, kanten_case** out) KANTEN_NOEXCEPT;

/** Appends a copy of `event` to the case (the engine orders events itself).
 *  An invalid date, non-positive minutes, negative weekly minutes or an empty failure_id are
 *  carried and reported by the evaluation. What cannot be represented is KANTEN_EINVAL with
 *  the field and value named, and the case is unchanged: NULL c or event, an unknown version,
 *  a `kind` out of range (or from 19 on in a version 1 struct), an enum field of the kind out
 *  of range (event.profile_change.benefit too), a required string that is NULL (jobformidler,
 *  contact_person's company, failure_id, trip, track), an array with a NULL pointer and a
 *  non-zero count or a NULL element, a profile change that changes nothing
 *  (event.profile_change), an ordinary_minutes_per_week below 0 or above minutes_per_week, an
 *  answer_by or end that is given but not a valid date, an empty trip, track or companies[i],
 *  and an id of the version 2 fields (trip, companies[i], track, workplace, mentor) shaped like
 *  a CPR number (the value is not echoed). Needs exclusive access to c. */
KANTEN_API int kanten_case_add_event(kanten_case* c, const kanten_event* event) KANTEN_NOEXCEPT;

/** Reads a case from JSON text (docs/json-format.md). Events that cannot be read are kept as
 *  rejected and reported by the evaluation. On success `*out` is a new case (caller frees).
 *  Errors: KANTEN_EINVAL (NULL text or out), KANTEN_EPARSE (not JSON, a NUL byte inside the
 *  given length, anything but whitespace after the document), KANTEN_EINPUT (no citizen id, an
 *  id shaped like a CPR number, a bad profile, more than KANTEN_DEFAULT_MAX_INPUT_BYTES, …).
 *  Unknown fields are warnings (kanten_case_warning()). Thread-safe. */
KANTEN_API int kanten_case_from_json(const char* text, size_t length, kanten_case** out) KANTEN_NOEXCEPT;

/** The default bound on the size of one JSON input: 2 GiB (kanten::default_max_input_bytes). */
#define KANTEN_DEFAULT_MAX_INPUT_BYTES ((uint64_t)2 << 30)

/** How a reader treats its input (C++: kanten::ReadOptions). Initialise with
 *  KANTEN_READ_OPTIONS_INIT. */
typedef struct kanten_read_options {
  unsigned version;   /**< KANTEN_READ_OPTIONS_VERSION */
  int strict;         /**< nonzero: an unknown field is KANTEN_EINPUT naming it (else a warning) */
  uint64_t max_bytes; /**< inputs longer than this are KANTEN_EINPUT (field "input"); 0 means
                           KANTEN_DEFAULT_MAX_INPUT_BYTES */
} kanten_read_options;
#define KANTEN_READ_OPTIONS_VERSION 1u
#define KANTEN_READ_OPTIONS_INIT {KANTEN_READ_OPTIONS_VERSION, 0, KANTEN_DEFAULT_MAX_INPUT_BYTES}

/** A part of an input the reader did not use, e.g. an unknown field (C++: kanten::InputWarning).
 *  Both strings are borrowed from the handle that holds the warning. */
typedef struct kanten_input_warning {
  unsigned version;    /**< KANTEN_INPUT_WARNING_VERSION */
  const char* field;   /**< the path, e.g. "events[3].strat" */
  const char* message; /**< e.g. "unknown field; did you mean \"start\"? (ignored)" */
} kanten_input_warning;
#define KANTEN_INPUT_WARNING_VERSION 1u
#define KANTEN_INPUT_WARNING_INIT {KANTEN_INPUT_WARNING_VERSION, NULL, NULL}

/** kanten_case_from_json() with read options (NULL: KANTEN_READ_OPTIONS_INIT's). Errors as
 *  kanten_case_from_json(), plus KANTEN_EINVAL for options of an unknown version. */
KANTEN_API int kanten_case_from_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                        kanten_case** out) KANTEN_NOEXCEPT;
/** The number of input warnings of a case read from JSON; 0 for NULL. */
KANTEN_API size_t kanten_case_warning_count(const kanten_case* c) KANTEN_NOEXCEPT;
/** Input warning i of the case. Errors: KANTEN_EINVAL (NULL, i out of range, bad version). */
KANTEN_API int kanten_case_warning(const kanten_case* c, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;

/** Writes the case as JSON (indent < 0: one line; otherwise spaces per level). `*out` is owned
 *  by the caller (kanten_string_free()). Errors: KANTEN_EINVAL (NULL c or out). Thread-safe. */
KANTEN_API int kanten_case_to_json(const kanten_case* c, int indent, char** out) KANTEN_NOEXCEPT;

/** The case's citizen id (borrowed from c); NULL for a NULL c. */
KANTEN_API const char* kanten_case_citizen(const kanten_case* c) KANTEN_NOEXCEPT;
/** The number of events in the case; 0 for a NULL c. */
KANTEN_API size_t kanten_case_event_count(const kanten_case* c) KANTEN_NOEXCEPT;
/** The number of input events a JSON reader could not read (reported when evaluated); 0 for NULL. */
KANTEN_API size_t kanten_case_rejected_count(const kanten_case* c) KANTEN_NOEXCEPT;
/** Frees a case; NULL is a no-op. */
KANTEN_API void kanten_case_free(kanten_case* c) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Caseloads                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** Many cases (C++: kanten::Caseload). */
typedef struct kanten_caseload kanten_caseload;

/** Creates an empty caseload (caller frees). Errors: KANTEN_EINVAL for a NULL out. */
KANTEN_API int kanten_caseload_new(kanten_caseload** out) KANTEN_NOEXCEPT;
/** Appends a copy of case c (c stays the caller's). Errors: KANTEN_EINVAL for NULL load or c;
 *  KANTEN_EINPUT when the caseload already holds a case of c's citizen (a caseload holds one
 *  case per citizen; the load is unchanged). Needs exclusive access to load. */
KANTEN_API int kanten_caseload_add_case(kanten_caseload* load, const kanten_case* c) KANTEN_NOEXCEPT;
/** Reads a caseload: {"cases": [...]} or a bare array of cases (caller frees `*out`).
 *  Errors as kanten_case_from_json(), plus KANTEN_EINPUT naming both positions when two cases
 *  have the same citizen id. */
KANTEN_API int kanten_caseload_from_json(const char* text, size_t length, kanten_caseload** out) KANTEN_NOEXCEPT;
/** kanten_caseload_from_json() with read options (NULL: the defaults). */
KANTEN_API int kanten_caseload_from_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                            kanten_caseload** out) KANTEN_NOEXCEPT;
/** The number of input warnings of a caseload read from JSON: the document's own, then each
 *  case's in order; 0 for NULL. */
KANTEN_API size_t kanten_caseload_warning_count(const kanten_caseload* load) KANTEN_NOEXCEPT;
/** Input warning i of the caseload (as kanten_caseload_warning_count() orders them). */
KANTEN_API int kanten_caseload_warning(const kanten_caseload* load, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;
/** Writes the caseload as {"cases": [...]}; `*out` owned by the caller. */
KANTEN_API int kanten_caseload_to_json(const kanten_caseload* load, int indent, char** out) KANTEN_NOEXCEPT;
/** The number of cases; 0 for NULL. */
KANTEN_API size_t kanten_caseload_count(const kanten_caseload* load) KANTEN_NOEXCEPT;
/** Frees a caseload; NULL is a no-op. */
KANTEN_API void kanten_caseload_free(kanten_caseload* load) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Evaluation                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Everything kanten answers about one case as of one date (C++: kanten::Evaluation). */
typedef struct kanten_evaluation kanten_evaluation;
/** The evaluations of a caseload, in caseload order. */
typedef struct kanten_evaluations kanten_evaluations;

/** The caller's alert thresholds (C++: kanten::AlertOptions). The source gives no numbers, so
 *  every alert is off by default: 0 means off; a threshold is 1 to KANTEN_MAX_ALERT_DAYS days
 *  or 1 to KANTEN_MAX_ALERT_MONTHS months (anything else is KANTEN_EINVAL naming
 *  "alerts.inactive_days", "alerts.trin2_days" or "alerts.stagnation_months"). Part of
 *  kanten_evaluate_options; never grows (new thresholds are appended to the options). */
typedef struct kanten_alert_options {
  int32_t inactive_days;     /**< in Trin 1–3: alert when the last contact is more than this many days ago */
  int32_t trin2_days;        /**< alert when in Trin 2 for more than this many days */
  int32_t stagnation_months; /**< in Trin 3: alert when the agreed ordinary hours have not risen for this many months */
} kanten_alert_options;
/** The largest alert threshold in days (100 years; kanten::max_alert_days). */
#define KANTEN_MAX_ALERT_DAYS 36500
/** The largest alert threshold in months (kanten::max_alert_months). */
#define KANTEN_MAX_ALERT_MONTHS 600
/** Every alert off. */
#define KANTEN_ALERT_OPTIONS_INIT {0, 0, 0}

/** Options of an evaluation. Versioned in-struct; a version 1 struct has no alerts (all off). */
typedef struct kanten_evaluate_options {
  unsigned version;   /**< KANTEN_EVALUATE_OPTIONS_VERSION */
  kanten_date as_of;  /**< evaluate as of the end of this date (required, a valid date) */
  int has_daily_rate; /**< nonzero: daily_rate is given */
  int64_t daily_rate; /**< the citizen's daily benefit rate in øre, 0 to KANTEN_MAX_DAILY_RATE
                           (else KANTEN_EINVAL naming daily_rate), for sanction deductions */
  kanten_alert_options alerts; /**< since version 2: the alert thresholds (0: off) */
} kanten_evaluate_options;
/** The largest daily rate kanten takes, in øre (1,000,000 kr; kanten::max_daily_rate): every
 *  deduction then fits 64 bits. */
#define KANTEN_MAX_DAILY_RATE ((int64_t)100000000)
#define KANTEN_EVALUATE_OPTIONS_VERSION 2u
#define KANTEN_EVALUATE_OPTIONS_INIT {KANTEN_EVALUATE_OPTIONS_VERSION, {0, 0, 0}, 0, 0, KANTEN_ALERT_OPTIONS_INIT}

/** Evaluates case c as of options->as_of. On success `*out` is a new evaluation the caller
 *  frees with kanten_evaluation_free(). Errors: KANTEN_EINVAL for NULL c, options or out, an
 *  unknown options version, an as_of that is not a valid date or is before the rule set is in
 *  force, a negative daily rate, an alert threshold out of range (the message names
 *  "alerts.inactive_days", …). Pure and deterministic; thread-safe (c is only read). */
KANTEN_API int kanten_evaluate(const kanten_case* c, const kanten_evaluate_options* options, kanten_evaluation** out) KANTEN_NOEXCEPT;

/** Evaluates every case of a caseload as of the same date (caller frees `*out` with
 *  kanten_evaluations_free()). Errors as kanten_evaluate(). Thread-safe. */
KANTEN_API int kanten_evaluate_caseload(const kanten_caseload* load, const kanten_evaluate_options* options,
                                        kanten_evaluations** out) KANTEN_NOEXCEPT;

/** Frees an evaluation; NULL is a no-op. Never pass one borrowed from kanten_evaluations_get(). */
KANTEN_API void kanten_evaluation_free(kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Frees evaluations (and every evaluation borrowed from them); NULL is a no-op. */
KANTEN_API void kanten_evaluations_free(kanten_evaluations* es) KANTEN_NOEXCEPT;
/** The number of evaluations; 0 for NULL. */
KANTEN_API size_t kanten_evaluations_count(const kanten_evaluations* es) KANTEN_NOEXCEPT;
/** The i-th evaluation, borrowed from es (valid until es is freed; do not free it); NULL for a
 *  NULL es or i out of range. */
KANTEN_API const kanten_evaluation* kanten_evaluations_get(const kanten_evaluations* es, size_t i) KANTEN_NOEXCEPT;
/** Writes the evaluations as {"evaluations": [...]}; `*out` owned by the caller. */
KANTEN_API int kanten_evaluations_to_json(const kanten_evaluations* es, int indent, char** out) KANTEN_NOEXCEPT;

/** Writes one evaluation as JSON, with every reason and source (docs/json-format.md); `*out`
 *  owned by the caller. Errors: KANTEN_EINVAL for NULL e or out. Thread-safe. */
KANTEN_API int kanten_evaluation_to_json(const kanten_evaluation* e, int indent, char** out) KANTEN_NOEXCEPT;
/** The evaluation as English text: step, reasons, sources, follow-up, sanctions; `*out` owned by
 *  the caller. Errors: KANTEN_EINVAL for NULL e or out. Thread-safe. */
KANTEN_API int kanten_evaluation_explain(const kanten_evaluation* e, char** out) KANTEN_NOEXCEPT;

/* Accessors. They never allocate what the caller must free; strings are borrowed from e. */

/** The citizen id; NULL for NULL e. */
KANTEN_API const char* kanten_evaluation_citizen(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** The version of the rule set used, e.g. "indsatsmodel-2019.1"; NULL for NULL e. */
KANTEN_API const char* kanten_evaluation_rule_set(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Writes the as-of date to *out. Errors: KANTEN_EINVAL for NULL e or out. */
KANTEN_API int kanten_evaluation_as_of(const kanten_evaluation* e, kanten_date* out) KANTEN_NOEXCEPT;
/** The step (kanten_step, ≥ 0); KANTEN_EINVAL for NULL e. */
KANTEN_API int kanten_evaluation_step(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** The date the step began: 1 and *out set, or 0 and *out = {0, 0, 0} before Trin 1.
 *  KANTEN_EINVAL for NULL e or out. */
KANTEN_API int kanten_evaluation_since(const kanten_evaluation* e, kanten_date* out) KANTEN_NOEXCEPT;

/** A step change. Versioned out-struct. */
typedef struct kanten_step_change {
  unsigned version;        /**< KANTEN_STEP_CHANGE_VERSION */
  kanten_date date;        /**< the date it took effect */
  int from;                /**< kanten_step before */
  int to;                  /**< kanten_step after */
  const char* rule;        /**< the transition table's rule id, e.g. "trin1_to_trin2" (static) */
  const char* description; /**< the rule in English (static) */
  const char* source_seed;    /**< the source paragraph (static) */
  const char* source_section; /**< … */
  const char* source_quote;   /**< … */
} kanten_step_change;
#define KANTEN_STEP_CHANGE_VERSION 1u
#define KANTEN_STEP_CHANGE_INIT {KANTEN_STEP_CHANGE_VERSION, {0, 0, 0}, 0, 0, NULL, NULL, NULL, NULL, NULL}

/** The exit, when the step is one: 1 and *out filled; 0 when the citizen has not exited.
 *  KANTEN_EINVAL for NULL e, NULL out or a bad out->version. */
KANTEN_API int kanten_evaluation_exit(const kanten_evaluation* e, kanten_step_change* out) KANTEN_NOEXCEPT;
/** The number of step changes (oldest first); 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_history_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with the i-th step change. KANTEN_EINVAL for NULL e or out, a bad out->version,
 *  i out of range. */
KANTEN_API int kanten_evaluation_history(const kanten_evaluation* e, size_t i, kanten_step_change* out) KANTEN_NOEXCEPT;

/** 1 when the citizen is in the target group, 0 when not; KANTEN_EINVAL for NULL e. */
KANTEN_API int kanten_evaluation_in_target_group(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** The number of reasons the citizen is outside the target group; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_target_group_reason_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** The i-th reason (kanten_target_group_reason); KANTEN_EINVAL for NULL e or i out of range. */
KANTEN_API int kanten_evaluation_target_group_reason(const kanten_evaluation* e, size_t i) KANTEN_NOEXCEPT;
/** The i-th reason in English (borrowed from e); NULL for NULL e or i out of range. */
KANTEN_API const char* kanten_evaluation_target_group_reason_text(const kanten_evaluation* e, size_t i) KANTEN_NOEXCEPT;

/** The number of items still missing to leave the step; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_missing_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** The i-th missing item (kanten_missing); KANTEN_EINVAL for NULL e or i out of range. */
KANTEN_API int kanten_evaluation_missing(const kanten_evaluation* e, size_t i) KANTEN_NOEXCEPT;
/** The i-th missing item in English (borrowed from e); NULL for NULL e or i out of range. */
KANTEN_API const char* kanten_evaluation_missing_text(const kanten_evaluation* e, size_t i) KANTEN_NOEXCEPT;

/** Ordinary minutes in the as-of month so far (≥ 0); KANTEN_EINVAL for NULL e. */
KANTEN_API int32_t kanten_evaluation_ordinary_this_month(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Of kanten_evaluation_ordinary_this_month(), the minutes worked on days in Trin 3 (≥ 0): only
 *  these count toward the 30-hour exit. KANTEN_EINVAL for NULL e. */
KANTEN_API int32_t kanten_evaluation_ordinary_in_trin3_this_month(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** 1 when in Trin 3 with at least 30 ordinary hours worked in Trin 3 this month (exit at the
 *  month's end), else 0; KANTEN_EINVAL for NULL e. */
KANTEN_API int kanten_evaluation_thirty_hours_pending(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Events dated on or before as-of that were applied; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_events_applied(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Events dated after as-of (not considered); 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_events_after_as_of(const kanten_evaluation* e) KANTEN_NOEXCEPT;

/** Minutes in one calendar month. Versioned out-struct (version 1 structs get the first three). */
typedef struct kanten_month_hours {
  unsigned version;   /**< KANTEN_MONTH_HOURS_VERSION */
  kanten_month month; /**< the month */
  int32_t ordinary;   /**< ordinary (paid) minutes */
  int32_t internship; /**< internship minutes */
  int32_t ordinary_in_trin3; /**< since version 2: of `ordinary`, the minutes worked on days in Trin 3
                                  (these decide the 30-hour exit) */
} kanten_month_hours;
#define KANTEN_MONTH_HOURS_VERSION 2u
#define KANTEN_MONTH_HOURS_INIT {KANTEN_MONTH_HOURS_VERSION, {0, 0}, 0, 0, 0}
/** The number of months with any hours; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_hours_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with the i-th month's hours (oldest first). KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_hours(const kanten_evaluation* e, size_t i, kanten_month_hours* out) KANTEN_NOEXCEPT;

/** An event that was not applied, with the reason. Versioned out-struct; strings borrowed. */
typedef struct kanten_not_applied {
  unsigned version;   /**< KANTEN_NOT_APPLIED_VERSION */
  size_t index;       /**< position in the case's events (in the JSON input, for unreadable) */
  kanten_date date;   /**< the event's date; {0, 0, 0} when it has none */
  int kind;           /**< kanten_event_kind, or -1 when unreadable */
  int reason;         /**< kanten_not_applied_reason */
  kanten_date related; /**< a date the reason refers to (exit date, …); {0, 0, 0} when none */
  const char* text;   /**< the reason in English */
  const char* field;  /**< unreadable: the field at fault ("" otherwise) */
  const char* value;  /**< unreadable: the offending value ("" otherwise; never free text) */
} kanten_not_applied;
#define KANTEN_NOT_APPLIED_VERSION 1u
#define KANTEN_NOT_APPLIED_INIT {KANTEN_NOT_APPLIED_VERSION, 0, {0, 0, 0}, 0, 0, {0, 0, 0}, NULL, NULL, NULL}
/** The number of events not applied; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_not_applied_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with the i-th event not applied. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_not_applied(const kanten_evaluation* e, size_t i, kanten_not_applied* out) KANTEN_NOEXCEPT;

/** A breach of a rule found in the record. Versioned out-struct; strings static. */
typedef struct kanten_violation {
  unsigned version;   /**< KANTEN_VIOLATION_VERSION */
  size_t index;       /**< the event that breaks the rule */
  kanten_date date;   /**< its date */
  const char* rule;   /**< rule id, e.g. "education_goal_for_uddannelseshjaelp" */
  const char* text;   /**< the rule in English */
  const char* source_seed;    /**< the source paragraph */
  const char* source_section; /**< … */
  const char* source_quote;   /**< … */
} kanten_violation;
#define KANTEN_VIOLATION_VERSION 1u
#define KANTEN_VIOLATION_INIT {KANTEN_VIOLATION_VERSION, 0, {0, 0, 0}, NULL, NULL, NULL, NULL, NULL}
/** The number of violations; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_violation_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with the i-th violation. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_violation(const kanten_evaluation* e, size_t i, kanten_violation* out) KANTEN_NOEXCEPT;

/** The monthly follow-up in the first year of the employment (Kerneelement 7). Versioned
 *  out-struct (version 1 structs get the fields up to last_contact). */
typedef struct kanten_followup {
  unsigned version;         /**< KANTEN_FOLLOWUP_VERSION */
  int applies;              /**< nonzero: the citizen has entered Trin 3 (the rest is zero otherwise) */
  kanten_date start;        /**< the start of the first agreement: the year runs from it ("under ansættelsen") */
  kanten_month first_month; /**< first month that needs a contact */
  kanten_month last_month;  /**< last month that needs a contact */
  size_t breached_count;    /**< months whose last day is before as-of, without a contact */
  int due_this_month;       /**< nonzero: as-of's month needs a contact and has none yet */
  kanten_date deadline;     /**< the next date a contact is due by; {0, 0, 0} when none */
  kanten_date last_contact; /**< the latest contact on or before as-of; {0, 0, 0} when none */
  kanten_date trin3_entry;  /**< since version 2: entry into Trin 3 (first time); months before it need no contact */
} kanten_followup;
#define KANTEN_FOLLOWUP_VERSION 2u
#define KANTEN_FOLLOWUP_INIT {KANTEN_FOLLOWUP_VERSION, 0, {0, 0, 0}, {0, 0}, {0, 0}, 0, 0, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}
/** Fills *out with the follow-up. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_followup(const kanten_evaluation* e, kanten_followup* out) KANTEN_NOEXCEPT;
/** Writes the i-th breached month (i < breached_count) to *out. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_followup_breached(const kanten_evaluation* e, size_t i, kanten_month* out) KANTEN_NOEXCEPT;

/* --- The dated profile (Kerneelement 3) --- */

/** Fills *out (a kanten_profile used as an out-struct: its version must be set) with the profile
 *  on as-of: the case's profile with every profile_changed event up to as-of applied.
 *  KANTEN_EINVAL for NULL e or out, a bad out->version. */
KANTEN_API int kanten_evaluation_profile(const kanten_evaluation* e, kanten_profile* out) KANTEN_NOEXCEPT;

/** The profile from a date on, and the target-group membership it makes. Versioned out-struct. */
typedef struct kanten_profile_period {
  unsigned version;             /**< KANTEN_PROFILE_PERIOD_VERSION */
  kanten_date from;             /**< first day; {0, 0, 0} for the profile the record starts with */
  int benefit;                  /**< kanten_benefit */
  int activity_ready;           /**< 1: aktivitetsparat, 0: jobparat */
  int lives_in_designated_area; /**< 1 or 0 */
  int in_integration_programme; /**< 1 or 0 */
  int member;                   /**< 1: in the target group from then on, 0: not */
  size_t reason_count;          /**< why not (kanten_evaluation_profile_period_reason) */
} kanten_profile_period;
#define KANTEN_PROFILE_PERIOD_VERSION 1u
#define KANTEN_PROFILE_PERIOD_INIT {KANTEN_PROFILE_PERIOD_VERSION, {0, 0, 0}, 0, 0, 0, 0, 0, 0}
/** The number of profile periods, oldest first (at least 1 for an evaluation); 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_profile_period_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with profile period i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_profile_period(const kanten_evaluation* e, size_t i, kanten_profile_period* out) KANTEN_NOEXCEPT;
/** Reason j (kanten_target_group_reason) the citizen is outside the target group in period i;
 *  KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_profile_period_reason(const kanten_evaluation* e, size_t i, size_t j) KANTEN_NOEXCEPT;

/* --- The jobformidler and contact (Kerneelement 5) --- */

/** Continuity of the jobformidler ("at borgeren har den samme jobformidler over tid").
 *  Versioned out-struct; the id is borrowed from the evaluation. */
typedef struct kanten_jobformidler_continuity {
  unsigned version;          /**< KANTEN_JOBFORMIDLER_CONTINUITY_VERSION */
  const char* current;       /**< the current jobformidler's opaque id; NULL before one is assigned */
  kanten_date since;         /**< when the current one was assigned; {0, 0, 0} before */
  size_t changes;            /**< assignments of a different jobformidler after the first */
  int32_t days_with_current; /**< days from `since` to as-of (0 before one is assigned) */
} kanten_jobformidler_continuity;
#define KANTEN_JOBFORMIDLER_CONTINUITY_VERSION 1u
#define KANTEN_JOBFORMIDLER_CONTINUITY_INIT {KANTEN_JOBFORMIDLER_CONTINUITY_VERSION, NULL, {0, 0, 0}, 0, 0}
/** Fills *out with the jobformidler's continuity: 1 when a jobformidler is assigned, 0 when not
 *  (current NULL). KANTEN_EINVAL for NULL e or out, a bad out->version. */
KANTEN_API int kanten_evaluation_jobformidler(const kanten_evaluation* e, kanten_jobformidler_continuity* out) KANTEN_NOEXCEPT;
/** The day inactivity counts from: the latest contact up to as-of, or the start of Trin 1 when
 *  there is none (C++: Evaluation::inactive_since): 1 and *out set, or 0 and *out = {0, 0, 0}
 *  before Trin 1. KANTEN_EINVAL for NULL e or out. */
KANTEN_API int kanten_evaluation_inactive_since(const kanten_evaluation* e, kanten_date* out) KANTEN_NOEXCEPT;

/* --- Trin 2 and the course of agreed hours (Kerneelement 7, Kerneelement 9) --- */

/** Days in the current spell of Trin 2 up to as-of (0 outside Trin 2); KANTEN_EINVAL for NULL e. */
KANTEN_API int32_t kanten_evaluation_days_in_trin2(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Days in Trin 2 over every spell up to as-of; KANTEN_EINVAL for NULL e. */
KANTEN_API int32_t kanten_evaluation_total_days_in_trin2(const kanten_evaluation* e) KANTEN_NOEXCEPT;

/** One agreement of the record. Versioned out-struct; the company id is borrowed. */
typedef struct kanten_agreement_record {
  unsigned version;            /**< KANTEN_AGREEMENT_RECORD_VERSION */
  size_t index;                /**< the event's position in the case's events */
  kanten_date date;            /**< the day it was recorded */
  kanten_date start;           /**< its first day */
  int kind;                    /**< kanten_agreement_kind */
  int32_t minutes_per_week;    /**< agreed working time per week */
  int has_ordinary;            /**< 1 when the agreed ordinary minutes are known, 0 (kind both, not given) */
  int32_t ordinary_minutes_per_week; /**< agreed ordinary (paid) minutes per week, when has_ordinary */
  const char* company;         /**< the company's opaque id; NULL when the agreement names none */
  int renegotiation;           /**< 1: it replaced an open agreement at the same company (Kerneelement 9) */
  size_t missing_term_count;   /**< what of the Kerneelement 7 terms it lacks (kanten_evaluation_agreement_missing_term); 0: complete */
} kanten_agreement_record;
#define KANTEN_AGREEMENT_RECORD_VERSION 1u
#define KANTEN_AGREEMENT_RECORD_INIT {KANTEN_AGREEMENT_RECORD_VERSION, 0, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, 0, NULL, 0, 0}
/** The number of agreements applied, oldest first; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_agreement_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with agreement i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_agreement(const kanten_evaluation* e, size_t i, kanten_agreement_record* out) KANTEN_NOEXCEPT;
/** Missing term j of agreement i: a kanten_missing (KANTEN_MISSING_AGREEMENT_COMPANY, …);
 *  KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_agreement_missing_term(const kanten_evaluation* e, size_t i, size_t j) KANTEN_NOEXCEPT;

/* --- Aftercare, bus trips and training tracks of the record --- */

/** A contact in aftercare, after self-support (never a duty). Versioned out-struct. */
typedef struct kanten_aftercare {
  unsigned version; /**< KANTEN_AFTERCARE_VERSION */
  kanten_date date; /**< when */
  int channel;      /**< kanten_channel */
} kanten_aftercare;
#define KANTEN_AFTERCARE_VERSION 1u
#define KANTEN_AFTERCARE_INIT {KANTEN_AFTERCARE_VERSION, {0, 0, 0}, 0}
/** The number of aftercare contacts; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_aftercare_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with aftercare contact i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_aftercare(const kanten_evaluation* e, size_t i, kanten_aftercare* out) KANTEN_NOEXCEPT;

/** A bus trip of the record (002_35b99bd4972212c9.txt). Versioned out-struct; strings borrowed. */
typedef struct kanten_bus_trip_record {
  unsigned version;     /**< KANTEN_BUS_TRIP_RECORD_VERSION */
  kanten_date date;     /**< the day of the trip */
  const char* trip;     /**< the trip's opaque id */
  int attended;         /**< 1: came; 0: registered, did not come */
  size_t company_count; /**< companies visited (kanten_evaluation_bus_trip_company) */
} kanten_bus_trip_record;
#define KANTEN_BUS_TRIP_RECORD_VERSION 1u
#define KANTEN_BUS_TRIP_RECORD_INIT {KANTEN_BUS_TRIP_RECORD_VERSION, {0, 0, 0}, NULL, 0, 0}
/** The number of bus trips; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_bus_trip_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with bus trip i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_bus_trip(const kanten_evaluation* e, size_t i, kanten_bus_trip_record* out) KANTEN_NOEXCEPT;
/** The opaque id of company j of bus trip i (borrowed); NULL for bad arguments. */
KANTEN_API const char* kanten_evaluation_bus_trip_company(const kanten_evaluation* e, size_t i, size_t j) KANTEN_NOEXCEPT;

/** A training track of the record (001_8429fb4aa12981cf.txt). Versioned out-struct; strings borrowed. */
typedef struct kanten_training_record {
  unsigned version;      /**< KANTEN_TRAINING_RECORD_VERSION */
  kanten_date start;     /**< first day */
  kanten_date end;       /**< last day (13 weeks from the start when the event gave none) */
  const char* track;     /**< the track's opaque id */
  const char* workplace; /**< the workplace's opaque id; NULL when none was given */
  const char* mentor;    /**< the mentor's opaque id; NULL when none was given */
} kanten_training_record;
#define KANTEN_TRAINING_RECORD_VERSION 1u
#define KANTEN_TRAINING_RECORD_INIT {KANTEN_TRAINING_RECORD_VERSION, {0, 0, 0}, {0, 0, 0}, NULL, NULL, NULL}
/** The number of training tracks; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_training_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with training track i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_training(const kanten_evaluation* e, size_t i, kanten_training_record* out) KANTEN_NOEXCEPT;

/* --- Alerts (the caller's thresholds, kanten_evaluate_options.alerts) --- */

/** An alert: a threshold the caller set is passed. Versioned out-struct; the text is borrowed
 *  from the handle it came from, the source strings are static. */
typedef struct kanten_alert {
  unsigned version;           /**< KANTEN_ALERT_VERSION */
  int kind;                   /**< kanten_alert_kind */
  int32_t value;              /**< days without contact, days in Trin 2, or months without more ordinary hours */
  int32_t threshold;          /**< the caller's threshold */
  const char* text;           /**< the alert in English */
  const char* source_seed;    /**< the source paragraph */
  const char* source_section; /**< … */
  const char* source_quote;   /**< … */
} kanten_alert;
#define KANTEN_ALERT_VERSION 1u
#define KANTEN_ALERT_INIT {KANTEN_ALERT_VERSION, 0, 0, 0, NULL, NULL, NULL, NULL}
/** The number of alerts; 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_alert_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with alert i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_alert(const kanten_evaluation* e, size_t i, kanten_alert* out) KANTEN_NOEXCEPT;

/** The answer to "may this failure be sanctioned?". Versioned out-struct; strings borrowed. */
typedef struct kanten_sanction {
  unsigned version;             /**< KANTEN_SANCTION_VERSION */
  const char* failure_id;       /**< the caller's id of the failure */
  int failure;                  /**< kanten_failure_kind */
  kanten_date failure_date;     /**< when */
  int status;                   /**< kanten_sanction_status */
  size_t reason_count;          /**< facts and rules established (kanten_evaluation_sanction_reason) */
  size_t pending_count;         /**< undecided: what must happen first (kanten_evaluation_sanction_pending) */
  const char* excluded_by_rule; /**< not eligible: the rule that excludes it; NULL otherwise */
  const char* excluded_by_text; /**< … in English; NULL otherwise */
  int deduction_days;           /**< eligible: days of benefit to deduct */
  int has_daily_rate;           /**< nonzero: the caller gave a daily rate */
  int64_t daily_rate;           /**< that rate, øre */
  int has_deduction;            /**< nonzero: deduction is stated (eligible, with a rate) */
  int64_t deduction;            /**< days × rate, øre */
} kanten_sanction;
#define KANTEN_SANCTION_VERSION 1u
#define KANTEN_SANCTION_INIT {KANTEN_SANCTION_VERSION, NULL, 0, {0, 0, 0}, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, 0}
/** The number of sanction answers (one per recorded failure); 0 for NULL e. */
KANTEN_API size_t kanten_evaluation_sanction_count(const kanten_evaluation* e) KANTEN_NOEXCEPT;
/** Fills *out with the i-th sanction answer. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_sanction(const kanten_evaluation* e, size_t i, kanten_sanction* out) KANTEN_NOEXCEPT;
/** Fills *out with reason j of sanction answer i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_sanction_reason(const kanten_evaluation* e, size_t i, size_t j, kanten_reason* out) KANTEN_NOEXCEPT;
/** Fills *out with pending item j of sanction answer i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_sanction_pending(const kanten_evaluation* e, size_t i, size_t j, kanten_reason* out) KANTEN_NOEXCEPT;
/** Writes sanction answer i as JSON; `*out` owned by the caller. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_evaluation_sanction_to_json(const kanten_evaluation* e, size_t i, int indent, char** out) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Streaming caseloads                                                                        */
/* ------------------------------------------------------------------------------------------ */

/* Caseloads of any size (C++: include/kanten/rules/stream.hpp): cases read one at a time or a
 * chunk at a time from a file or from text, and evaluated as they are read. The formats are a
 * JSON document ({"cases": [...]}, a bare array of cases, or one case), JSON Lines (one case per
 * line; blank lines are skipped) and the CSV event table (docs/json-format.md,
 * docs/csv-format.md). Memory is bounded by the largest case and the chunk, not by the input.
 *
 * Every guarantee of kanten_caseload_from_json() holds per case: an event that cannot be read is
 * kept (kanten_case_rejected_count()), never dropped; unknown fields are warnings (KANTEN_EINPUT
 * under kanten_read_options.strict); an id shaped like a CPR number is refused; a second case of
 * one citizen is KANTEN_EINPUT naming both. kanten_read_options.max_bytes bounds each case, not
 * the whole input. The first fault in the input stops the reader with a message naming the
 * line, the column and the case (its position and, once read, its citizen id); the reader is
 * then spent: every later read returns the same status and message.
 *
 * Example — every case of a JSON Lines file, evaluated 2048 at a time:
 *
 *   static int print_step(void* user, const kanten_case* c, const kanten_evaluation* e) {
 *     (void)user;
 *     printf("%s %s\n", kanten_case_citizen(c), kanten_step_name(kanten_evaluation_step(e)));
 *     return 0;  // nonzero stops: kanten_evaluate_stream() returns KANTEN_ECANCELED
 *   }
 *
 *   kanten_case_reader* r = NULL;
 *   kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
 *   o.as_of.year = 2024; o.as_of.month = 6; o.as_of.day = 30;
 *   int s = kanten_case_reader_open("caseload.jsonl", KANTEN_FORMAT_AUTO, NULL, &r);
 *   if (s == KANTEN_OK) s = kanten_evaluate_stream(r, &o, print_step, NULL, 2048);
 *   if (s < 0) fprintf(stderr, "%s\n", kanten_last_error());  // names the line, column and case
 *   kanten_case_reader_free(r);
 *
 * Or case by case (kanten_case_reader_next() returns 1 with a case, 0 at the end):
 *
 *   kanten_case* c = NULL;
 *   while ((s = kanten_case_reader_next(r, &c)) == 1) {
 *     ... kanten_evaluate(c, &o, &e) ...
 *     kanten_case_free(c);
 *   }
 *   if (s < 0) fprintf(stderr, "%s\n", kanten_last_error());
 */

/** The bulk formats (C++: kanten::Format; the same values). */
typedef enum kanten_format {
  KANTEN_FORMAT_AUTO = -1, /**< a file: its extension's (.json; .jsonl or .ndjson; .csv; any case), else JSON;
                                text: JSON */
  KANTEN_FORMAT_JSON = 0,  /**< one JSON document: {"cases": [...]}, a bare array of cases, or one case */
  KANTEN_FORMAT_JSONL = 1, /**< JSON Lines: one case per line */
  KANTEN_FORMAT_CSV = 2,   /**< the CSV event table (docs/csv-format.md) */
  KANTEN_FORMAT_COUNT = 3
} kanten_format;

/** Snake-case name of a format: "json", "jsonl", "csv"; NULL (last error set) out of range,
 *  KANTEN_FORMAT_AUTO included. Thread-safe. */
KANTEN_API const char* kanten_format_name(int format) KANTEN_NOEXCEPT;

/** The most cases one chunk may hold (kanten_case_reader_next_chunk, kanten_evaluate_stream). */
#define KANTEN_MAX_CHUNK ((size_t)1000000)

/** A reader of cases, one at a time (C++: kanten::CaseReader). Needs exclusive access: one
 *  thread at a time. */
typedef struct kanten_case_reader kanten_case_reader;

/** Opens the file `path` to read cases in `format` (a kanten_format) with read options (NULL:
 *  KANTEN_READ_OPTIONS_INIT's); "-" reads standard input. On success `*out` is a new reader the
 *  caller frees with kanten_case_reader_free(). Cases are read by kanten_case_reader_next(),
 *  kanten_case_reader_next_chunk() or kanten_evaluate_stream(); only a CSV table's header line
 *  is read here. Errors: KANTEN_EINVAL (NULL or empty path, NULL out, a format out of range,
 *  options of an unknown version; the message names the parameter), KANTEN_EIO (the file cannot
 *  be opened, or is a directory; the message names the path), and for CSV a fault of the header
 *  (KANTEN_EPARSE, KANTEN_EINPUT: a required column missing, a column named twice, …).
 *  Thread-safe. */
KANTEN_API int kanten_case_reader_open(const char* path, int format, const kanten_read_options* options,
                                       kanten_case_reader** out) KANTEN_NOEXCEPT;
/** A reader over text (copied: the caller may free it when the call returns); `length` may be
 *  KANTEN_NUL_TERMINATED. KANTEN_FORMAT_AUTO reads JSON. Otherwise as kanten_case_reader_open();
 *  errors: KANTEN_EINVAL (NULL text or out, a format out of range, options of an unknown
 *  version), and for CSV a fault of the header. Thread-safe. */
KANTEN_API int kanten_case_reader_from_text(const char* text, size_t length, int format,
                                            const kanten_read_options* options,
                                            kanten_case_reader** out) KANTEN_NOEXCEPT;

/** Reads the next case: 1 and `*out` a new case the caller frees with kanten_case_free(); 0 and
 *  `*out` = NULL at the end of the input (and at every call after it); a negative status and
 *  `*out` = NULL on a fault: KANTEN_EPARSE (not well-formed, a NUL byte), KANTEN_EINPUT (a field
 *  of the wrong type or value, a case over options.max_bytes, a second case of a citizen, …),
 *  KANTEN_EIO (a read failed) — the message names the line, the column and the case, and the
 *  reader is spent (every later read returns the same). KANTEN_EINVAL for NULL r or out. Needs
 *  exclusive access to r. */
KANTEN_API int kanten_case_reader_next(kanten_case_reader* r, kanten_case** out) KANTEN_NOEXCEPT;
/** Reads up to `max` cases (1 to KANTEN_MAX_CHUNK) into a new caseload: 1 and `*out` holding 1 to
 *  max cases (caller frees with kanten_caseload_free()); 0 and `*out` = NULL at the end. When a
 *  fault follows some cases, those cases come first (1) and the next call reports the fault, so
 *  no case before it is lost. The caseload's warnings are its cases' (the document's own are the
 *  reader's: kanten_case_reader_warning()). Errors as kanten_case_reader_next(), plus
 *  KANTEN_EINVAL for max 0 or above KANTEN_MAX_CHUNK. Needs exclusive access to r. */
KANTEN_API int kanten_case_reader_next_chunk(kanten_case_reader* r, size_t max, kanten_caseload** out) KANTEN_NOEXCEPT;

/** The format being read (a kanten_format: KANTEN_FORMAT_AUTO resolved); KANTEN_EINVAL for NULL r. */
KANTEN_API int kanten_case_reader_format(const kanten_case_reader* r) KANTEN_NOEXCEPT;
/** 1 when the input was one case object rather than a caseload (JSON only; known once the first
 *  case has been read), else 0; KANTEN_EINVAL for NULL r. */
KANTEN_API int kanten_case_reader_single(const kanten_case_reader* r) KANTEN_NOEXCEPT;
/** The number of cases handed over so far (by kanten_case_reader_next(),
 *  kanten_case_reader_next_chunk() and to kanten_evaluate_stream()'s callback); 0 for NULL r. */
KANTEN_API size_t kanten_case_reader_count(const kanten_case_reader* r) KANTEN_NOEXCEPT;
/** The bytes of input consumed so far (after a stopped kanten_evaluate_stream() this includes the
 *  cases read ahead and not yet handed over); 0 for NULL r. */
KANTEN_API uint64_t kanten_case_reader_bytes(const kanten_case_reader* r) KANTEN_NOEXCEPT;
/** The number of the document's own input warnings (e.g. an unknown field beside "cases"; a
 *  case's warnings are the case's: kanten_case_warning()). Complete only at the end of the input;
 *  0 for NULL r. */
KANTEN_API size_t kanten_case_reader_warning_count(const kanten_case_reader* r) KANTEN_NOEXCEPT;
/** Input warning i of the document. The strings are borrowed from r until the next read from r
 *  (or its free). Errors: KANTEN_EINVAL (NULL r or out, i out of range, a bad out->version). */
KANTEN_API int kanten_case_reader_warning(const kanten_case_reader* r, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;
/** Frees a reader (and closes its file); NULL is a no-op. */
KANTEN_API void kanten_case_reader_free(kanten_case_reader* r) KANTEN_NOEXCEPT;

/** Called by kanten_evaluate_stream() with each case and its evaluation, in input order, on the
 *  thread that called kanten_evaluate_stream(). Both are borrowed and valid only during the call
 *  (keep a case with kanten_caseload_add_case(), which copies it; an evaluation by evaluating
 *  the case again or writing it out with kanten_evaluation_to_json()). The callback may call any
 *  kanten function except on the reader, and must not throw or longjmp out. Return 0 to go on,
 *  nonzero to stop. */
typedef int (*kanten_stream_callback)(void* user, const kanten_case* c, const kanten_evaluation* e);

/** Reads every remaining case of r, evaluates each as of options->as_of (as kanten_evaluate();
 *  the same evaluations as kanten_evaluate_caseload()) and hands each with its evaluation to
 *  `callback` (with `user`) in input order. `chunk` cases (1 to KANTEN_MAX_CHUNK) are read and
 *  evaluated together; the next chunk is read on a second thread while one is evaluated, so
 *  memory is two chunks of cases.
 *  Returns KANTEN_OK when every case was handed over (kanten_case_reader_count() tells how
 *  many). When the callback returns nonzero: KANTEN_ECANCELED, and the cases read but not handed
 *  over stay with r — the next read (kanten_case_reader_next(), …) continues with the case after
 *  the one the callback stopped at. A fault in the input: every case before it is handed over,
 *  then the fault's status as kanten_case_reader_next(). Errors: KANTEN_EINVAL for NULL r,
 *  options or callback, a chunk of 0 or above KANTEN_MAX_CHUNK, and options as kanten_evaluate()
 *  checks them (all checked before anything is read). Needs exclusive access to r. */
KANTEN_API int kanten_evaluate_stream(kanten_case_reader* r, const kanten_evaluate_options* options,
                                      kanten_stream_callback callback, void* user, size_t chunk) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* The follow-up worklist                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Citizens who still need a contact in the as-of month, or have an alert (the evaluations'
 *  kanten_evaluate_options.alerts): soonest deadline first (alerts without a deadline after),
 *  then longest since the last contact (never contacted first), then citizen id; grouped by
 *  jobformidler first when asked (kanten_worklist_options). */
typedef struct kanten_worklist kanten_worklist;

/** One line of the worklist. Versioned out-struct (version 1 structs get the fields up to
 *  breached_months); strings borrowed from the worklist. */
typedef struct kanten_worklist_entry {
  unsigned version;         /**< KANTEN_WORKLIST_ENTRY_VERSION */
  const char* citizen;      /**< citizen id */
  kanten_date deadline;     /**< last day to make the follow-up contact; {0, 0, 0} when none is due
                                 (a line for its alerts only) */
  kanten_date last_contact; /**< latest contact so far; {0, 0, 0} when never */
  size_t breached_months;   /**< months already breached */
  const char* jobformidler; /**< since version 2: the current jobformidler's opaque id; NULL when none */
  int step;                 /**< since version 2: kanten_step on as-of */
  int followup_due;         /**< since version 2: 1 when the monthly follow-up needs a contact this month */
  size_t alert_count;       /**< since version 2: the citizen's alerts (kanten_worklist_entry_alert) */
} kanten_worklist_entry;
#define KANTEN_WORKLIST_ENTRY_VERSION 2u
#define KANTEN_WORKLIST_ENTRY_INIT {KANTEN_WORKLIST_ENTRY_VERSION, NULL, {0, 0, 0}, {0, 0, 0}, 0, NULL, 0, 0, 0}

/** Which lines the worklist holds and in what order (C++: kanten::WorklistOptions). Versioned in-struct. */
typedef struct kanten_worklist_options {
  unsigned version;          /**< KANTEN_WORKLIST_OPTIONS_VERSION */
  const char* jobformidler;  /**< only this jobformidler's citizens (an opaque id, copied; "" or an
                                  id shaped like a CPR number is KANTEN_EINVAL); NULL: everyone */
  int group_by_jobformidler; /**< nonzero: order by jobformidler first (citizens without one last) */
} kanten_worklist_options;
#define KANTEN_WORKLIST_OPTIONS_VERSION 1u
#define KANTEN_WORKLIST_OPTIONS_INIT {KANTEN_WORKLIST_OPTIONS_VERSION, NULL, 0}

/** The follow-up worklist of a caseload's evaluations, every citizen, ungrouped (caller frees
 *  `*out` with kanten_worklist_free()). Errors: KANTEN_EINVAL for NULL es or out. Thread-safe. */
KANTEN_API int kanten_followup_worklist(const kanten_evaluations* es, kanten_worklist** out) KANTEN_NOEXCEPT;
/** The worklist with options (NULL: KANTEN_WORKLIST_OPTIONS_INIT's: everyone, ungrouped).
 *  Errors: KANTEN_EINVAL for NULL es or out, an unknown options version, an empty jobformidler
 *  or one shaped like a CPR number (options.jobformidler; the value is not echoed). Thread-safe. */
KANTEN_API int kanten_followup_worklist_v2(const kanten_evaluations* es, const kanten_worklist_options* options,
                                           kanten_worklist** out) KANTEN_NOEXCEPT;
/** The number of lines; 0 for NULL w. */
KANTEN_API size_t kanten_worklist_count(const kanten_worklist* w) KANTEN_NOEXCEPT;
/** Fills *out with line i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_worklist_entry_get(const kanten_worklist* w, size_t i, kanten_worklist_entry* out) KANTEN_NOEXCEPT;
/** Fills *out with alert j of line i (the text borrowed from w). KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_worklist_entry_alert(const kanten_worklist* w, size_t i, size_t j, kanten_alert* out) KANTEN_NOEXCEPT;
/** Writes the worklist as {"as_of": ..., "worklist": [...]}; `*out` owned by the caller. */
KANTEN_API int kanten_worklist_to_json(const kanten_worklist* w, int indent, char** out) KANTEN_NOEXCEPT;
/** Frees a worklist; NULL is a no-op. */
KANTEN_API void kanten_worklist_free(kanten_worklist* w) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* The sanction question                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** A case, which failure, as of when, and the daily rate (C++: kanten::SanctionQuestion). */
typedef struct kanten_sanction_question kanten_sanction_question;

/** Reads a sanction question {"case": {...}, "failure_id": "...", "as_of": "...",
 *  "daily_rate": 0} (caller frees `*out`). Errors as kanten_case_from_json(). */
KANTEN_API int kanten_sanction_question_from_json(const char* text, size_t length, kanten_sanction_question** out) KANTEN_NOEXCEPT;
/** kanten_sanction_question_from_json() with read options (NULL: the defaults). An empty
 *  "failure_id" is KANTEN_EINPUT (omit it to ask about the latest failure); a "daily_rate" above
 *  KANTEN_MAX_DAILY_RATE is KANTEN_EINPUT. */
KANTEN_API int kanten_sanction_question_from_json_v2(const char* text, size_t length,
                                                     const kanten_read_options* options,
                                                     kanten_sanction_question** out) KANTEN_NOEXCEPT;
/** The number of input warnings of the question (its own, then its case's); 0 for NULL. */
KANTEN_API size_t kanten_sanction_question_warning_count(const kanten_sanction_question* q) KANTEN_NOEXCEPT;
/** Input warning i of the question. */
KANTEN_API int kanten_sanction_question_warning(const kanten_sanction_question* q, size_t i,
                                                kanten_input_warning* out) KANTEN_NOEXCEPT;
/** Answers the question: evaluates its case as of its date with its rate. On success `*out` is
 *  a new evaluation (caller frees) and `*out_index` the index of the answer among its
 *  sanctions (kanten_evaluation_sanction()). When the question names no failure id, the
 *  latest failure is answered. Errors: KANTEN_EINVAL (NULL arguments), KANTEN_EINPUT (no
 *  such failure on or before the date). Thread-safe. */
KANTEN_API int kanten_sanction_question_answer(const kanten_sanction_question* q, kanten_evaluation** out,
                                               size_t* out_index) KANTEN_NOEXCEPT;
/** Frees a sanction question; NULL is a no-op. */
KANTEN_API void kanten_sanction_question_free(kanten_sanction_question* q) KANTEN_NOEXCEPT;

/* ------------------------------------------------------------------------------------------ */
/* Matching                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Citizens, companies and tasks to match (C++: kanten::Market). */
typedef struct kanten_market kanten_market;
/** A weight set for the score (C++: kanten::MatchWeights). */
typedef struct kanten_weights kanten_weights;
/** A proposal for a whole market, with explanations (C++: kanten::MatchResult). */
typedef struct kanten_match_result kanten_match_result;

/** Reads a market {"citizens": [...], "companies": [...], "tasks": [...]} (docs/matching.md;
 *  caller frees `*out`). Errors as kanten_case_from_json(). */
KANTEN_API int kanten_market_from_json(const char* text, size_t length, kanten_market** out) KANTEN_NOEXCEPT;
/** kanten_market_from_json() with read options (NULL: the defaults). */
KANTEN_API int kanten_market_from_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                          kanten_market** out) KANTEN_NOEXCEPT;
/** The number of input warnings of a market read from JSON; 0 for NULL. */
KANTEN_API size_t kanten_market_warning_count(const kanten_market* m) KANTEN_NOEXCEPT;
/** Input warning i of the market. */
KANTEN_API int kanten_market_warning(const kanten_market* m, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;
/** The numbers of citizens, companies and tasks; 0 for NULL m. */
KANTEN_API size_t kanten_market_citizen_count(const kanten_market* m) KANTEN_NOEXCEPT;
KANTEN_API size_t kanten_market_company_count(const kanten_market* m) KANTEN_NOEXCEPT;
KANTEN_API size_t kanten_market_task_count(const kanten_market* m) KANTEN_NOEXCEPT;
/** Frees a market; NULL is a no-op. Results made from it stay valid. */
KANTEN_API void kanten_market_free(kanten_market* m) KANTEN_NOEXCEPT;

/** Reads a weight set {"version": "...", ...} (caller frees `*out`). Errors as
 *  kanten_case_from_json(). */
KANTEN_API int kanten_weights_from_json(const char* text, size_t length, kanten_weights** out) KANTEN_NOEXCEPT;
/** kanten_weights_from_json() with read options (NULL: the defaults). */
KANTEN_API int kanten_weights_from_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                           kanten_weights** out) KANTEN_NOEXCEPT;
/** The number of input warnings of a weight set read from JSON; 0 for NULL. */
KANTEN_API size_t kanten_weights_warning_count(const kanten_weights* w) KANTEN_NOEXCEPT;
/** Input warning i of the weight set. */
KANTEN_API int kanten_weights_warning(const kanten_weights* w, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;
/** Frees a weight set; NULL is a no-op. Results made with it stay valid. */
KANTEN_API void kanten_weights_free(kanten_weights* w) KANTEN_NOEXCEPT;

/** Options of kanten_match(). Versioned in-struct. */
typedef struct kanten_match_options {
  unsigned version;              /**< KANTEN_MATCH_OPTIONS_VERSION */
  int mode;                      /**< kanten_match_mode */
  const kanten_weights* weights; /**< NULL: the documented default weights (only read during the call) */
  int32_t k;                     /**< top_k: tasks per citizen (≥ 1) */
  int32_t per_company;           /**< top_k: at most this many tasks of one company per citizen (≥ 1) */
  int explain;                   /**< nonzero: fill reasons and concerns */
  int32_t threads;               /**< since version 2: threads for candidates and the assignment's
                                      independent parts (0: one per hardware thread; ≥ 0); the
                                      result is the same for any count. Version 1 structs: 1 */
  int has_citizens;              /**< since version 3: nonzero: propose only for the `citizen_count`
                                      ids of `citizens` (0 of them: for nobody); the others get no
                                      proposal and are not listed as unmatched. 0: every citizen */
  const char* const* citizens;   /**< since version 3: the ids (NUL-terminated; only read during the
                                      call); each must be a citizen of the market, listed once, else
                                      KANTEN_EINVAL naming "options.citizens[i]" and the id */
  size_t citizen_count;          /**< since version 3: how many ids `citizens` holds */
  int32_t max_candidates_per_citizen; /**< since version 3: keep each citizen's best N candidates
                                      (score, then task index) for the assignment and the stable
                                      matching; 0: every candidate (exact); ≥ 0. Version 1 and 2
                                      structs predate the bound: 0 (exact), as they were read then */
} kanten_match_options;
/** The library's default of kanten_match_options.max_candidates_per_citizen, each citizen's
 *  best 40 (C++: kanten::MatchOptions::max_candidates_per_citizen; its measured effect:
 *  docs/matching.md; 0 is the exact match). */
#define KANTEN_MAX_CANDIDATES_PER_CITIZEN 40
#define KANTEN_MATCH_OPTIONS_VERSION 3u
#define KANTEN_MATCH_OPTIONS_INIT {KANTEN_MATCH_OPTIONS_VERSION, KANTEN_MATCH_ASSIGNMENT, NULL, 5, 1, 1, 1, \
                                   0, NULL, 0, KANTEN_MAX_CANDIDATES_PER_CITIZEN}

/** Makes a proposal for market m (options NULL: KANTEN_MATCH_OPTIONS_INIT). On success `*out`
 *  is a new result the caller frees with kanten_match_result_free(); it keeps what it needs of
 *  m. Errors: KANTEN_EINVAL for NULL m or out, an unknown options version, a mode out of range,
 *  k or per_company < 1, threads < 0; KANTEN_EINPUT for a market the matcher refuses. Deterministic;
 *  thread-safe (m is only read). */
KANTEN_API int kanten_match(const kanten_market* m, const kanten_match_options* options, kanten_match_result** out) KANTEN_NOEXCEPT;

/** Proposes for the caseload that is: the citizens of `evaluations` whose step is one of the
 *  `step_count` kanten_step values of `steps` (steps NULL: Trin 2, På vej mod job, where company
 *  matching belongs: docs/decisions.md, "Matching proposes for the caseload in Trin 2"). A citizen
 *  of the caseload that market m does not hold gets no proposal and is reported by
 *  kanten_match_result_not_in_market(). Options as kanten_match() (NULL: the defaults), but
 *  options->has_citizens must be 0: the evaluations choose. Errors: KANTEN_EINVAL for NULL m,
 *  evaluations or out, a step out of range ("steps[i]"), options->has_citizens set
 *  ("options.citizens"), and as kanten_match(). Thread-safe (m and evaluations are only read). */
KANTEN_API int kanten_match_caseload(const kanten_market* m, const kanten_evaluations* evaluations, const int* steps,
                                     size_t step_count, const kanten_match_options* options,
                                     kanten_match_result** out) KANTEN_NOEXCEPT;

/** One proposed match. Versioned out-struct; strings borrowed from the result. */
typedef struct kanten_match_entry {
  unsigned version;       /**< KANTEN_MATCH_ENTRY_VERSION */
  size_t citizen_index;   /**< index of the citizen in the market */
  size_t task_index;      /**< index of the task in the market */
  const char* citizen_id; /**< the citizen's id */
  const char* task_id;    /**< the task's id */
  const char* company_id; /**< the task's company id */
  int32_t score;          /**< total points */
  int32_t wish;           /**< breakdown: wish fit through the DISCO hierarchy */
  int32_t competences;    /**< breakdown: optional competences covered */
  int32_t hours;          /**< breakdown: hours fit */
  int32_t travel;         /**< breakdown: nearness */
  int32_t readiness;      /**< breakdown: company readiness */
  int32_t ordinary;       /**< breakdown: ordinary hours from the start */
  int32_t wish_level;     /**< shared DISCO digits with the best wish (0–4) */
  int32_t distance_m;     /**< travel distance, metres */
  size_t reason_count;    /**< why it fits (kanten_match_result_reason) */
  size_t concern_count;   /**< what stands in the way (kanten_match_result_concern) */
} kanten_match_entry;
#define KANTEN_MATCH_ENTRY_VERSION 1u
#define KANTEN_MATCH_ENTRY_INIT {KANTEN_MATCH_ENTRY_VERSION, 0, 0, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

/** The result's mode (kanten_match_mode); KANTEN_EINVAL for NULL r. */
KANTEN_API int kanten_match_result_mode(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The version of the weights used; NULL for NULL r. */
KANTEN_API const char* kanten_match_result_weights_version(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** Assignment/stable: the sum of the matched scores; 0 for NULL r. */
KANTEN_API int64_t kanten_match_result_total_score(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** Candidate pairs the proposal chose from: every pair that passed the hard filters, or with
 *  max_candidates_per_citizen those kept; 0 for NULL r. */
KANTEN_API size_t kanten_match_result_candidates(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The bound on candidates per citizen the proposal used (0: none, the exact optimum; top_k: 0);
 *  0 for NULL r. */
KANTEN_API int32_t kanten_match_result_max_candidates_per_citizen(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** Citizens whose kept candidates reached that bound (they may have had more): 0 means nothing
 *  was cut and the proposal is the exact optimum; otherwise only a pair cut from one of them can
 *  make the exact optimum differ. 0 without a bound and for NULL r. */
KANTEN_API size_t kanten_match_result_citizens_at_bound(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** Assignment: 1 when the solver proved the optimum over the pairs it chose from (with a bound,
 *  the kept ones), else 0; KANTEN_EINVAL for NULL r. */
KANTEN_API int kanten_match_result_optimal(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The number of matches; 0 for NULL r. */
KANTEN_API size_t kanten_match_result_count(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** Fills *out with match i. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_match_result_get(const kanten_match_result* r, size_t i, kanten_match_entry* out) KANTEN_NOEXCEPT;
/** Reason j of match i, e.g. "wish: 5120 matches 512 (3 digits) +28"; NULL for bad arguments. */
KANTEN_API const char* kanten_match_result_reason(const kanten_match_result* r, size_t i, size_t j) KANTEN_NOEXCEPT;
/** Concern j of match i; NULL for bad arguments. */
KANTEN_API const char* kanten_match_result_concern(const kanten_match_result* r, size_t i, size_t j) KANTEN_NOEXCEPT;
/** The number of citizens left without a task; 0 for NULL r. */
KANTEN_API size_t kanten_match_result_unmatched_count(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The id of unmatched citizen i; NULL for bad arguments. */
KANTEN_API const char* kanten_match_result_unmatched(const kanten_match_result* r, size_t i) KANTEN_NOEXCEPT;
/** The number of citizens proposed for (the selection, or every citizen of the market); 0 for NULL r. */
KANTEN_API size_t kanten_match_result_selected(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The number of citizens of the caseload the market does not hold (kanten_match_caseload()); 0 for NULL r. */
KANTEN_API size_t kanten_match_result_not_in_market_count(const kanten_match_result* r) KANTEN_NOEXCEPT;
/** The id of citizen i of the caseload the market does not hold, borrowed from r; NULL for bad arguments. */
KANTEN_API const char* kanten_match_result_not_in_market(const kanten_match_result* r, size_t i) KANTEN_NOEXCEPT;
/** Writes the proposal as JSON (docs/matching.md); `*out` owned by the caller. */
KANTEN_API int kanten_match_result_to_json(const kanten_match_result* r, int indent, char** out) KANTEN_NOEXCEPT;
/** Frees a result; NULL is a no-op. */
KANTEN_API void kanten_match_result_free(kanten_match_result* r) KANTEN_NOEXCEPT;

/* --- The persistent matcher ----------------------------------------------------------------
 * A kanten_matcher holds its own copy of a market, indexed (C++: kanten::Matcher,
 * include/kanten/match/index.hpp; docs/matching.md), and answers one citizen's best tasks and one
 * task's best citizens — the lists of a kanten_match() in mode top_k, explained — in well under a
 * millisecond at national size. It is updated in place when a citizen, company, task, capacity or
 * slot count changes.
 *
 * Thread-safety: queries (the functions taking a `const kanten_matcher*`) may run concurrently
 * from many threads on one matcher; an update (a function taking a `kanten_matcher*`) needs
 * exclusive access: no query and no other update on that matcher at the same time.
 *
 * A query's result is a kanten_match_result of mode KANTEN_MATCH_TOP_K, read with the accessors
 * above. It owns copies of the ids it names, so it stays valid after later updates and after the
 * matcher is freed. Its entries' citizen_index and task_index are indices into the matcher's
 * market at the time of the query (an update may move them: a removal moves the last citizen,
 * task or company into the removed one's place). It has no unmatched citizens, candidates() is
 * 0, and kanten_match_result_to_json() writes the top list as `kanten match --citizen ID` (or
 * `--task ID`) does: {"weights_version", "citizen" (or "task" and "company"), "k",
 * ("per_company",) "matches": [...]}. */

/** A persistent matcher index (C++: kanten::Matcher). */
typedef struct kanten_matcher kanten_matcher;

/** Builds a matcher over a copy of market m with `weights` (NULL: the documented defaults; only
 *  read during the call). m and weights may be freed afterwards. Errors: KANTEN_EINVAL for NULL
 *  m or out; KANTEN_EINPUT for a market the matcher refuses (a task naming a company that is not
 *  in the market, an id that repeats, naming the field). Thread-safe (m is only read). */
KANTEN_API int kanten_matcher_new(const kanten_market* m, const kanten_weights* weights,
                                  kanten_matcher** out) KANTEN_NOEXCEPT;
/** Frees a matcher; NULL is a no-op. Results made from it stay valid. */
KANTEN_API void kanten_matcher_free(kanten_matcher* x) KANTEN_NOEXCEPT;
/** The numbers of citizens, companies and tasks the matcher holds now; 0 for NULL x. */
KANTEN_API size_t kanten_matcher_citizen_count(const kanten_matcher* x) KANTEN_NOEXCEPT;
KANTEN_API size_t kanten_matcher_company_count(const kanten_matcher* x) KANTEN_NOEXCEPT;
KANTEN_API size_t kanten_matcher_task_count(const kanten_matcher* x) KANTEN_NOEXCEPT;
/** The version of the matcher's weights, borrowed from x; NULL for NULL x. */
KANTEN_API const char* kanten_matcher_weights_version(const kanten_matcher* x) KANTEN_NOEXCEPT;
/** A copy of the matcher's market as it is now (caller frees `*out`), e.g. for kanten_match().
 *  Errors: KANTEN_EINVAL for NULL x or out. */
KANTEN_API int kanten_matcher_market(const kanten_matcher* x, kanten_market** out) KANTEN_NOEXCEPT;

/** The citizen's best k tasks, at most `per_company` of one company, best first (ties by task
 *  index), with reasons and concerns when `explain` is nonzero: the list kanten_match() in mode
 *  top_k gives this citizen on the matcher's market. On success `*out` is a new result the caller
 *  frees with kanten_match_result_free(). Errors (KANTEN_EINVAL, naming the parameter): NULL x,
 *  citizen_id or out; k or per_company < 1; a citizen_id the matcher does not hold (field
 *  'citizen', the id as value). Thread-safe for concurrent queries. */
KANTEN_API int kanten_matcher_top_tasks(const kanten_matcher* x, const char* citizen_id, int32_t k, int32_t per_company,
                                        int explain, kanten_match_result** out) KANTEN_NOEXCEPT;
/** The task's best k citizens, best first (ties by citizen index), explained when `explain` is
 *  nonzero. Errors as kanten_matcher_top_tasks() (an unknown task_id names field 'task'). */
KANTEN_API int kanten_matcher_top_citizens(const kanten_matcher* x, const char* task_id, int32_t k, int explain,
                                           kanten_match_result** out) KANTEN_NOEXCEPT;

/** Adds a citizen, or replaces the one with the same id, from one JSON object as in a market's
 *  "citizens" (docs/matching.md), read with `options` (NULL: the defaults; strict makes an
 *  unknown field an error). Unknown fields are warnings (kanten_matcher_warning). Errors:
 *  KANTEN_EINVAL for NULL x or text, and for a visited company the matcher does not hold (field
 *  'citizen.visited_companies[i]'); KANTEN_EPARSE for text that is not JSON; KANTEN_EINPUT for a
 *  field of the wrong type or value (named with the path "citizen.FIELD"). A failed update leaves
 *  the matcher as it was. Exclusive access. */
KANTEN_API int kanten_matcher_upsert_citizen_json(kanten_matcher* x, const char* text, size_t length,
                                                  const kanten_read_options* options) KANTEN_NOEXCEPT;
/** Adds or replaces a company from one JSON object as in a market's "companies" (its tasks stay
 *  and take its new location, readiness and capacity). Errors as for a citizen ("company.FIELD"). */
KANTEN_API int kanten_matcher_upsert_company_json(kanten_matcher* x, const char* text, size_t length,
                                                  const kanten_read_options* options) KANTEN_NOEXCEPT;
/** Adds or replaces a task from one JSON object as in a market's "tasks". Errors as for a citizen
 *  ("task.FIELD"), and KANTEN_EINVAL naming 'company' when its company is not in the matcher. */
KANTEN_API int kanten_matcher_upsert_task_json(kanten_matcher* x, const char* text, size_t length,
                                               const kanten_read_options* options) KANTEN_NOEXCEPT;
/** The number of input warnings of the last kanten_matcher_upsert_*_json call; 0 for NULL x. */
KANTEN_API size_t kanten_matcher_warning_count(const kanten_matcher* x) KANTEN_NOEXCEPT;
/** Input warning i of the last kanten_matcher_upsert_*_json call (strings borrowed from x until
 *  its next update). */
KANTEN_API int kanten_matcher_warning(const kanten_matcher* x, size_t i, kanten_input_warning* out) KANTEN_NOEXCEPT;
/** Removes the citizen with this id: 1 when removed, 0 when the matcher holds no such citizen;
 *  KANTEN_EINVAL for NULL x or id. Exclusive access. */
KANTEN_API int kanten_matcher_remove_citizen(kanten_matcher* x, const char* id) KANTEN_NOEXCEPT;
/** Removes the company with this id and its tasks, and drops it from the citizens' visited
 *  companies: 1 when removed, 0 when unknown; KANTEN_EINVAL for NULL x or id. Exclusive access. */
KANTEN_API int kanten_matcher_remove_company(kanten_matcher* x, const char* id) KANTEN_NOEXCEPT;
/** Removes the task with this id: 1 when removed, 0 when unknown; KANTEN_EINVAL for NULL x or id. */
KANTEN_API int kanten_matcher_remove_task(kanten_matcher* x, const char* id) KANTEN_NOEXCEPT;
/** Sets a company's capacity (0: it takes nobody now). Errors (KANTEN_EINVAL): NULL x or
 *  company_id, an unknown company (field 'company'), capacity < 0 (field 'capacity'). */
KANTEN_API int kanten_matcher_set_capacity(kanten_matcher* x, const char* company_id, int32_t capacity) KANTEN_NOEXCEPT;
/** Sets a task's slots (0: it takes nobody now). Errors (KANTEN_EINVAL): NULL x or task_id, an
 *  unknown task (field 'task'), slots < 0 (field 'slots'). */
KANTEN_API int kanten_matcher_set_slots(kanten_matcher* x, const char* task_id, int32_t slots) KANTEN_NOEXCEPT;

/* =============================================================================================
 * Bus trips to companies (002_35b99bd4972212c9.txt) and social training tracks
 * (001_8429fb4aa12981cf.txt). The plans take and give JSON (docs/bus-and-training.md); the
 * rule checks are typed. Every function here is thread-safe (no shared state).
 * ============================================================================================= */

/** The answer of the bus-trip eligibility check. */
typedef enum kanten_bus_answer_kind {
  KANTEN_BUS_ELIGIBLE = 0,      /**< covered by the offer */
  KANTEN_BUS_NOT_ELIGIBLE = 1,  /**< not covered; the reason says why */
  KANTEN_BUS_UNDECIDED = 2      /**< a fact is missing (the age); the reason says which */
} kanten_bus_answer_kind;

/** Under which provision a citizen comes on a bus trip. */
typedef enum kanten_bus_category {
  KANTEN_BUS_CATEGORY_NONE = 0,             /**< not covered */
  KANTEN_BUS_CATEGORY_S6_3 = 1,             /**< §6.3: activity-ready, 30 or over */
  KANTEN_BUS_CATEGORY_S6_5 = 2,             /**< §6.5: activity-ready, under 30, no vocational education */
  KANTEN_BUS_CATEGORY_S6_3_OR_S6_5 = 3,     /**< activity-ready, no vocational education, age unknown */
  KANTEN_BUS_CATEGORY_EXEMPT_REFERRED = 4   /**< exempt from activity, referred by the caseworker (Model 1) */
} kanten_bus_category;

/** What decides whether a referred citizen may come. Versioned in-struct: start from
 *  KANTEN_BUS_REFERRAL_INIT. No id: the check needs none. */
typedef struct kanten_bus_referral {
  unsigned version;                /**< KANTEN_BUS_REFERRAL_VERSION */
  int activity_ready;              /**< visited as aktivitetsparat (non-zero) */
  int age;                         /**< age in years on the trip's date; negative: unknown */
  int vocational_education;        /**< has an education that qualifies for a vocation */
  int exempt_from_activity;        /**< fritaget for aktivitet */
  int caseworker_finds_it_helps;   /**< the caseworker refers an exempt citizen because it helps them */
} kanten_bus_referral;
#define KANTEN_BUS_REFERRAL_VERSION 1u
#define KANTEN_BUS_REFERRAL_INIT {KANTEN_BUS_REFERRAL_VERSION, 1, -1, 0, 0, 0}

/** The eligibility answer. Versioned out-struct (KANTEN_BUS_ANSWER_INIT); the source strings
 *  are static and never freed. */
typedef struct kanten_bus_answer {
  unsigned version;     /**< KANTEN_BUS_ANSWER_VERSION */
  int answer;           /**< kanten_bus_answer_kind */
  int category;         /**< kanten_bus_category */
  const char* seed;     /**< the source's seed file */
  const char* section;  /**< its section */
  const char* quote;    /**< the Danish sentence the answer rests on */
} kanten_bus_answer;
#define KANTEN_BUS_ANSWER_VERSION 1u
#define KANTEN_BUS_ANSWER_INIT {KANTEN_BUS_ANSWER_VERSION, 0, 0, NULL, NULL, NULL}

/** Whether the citizen described by `r` may come on a trip of `model` (1: Guldborgsund, 2:
 *  Lolland). `*reason`, when `reason` is not NULL, receives the reason in English, owned by the
 *  caller (kanten_string_free()). Errors: KANTEN_EINVAL (NULL r or out, a bad version, a model
 *  other than 1 or 2). Thread-safe. */
KANTEN_API int kanten_bus_eligibility(const kanten_bus_referral* r, int model, kanten_bus_answer* out,
                                      char** reason) KANTEN_NOEXCEPT;

/** A closed range [low, high]. */
typedef struct kanten_range {
  int64_t low;   /**< lower end */
  int64_t high;  /**< upper end */
} kanten_range;

/** What one trip costs, from the source's figures. Versioned out-struct (KANTEN_TRIP_COST_INIT). */
typedef struct kanten_trip_cost {
  unsigned version;                   /**< KANTEN_TRIP_COST_VERSION */
  kanten_range bus_dkk;               /**< bus hire, DKK: 2000–2500 */
  kanten_range food_dkk;              /**< food, DKK: 75–90 per participant */
  kanten_range planning_staff_minutes;  /**< planning: 1–2 hours of one staff member */
  kanten_range running_staff_minutes;   /**< running: 3–4 staff for 4–5 hours */
  kanten_range total_dkk;             /**< bus + food (+ staff time when priced) */
} kanten_trip_cost;
#define KANTEN_TRIP_COST_VERSION 1u
#define KANTEN_TRIP_COST_INIT {KANTEN_TRIP_COST_VERSION, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}

/** The cost of one trip with `participants` citizens; `staff_dkk_per_hour` < 0 leaves staff time
 *  unpriced. Every amount is computed with checked arithmetic. Errors: KANTEN_EINVAL (NULL out,
 *  bad version, participants outside 0–100 (kanten::max_trip_participants), a rate above 10,000
 *  DKK an hour (kanten::max_staff_dkk_per_hour); the message names the parameter). Thread-safe. */
KANTEN_API int kanten_bus_trip_cost(int32_t participants, int64_t staff_dkk_per_hour,
                                    kanten_trip_cost* out) KANTEN_NOEXCEPT;

/** Plans bus trips for a request (JSON: a market with "referrals" and optional "bus" settings,
 *  docs/bus-and-training.md) and writes the plan as JSON to `*out`, owned by the caller
 *  (kanten_string_free()). `length` may be KANTEN_NUL_TERMINATED. Errors: KANTEN_EINVAL (NULL
 *  text or out), KANTEN_EPARSE, KANTEN_EINPUT (naming the field; also a citizen referred twice
 *  or an id that repeats in the market, naming both positions). Thread-safe. */
KANTEN_API int kanten_bus_plan_json(const char* text, size_t length, int indent, char** out) KANTEN_NOEXCEPT;
/** kanten_bus_plan_json() with read options (NULL: KANTEN_READ_OPTIONS_INIT's): with
 *  options->strict an unknown field of the request is KANTEN_EINPUT naming its path; otherwise
 *  the plan's JSON carries the request's warnings as "input_warnings" (absent when there are
 *  none). Errors as kanten_bus_plan_json(), plus KANTEN_EINVAL for options of an unknown version. */
KANTEN_API int kanten_bus_plan_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                       int indent, char** out) KANTEN_NOEXCEPT;

/** Where a citizen goes to work training. */
typedef enum kanten_workplace_route {
  KANTEN_ROUTE_INTERNSHIP = 0,     /**< virksomhedspraktik, private employers first */
  KANTEN_ROUTE_TRAINING_TRACK = 1  /**< a social training track with a mentor */
} kanten_workplace_route;

/** Internship for a citizen close to an ordinary job or a job on special terms, the training
 *  track for the others: `*route` receives a kanten_workplace_route, `*reason` (when not NULL)
 *  the reason, owned by the caller. Errors: KANTEN_EINVAL (NULL route). Thread-safe. */
KANTEN_API int kanten_route_workplace(int close_to_ordinary_job, int close_to_special_terms_job, int* route,
                                      char** reason) KANTEN_NOEXCEPT;

/** Places citizens on social training tracks for a request (JSON: a market with an optional
 *  "training" object, docs/bus-and-training.md); `start` {0, 0, 0} takes the request's start.
 *  Writes the plan (tracks, company-facing views, the unplaced with reasons, mentor load) as JSON
 *  to `*out`, owned by the caller. Errors: KANTEN_EINVAL (NULL text or out, no start date),
 *  KANTEN_EPARSE, KANTEN_EINPUT. Thread-safe. */
KANTEN_API int kanten_training_plan_json(const char* text, size_t length, kanten_date start, int indent,
                                         char** out) KANTEN_NOEXCEPT;
/** kanten_training_plan_json() with read options, as kanten_bus_plan_json_v2(). */
KANTEN_API int kanten_training_plan_json_v2(const char* text, size_t length, const kanten_read_options* options,
                                            kanten_date start, int indent, char** out) KANTEN_NOEXCEPT;
/* ------------------------------------------------------------------------------------------ */
/* Programme figures                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* The evaluation figures of a caseload as of one date (C++: include/kanten/programme/programme.hpp; the
 * definitions are in docs/programme.md): the funnel through the steps, the shares of those who
 * entered, retention after entering Trin 3, citizens per step at each month's end, and three
 * Kaplan–Meier curves of the time from entry. Read them through the typed accessors below or
 * as one JSON document (kanten_programme_to_json). No figure carries a citizen id. */

/** The stages of the funnel, in order (C++: kanten::FunnelStage). */
typedef enum kanten_funnel_stage {
  KANTEN_FUNNEL_CASELOAD = 0,                 /**< cases in the caseload */
  KANTEN_FUNNEL_ENTERED = 1,                  /**< entered the model: Trin 1 started */
  KANTEN_FUNNEL_TRIN2 = 2,                    /**< reached Trin 2 */
  KANTEN_FUNNEL_TRIN3 = 3,                    /**< reached Trin 3 */
  KANTEN_FUNNEL_PAID_HOURS = 4,               /**< worked any ordinary (paid) hours */
  KANTEN_FUNNEL_EXIT_30_HOURS = 5,            /**< left through the 30-hour exit */
  KANTEN_FUNNEL_EXIT_SELF_SUPPORT = 6,        /**< left self-supporting */
  KANTEN_FUNNEL_EXIT_REHABILITATION_TEAM = 7, /**< left to the rehabilitation team */
  KANTEN_FUNNEL_STAGE_COUNT = 8
} kanten_funnel_stage;

/** What a time-to-event curve measures, in days from entry (C++: kanten::Endpoint). */
typedef enum kanten_endpoint {
  KANTEN_ENDPOINT_FIRST_PAID_HOURS = 0, /**< first ordinary hours; censored at an exit without any, or at as-of */
  KANTEN_ENDPOINT_EXIT = 1,             /**< any exit; censored at as-of */
  KANTEN_ENDPOINT_EXIT_30_HOURS = 2,    /**< the 30-hour exit; censored at another exit, or at as-of */
  KANTEN_ENDPOINT_COUNT = 3
} kanten_endpoint;

/** Snake-case name of a funnel stage, e.g. "paid_hours"; NULL (last error set) out of range. Thread-safe. */
KANTEN_API const char* kanten_funnel_stage_name(int stage) KANTEN_NOEXCEPT;
/** Snake-case name of an endpoint, e.g. "first_paid_hours"; NULL (last error set) out of range. Thread-safe. */
KANTEN_API const char* kanten_endpoint_name(int endpoint) KANTEN_NOEXCEPT;

/** The programme figures of a caseload as of one date (C++: kanten::ProgrammeFigures). */
typedef struct kanten_programme kanten_programme;

/** Options of the programme figures. Versioned in-struct. */
typedef struct kanten_programme_options {
  unsigned version;             /**< KANTEN_PROGRAMME_OPTIONS_VERSION */
  kanten_date as_of;            /**< evaluate every case as of the end of this date (required, a valid date) */
  const int* retention_months;  /**< months after entering Trin 3 to measure retention at, 1 to 600 each (copied);
                                     NULL: 3, 6 and 12 */
  size_t retention_month_count; /**< the number of entries of retention_months (ignored when it is NULL) */
} kanten_programme_options;
#define KANTEN_PROGRAMME_OPTIONS_VERSION 1u
#define KANTEN_PROGRAMME_OPTIONS_INIT {KANTEN_PROGRAMME_OPTIONS_VERSION, {0, 0, 0}, NULL, 0}

/** Computes the figures of a caseload: every case is evaluated as of options->as_of. On
 *  success `*out` is a new handle the caller frees with kanten_programme_free(); it copies what
 *  it needs, so load may be freed first. Errors: KANTEN_EINVAL for NULL load, options or out,
 *  an unknown options version, an as_of that is not a valid date, a retention month outside 1–600
 *  (the message names "retention_months[i]"). Pure and deterministic; thread-safe (load is
 *  only read). */
KANTEN_API int kanten_programme_figures(const kanten_caseload* load, const kanten_programme_options* options,
                                        kanten_programme** out) KANTEN_NOEXCEPT;
/** Frees the figures; NULL is a no-op. */
KANTEN_API void kanten_programme_free(kanten_programme* p) KANTEN_NOEXCEPT;
/** Fills *out with the as-of date. KANTEN_EINVAL for NULL p or out. */
KANTEN_API int kanten_programme_as_of(const kanten_programme* p, kanten_date* out) KANTEN_NOEXCEPT;
/** The citizens at a funnel stage (KANTEN_FUNNEL_*); 0 with the last error set for NULL p or a
 *  stage out of range (check kanten_last_error() when 0 is a possible answer). */
KANTEN_API size_t kanten_programme_funnel(const kanten_programme* p, int stage) KANTEN_NOEXCEPT;
/** The share of those who entered with any paid hours (a fraction): 1 and *out set when
 *  someone entered, 0 (no share; *out untouched) when nobody did; KANTEN_EINVAL for NULL p or out. */
KANTEN_API int kanten_programme_paid_hours_share(const kanten_programme* p, double* out) KANTEN_NOEXCEPT;
/** The share of those who entered who left through the 30-hour exit; results as
 *  kanten_programme_paid_hours_share(). */
KANTEN_API int kanten_programme_thirty_hours_share(const kanten_programme* p, double* out) KANTEN_NOEXCEPT;

/** Retention N months after entering Trin 3 (docs/programme.md). Versioned out-struct. */
typedef struct kanten_retention {
  unsigned version; /**< KANTEN_RETENTION_VERSION */
  int months;       /**< N */
  size_t eligible;  /**< entered Trin 3, and month N after it has ended by as-of */
  size_t retained;  /**< of those: ordinary hours in month N, or left to work (30 hours, self-support) by its end */
  int has_share;    /**< 1 when someone is eligible, else 0 */
  double share;     /**< retained / eligible when has_share, else 0 */
} kanten_retention;
#define KANTEN_RETENTION_VERSION 1u
#define KANTEN_RETENTION_INIT {KANTEN_RETENTION_VERSION, 0, 0, 0, 0, 0.0}
/** The number of retention figures (one per option month); 0 for NULL p. */
KANTEN_API size_t kanten_programme_retention_count(const kanten_programme* p) KANTEN_NOEXCEPT;
/** Fills *out with the i-th retention figure, in the order of the options. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_programme_retention(const kanten_programme* p, size_t i, kanten_retention* out) KANTEN_NOEXCEPT;

/** The number of months with step counts, from the first month anyone entered to the as-of
 *  month; 0 for NULL p (or when nobody entered). */
KANTEN_API size_t kanten_programme_month_count(const kanten_programme* p) KANTEN_NOEXCEPT;
/** Fills *month with the i-th month and citizens[s] with the cases in step s (KANTEN_STEP_*) at
 *  its end, for s < min(capacity, KANTEN_STEP_COUNT); the counts of a month sum to the
 *  caseload's size. citizens may be NULL when capacity is 0. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_programme_month_steps(const kanten_programme* p, size_t i, kanten_month* month, size_t* citizens,
                                            size_t capacity) KANTEN_NOEXCEPT;

/** A Kaplan–Meier curve's totals and median. Versioned out-struct. */
typedef struct kanten_curve {
  unsigned version;    /**< KANTEN_CURVE_VERSION */
  size_t subjects;     /**< citizens who entered */
  size_t events;       /**< of them with the event */
  size_t censored;     /**< of them censored */
  size_t step_count;   /**< rows of the step function (kanten_programme_curve_step) */
  int has_median;      /**< 1 when the survival reaches 0.5 or less, else 0 */
  int32_t median_days; /**< the first time (days) the survival is ≤ 0.5, when has_median */
} kanten_curve;
#define KANTEN_CURVE_VERSION 1u
#define KANTEN_CURVE_INIT {KANTEN_CURVE_VERSION, 0, 0, 0, 0, 0, 0}
/** One time of a Kaplan–Meier step function. Versioned out-struct. */
typedef struct kanten_curve_step {
  unsigned version; /**< KANTEN_CURVE_STEP_VERSION */
  int32_t days;     /**< the time, in days from entry */
  size_t at_risk;   /**< citizens whose time is ≥ days */
  size_t events;    /**< events at this time */
  size_t censored;  /**< censored at this time (at risk at it: events come first) */
  double survival;  /**< the estimate just after this time */
} kanten_curve_step;
#define KANTEN_CURVE_STEP_VERSION 1u
#define KANTEN_CURVE_STEP_INIT {KANTEN_CURVE_STEP_VERSION, 0, 0, 0, 0, 1.0}
/** Fills *out with the curve of an endpoint (KANTEN_ENDPOINT_*). KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_programme_curve(const kanten_programme* p, int endpoint, kanten_curve* out) KANTEN_NOEXCEPT;
/** Fills *out with the i-th time (ascending) of an endpoint's curve. KANTEN_EINVAL for bad arguments. */
KANTEN_API int kanten_programme_curve_step(const kanten_programme* p, int endpoint, size_t i,
                                           kanten_curve_step* out) KANTEN_NOEXCEPT;
/** Writes every figure as JSON (docs/json-format.md, "Programme figures"); `*out` is owned by
 *  the caller, who frees it with kanten_string_free(). indent < 0: one line. KANTEN_EINVAL for
 *  NULL p or out. */
KANTEN_API int kanten_programme_to_json(const kanten_programme* p, int indent, char** out) KANTEN_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KANTEN_H */
