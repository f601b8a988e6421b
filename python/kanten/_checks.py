"""The package's boundary: argument checks, errors and warnings (issue 10: no crash, no wrong
number, nothing silently lost, nothing personal leaked).

Every public function of kanten checks its arguments here before the compiled module sees them:

- a wrong type (``None`` where a :class:`kanten.Caseload` is expected, a ``str`` where an int
  is) is a ``TypeError`` naming the function and the parameter, e.g. ``"match: parameter
  'market' must be a kanten.Market, not NoneType"``;
- a value out of its documented range (an int beyond 64 bits included) is a
  :class:`kanten.KantenError` with ``code="invalid_argument"`` and ``field`` the parameter;
- no message carries an argument's ``repr``: a value is shown only when it is a short id, date
  or number (:func:`shown`); any other text, which may be free text from a case, only by its length.

The compiled module is guarded too (:func:`guard_compiled`): pybind11's own "incompatible
function arguments … Invoked with: <every argument>" ``TypeError`` is re-raised without the
arguments, and a :class:`KantenError` from C++ whose value is not plain gets it replaced by its length.

It also holds the conventions of every result (issue 15), for each new function to follow:

- a date parameter is annotated :data:`DateLike` and read with :func:`date_arg` (``as_of``
  also takes a month, meaning its last day);
- a result hands out copies: a table a result keeps is returned through :func:`copied` (or a
  dataclass field through :func:`copies`), never the object it keeps; a sequence in a table's
  cell is a tuple;
- a result's ``repr`` is one short line (:func:`short_repr`: sizes, the date, key figures),
  with :func:`html_repr` as ``_repr_html_`` where a table helps;
- every integer column is int64, pandas' nullable ``Int64`` where a value may be absent; a step
  column is an ordered categorical of ``kanten.STEPS`` (model order).

Imported by the package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import difflib
import functools
import html
import math
import numbers
import os
import re
import types
import warnings
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _kanten
from ._kanten import KantenError

ERROR_CODES: Tuple[str, ...] = _kanten.vocabulary("error_code")
"""The codes of :class:`KantenError`: the names of C++'s kanten::Errc (``invalid_argument``,
``parse_error``, ``invalid_input``, ``io_error``)."""

INT32_MAX = 2**31 - 1
UINT64_MAX = 2**64 - 1

DateLike = Union[str, _dt.date, _dt.datetime, pd.Timestamp, pd.Period, np.datetime64]
"""What a date parameter takes (``kanten.DateLike``): ``"YYYY-MM-DD"`` text, a
``datetime.date``, a ``datetime.datetime`` or ``pandas.Timestamp`` (its calendar day; the time
is ignored), a ``numpy.datetime64``, or a ``pandas.Period`` of a day (``freq="D"``). ``as_of``
also takes a month, ``"YYYY-MM"`` or a ``pandas.Period`` of a month (``freq="M"``), meaning the
month's last day: ``"2019-12"`` is ``"2019-12-31"``. Any other type is a ``TypeError``; a Period
of another frequency (a quarter, a week, an hour) is a :class:`KantenError` naming the parameter."""


class KantenWarning(UserWarning):
    """Something kanten read but did not use, e.g. a DataFrame column it does not know.

    Nothing is dropped without a word: the message names the table and the column (or field) and,
    when one is close, the known name that was probably meant. Turn it into an error with
    ``warnings.simplefilter("error", kanten.KantenWarning)``.
    """


KantenWarning.__module__ = "kanten"

# ---------------------------------------------------------------------------------------------
# Showing values: never free text
# ---------------------------------------------------------------------------------------------

# What shown() and the bindings' shown_arg() put in place of a value (already safe to show).
_PLACEHOLDER = re.compile(r"<(?:text|path) of \d+ characters>|<an integer (?:of \d+ digits|beyond 64 bits)>")
_CPR = re.compile(r"(?<!\d)(?:\d{10}|\d{6}[- ]\d{4})(?!\d)")
_PLAIN = re.compile(r"[^\x00-\x20\x7f]*")


def shown(value: Any) -> str:
    """A value as an error message may show it.

    Ids, dates, names and numbers as given: text of at most 64 characters with no white space or
    control characters, not shaped like a CPR number (C++'s kanten::looks_like_cpr). Any other
    text — a sentence, which may be a case's free text — only as ``<text of N characters>``;
    integers of more than 24 digits by their size; other objects by their type.
    """
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        text = str(int(value))
        return text if len(text) <= 24 else f"<an integer of {len(text.lstrip('-'))} digits>"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, str):
        if len(value) <= 64 and _PLAIN.fullmatch(value) and not _CPR.search(value):
            return value
        return f"<text of {len(value)} characters>"
    return f"<{type(value).__name__}>"


def shown_path(value: str) -> str:
    """A file path as an error may show it: whole when :func:`shown` shows it, else ``…/`` and
    its file name when that is plain, else only its length."""
    if shown(value) == value:
        return value
    name = os.path.basename(value.rstrip("/"))
    if name and shown(name) == name:
        return ".../" + name
    return f"<path of {len(value)} characters>"


def _type_name(value: Any) -> str:
    return type(value).__name__


# ---------------------------------------------------------------------------------------------
# Errors and warnings
# ---------------------------------------------------------------------------------------------

def error(code: str, field: str, value: Any, message: str) -> KantenError:
    """A :class:`KantenError` as C++'s kanten::Error words it: ``field 'F': value 'V': message``.

    ``value`` is shown with :func:`shown` (an id, date or number as given; free text by its
    length) and kept as ``.value``; ``code`` is one of :data:`ERROR_CODES`. Returns the error; the caller raises it.
    """
    if code not in ERROR_CODES:
        raise AssertionError(f"unknown error code {code!r}")
    text = shown(value)
    prefix = ""
    if field:
        prefix += f"field '{field}': "
    if text:
        prefix += f"value '{text}': "
    err = KantenError(prefix + message)
    err.code, err.field, err.value = code, field, text
    return err


def type_error(fn: str, param: str, value: Any, expected: str) -> TypeError:
    """``TypeError("fn: parameter 'param' must be <expected>, not <type>")``; the caller raises it."""
    return TypeError(f"{fn}: parameter '{param}' must be {expected}, not {_type_name(value)}")


def warn(message: str, stacklevel: int = 3) -> None:
    """Issues a :class:`KantenWarning` (pointing at the caller of the public function by default)."""
    warnings.warn(message, KantenWarning, stacklevel=stacklevel)


def input_warnings(obj: Any, what: str, stacklevel: int = 4) -> None:
    """One :class:`KantenWarning` when a compiled reader kept input warnings (fields it read but
    did not use, e.g. an unknown JSON field): their count and the first; ``.warnings()`` lists all."""
    found = obj._warnings()
    if not found:
        return
    field, message = found[0]
    field = field if _PLAIN.fullmatch(field) and len(field) <= 120 else f"<a field path of {len(field)} characters>"
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    warn(f"{what}: input not used: '{field}': {message}{more}; see .warnings()", stacklevel=stacklevel)


def nearest(name: str, known: Iterable[str]) -> Optional[str]:
    """The known name closest to ``name`` (difflib), or None."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


# ---------------------------------------------------------------------------------------------
# Argument checks: each returns the value as the compiled module takes it
# ---------------------------------------------------------------------------------------------

def need(value: Any, cls: Any, fn: str, param: str, what: Optional[str] = None) -> Any:
    """``value`` when it is an instance of ``cls`` (a class or a tuple), else a TypeError."""
    if not isinstance(value, cls):
        if what is None:
            what = f"a kanten.{cls.__name__}" if isinstance(cls, type) else "of another type"
        raise type_error(fn, param, value, what)
    return value


def integer(value: Any, fn: str, param: str, lo: int, hi: int, *, unit: str = "", field: Optional[str] = None) -> int:
    """An int (or numpy integer; not a bool) within ``lo``–``hi``, else TypeError / KantenError."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise type_error(fn, param, value, "an int")
    v = int(value)
    if not lo <= v <= hi:
        raise error("invalid_argument", field or param, v, f"out of range: from {lo} to {hi}{unit}")
    return v


def optional_integer(value: Any, fn: str, param: str, lo: int, hi: int, *, unit: str = "") -> Optional[int]:
    """None, or :func:`integer`."""
    return None if value is None else integer(value, fn, param, lo, hi, unit=unit)


def number(value: Any, fn: str, param: str, lo: float, hi: float, *, lo_open: bool = False) -> float:
    """A finite real number (int or float, not a bool) within ``lo``–``hi`` (``lo`` excluded when ``lo_open``)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise type_error(fn, param, value, "a number")
    try:
        v = float(value)
    except OverflowError:
        raise error("invalid_argument", param, value, "out of range: too large") from None
    if not math.isfinite(v) or v < lo or v > hi or (lo_open and v == lo):
        low = f"above {lo:g}" if lo_open else f"from {lo:g}"
        raise error("invalid_argument", param, v, f"out of range: {low} to {hi:g}")
    return v


def flag(value: Any, fn: str, param: str) -> bool:
    """A bool (or numpy.bool_); an int or None is a TypeError (pybind11 would read None as False)."""
    if not isinstance(value, (bool, np.bool_)):
        raise type_error(fn, param, value, "a bool")
    return bool(value)


def text(value: Any, fn: str, param: str) -> str:
    """A str (numpy.str_ included)."""
    if not isinstance(value, str):
        raise type_error(fn, param, value, "a str")
    return str(value)


def optional_text(value: Any, fn: str, param: str) -> Optional[str]:
    """None, or :func:`text`."""
    return None if value is None else text(value, fn, param)


def path(value: Any, fn: str, param: str) -> str:
    """A file path: str or os.PathLike of str."""
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        p = os.fspath(value)
        if isinstance(p, str):
            return p
    raise type_error(fn, param, value, "a str or an os.PathLike path")


def _not_a_sequence(value: Any) -> bool:
    """True for what iterates but is not a sequence of values: a str or bytes (its characters), a
    mapping or a DataFrame (its keys or column names)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return True
    return isinstance(value, pd.DataFrame)


def texts(value: Any, fn: str, param: str) -> List[str]:
    """A sequence (list, tuple, array, Series, …) of str; a single str, a mapping or a DataFrame
    is a TypeError (it would be read as its characters or its keys)."""
    if _not_a_sequence(value):
        raise type_error(fn, param, value, "a sequence of str")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise TypeError(f"{fn}: parameter '{param}[{i}]' must be a str, not {_type_name(v)}")
        out.append(str(v))
    return out


def integers(value: Any, fn: str, param: str, lo: int, hi: int) -> List[int]:
    """A sequence of ints each within ``lo``–``hi`` (KantenError naming ``param[i]``)."""
    if _not_a_sequence(value):
        raise type_error(fn, param, value, "a sequence of int")
    out = []
    for i, v in enumerate(value):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{fn}: parameter '{param}[{i}]' must be an int, not {_type_name(v)}")
        out.append(integer(v, fn, f"{param}[{i}]", lo, hi))
    return out


def indent(value: Any, fn: str) -> Optional[int]:
    """A JSON indent: None or any negative number (compact, as in C and C++), or 0 to 32 spaces
    (C++'s kanten::max_indent)."""
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        return -1
    return optional_integer(value, fn, "indent", -1, 32)


def read_document(compiled: Callable[..., Any], source: Any, strict: Any, fn: str, *, is_path: bool) -> Any:
    """Calls a compiled reader (``from_json`` / ``from_file``) on checked arguments and reports
    its input warnings as one :class:`KantenWarning`; ``strict=True`` makes them errors."""
    arg = path(source, fn, "path") if is_path else text(source, fn, "text")
    obj = compiled(arg, flag(strict, fn, "strict"))
    input_warnings(obj, fn, stacklevel=5)  # the warning points at the caller of from_json/from_file
    return obj


def calendar_date(value: Any, fn: str, param: str) -> str:
    """:func:`date_arg`, and the text must be a real calendar day ``YYYY-MM-DD``
    (a :class:`KantenError` naming the parameter otherwise)."""
    import datetime as _dt

    text_value = date_arg(value, fn, param)
    try:
        _dt.date.fromisoformat(text_value)
    except ValueError:
        raise error("invalid_argument", param, text_value, "not a calendar date \"YYYY-MM-DD\"") from None
    return text_value


_MONTH_TEXT = re.compile(r"(\d{4})-(\d{2})")


def _month_end(year: int, month: int) -> str:
    """The last day of a month as ISO text."""
    return _dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def date_arg(value: Any, fn: str, param: str, *, month_end: Optional[bool] = None) -> str:
    """A date parameter (:data:`DateLike`) as ISO text ``YYYY-MM-DD``; another type is a TypeError.

    With ``month_end`` (by default: when ``param`` is ``"as_of"``) a month — ``"YYYY-MM"`` or a
    ``pandas.Period`` of freq ``"M"`` — is its last day, so ``as_of="2019-12"`` evaluates as of
    2019-12-31; elsewhere a month Period is a :class:`KantenError` (a month is not a day). A
    Period of a day is that day; of another frequency a KantenError naming ``param``. The C++
    side checks the text is a real calendar date.
    """
    months = (param == "as_of") if month_end is None else month_end
    if isinstance(value, str):
        found = _MONTH_TEXT.fullmatch(value) if months else None
        if found:
            year, month = int(found.group(1)), int(found.group(2))
            if not 1 <= month <= 12 or year < 1:
                raise error("invalid_argument", param, value, "not a month: expected \"YYYY-MM\" (01 to 12)")
            return _month_end(year, month)
        return value
    if isinstance(value, pd.Period):
        freq = value.freqstr
        if freq == "D":
            return value.start_time.date().isoformat()
        if freq == "M" and months:
            return _month_end(value.year, value.month)
        if freq == "M":
            raise error("invalid_argument", param, str(value), "a month is taken for as_of only; give a day")
        raise error("invalid_argument", param, str(value),
                    f"a Period of freq '{shown(freq)}' is not a day" + (" or a month" if months else "")
                    + ": give a Period of freq 'D'" + (" or 'M'" if months else ""))
    if isinstance(value, np.datetime64):
        if months and np.datetime_data(value.dtype)[0] == "M" and not np.isnat(value):
            return _month_end(value.astype(object).year, value.astype(object).month)
        return str(value.astype("datetime64[D]"))
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp (NaT too: "NaT", refused)
        try:
            return value.date().isoformat()
        except (ValueError, AttributeError):
            return "NaT"
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise type_error(fn, param, value, "a date, a datetime, a pandas Timestamp or Period, or 'YYYY-MM-DD'"
                     + (" or 'YYYY-MM'" if months else ""))


# ---------------------------------------------------------------------------------------------
# DataFrame and record columns: required names, unknown names
# ---------------------------------------------------------------------------------------------

def check_columns(names: Iterable[Any], table: str, required: Sequence[Sequence[str]], known: Sequence[str],
                  *, stacklevel: int = 4) -> List[str]:
    """Checks the column (or key) names of ``table`` and returns the known ones.

    ``required`` lists alternatives: each entry is satisfied when any of its names is present
    (e.g. ``("home", "home_lat")``); a missing one is a KantenError with ``field`` the table and
    the first name, e.g. ``events.date``. A name not in ``known`` is a :class:`KantenWarning`
    naming it and the nearest known name; it is not read. A name that is not a str is a KantenError.
    """
    present: List[str] = []
    for name in names:
        if not isinstance(name, str):
            raise error("invalid_argument", f"{table}.<{_type_name(name)}>", "", "column names must be strings")
        present.append(name)
    used = []
    for name in present:  # warned first: an unknown name is often the missing one misspelt
        if name in known:
            used.append(name)
            continue
        hint = nearest(name, known)
        message = f"{table}: column '{shown(name)}' is not a column kanten reads; it is ignored"
        if hint:
            message += f"; did you mean '{hint}'?"
        warn(message, stacklevel=stacklevel)
    for alternatives in required:
        if not any(a in present for a in alternatives):
            either = " or ".join(f"'{a}'" for a in alternatives)
            raise error("invalid_input", f"{table}.{alternatives[0]}", "",
                        f"missing: the {table} table needs a {either} column")
    return used


# ---------------------------------------------------------------------------------------------
# The compiled module: no argument reprs in its TypeErrors, no free text in its errors
# ---------------------------------------------------------------------------------------------

_INVOKED = "\n\nInvoked with"


def _signature_message(name: str, message: str) -> str:
    """pybind11's "incompatible function arguments" message, without the arguments."""
    head = message.split(_INVOKED, 1)[0]
    sigs = [line.strip()[3:].strip() for line in head.splitlines()[1:] if line.strip()[:2].rstrip(".").isdigit()]
    sig = "; ".join(sigs)
    if len(sig) > 200:
        sig = sig[:197] + "..."
    return f"{name}: incompatible argument types; expected {sig}" if sig else f"{name}: incompatible argument types"


def clean_error(e: KantenError) -> Optional[KantenError]:
    """A copy of a C++ KantenError whose value would show text that is not plain (see :func:`shown`),
    with the value shown by its length; None when the error is fine as it is."""
    value = getattr(e, "value", "")
    if not isinstance(value, str) or shown(value) == value or _PLACEHOLDER.fullmatch(value):
        return None
    safe = shown_path(value) if getattr(e, "code", "") == "io_error" else shown(value)
    message = str(e).replace(f"value '{value}': ", f"value '{safe}': ").replace(value, safe)
    out = KantenError(message)
    out.code, out.field, out.value = getattr(e, "code", "invalid_argument"), getattr(e, "field", ""), safe
    return out


def compiled(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``fn`` (a function of the compiled module) with its errors made safe to show.

    pybind11's TypeError for arguments it cannot convert lists every argument's repr ("Invoked
    with: …", which may be a whole case's text); it is re-raised without them. A
    RuntimeError "Unable to cast" is a TypeError too; an OverflowError a KantenError. A KantenError
    whose value is not plain text is re-raised with the value's length instead. The new
    exception is raised outside the handler, so it carries no context holding the old message.
    """

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KantenError as e:
            replacement: BaseException | None = clean_error(e)
            if replacement is None:
                raise
        except TypeError as e:
            message = str(e)
            if "incompatible" not in message and "Invoked with" not in message:
                raise
            replacement = TypeError(_signature_message(name, message))
        except RuntimeError as e:
            if not str(e).startswith("Unable to cast"):
                raise
            replacement = TypeError(f"{name}: an argument has a type the compiled module cannot take")
        except OverflowError:
            replacement = error("invalid_argument", "", "", f"{name}: a number is out of range")
        raise replacement

    return call


def _is_compiled_function(obj: Any) -> bool:
    return isinstance(obj, types.BuiltinFunctionType)


def guard_compiled(module: types.ModuleType) -> None:
    """Wraps every function of the compiled module, and every method of its classes, with :func:`compiled`.

    Done once, when the package is imported; the package then calls only guarded functions.
    """
    if getattr(module, "_guarded", False):
        return
    for name, obj in list(vars(module).items()):
        if name.startswith("__"):
            continue
        if _is_compiled_function(obj):
            setattr(module, name, compiled(obj, name))
        elif isinstance(obj, type) and not issubclass(obj, BaseException):
            for attr, member in list(vars(obj).items()):
                if attr.startswith("__"):
                    continue
                label = f"{name.lstrip('_')}.{attr}"
                if isinstance(member, staticmethod):
                    setattr(obj, attr, staticmethod(compiled(member.__func__, label)))
                elif type(member).__name__ == "instancemethod":
                    setattr(obj, attr, compiled(member.__func__, label))
    module._guarded = True  # type: ignore[attr-defined]


def raw_object(value: Any, cls: Any, fn: str, param: str = "raw") -> Any:
    """For the constructors that wrap a compiled result: ``value`` when it is one, else TypeError."""
    if not isinstance(value, cls):
        raise type_error(fn, param, value, f"a result of the compiled module ({cls.__name__}); use the kanten functions")
    return value


# ---------------------------------------------------------------------------------------------
# Results: copies, never the object kept; short reprs
# ---------------------------------------------------------------------------------------------

def copied(value: Any) -> Any:
    """What a result hands out of what it keeps: a DataFrame, Series or numpy array as a new copy
    (its ``attrs`` too), a dict, list or set as a new one (its values are immutable: numbers,
    text, tuples); anything else (immutable) as it is. Changing the copy never changes the result,
    nor what it hands out next."""
    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        return value.copy()
    if isinstance(value, (dict, list, set)):
        return type(value)(value)
    return value


class _Copied:
    """A field of a dataclass handed out through :func:`copied` (see :func:`copies`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        try:
            return copied(obj.__dict__[self.name])
        except KeyError:
            raise AttributeError(self.name) from None

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value  # the dataclass's __init__; a frozen one refuses any other assignment


def copies(*names: str) -> Callable[[type], type]:
    """A class decorator for a result dataclass: each named field (a DataFrame, a dict, ...) is
    handed out through :func:`copied`, so ``result.table`` is a new copy on every access. Put it
    above ``@dataclasses.dataclass(frozen=True, ...)``::

        @_checks.copies("funnel", "curves")
        @dataclasses.dataclass(frozen=True, eq=False, repr=False)
        class ProgrammeFigures: ...
    """

    def wrap(cls: type) -> type:
        fields = {f.name for f in dataclasses.fields(cls)}
        for name in names:
            if name not in fields:
                raise AssertionError(f"{cls.__name__} has no field {name!r}")
            setattr(cls, name, _Copied(name))
        return cls

    return wrap


def short_repr(name: str, *parts: str) -> str:
    """A result's repr: ``<kanten.Name: part; part; ...>`` on one line (sizes, the date, key
    figures; never a whole table, never free text)."""
    body = "; ".join(p for p in parts if p)
    return f"<kanten.{name}: {body}>" if body else f"<kanten.{name}>"


def html_repr(text: str, frame: Optional[pd.DataFrame] = None, rows: int = 10) -> str:
    """A result's ``_repr_html_`` for a notebook: its :func:`short_repr` text, then the first
    ``rows`` rows of ``frame`` (the table that shows it best) with the count of the rest."""
    out = f"<p><code>{html.escape(text)}</code></p>"
    if frame is not None:
        out += frame.head(rows).to_html(max_cols=12)
        if len(frame) > rows:
            out += f"<p>… {len(frame) - rows} more rows</p>"
    return out


__all__: Tuple[str, ...] = ()
