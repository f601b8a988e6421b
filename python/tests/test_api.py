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
