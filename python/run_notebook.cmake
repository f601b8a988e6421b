# Executes an example notebook with nbconvert, as a reader would run it; used by CTest.
#   cmake -DPYTHON=/usr/bin/python3 -DNOTEBOOK=nb.ipynb -DOUT_DIR=dir -P run_notebook.cmake
# Prints "kanten-notebook-skipped: ..." (CTest's SKIP_REGULAR_EXPRESSION) only when nbconvert or
# the ipykernel is not installed (Debian: jupyter-nbconvert, python3-ipykernel).
execute_process(COMMAND ${PYTHON} -c "import nbconvert, ipykernel"
  RESULT_VARIABLE missing OUTPUT_QUIET ERROR_QUIET)
if(missing)
  message("kanten-notebook-skipped: nbconvert or ipykernel is not importable by ${PYTHON}; "
          "install Debian's jupyter-nbconvert and python3-ipykernel")
  return()
endif()
file(MAKE_DIRECTORY ${OUT_DIR})
get_filename_component(name ${NOTEBOOK} NAME)
execute_process(
  COMMAND ${PYTHON} -m nbconvert --to notebook --execute
    --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3
    --output-dir ${OUT_DIR} --output ${name} ${NOTEBOOK}
  WORKING_DIRECTORY ${OUT_DIR}
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the notebook ${NOTEBOOK} failed to execute (exit ${rc})")
endif()
