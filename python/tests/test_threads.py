"""The GIL is released during the C++ work: two threads evaluate a big caseload at once and
get the same answers as one thread alone (correctness only; timing is for benchmarks/)."""

import threading

import pandas as pd

import kanten


def test_two_threads_evaluate_concurrently_and_correctly():
    load = kanten.generate_caseload(citizens=4_000, seed=11)
    dates = ["2019-12-31", "2020-06-30"]
    expected = {d: kanten.evaluate(load, d) for d in dates}
    results, errors = {}, []
    barrier = threading.Barrier(2)

    def work(d):
        try:
            barrier.wait()
            for _ in range(2):
                results[d] = kanten.evaluate(load, d)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(d,)) for d in dates]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for d in dates:
        pd.testing.assert_frame_equal(results[d], expected[d])


def test_other_python_threads_run_while_cpp_evaluates():
    # A counter thread makes progress while the main thread is inside evaluate(): only possible
    # when the GIL is released. (It checks that progress happens at all, not how much.)
    load = kanten.generate_caseload(citizens=5_000, seed=5)
    stop = threading.Event()
    ticks = [0]

    def count():
        while not stop.is_set():
            ticks[0] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        before = ticks[0]
        kanten._kanten._bench_evaluate_cpp(load, "2020-06-30", 2)
        during = ticks[0] - before
    finally:
        stop.set()
        t.join()
    assert during > 0
