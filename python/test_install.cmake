# Installs the Python package the two ways a user would and imports it from outside the source and
# build trees (python/check_installed.py checks the import, the version and its metadata, the
# installed files and a small evaluation); used by CTest (python.install):
#   cmake -DPYTHON=/usr/bin/python3 -DSOURCE_DIR=<repo> -DBUILD_DIR=<build> -DSITE_DIR=<site dir>
#         -DVERSION=<project version> -DSHARED=<1|0> -P test_install.cmake
# 1. `cmake --install <build> --component python` into a fresh temporary prefix, imported with
#    PYTHONPATH=<prefix>/<SITE_DIR> (with SHARED=1, a shared libkanten, the module must find the
#    libkanten installed with it through its RPATH).
# 2. `pip install --no-build-isolation --no-index <repo>` into a fresh venv
#    (--system-site-packages: numpy and pandas are Debian's), reusing <build> through
#    KANTEN_CMAKE_BUILD_DIR (setup.py), then `python -m build --no-isolation --wheel`. Not with
#    SHARED=1: the wheel's module links the static libkanten.
# Prints "kanten-install-skipped: ..." (CTest's SKIP_REGULAR_EXPRESSION), after step 1, only when
# venv, pip, setuptools or wheel is not available (Debian: python3-venv, python3-pip,
# python3-setuptools, python3-wheel; scripts/install-deps.sh installs them).
foreach(v PYTHON SOURCE_DIR BUILD_DIR SITE_DIR VERSION SHARED)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "test_install.cmake: -D${v}=... is missing")
  endif()
endforeach()

if(DEFINED ENV{TMPDIR} AND IS_DIRECTORY "$ENV{TMPDIR}")
  set(tmp_root "$ENV{TMPDIR}")
else()
  set(tmp_root /tmp)
endif()
string(RANDOM LENGTH 10 tag)
set(work ${tmp_root}/kanten-install-test-${tag})
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
# A copy of the check, so that the directory of the script run is not the source tree's python/.
file(COPY ${SOURCE_DIR}/python/check_installed.py DESTINATION ${work})
# The child processes see no PYTHONPATH of CTest's (the build tree), no user site, no pip cache.
set(clean_env ${CMAKE_COMMAND} -E env --unset=PYTHONPATH --unset=PYTHONHOME --unset=VIRTUAL_ENV
  PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1)

# run(<what> COMMAND ...): runs the command in ${work}; on failure prints its output and stops,
# keeping ${work} for a look.
function(run what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "COMMAND")
  execute_process(COMMAND ${arg_COMMAND} WORKING_DIRECTORY ${work}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc)
    string(JOIN " " line ${arg_COMMAND})
    message(FATAL_ERROR "${what} failed (exit ${rc}):\n${line}\n${out}\n(files kept in ${work})")
  endif()
  message(STATUS "${what}: ok")
  string(STRIP "${out}" out)
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# Whether a probe succeeds (the output is not shown).
function(probe result)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${work} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc)
    set(${result} FALSE PARENT_SCOPE)
  else()
    set(${result} TRUE PARENT_SCOPE)
  endif()
endfunction()

# --- 1. cmake --install --component python into a fresh prefix --------------------------------
set(prefix ${work}/prefix)
if(IS_ABSOLUTE "${SITE_DIR}")
  # An absolute KANTEN_PYTHON_INSTALL_DIR is outside any prefix: staged under DESTDIR instead.
  set(site ${work}/destdir${SITE_DIR})
  set(install_env ${CMAKE_COMMAND} -E env DESTDIR=${work}/destdir)
else()
  set(site ${prefix}/${SITE_DIR})
  set(install_env)
endif()
run("cmake --install --component python"
  COMMAND ${install_env} ${CMAKE_COMMAND} --install ${BUILD_DIR} --component python --prefix ${prefix})
run("import kanten installed by cmake (${site})"
  COMMAND ${clean_env} PYTHONPATH=${site} ${PYTHON} check_installed.py ${site} ${VERSION} ${prefix})
message(STATUS "${last_output}")

# --- 2. pip install . into a fresh venv, and python -m build --wheel ----------------------------
if(SHARED)
  message(STATUS "pip install: not run with a shared libkanten (the wheel's module links the static "
                 "library; the static builds run it)")
  file(REMOVE_RECURSE ${work})
  return()
endif()
probe(have_venv ${PYTHON} -c "import venv, ensurepip")
if(NOT have_venv)
  message("kanten-install-skipped: ${PYTHON} cannot create a venv with pip (import venv, ensurepip "
          "failed): install Debian's python3-venv (cmake --install was checked)")
  file(REMOVE_RECURSE ${work})
  return()
endif()
set(venv ${work}/venv)
run("python -m venv --system-site-packages"
  COMMAND ${clean_env} ${PYTHON} -m venv --system-site-packages ${venv})
set(venv_python ${venv}/bin/python)
probe(have_pip ${clean_env} ${venv_python} -m pip --version)
probe(have_backend ${clean_env} ${venv_python} -c "import setuptools, wheel")
if(NOT have_pip OR NOT have_backend)
  message("kanten-install-skipped: the venv has no pip, or no setuptools and wheel to build with "
          "(Debian: python3-pip, python3-setuptools, python3-wheel) (cmake --install was checked)")
  file(REMOVE_RECURSE ${work})
  return()
endif()
run("pip install --no-build-isolation --no-index (KANTEN_CMAKE_BUILD_DIR=${BUILD_DIR})"
  COMMAND ${clean_env} KANTEN_CMAKE_BUILD_DIR=${BUILD_DIR}
    ${venv_python} -m pip install --no-build-isolation --no-index ${SOURCE_DIR})
run("the venv's site directory"
  COMMAND ${clean_env} ${venv_python} -c "import sysconfig; print(sysconfig.get_path('platlib'))")
set(venv_site "${last_output}")
run("import kanten installed by pip (${venv_site})"
  COMMAND ${clean_env} ${venv_python} check_installed.py ${venv_site} ${VERSION} ${venv})
message(STATUS "${last_output}")

probe(have_build ${PYTHON} -c "import build")
if(have_build)
  run("python -m build --no-isolation --wheel"
    COMMAND ${clean_env} KANTEN_CMAKE_BUILD_DIR=${BUILD_DIR}
      ${PYTHON} -m build --no-isolation --wheel --outdir ${work}/dist ${SOURCE_DIR})
  file(GLOB wheels ${work}/dist/kanten-${VERSION}-*.whl)
  list(LENGTH wheels n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "python -m build made ${n} wheels named kanten-${VERSION}-*.whl: ${wheels}")
  endif()
  run("the wheel's files"
    COMMAND ${PYTHON} -c "import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); missing = [n for n in ('kanten/py.typed', 'kanten/__init__.pyi', 'kanten/__init__.py') if n not in names] + ([] if any(n.startswith('kanten/_kanten.') and n.endswith('.so') for n in names) else ['kanten/_kanten*.so']); sys.exit('missing from the wheel: %s' % missing if missing else 0)" ${wheels})
  get_filename_component(wheel_name ${wheels} NAME)
  message(STATUS "built ${wheel_name}")
else()
  message(STATUS "python -m build: not checked, ${PYTHON} has no `build` (Debian: python3-build)")
endif()
file(REMOVE_RECURSE ${work})
