"""The built index saved to a file for the app workers, and pypinyin forgotten once an index is built.

Building reads the content's Chinese with pypinyin (40 MB of dictionaries and more). `manage.py
buildsearchindex` saves the finished index (`save`) and each app worker loads it (`load`): workers
then never import pypinyin at all, and hold only the finished index, not the garbage of building it.
A worker that had to build its own index can `unload_pypinyin` afterwards.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import unicodedata
from dataclasses import astuple
from pathlib import Path

from ..content.records import Library
from . import documents
from .documents import Entry
from .tokens import word_terms

PACKAGE = Path(__file__).parent  # every module in it shapes the index, its pickle or its answers


def fingerprint(entries: list[Entry]) -> str:
    """What a saved index depends on: the text it indexes, the code of every module of this package,
    the versions of pypinyin and of the stemmer, the Unicode tables and the Python that pickled it.
    Any change and the file is not used."""
    digest = hashlib.sha256()
    code = [(path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in sorted(PACKAGE.glob("*.py"))]
    libraries = [importlib.metadata.version(name) for name in ("pypinyin", "PyStemmer")]  # both shape the terms
    versions = (code, libraries, unicodedata.unidata_version)
    digest.update(repr((versions, sys.version_info[:2], [astuple(entry) for entry in entries])).encode())
    return digest.hexdigest()


def save(index, path: Path, library: Library) -> int:
    """Write `index` to `path` (atomically) for workers to `load`; returns the file's size."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with temporary.open("wb") as out:
        out.write(fingerprint(list(documents.entries(library))).encode() + b"\n")
        pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    return path.stat().st_size


def load(path: Path, library: Library, cls: type):
    """The `cls` saved in `path` if it was built from this library by this code, else None.

    The file is a pickle: it must be as trusted as the code (it is written by `save`, from
    `manage.py buildsearchindex`, into the project's own directory). A file written by older code
    has another fingerprint; were it unpickled anyway, classes it names that have moved or gone
    raise AttributeError or ImportError, and it counts as stale all the same.
    """
    try:
        with Path(path).open("rb") as saved:
            if saved.readline().strip().decode() != fingerprint(list(documents.entries(library))):
                return None
            index = pickle.load(saved)
    except (OSError, EOFError, ValueError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    if not isinstance(index, cls):
        return None
    index.loaded_from = Path(path)
    return index


def unload_pypinyin() -> bool:
    """Forget pypinyin (40 MB and more per process) once an index is built: queries do not use it.

    Nothing outside the building functions holds a reference to it, so its modules and dictionaries
    are freed; it is imported afresh if an index is ever built again.
    """
    import gc

    names = [name for name in sys.modules if name == "pypinyin" or name.startswith("pypinyin.")]
    for name in names:
        del sys.modules[name]
    word_terms.cache_clear()
    gc.collect()
    try:  # glibc keeps freed memory for reuse; give it back so the worker's footprint shrinks too
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    return bool(names)
