"""The package's surface: __all__, docstrings, the stubs."""

import ast
import pathlib

import kanten


def test_everything_in_all_exists_and_is_documented():
    for name in kanten.__all__:
        obj = getattr(kanten, name)
        if callable(obj):
            assert obj.__doc__, name


def test_the_stubs_declare_everything_exported():
    stub = pathlib.Path(kanten.__file__).with_name("__init__.pyi")
    tree = ast.parse(stub.read_text())
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
        elif isinstance(node, ast.Assign):
            declared.update(t.id for t in node.targets if isinstance(t, ast.Name))
    assert set(kanten.__all__) - {"__version__"} <= declared
    assert pathlib.Path(kanten.__file__).with_name("py.typed").exists()


def test_kanten_error_is_a_value_error():
    assert issubclass(kanten.KantenError, ValueError)
    assert kanten.KantenError.__module__ == "kanten"


def test_caseload_methods_are_documented():
    for name in ("from_json", "from_file", "from_frames", "to_frames", "to_json", "rejected"):
        assert getattr(kanten.Caseload, name).__doc__, name


# --- issue 10: the package's boundary ----------------------------------------------------------

import pytest  # noqa: E402

FREE = "Borgeren fortæller om smerter i ryggen"


def test_the_compiled_module_refuses_none_and_unconstructed_objects():
    # Root cause of the segfaults (kanten.match(None), answer_sanction(None, ...)): pybind11 cast
    # None to a null shared_ptr. The bindings now refuse it, even called directly.
    load = kanten.generate_caseload(citizens=3)
    for call in (lambda: kanten._kanten._evaluate(None, "2020-01-01"),
                 lambda: kanten._kanten._answer_sanction(None, "c", "2020-01-01"),
                 lambda: kanten._kanten._person_months(kanten.Caseload.__new__(kanten.Caseload), "2020-01-01"),
                 lambda: kanten._kanten._Evaluations.explain(None, 0)):
        with pytest.raises(TypeError) as e:
            call()
        assert "Invoked with" not in str(e.value)
    assert len(load) == 3


def test_a_wrong_type_is_a_type_error_naming_function_and_parameter():
    with pytest.raises(TypeError, match=r"^evaluate: parameter 'caseload' must be a kanten.Caseload, not NoneType$"):
        kanten.evaluate(None, "2020-01-01")
    with pytest.raises(TypeError, match=r"^answer_sanction: parameter 'caseload' must be a kanten.Caseload, not dict$"):
        kanten.answer_sanction({}, "c", "2020-01-01")
    with pytest.raises(TypeError, match=r"^generate_caseload: parameter 'citizens' must be an int, not str$"):
        kanten.generate_caseload(citizens="850")
    with pytest.raises(TypeError, match=r"^Caseload.from_json: parameter 'text' must be a str, not bytes$"):
        kanten.Caseload.from_json(FREE.encode())


def test_pybind_type_errors_do_not_repeat_the_arguments():
    # pybind11 words an argument it cannot convert as "Invoked with: <every argument's repr>";
    # the package re-raises it with the signature only.
    load = kanten.generate_caseload(citizens=3)
    with pytest.raises(TypeError) as e:
        kanten._kanten._generate_caseload(citizens=-1, start=FREE)
    assert "Invoked with" not in str(e.value) and "smerter" not in str(e.value)
    assert str(e.value).startswith("_generate_caseload: incompatible argument types; expected (citizens: int")
    with pytest.raises(TypeError) as e:
        kanten._kanten.Caseload.to_json(load, FREE)
    assert "smerter" not in str(e.value) and len(str(e.value)) < 300
    assert e.value.__context__ is None  # the original message is not kept either


