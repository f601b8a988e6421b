# Installs the current build into a scratch prefix, then builds and runs tests/consumer
# against it with find_package(kanten). Called by CTest with -DBUILD_DIR, -DSOURCE_DIR, -DWORK_DIR,
# -DVERSION (the project's), -DSHARED (whether libkanten is a shared library), -DCXX_FLAGS and
# -DLINKER_FLAGS.
#
# With a shared libkanten the consumer must link the installed libkanten.so and find it at run time
# through its RPATH (no LD_LIBRARY_PATH), and the library must export kanten's API only.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
if(NOT EXISTS "${prefix}/include/kanten/core/export.hpp")
  message(FATAL_ERROR "not installed: include/kanten/core/export.hpp")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G Ninja
                        "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
                        "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}" "-DKANTEN_EXPECTED_VERSION=${VERSION}"
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed: ${rc}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed: ${rc}")
endif()

if(SHARED)
  # The installed libkanten.so: the consumer's only kanten library, found through its RPATH.
  file(GLOB libs "${prefix}/lib*/libkanten.so.*")
  file(GLOB static_libs "${prefix}/lib*/libkanten.a")
  if(NOT libs OR static_libs)
    message(FATAL_ERROR "expected a shared libkanten in ${prefix}, found: ${libs} ${static_libs}")
  endif()
  file(GET_RUNTIME_DEPENDENCIES EXECUTABLES "${WORK_DIR}/build/consumer"
       RESOLVED_DEPENDENCIES_VAR resolved UNRESOLVED_DEPENDENCIES_VAR unresolved)
  list(FILTER resolved INCLUDE REGEX "/libkanten\\.so")
  list(LENGTH resolved n)
  string(FIND "${resolved}" "${prefix}/" at)
  if(NOT n EQUAL 1 OR NOT at EQUAL 0)
    message(FATAL_ERROR "the consumer does not load the installed libkanten.so (resolved: '${resolved}', unresolved: '${unresolved}')")
  endif()
  message(STATUS "the consumer loads ${resolved}")
  # What the library exports: kanten's API, never its internals (anonymous namespaces, the JSON
  # helpers of src/core/json_text.hpp, detail namespaces).
  if(NM)
    list(GET resolved 0 lib)
    execute_process(COMMAND "${NM}" -D -C --defined-only "${lib}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
    if(rc)
      message(FATAL_ERROR "${NM} -D failed on ${lib}")
    endif()
    string(REGEX MATCHALL "[^\n]*kanten::[^\n]*" kanten_symbols "${symbols}")
    list(LENGTH kanten_symbols count)
    string(REGEX MATCHALL "[^\n]*(anonymous namespace|json_text|kanten::[a-z0-9_:]*detail::)[^\n]*" internal "${symbols}")
    if(internal)
      message(FATAL_ERROR "libkanten.so exports internals:\n${internal}")
    endif()
    if(count EQUAL 0)
      message(FATAL_ERROR "libkanten.so exports nothing of kanten's")
    endif()
    message(STATUS "libkanten.so exports ${count} symbols of kanten's, no internals")
  endif()
endif()

execute_process(COMMAND "${WORK_DIR}/build/consumer" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "consumer said: ${out}")
if(rc)
  message(FATAL_ERROR "the consumer failed: ${rc}")
endif()
