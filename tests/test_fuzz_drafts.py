"""Fuzzing drafts with Hypothesis (issue 12): mutated sample drafts and random Unicode in
every field.

Invariants:

- ``storage.loads`` either returns a letter or raises ``DraftError`` (never another exception);
- on what loads, ``checklist.check`` and ``render.render_html`` finish without an exception,
  the letter saves and loads back equal, and a rendered ``.docx`` reopens with python-docx.

Bounded for CI (a fixed number of examples, derandomized, no deadline). The long run
(``HYPOTHESIS_PROFILE=long``, 100,000 cases per test, random seeds) and its result are in
``bench/RESULTS.md``; with ``MLA_FUZZ_PROGRESS=FILE`` it writes how many cases ran so far.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mla_writer import storage  # noqa: E402
from mla_writer.checklist import check  # noqa: E402
from mla_writer.render import render_docx, render_html  # noqa: E402
from mla_writer.storage import DraftError  # noqa: E402
from mla_writer.storage.errors import _UNSAFE  # noqa: E402

from .conftest import EXAMPLE, TODAY  # noqa: E402

_COMMON = dict(deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)
PROFILES = {
    "ci": dict(max_examples=int(os.environ.get("MLA_FUZZ_EXAMPLES", "60")), derandomize=True, database=None, **_COMMON),
    "long": dict(max_examples=100_000, derandomize=False, database=None, **_COMMON),
}
PROFILE = PROFILES.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), PROFILES["ci"])
#: Rendering a .docx costs more: fewer examples in CI.
DOCX_PROFILE = {**PROFILE, "max_examples": max(10, PROFILE["max_examples"] // 4)}

SAMPLE: dict = json.loads(EXAMPLE.read_text("utf-8"))
LANGS = ("en", "fr", "ru", "es")


def _paths(node, prefix=()):
    """Every location in the document: (path, value)."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, prefix + (i,))


ALL_PATHS = [p for p, _ in _paths(SAMPLE) if p]
STRING_PATHS = [p for p, v in _paths(SAMPLE) if isinstance(v, str)]
CONTAINER_PATHS = [p for p, v in _paths(SAMPLE) if isinstance(v, (dict, list))]

texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
json_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.sampled_from(["", "2026-01-01", "2026-01-01T08:30", "2026-02-30", "1985-04", "fr", "EUR", "FR", "evidence",
                     "freezing", "electronic", "victim", "witness", "V1", "other", "instrument", "UTC", "x" * 300]),
)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)


def _parent(doc, path):
    node = doc
    for part in path[:-1]:
        node = node[part]
    return node


mutation = st.one_of(
    st.tuples(st.just("replace"), st.sampled_from(ALL_PATHS), json_values),
    st.tuples(st.just("delete"), st.sampled_from(ALL_PATHS), st.none()),
    st.tuples(st.just("insert"), st.sampled_from(CONTAINER_PATHS), st.tuples(texts, json_values)),
    st.tuples(st.just("text"), st.sampled_from(STRING_PATHS), texts),
    st.tuples(st.just("version"), st.just(("format_version",)), st.sampled_from([1, 2, 3])),
)


def _apply(doc, op, path, value):
    try:
        parent = _parent(doc, path)
        key = path[-1]
        if op == "insert":
            node = parent[key]
            name, item = value
            if isinstance(node, dict):
                node[name] = item
            elif isinstance(node, list):
                node.append(item)
        elif op == "delete":
            del parent[key]
        else:
            parent[key] = value
    except (KeyError, IndexError, TypeError):
        pass  # an earlier mutation removed or reshaped this place


_progress = {"n": 0}


def _count() -> None:
    target = os.environ.get("MLA_FUZZ_PROGRESS")
    _progress["n"] += 1
    if target and _progress["n"] % 500 == 0:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {_progress['n']}\n")


def _load_or_refuse(text: str | bytes):
    try:
        return storage.loads(text)
    except DraftError as exc:
        message = str(exc)
        assert not _UNSAFE.search(message) and len(message) <= 1000, repr(message)
        return None


def _exercise(letter, lang: str) -> None:
    for code in (lang, letter.output_language):
        check(letter, code, today=TODAY)
    render_html(letter, lang, today=TODAY)
    again = storage.loads(storage.dumps(letter))  # what loads also saves and loads back
    assert again == letter


@settings(**PROFILE)
@given(st.lists(mutation, min_size=1, max_size=6), st.sampled_from(LANGS))
def test_mutated_drafts_load_or_are_refused_and_what_loads_checks_and_renders(mutations, lang):
    _count()
    doc = copy.deepcopy(SAMPLE)
    for op, path, value in mutations:
        _apply(doc, op, path, value)
    letter = _load_or_refuse(json.dumps(doc, ensure_ascii=False, allow_nan=True))
    if letter is not None:
        _exercise(letter, lang)


@settings(**PROFILE)
@given(st.data(), st.sampled_from(LANGS))
def test_random_unicode_in_every_string_field(data, lang):
    _count()
    doc = copy.deepcopy(SAMPLE)
    for path in STRING_PATHS:
        if path[-1] in ("format",) or (len(path) > 1 and path[-1] == "kind") or path[-1] == "type":
            continue  # keep the envelope and the tags, so that the text reaches the fields
        _parent(doc, path)[path[-1]] = data.draw(texts)
    letter = _load_or_refuse(json.dumps(doc, ensure_ascii=False))
    if letter is not None:
        _exercise(letter, lang)


@settings(**PROFILE)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: '{"format": "mla-writer-draft", ' + t))
def test_random_bytes_load_or_are_refused(raw):
    _count()
    _load_or_refuse(raw)


@settings(**DOCX_PROFILE)
@given(st.lists(mutation, min_size=1, max_size=4), st.sampled_from(LANGS))
def test_rendered_docx_reopens(mutations, lang):
    import docx

    _count()
    doc = copy.deepcopy(SAMPLE)
    for op, path, value in mutations:
        _apply(doc, op, path, value)
    letter = _load_or_refuse(json.dumps(doc, ensure_ascii=False, allow_nan=True))
    if letter is None:
        return
    data = render_docx(letter, lang, today=TODAY)
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs


def test_sample_itself_passes_the_invariants():
    letter = storage.loads(json.dumps(SAMPLE))
    for lang in LANGS:
        _exercise(letter, lang)
    assert not math.isnan(len(ALL_PATHS)) and STRING_PATHS
