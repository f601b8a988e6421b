# tests/cli.cmake — CTest tests of the `kanten` command-line program on examples/data.
#
# Included from tests/CMakeLists.txt (after kanten_tests is defined): `include(cli.cmake)`.
# The same file is also the checker each test runs (`cmake -P cli.cmake`): it runs the program
# once and checks the exit code, a regex on stdout and one on stderr, and that no regex that must
# not appear does (e.g. free text from a case). PASS_REGULAR_EXPRESSION alone would ignore the
# exit code, so the checker tests both.

if(CMAKE_SCRIPT_MODE_FILE)
  # --- checker mode: -DKANTEN=exe -DARGS=a|b|c -DRC=n [-DOUT=re] [-DOUT2=re] [-DERR=re]
  #                   [-DNOT=re] [-DINPUT=file] [-DCREATES=file]
  # On success stderr must be empty, unless ERR is given (then it must match ERR).
  string(REPLACE "|" ";" args "${ARGS}")
  set(input_args)
  if(DEFINED INPUT)
    set(input_args INPUT_FILE "${INPUT}")
  endif()
  if(DEFINED CREATES)
    file(REMOVE "${CREATES}")
  endif()
  execute_process(COMMAND "${KANTEN}" ${args} ${input_args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(fail "")
  if(NOT "${rc}" STREQUAL "${RC}")
    string(APPEND fail "exit code ${rc}, expected ${RC}\n")
  endif()
  if(DEFINED OUT AND NOT out MATCHES "${OUT}")
    string(APPEND fail "stdout does not match: ${OUT}\n")
  endif()
  if(DEFINED OUT2 AND NOT out MATCHES "${OUT2}")
    string(APPEND fail "stdout does not match: ${OUT2}\n")
  endif()
  if(DEFINED ERR AND NOT err MATCHES "${ERR}")
    string(APPEND fail "stderr does not match: ${ERR}\n")
  endif()
  if("${RC}" STREQUAL "0" AND NOT DEFINED ERR AND NOT err STREQUAL "")
    string(APPEND fail "stderr is not empty on success\n")
  endif()
  if(NOT "${RC}" STREQUAL "0" AND NOT err MATCHES "^kanten: error: ")
    string(APPEND fail "stderr does not start with 'kanten: error: '\n")
  endif()
  if(DEFINED NOT AND ("${out}${err}" MATCHES "${NOT}"))
    string(APPEND fail "output contains what it must not: ${NOT}\n")
  endif()
  if(DEFINED CREATES AND NOT EXISTS "${CREATES}")
    string(APPEND fail "did not write ${CREATES}\n")
  endif()
  if(fail)
    string(SUBSTRING "${out}" 0 2000 out_head)
    message(FATAL_ERROR "kanten ${args}\n${fail}--- stdout (first 2000 bytes):\n${out_head}\n--- stderr:\n${err}")
  endif()
  return()
endif()

if(NOT TARGET kanten_cli)
  return()
endif()

set(KANTEN_CLI_DATA "${PROJECT_SOURCE_DIR}/examples/data")

# tests/test_json.cpp inspects the output with nlohmann-json (a private dependency of the library).
if(TARGET kanten_tests)
  target_link_libraries(kanten_tests PRIVATE nlohmann_json::nlohmann_json)
endif()

# Regexes must not hold an unbalanced '[' or ']': CMake's list splitting treats brackets as
# grouping and would swallow the following arguments. Use '.' or a balanced class instead.
# kanten_cli_test(NAME RC code [OUT re] [OUT2 re] [ERR re] [NOT re] [INPUT file] [CREATES file] ARGS ...)
function(kanten_cli_test name)
  cmake_parse_arguments(T "" "RC;OUT;OUT2;ERR;NOT;INPUT;CREATES" "ARGS" ${ARGN})
  string(REPLACE ";" "|" args "${T_ARGS}")
  set(defs "-DKANTEN=$<TARGET_FILE:kanten_cli>" "-DARGS=${args}" "-DRC=${T_RC}")
  foreach(opt OUT OUT2 ERR NOT INPUT CREATES)
    if(DEFINED T_${opt})
      list(APPEND defs "-D${opt}=${T_${opt}}")
    endif()
  endforeach()
  add_test(NAME cli.${name} COMMAND ${CMAKE_COMMAND} ${defs} -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}")
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
endfunction()

# --- success ------------------------------------------------------------------------------------
kanten_cli_test(version RC 0 OUT "^kanten [0-9]+\\.[0-9]+\\.[0-9]+ \\(rule set indsatsmodel-"
  ARGS --version)
kanten_cli_test(help RC 0 OUT "usage: kanten <command>.*evaluate FILE --as-of DATE.*demo"
  ARGS --help)
kanten_cli_test(help_evaluate RC 0 OUT "usage: kanten evaluate FILE --as-of DATE"
  ARGS evaluate --help)
kanten_cli_test(help_demo RC 0 OUT "usage: kanten demo"
  ARGS demo --help)
# The alert options cite the sentence each rests on; the worklist options are the followups'.
kanten_cli_test(help_evaluate_cites_alert_sources RC 0
  OUT "--inactive-days N +alert when .*opsøgende i tilfælde af inaktivitet.*--trin2-days N .*hurtigst muligt matches.*--stagnation-months N .*genforhandles"
  ARGS evaluate --help)
kanten_cli_test(help_followups_lists_jobformidler_options RC 0
  OUT "usage: kanten followups FILE --as-of DATE .--jobformidler ID. .--group-by-jobformidler.\n.*--inactive-days N"
  ARGS followups --help)

kanten_cli_test(evaluate_case RC 0
  OUT "\"citizen\": \"c-0001\".*\"step\": \"trin3_virksomhedsforloeb\""
  OUT2 "\"seed\": \"004_3897fdd271fa8a38.txt\""
  NOT "free text"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31)
# The case model of examples/data/case.json: a benefit change, a jobformidler change, a bus trip, a
# training track, three agreements of which the last is a renegotiation at the same company.
kanten_cli_test(evaluate_case_profile_periods RC 0
  OUT "\"profile_periods\":.{\"from\":null,\"profile\":{\"benefit\":\"uddannelseshjaelp\",[^}]*},\"member\":true,\"reasons\":\\[\\]},{\"from\":\"2024-01-19\",\"profile\":{\"benefit\":\"kontanthjaelp\","
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --compact)
kanten_cli_test(evaluate_case_jobformidler_change RC 0
  OUT "\"jobformidler\":{\"current\":\"jf-022\",\"since\":\"2024-03-25\",\"changes\":1,"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --compact)
kanten_cli_test(evaluate_case_renegotiation RC 0
  OUT "\"agreements\":.*\"company\":\"company-023\",\"minutes_per_week\":480,\"ordinary_minutes_per_week\":480,\"renegotiation\":false,.*\"company\":\"company-023\",\"minutes_per_week\":720,\"ordinary_minutes_per_week\":720,\"renegotiation\":true,\"missing_terms\":\\[\\]"
  OUT2 "\"bus_trips\":.{\"date\":\"2024-01-30\",\"trip\":\"bus-2024-01\",\"attended\":true,.*\"training\":.{\"start\":\"2024-03-11\",\"end\":\"2024-04-05\""
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --compact)
# F2: the hearing's deadline passed on 2024-04-02; the home visit on 2024-04-04 is the personal contact.
kanten_cli_test(evaluate_case_sanction_after_deadline RC 0
  OUT "\"failure_id\":\"F2\",[^}]*\"status\":\"eligible\".*not answered by 2024-04-02; personal contact was made on 2024-04-04 .home_visit."
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --compact)
kanten_cli_test(evaluate_case_no_alert_unless_asked RC 0 OUT "\"alerts\":\\[\\],"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-04-05 --compact)
kanten_cli_test(evaluate_case_trin2_days_alert RC 0
  OUT "Alert: in Trin 2 for 32 days .alert after 20. .Indsatsmodel i '[^\n]*', Trin 2"
  NOT "no contact or other activity for"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-04-05 --trin2-days 20 --explain)
kanten_cli_test(evaluate_case_inactive_days_alert RC 0
  OUT "\"alerts\":.{\"alert\":\"inactive\",\"value\":25,\"threshold\":20,\"text\":\"no contact or other activity for 25 days"
  OUT2 "\"inactive_since\":\"2024-03-11\""
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-04-05 --inactive-days 20 --compact)
kanten_cli_test(evaluate_case_aftercare RC 0
  OUT "\"step\":\"exit_self_support\".*\"aftercare\":.{\"date\":\"2024-07-15\",\"channel\":\"phone\"}"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-07-31 --compact)
kanten_cli_test(evaluate_case_exit RC 0
  OUT "\"exit\": {[^}]*\"step\": \"exit_self_support\""
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of=2024-06-30)
kanten_cli_test(evaluate_caseload RC 0
  OUT "^{[^\"]*\"evaluations\": ..*\"citizen\": \"c-0101\".*\"citizen\": \"c-0104\""
  OUT2 "\"rule\": \"education_goal_for_uddannelseshjaelp\""
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-31)
kanten_cli_test(evaluate_compact RC 0 OUT "^{\"citizen\":\"c-0001\",\"as_of\":\"2024-05-31\""
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --compact)
kanten_cli_test(evaluate_explain RC 0 OUT "Citizen c-0001 as of 2024-05-31.*Step: Trin 3"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-05-31 --explain)
kanten_cli_test(evaluate_stdin RC 0 OUT "\"citizen\": \"c-0001\""
  INPUT "${KANTEN_CLI_DATA}/case.json"
  ARGS evaluate - --as-of 2024-05-31)
kanten_cli_test(evaluate_bad_events RC 0
  OUT "\"reason\": \"unreadable\",.*\"field\": \"kind\",.*\"value\": \"\\\\\"coffee_break\\\\\"\""
  OUT2 "\"reason\": \"non_positive_duration\""
  NOT "free text is never echoed"
  ARGS evaluate "${KANTEN_CLI_DATA}/bad-events.json" --as-of 2024-03-31)
kanten_cli_test(followups RC 0
  OUT "\"as_of\": \"2024-03-15\",.*\"worklist\": ..*\"citizen\": \"c-0102\",\n *\"jobformidler\": \"jf-021\",\n *\"step\": \"trin3_virksomhedsforloeb\",\n *\"followup_due\": true,"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15)
# Never contacted first (c-0102), then c-0101; grouped by jobformidler, jf-017's c-0101 comes first.
kanten_cli_test(followups_order_by_deadline_then_last_contact RC 0
  OUT "\"count\":2,\"worklist\":.{\"citizen\":\"c-0102\",[^}]*\"last_contact\":null,.*\"citizen\":\"c-0101\",[^}]*\"last_contact\":\"2024-02-12\""
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --compact)
kanten_cli_test(followups_group_by_jobformidler RC 0
  OUT "\"count\":2,\"worklist\":.{\"citizen\":\"c-0101\",\"jobformidler\":\"jf-017\",.*{\"citizen\":\"c-0102\",\"jobformidler\":\"jf-021\","
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --group-by-jobformidler --compact)
kanten_cli_test(followups_filter_by_jobformidler RC 0
  OUT "\"count\":1,\"worklist\":.{\"citizen\":\"c-0101\",\"jobformidler\":\"jf-017\","
  NOT "c-0102"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --jobformidler jf-017 --compact)
# c-0102 changed jobformidler on 2024-03-04: the filter follows the current one.
kanten_cli_test(followups_filter_by_former_jobformidler_is_empty RC 0 OUT "\"count\":0,\"worklist\":\\[\\],"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --jobformidler jf-004 --compact)
kanten_cli_test(followups_inactive_days_alert RC 0
  OUT "{\"citizen\":\"c-0102\",[^}]*\"alerts\":.{\"alert\":\"inactive\",\"value\":30,\"threshold\":20,.*{\"citizen\":\"c-0101\",[^}]*\"alerts\":\\[\\]}"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --inactive-days 20 --compact)
# In July c-0102 was contacted on the 1st: no follow-up due, but the agreed ordinary hours have
# not risen since April (Kerneelement 9): a line with the alert and no deadline.
kanten_cli_test(followups_stagnation_alert_without_deadline RC 0
  OUT "\"count\":1,\"worklist\":.{\"citizen\":\"c-0102\",\"jobformidler\":\"jf-021\",\"step\":\"trin3_virksomhedsforloeb\",\"followup_due\":false,\"deadline\":null,.*\"alert\":\"stagnation\",\"value\":3,\"threshold\":3,"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-07-31 --stagnation-months 3 --compact)
kanten_cli_test(followups_no_line_without_alert_options RC 0 OUT "\"count\":0,"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-07-31 --compact)
kanten_cli_test(evaluate_caseload_aftercare_after_education RC 0
  OUT "\"citizen\":\"c-0102\",.*\"step\":\"exit_self_support\",.*\"aftercare\":.{\"date\":\"2024-09-09\",\"channel\":\"phone\"}.*\"citizen\":\"c-0103\""
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-09-30 --compact)
kanten_cli_test(sanction RC 0
  OUT "\"failure_id\": \"F1\",.*\"status\": \"undecided\""
  OUT2 "\"rule\": \"sanction_personal_contact\",\n *\"text\": \"personal contact must be attempted .in person where the citizen lives or stays, after the deadline.: the written hearing sent on 2024-03-22 was not answered by 2024-04-05\""
  ARGS sanction "${KANTEN_CLI_DATA}/sanction.json")
kanten_cli_test(model RC 0 OUT "\"transitions\": ..*\"rule\": \"trin1_start\""
  ARGS model)
kanten_cli_test(model_dot RC 0 OUT "^digraph"
  ARGS model --dot)
kanten_cli_test(generate RC 0 OUT "^{[^\"]*\"cases\": ..*\"citizen\""
  ARGS generate --citizens 3 --seed 11)
# --format and --out: JSON Lines (one compact case per line), the CSV event table, a file whose
# extension names the format (stdout then stays empty). The C++ tests (tests/test_stream_write.cpp)
# read the cases back from each format.
kanten_cli_test(generate_jsonl RC 0 OUT "^{\"citizen\":\"c-000001\",\"profile\":{" OUT2 "}.{\"citizen\":\"c-000003\","
  NOT "\"cases\"" ARGS generate --citizens 3 --seed 11 --format jsonl)
kanten_cli_test(generate_ndjson_is_jsonl RC 0 OUT "^{\"citizen\":\"c-000001\",\"profile\":{"
  ARGS generate --citizens 1 --format ndjson)
kanten_cli_test(generate_csv RC 0 OUT "^citizen,date,kind,benefit,activity_ready," OUT2 ".c-000002,,profile,"
  ARGS generate --citizens 2 --seed 11 --format csv)
kanten_cli_test(generate_comparison RC 0 OUT "^{\"citizen\":\"cmp-000001\",\"profile\":{" OUT2 "}.{\"citizen\":\"cmp-000002\","
  NOT "\"c-000001\"" ARGS generate --citizens 2 --seed 11 --format jsonl --comparison)
kanten_cli_test(generate_out_by_extension RC 0 OUT "^$"
  CREATES "${CMAKE_CURRENT_BINARY_DIR}/cli-generate-4.csv"
  ARGS generate --citizens 4 --out "${CMAKE_CURRENT_BINARY_DIR}/cli-generate-4.csv")
kanten_cli_test(generate_bad_format RC 2 ERR "--format': value 'xml': expected json, jsonl .or ndjson. or csv"
  ARGS generate --format xml)
kanten_cli_test(generate_out_unwritable RC 1 ERR "field '--out': value '/nonexistent-kanten-dir/x.jsonl': cannot be opened"
  ARGS generate --citizens 2 --out /nonexistent-kanten-dir/x.jsonl)
kanten_cli_test(help_match RC 0 OUT "usage: kanten match FILE .--mode assignment.stable.top-k."
  ARGS match --help)
kanten_cli_test(help_lists_match RC 0 OUT "match FILE.*generate-market"
  ARGS --help)
kanten_cli_test(match_assignment RC 0
  OUT "\"mode\": \"assignment\",.*\"optimal\": true,.*\"citizen\": \"c-01\",.*\"task\": \"t-1\""
  OUT2 "\"unmatched\": .[^}]*\"c-02\",[^}]*\"c-05\""
  ARGS match "${KANTEN_CLI_DATA}/market.json")
kanten_cli_test(match_explained RC 0
  OUT "\"breakdown\": {[^}]*\"wish\": 40,.*\"reasons\": ..*shares 4 digits with the citizen's wish 9412 \\+40"
  OUT2 "\"concerns\": ."
  ARGS match "${KANTEN_CLI_DATA}/market.json")
kanten_cli_test(match_threads RC 0
  OUT "\"mode\": \"assignment\",.*\"optimal\": true,.*\"citizen\": \"c-01\",.*\"task\": \"t-1\""
  OUT2 "\"unmatched\": .[^}]*\"c-02\",[^}]*\"c-05\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --threads 2)
kanten_cli_test(match_threads_negative RC 2 ERR "--threads': value '-1': not a whole number from 0 to 256"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --threads -1)
kanten_cli_test(match_stable RC 0 OUT "\"mode\": \"stable\",.*\"total_score\": [1-9]"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --mode stable)
kanten_cli_test(match_top_k RC 0 OUT "^{\"weights_version\":\"match-weights-2026.2\",\"mode\":\"top_k\""
  OUT2 "\"citizen\":\"c-06\",\"task\":\"t-1\".*\"citizen\":\"c-06\",\"task\":\"t-3\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --mode top-k --k 2 --compact)
kanten_cli_test(match_citizen RC 0 OUT "\"citizen\": \"c-03\",.*\"matches\": ..*\"task\": \"t-4\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-03 --k 3 --per-company 2)
kanten_cli_test(match_task RC 0 OUT "\"task\": \"t-2\",.*\"matches\": ..*\"citizen\": \"c-01\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --task t-2)
kanten_cli_test(match_pair_rejected RC 0
  OUT "\"passes_filters\": false,.*\"filter\": \"health_conflict\",.*task demands heavy_lifting; citizen has no_heavy_lifting"
  OUT2 "\"candidate\": false"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-02 --task t-3)
kanten_cli_test(match_pair_too_far RC 0 OUT "\"filter\": \"too_far\",.*\"text\": \"travel 47.9 km > 10 km\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-05 --task t-1)
kanten_cli_test(match_weights RC 0 OUT "\"weights_version\": \"example-weights-1\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --weights "${KANTEN_CLI_DATA}/weights.json")
kanten_cli_test(match_stdin RC 0 OUT "\"mode\": \"assignment\""
  INPUT "${KANTEN_CLI_DATA}/market.json"
  ARGS match -)
# The citizens a caller chooses: only they are matched or unmatched; the caseload that is, in
# the chosen steps, reported when the market does not hold them (docs/matching.md).
kanten_cli_test(match_citizens RC 0 OUT "\"citizens_selected\":2,\"citizens_matched\":1,"
  OUT2 "\"unmatched\":.\"c-05\".,\"not_in_market\":..}"
  NOT "\"citizen\":\"c-0[1246]\""
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizens c-03,c-05 --compact)
kanten_cli_test(match_citizens_unknown RC 1 ERR "field 'citizens.1.': value 'c-99': no citizen of the market has this id"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizens c-01,c-99)
kanten_cli_test(match_citizens_twice RC 1 ERR "field 'citizens.2.': value 'c-01': the citizen is listed twice"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizens c-01,c-02,c-01)
kanten_cli_test(match_caseload_not_in_market RC 0
  OUT "\"citizens_selected\":0,\"citizens_matched\":0,.*\"matches\":..,"
  OUT2 "\"not_in_market\":.\"c-0101\",\"c-0102\",\"c-0103\",\"c-0104\".}"
  ERR "^kanten: warning: field 'not_in_market': 4 citizen.s. of the caseload"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-30
       --steps not_started,trin1_afklaring,trin2_paa_vej_mod_job,trin3_virksomhedsforloeb,exit_self_support,exit_30_hours,exit_rehabilitation_team
       --compact)
kanten_cli_test(match_caseload_needs_as_of RC 2 ERR "--caseload needs --as-of DATE"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/caseload.json")
kanten_cli_test(match_as_of_without_caseload RC 2 ERR "--as-of is the date of --caseload"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --as-of 2024-03-30)
kanten_cli_test(match_caseload_bad_date RC 2 ERR "--as-of': value '2024-02-30'"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-02-30)
kanten_cli_test(match_steps_unknown RC 2 ERR "--steps': value 'trin2': not a step; expected one or more of not_started"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-30
       --steps trin2)
kanten_cli_test(match_caseload_and_citizens RC 2 ERR "give one of --caseload and --citizens"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-30
       --citizens c-01)
kanten_cli_test(match_caseload_missing_file RC 1 ERR "no-such-caseload.json"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --caseload "${KANTEN_CLI_DATA}/no-such-caseload.json" --as-of 2024-03-30)
kanten_cli_test(match_max_candidates RC 0 OUT "\"candidates\":[1-6],"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --max-candidates 1 --compact)
kanten_cli_test(match_max_candidates_exact RC 0 OUT2 "\"unmatched\":.\"c-02\",\"c-05\"."
  OUT "\"optimal\":true"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --max-candidates 0 --compact)
kanten_cli_test(match_max_candidates_negative RC 2 ERR "--max-candidates': value '-1': not a whole number from 0 to 2147483647"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --max-candidates -1)
kanten_cli_test(match_max_candidates_huge RC 2 ERR "--max-candidates': value '99999999999999999999999'"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --max-candidates 99999999999999999999999)
kanten_cli_test(match_citizens_with_citizen RC 2 ERR "apply to a whole proposal, not --citizen"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-01 --citizens c-01)
# The query stream: one JSON line out per line in, bad lines answered with an error and the
# stream going on, updates seen by the next query, exit 0 at the end of stdin.
kanten_cli_test(match_serve RC 0
  OUT "^{\"id\":1,\"weights_version\":\"match-weights-2026.2\",\"citizen\":\"c-03\",\"k\":3,\"per_company\":2,\"matches\":..\"citizen\":\"c-03\",\"task\":\"t-4\""
  OUT2 "}.{\"id\":3,\"error\":{\"code\":\"invalid_input\",\"field\":\"top_tasks\",\"value\":\"c-99\".*}.{\"error\":{\"code\":\"parse_error\".*}.{\"id\":10,[^}]*\"matches\":..}.{\"id\":11,.*}.{\"id\":17,\"error\":.*}.{\"id\":29,[^}]*\"matches\":.{\"citizen\":\"c-01\",\"task\":\"t-9\"[^{]*{[^}]*}[^}]*}.}.$"
  NOT "chess"
  INPUT "${KANTEN_CLI_DATA}/serve-requests.jsonl"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --serve)
kanten_cli_test(match_serve_options RC 2 ERR "--serve takes its requests from stdin: no --mode, --k"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --serve --k 3)
kanten_cli_test(match_serve_stdin_market RC 2 ERR "FILE and --weights cannot be '-'"
  INPUT "${KANTEN_CLI_DATA}/market.json"
  ARGS match - --serve)
kanten_cli_test(generate_market RC 0
  OUT "^{[^\"]*\"citizens\": ..*\"id\": \"c-000001\".*\"companies\": ..*\"id\": \"co-00001\".*\"tasks\": ..*\"company\": \"co-00003\""
  ARGS generate-market --citizens 5 --companies 3 --seed 7)
kanten_cli_test(generate_market_denmark RC 0 OUT "^{\"citizens\":..*\"lat\":5[4-7]\\."
  ARGS generate-market --citizens 4 --companies 2 --region denmark --compact)
kanten_cli_test(demo RC 0 OUT "Citizens per step.*Sanction answers.*Proposed matching"
  OUT2 "need a contact +[0-9]+\n +citizen +jobformidler +deadline +last contact +breached +alerts\n +c-[0-9]+ +jf-[0-9]+ +20"
  CREATES "${CMAKE_CURRENT_BINARY_DIR}/cli-demo-report.json"
  ARGS demo --citizens 60 --seed 3 --out "${CMAKE_CURRENT_BINARY_DIR}/cli-demo-report.json")
kanten_cli_test(demo_alerts_grouped_by_jobformidler RC 0
  OUT "need a contact or alert +9\n.*\n +c-[0-9]+ +jf-01 .*\n +c-[0-9]+ +jf-01 .*\n +c-[0-9]+ +jf-02 "
  OUT2 "c-[0-9]+ +jf-02 +- +[0-9-]+ +0 +inactive 24"
  CREATES "${CMAKE_CURRENT_BINARY_DIR}/cli-demo-alerts-report.json"
  ARGS demo --citizens 60 --seed 3 --inactive-days 20 --group-by-jobformidler
       --out "${CMAKE_CURRENT_BINARY_DIR}/cli-demo-alerts-report.json")

# --- bad input: exit code 1, the field and the value named on stderr ------------------------------
kanten_cli_test(missing_file RC 1 ERR "field 'file': value '[^']*no-such-case\\.json'"
  ARGS evaluate "${KANTEN_CLI_DATA}/no-such-case.json" --as-of 2024-01-31)
kanten_cli_test(broken_json RC 1 ERR "not valid JSON: .*line 3"
  ARGS evaluate "${KANTEN_CLI_DATA}/invalid/broken.json" --as-of 2024-01-31)
kanten_cli_test(no_citizen RC 1 ERR "field 'citizen'"
  ARGS evaluate "${KANTEN_CLI_DATA}/invalid/no-citizen.json" --as-of 2024-01-31)
kanten_cli_test(bad_profile RC 1 ERR "field 'cases\\[1\\]\\.profile': value '\"kontanthjaelp\"'"
  ARGS followups "${KANTEN_CLI_DATA}/invalid/bad-profile.json" --as-of 2024-01-31)
kanten_cli_test(sanction_unknown_failure RC 1 ERR "field 'failure_id': value 'F7'"
  ARGS sanction "${KANTEN_CLI_DATA}/invalid/sanction-unknown-failure.json")
kanten_cli_test(sanction_of_a_case RC 1 ERR "field 'case'"
  ARGS sanction "${KANTEN_CLI_DATA}/case.json")

kanten_cli_test(match_unknown_company RC 1 ERR "field 'tasks.1.\\.company': value 'co-999'"
  ARGS match "${KANTEN_CLI_DATA}/invalid/market-unknown-company.json")
kanten_cli_test(match_bad_field RC 1 ERR "field 'citizens.0.\\.wishes.0.': value '<text>': must be a DISCO-08 code"
  NOT "kitchen work"
  ARGS match "${KANTEN_CLI_DATA}/invalid/market-bad-field.json")
kanten_cli_test(match_of_a_case RC 1 ERR "field 'citizens': missing"
  ARGS match "${KANTEN_CLI_DATA}/case.json")
kanten_cli_test(match_unknown_citizen RC 1 ERR "field '--citizen': value 'c-99': the market has no citizen"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-99)
kanten_cli_test(match_bad_weights RC 1 ERR "field 'version'"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --weights "${KANTEN_CLI_DATA}/market.json")

# --- usage errors: exit code 2 --------------------------------------------------------------------
kanten_cli_test(bad_as_of RC 2 ERR "--as-of': value '2024-02-30'"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-02-30)
kanten_cli_test(missing_as_of RC 2 ERR "missing --as-of"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json")
kanten_cli_test(missing_file_argument RC 2 ERR "missing FILE"
  ARGS followups --as-of 2024-01-31)
kanten_cli_test(unknown_option RC 2 ERR "unknown option '--fast'"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-01-31 --fast)
kanten_cli_test(unknown_command RC 2 ERR "unknown command 'frobnicate'"
  ARGS frobnicate)
kanten_cli_test(no_command RC 2 ERR "missing command"
  ARGS)
kanten_cli_test(bad_number RC 2 ERR "--citizens': value 'many'"
  ARGS generate --citizens many)
kanten_cli_test(match_bad_mode RC 2 ERR "--mode': value 'greedy': expected assignment, stable or top-k"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --mode greedy)
kanten_cli_test(match_k_zero RC 2 ERR "--k': value '0': not a whole number from 1"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --k 0)
kanten_cli_test(match_missing_file RC 2 ERR "missing FILE"
  ARGS match --mode stable)
kanten_cli_test(match_citizen_and_mode RC 2 ERR "--citizen lists the best k"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --citizen c-01 --mode stable)
kanten_cli_test(generate_market_bad_region RC 2 ERR "--region': value 'sweden'"
  ARGS generate-market --region sweden)
kanten_cli_test(generate_market_bad_number RC 2 ERR "--companies': value '-3'"
  ARGS generate-market --companies -3)
# Alert thresholds: whole numbers from 1 (the source gives no number, so 0 is no threshold).
kanten_cli_test(inactive_days_zero RC 2 ERR "option '--inactive-days': value '0': not a whole number from 1 to 36500\nRun 'kanten followups --help'"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --inactive-days 0)
kanten_cli_test(inactive_days_not_a_number RC 2 ERR "option '--inactive-days': value 'abc': not a whole number"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-03-15 --inactive-days abc)
kanten_cli_test(trin2_days_too_large RC 2 ERR "option '--trin2-days': value '36501': not a whole number from 1 to 36500"
  ARGS evaluate "${KANTEN_CLI_DATA}/case.json" --as-of 2024-03-15 --trin2-days 36501)
kanten_cli_test(stagnation_months_too_large RC 2 ERR "option '--stagnation-months': value '601': not a whole number from 1 to 600"
  ARGS demo --citizens 5 --stagnation-months 601)
kanten_cli_test(jobformidler_empty RC 2 ERR "--jobformidler: 1 required ID missing"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --jobformidler=)
kanten_cli_test(jobformidler_cpr_shaped_not_echoed RC 2 ERR "option '--jobformidler': the value is shaped like a CPR number .not shown."
  NOT "010190"
  ARGS followups "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-15 --jobformidler 010190-1234)

# --- bus trips and training tracks (002, 001) ---------------------------------------------------
kanten_cli_test(bus_plan RC 0
  OUT "\"model\": \"model-1-guldborgsund\".*\"visits\": .*\"reasons\": .*has had vulnerable citizens"
  OUT2 "\"answer\": \"undecided\".*\"left_out\": .*\"reason\": \"not_eligible: not activity-ready"
  ARGS bus plan "${KANTEN_CLI_DATA}/bus-request.json")
kanten_cli_test(bus_plan_model_2 RC 0
  OUT "\"model\": \"model-2-lolland\".*\"start\": \"13:00\",\n *\"end\": \"16:00\""
  ARGS bus plan "${KANTEN_CLI_DATA}/bus-request.json" --model 2)
kanten_cli_test(bus_cost RC 0 OUT "^{\"participants\":12,\"bus_dkk\":.2000,2500.,\"food_dkk\":.900,1080."
  ARGS bus cost --participants 12 --compact)
kanten_cli_test(bus_bad_model RC 2 ERR "--model': value '3': expected 1 or 2"
  ARGS bus plan "${KANTEN_CLI_DATA}/bus-request.json" --model 3)
kanten_cli_test(bus_missing_subcommand RC 2 ERR "missing subcommand"
  ARGS bus)
kanten_cli_test(bus_bad_age RC 1 ERR "field 'referrals.0..age': value '\"thirty\"': must be a whole number"
  ARGS bus plan "${KANTEN_CLI_DATA}/invalid/bus-bad-age.json")
kanten_cli_test(training_plan RC 0
  OUT "\"tracks\": .*\"weeks\": 13.*\"company_view\": "
  OUT2 "\"mentors\": .*\"busy\": 1"
  ARGS training plan "${KANTEN_CLI_DATA}/training-request.json")
kanten_cli_test(training_plan_needs_start RC 2 ERR "missing --start DATE"
  ARGS training plan "${KANTEN_CLI_DATA}/market.json")
kanten_cli_test(training_route RC 0 OUT "\"route\": \"training_track\""
  ARGS training route)
# --- evaluate-programme: the programme figures of a caseload (docs/programme.md) ---------------
kanten_cli_test(help_evaluate_programme RC 0 OUT "usage: kanten evaluate-programme FILE .--as-of DATE. .--json OUT."
  ARGS evaluate-programme --help)
kanten_cli_test(evaluate_programme RC 0
  OUT "as of 2024-03-31.*Funnel.*caseload +4\n +entered +3 +100.0 %.*paid_hours +1 +33.3 %"
  OUT2 "first_paid_hours +events +1, censored +2, median 57 days"
  NOT "c-010"
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-31)
kanten_cli_test(evaluate_programme_default_as_of RC 0 OUT "^Programme figures as of 2024-09-09 "
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/caseload.json")
kanten_cli_test(evaluate_programme_json_file RC 0 OUT "Every figure as JSON: .*programme.json"
  CREATES "${CMAKE_CURRENT_BINARY_DIR}/programme.json"
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-31
       --json "${CMAKE_CURRENT_BINARY_DIR}/programme.json")
kanten_cli_test(evaluate_programme_json_stdout RC 0
  OUT "^{\"as_of\":\"2024-03-31\".*\"funnel\":{\"caseload\":4,\"entered\":3,"
  OUT2 "\"first_paid_hours\":{\"subjects\":3,\"events\":1,\"censored\":2,\"median_days\":57,\"steps\":"
  NOT "c-010"
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-31 --json - --compact)
kanten_cli_test(evaluate_programme_bad_as_of RC 2 ERR "--as-of': value '2024-13-01'"
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-13-01)
kanten_cli_test(evaluate_programme_missing_file RC 2 ERR "missing FILE"
  ARGS evaluate-programme --as-of 2024-03-31)
kanten_cli_test(evaluate_programme_broken_json RC 1 ERR "^kanten: error: "
  ARGS evaluate-programme "${KANTEN_CLI_DATA}/invalid/broken.json" --as-of 2024-03-31)
kanten_cli_test(bus_attendance RC 0
  OUT "\"came\": .*\"invite_next\": .*\"visits\": .*\"date\": \"2026-03-12\".*\"not_participants\": .\n *\"nobody\""
  ARGS bus attendance "${KANTEN_CLI_DATA}/bus-request.json" --group 0 --trip 0 --date 2026-03-12
       --present c-000008,c-000010,nobody)
kanten_cli_test(bus_attendance_bad_group RC 1 ERR "field 'group': value '9': no such group"
  ARGS bus attendance "${KANTEN_CLI_DATA}/bus-request.json" --group 9 --trip 0 --date 2026-03-12 --present c-000008)
# Progress: long commands report on stderr only when it is a terminal (or with --progress). Here
# stdout and stderr are pipes, as in CI logs and scripts: no progress text at all (the checker
# also requires an empty stderr on success).
set(_progress_text "kanten: (generate|evaluate|candidates|solve|explain|companies|citizens) [0-9]+/[0-9]+")
kanten_cli_test(progress_quiet_in_pipe_generate_market RC 0 OUT "\"citizens\": ." NOT "${_progress_text}"
  ARGS generate-market --citizens 3000 --companies 800)
kanten_cli_test(progress_quiet_in_pipe_generate RC 0 OUT "^{\"cases\":.{\"citizen\"" NOT "${_progress_text}"
  ARGS generate --citizens 800 --compact)
kanten_cli_test(progress_quiet_in_pipe_match RC 0 OUT "\"mode\": \"assignment\"" NOT "${_progress_text}"
  ARGS match "${KANTEN_CLI_DATA}/market.json")
kanten_cli_test(progress_quiet_in_pipe_evaluate RC 0 OUT "\"evaluations\": ." NOT "${_progress_text}"
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-06-30)
kanten_cli_test(progress_quiet_in_pipe_demo RC 0 OUT "Proposed matching" NOT "${_progress_text}"
  CREATES "${CMAKE_CURRENT_BINARY_DIR}/cli-progress-report.json"
  ARGS demo --citizens 200 --out "${CMAKE_CURRENT_BINARY_DIR}/cli-progress-report.json")
# --progress forces it (one line per report when stderr is not a terminal), ending at the total.
kanten_cli_test(progress_forced RC 0 OUT "\"citizens\": ."
  ERR "^kanten: companies 0/40 .0 %.\nkanten: companies 1/40.*kanten: companies 40/40 .100 %.\nkanten: citizens 0/120 .*kanten: citizens 120/120 .100 %.\n$"
  ARGS generate-market --citizens 120 --companies 40 --progress)
kanten_cli_test(progress_forced_match RC 0 OUT "\"mode\": \"stable\""
  ERR "kanten: candidates 6/6 .100 %.\nkanten: solve 0/1 .0 %.\nkanten: solve 1/1 .100 %.\nkanten: explain 0/6"
  ARGS match "${KANTEN_CLI_DATA}/market.json" --mode stable --progress)
kanten_cli_test(progress_no_progress RC 0 OUT "\"evaluations\": ." NOT "${_progress_text}"
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-06-30 --no-progress)
kanten_cli_test(progress_both_flags RC 2 ERR "--progress and --no-progress exclude each other"
  ARGS generate-market --progress --no-progress)

# Streams (docs/json-format.md "Large caseloads"): JSON Lines and the CSV event table in, the same
# evaluations out; JSON Lines and the CSV summary out; the format from the extension or --format.
kanten_cli_test(evaluate_jsonl RC 0
  OUT "^{\"evaluations\":.{\"citizen\":\"c-0101\".*\"citizen\":\"c-0104\""
  OUT2 "\"rule\":\"education_goal_for_uddannelseshjaelp\""
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.jsonl" --as-of 2024-03-31 --compact)
kanten_cli_test(evaluate_csv_event_table RC 0
  OUT "^{\"evaluations\":.{\"citizen\":\"c-0101\".*\"citizen\":\"c-0104\""
  OUT2 "\"rule\":\"education_goal_for_uddannelseshjaelp\""
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.csv" --as-of 2024-03-31 --compact)
kanten_cli_test(evaluate_output_jsonl RC 0
  OUT "^{\"citizen\":\"c-0101\",\"as_of\":\"2024-03-31\".*}\n{\"citizen\":\"c-0102\""
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --as-of 2024-03-31 --output-format jsonl)
kanten_cli_test(evaluate_output_csv_summary RC 0
  OUT "^citizen,target_group,step,since,missing,exit,.*\nc-0101,true,exit_30_hours,2024-03-31,,exit_30_hours,.*\nc-0102,true,trin3_virksomhedsforloeb,"
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.csv" --as-of 2024-03-31 --output-format csv)
kanten_cli_test(evaluate_format_option RC 0 OUT "^{\"evaluations\":.{\"citizen\":\"c-0101\""
  INPUT "${KANTEN_CLI_DATA}/caseload.jsonl"
  ARGS evaluate - --format jsonl --as-of 2024-03-31 --compact)
kanten_cli_test(evaluate_format_unknown RC 2 ERR "option '--format': value 'xml': expected json, jsonl"
  ARGS evaluate "${KANTEN_CLI_DATA}/caseload.json" --format xml --as-of 2024-03-31)
kanten_cli_test(evaluate_jsonl_broken_line RC 1 ERR "not valid JSON: .*line 2, column 31"
  ARGS evaluate "${KANTEN_CLI_DATA}/invalid/broken-line.jsonl" --as-of 2024-03-31)
kanten_cli_test(followups_csv_event_table RC 0 OUT "\"worklist\""
  ARGS followups "${KANTEN_CLI_DATA}/caseload.csv" --as-of 2024-03-15 --compact)

# --- kanten solve: a DIMACS network of the bipartite shape (docs/solve.md) ------------------------
set(_bipartite "${PROJECT_SOURCE_DIR}/examples/bipartite.min")
kanten_cli_test(solve RC 0
  OUT "^c kanten solve: .*\nc solve_seconds [0-9]+\\.[0-9]+\nc assigned 2\nc threads 1\ns 17\nf 1 2 1\nf 1 3 1\nf 3 6 1\n"
  OUT2 "\nf 1 4 1\nf 4 8 1\nf 6 9 1\nf 8 10 1\nf 9 2 1\nf 10 2 1\n$"
  ARGS solve "${_bipartite}")
kanten_cli_test(solve_json RC 0
  OUT "^{\"optimum\":17,\"assigned\":2,\"solve_seconds\":[0-9.]+,\"threads\":2,\"flow\":..1,2,1.,.1,3,1.,.3,6,1.,"
  OUT2 ",.9,2,1.,.10,2,1..}\n$"
  ARGS solve "${_bipartite}" --json --threads 2)
kanten_cli_test(solve_no_flow_json RC 0 OUT "^{\"optimum\":17,\"solve_seconds\":[0-9.]+}\n$"
  ARGS solve "${_bipartite}" --json --no-flow)
kanten_cli_test(solve_no_flow RC 0 OUT "\nc solve_seconds [0-9.]+\ns 17\n$" NOT "f 1 2 1|c assigned"
  ARGS solve "${_bipartite}" --no-flow)
kanten_cli_test(solve_stdin RC 0 OUT "\ns 17\n" INPUT "${_bipartite}"
  ARGS solve -)
kanten_cli_test(solve_threads_negative RC 2 ERR "option '--threads': value '-1': not a whole number from 0 to 256\nRun 'kanten solve --help'"
  ARGS solve "${_bipartite}" --threads -1)
kanten_cli_test(solve_threads_huge RC 2 ERR "option '--threads': value '1180591620717411303424': not a whole number"
  ARGS solve "${_bipartite}" --threads 1180591620717411303424)
kanten_cli_test(solve_threads_not_a_number RC 2 ERR "option '--threads': value 'two': not a whole number"
  ARGS solve "${_bipartite}" --threads two)
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/cli-solve-bad-cost.min"
  "p min 5 5\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\na 3 4 0 1 cheap\na 4 5 0 1 0\na 5 2 0 1 0\n")
kanten_cli_test(solve_malformed RC 1 ERR "field 'cost': dimacs line 6: expected an integer, got 'cheap'"
  ARGS solve "${CMAKE_CURRENT_BINARY_DIR}/cli-solve-bad-cost.min")
kanten_cli_test(solve_missing_file RC 1 ERR "field 'file': value '[^']*no-such-network\\.min': cannot be opened"
  ARGS solve "${KANTEN_CLI_DATA}/no-such-network.min")
kanten_cli_test(solve_missing_file_argument RC 2 ERR "missing FILE"
  ARGS solve --json)