def test_every_kanten_error_has_code_field_and_value():
    assert (kanten.KantenError("x").code, kanten.KantenError("x").field, kanten.KantenError("x").value) == (
        "invalid_argument", "", "")
    load = kanten.generate_caseload(citizens=3)
    ev = kanten.evaluate_all(load, "2020-01-01")
    # Raised by the Python side: the same attributes and message shape as the C++ errors.
    with pytest.raises(kanten.KantenError) as e:
        ev.hours_wide("overtime")
    assert (e.value.code, e.value.field, e.value.value) == ("invalid_argument", "kind", "overtime")
    assert str(e.value) == "field 'kind': value 'overtime': must be 'ordinary' or 'internship'"
    with pytest.raises(kanten.KantenError) as e:
        kanten.followup_worklist(load)
    assert (e.value.code, e.value.field, e.value.value) == ("invalid_argument", "as_of", "")
    assert str(e.value).startswith("field 'as_of': missing")
    with pytest.raises(kanten.KantenError) as e:
        kanten.evaluate(load, "2020-01-01", daily_rate=2**64)
    assert (e.value.code, e.value.field, e.value.value) == ("invalid_argument", "daily_rate", "18446744073709551616")
    # Translated from C++: the same three.
    with pytest.raises(kanten.KantenError) as e:
        kanten.Caseload.from_json("{")
    assert e.value.code == "parse_error" and isinstance(e.value.field, str) and isinstance(e.value.value, str)


def test_no_error_shows_free_text():
    load = kanten.generate_caseload(citizens=3)
    ev = kanten.evaluate_all(load, "2020-01-01")
    for call in (lambda: kanten.evaluate(load, FREE),
                 lambda: ev.explain(FREE),
                 lambda: kanten.answer_sanction(load, FREE, "2020-01-01"),
                 lambda: kanten.read_caseload(FREE)):
        with pytest.raises(kanten.KantenError) as e:
            call()
        assert "smerter" not in str(e.value) and "smerter" not in e.value.value
        assert f"<text of {len(FREE)} characters>" in str(e.value) or "<path of" in str(e.value)
    # An id, a date or a number is shown as given; a CPR-shaped one is not.
    with pytest.raises(kanten.KantenError, match="field 'citizen': value 'c-nobody'"):
        ev.explain("c-nobody")
    with pytest.raises(kanten.KantenError) as e:
        ev.explain("010203-1234")
    assert "010203" not in str(e.value)


def test_kanten_warning_is_exported():
    assert issubclass(kanten.KantenWarning, UserWarning) and "KantenWarning" in kanten.__all__
    assert kanten.KantenWarning.__module__ == "kanten"


def test_unknown_fields_warn_and_strict_reading_refuses_them():
    text = ('{"citizen": "c-1", "events": [{"date": "2024-01-02", "kind": "agreement", '
            '"agreement_kind": "internship", "strat": "2024-02-01"}]}')
    with pytest.warns(kanten.KantenWarning, match="strat"):
        load = kanten.Caseload.from_json(text)
    assert list(load.warnings()["field"]) == ["events[0].strat"]
    with pytest.raises(kanten.KantenError) as e:
        kanten.Caseload.from_json(text, strict=True)
    assert e.value.field == "events[0].strat" and e.value.code == "invalid_input"
    with pytest.raises(kanten.KantenError):
        kanten.read_caseload(text, strict=True)


def test_vocabulary_constants_come_from_the_library_with_their_names_and_values():
    from kanten import _kanten

    assert kanten.FUNNEL_STAGES == ("caseload", "entered", "trin2", "trin3", "paid_hours", "exit_30_hours",
                                    "exit_self_support", "exit_rehabilitation_team")
    assert kanten.ENDPOINTS == ("first_paid_hours", "exit", "exit_30_hours")
    assert kanten.EXITS == ("exit_self_support", "exit_30_hours", "exit_rehabilitation_team")
    assert kanten._checks.ERROR_CODES == ("invalid_argument", "parse_error", "invalid_input", "io_error")
    assert kanten.STEPS == _kanten.vocabulary("step")
    assert _kanten.vocabulary("match_mode") == ("assignment", "stable", "top_k")
    assert _kanten.vocabulary("travel_mode") == ("car", "public_transport", "bicycle", "walk")
    assert len(_kanten.vocabulary("rejection")) == 9 and len(_kanten.vocabulary("demand")) == 7
    for name, names in kanten.VOCABULARIES.items():
        assert _kanten.vocabulary(name) == names
    with pytest.raises(kanten.KantenError) as e:
        _kanten.vocabulary("nope")
    assert e.value.field == "vocabulary"
