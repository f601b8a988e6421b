# Installs the current build into a scratch prefix, then builds and runs examples/c against it
# both ways: CMake with find_package(kanten) + kanten::kanten_c, and make with pkg-config.
# Called by CTest with -DBUILD_DIR, -DSOURCE_DIR, -DWORK_DIR, -DC_COMPILER, -DC_FLAGS, -DLINKER_FLAGS.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(f include/kanten.h)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB_RECURSE pc_files "${prefix}/*/pkgconfig/kanten.pc")
if(NOT pc_files)
  message(FATAL_ERROR "kanten.pc was not installed")
endif()
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
get_filename_component(lib_dir "${pc_dir}" DIRECTORY)

# 1. CMake: find_package(kanten REQUIRED) and kanten::kanten_c.
run("configuring the example (find_package)"
    "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/cmake" -G Ninja
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_C_FLAGS=${C_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run("building the example (find_package)" "${CMAKE_COMMAND}" --build "${WORK_DIR}/cmake")
run("running the example (find_package)" "${WORK_DIR}/cmake/kanten_c_example")
message(STATUS "example (find_package) said:\n${run_output}")
if(NOT run_output MATCHES "step: ")
  message(FATAL_ERROR "the example (find_package) printed no step")
endif()

# 2. make + pkg-config, run with LD_LIBRARY_PATH.
find_program(MAKE_PROGRAM NAMES make gmake REQUIRED)
file(MAKE_DIRECTORY "${WORK_DIR}/make")
run("building the example (pkg-config)"
    "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_dir}"
    "${MAKE_PROGRAM}" -C "${WORK_DIR}/make" -f "${SOURCE_DIR}/Makefile" "CC=${C_COMPILER}"
    "EXTRA_CFLAGS=${C_FLAGS}" "EXTRA_LDFLAGS=${LINKER_FLAGS}")
run("running the example (pkg-config)"
    "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${lib_dir}" "${WORK_DIR}/make/kanten_c_example")
message(STATUS "example (pkg-config) said:\n${run_output}")
if(NOT run_output MATCHES "step: ")
  message(FATAL_ERROR "the example (pkg-config) printed no step")
endif()
