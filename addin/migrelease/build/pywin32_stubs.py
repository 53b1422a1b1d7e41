"""Stand-ins for pywin32 so that `import xlwings.udfs` works where there is no pywin32 (Linux, CI).

xlwings' real UDF decorators and its VBA-wrapper generator live in xlwings.udfs, which imports pythoncom,
pywintypes and win32com at import time. The workbook build (VBA wrappers) and the tests (xlwings' own conversion
of UDF arguments) need that module; nothing here talks to COM: a stub that would is an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import types
from typing import Iterator, Sequence

PYWIN32_MODULES = ("pythoncom", "pywintypes", "win32com", "win32com.client")
_ABSENT = object()


def _no_com(*args, **kwargs):
    raise RuntimeError("COM is not available: this is a pywin32 stand-in (migrelease.build.pywin32_stubs)")


def pywin32_stubs() -> dict[str, types.ModuleType]:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.__dict__.update(
        CoInitialize=lambda: None, CoUninitialize=lambda: None, IID_IDispatch=None,
        CoMarshalInterThreadInterfaceInStream=_no_com, CoGetInterfaceAndReleaseStream=_no_com,
        com_error=type("com_error", (Exception,), {}))
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.__dict__.update(TimeType=dt.datetime, IID=_no_com, com_error=pythoncom.com_error)
    win32com = types.ModuleType("win32com")
    win32com.__path__ = []
    client = types.ModuleType("win32com.client")
    client.Dispatch = _no_com
    win32com.client = client
    return {"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com, "win32com.client": client}


@contextlib.contextmanager
def restoring_modules(names: Sequence[str]) -> Iterator[None]:
    """On exit, put sys.modules[name] (and the parent package's attribute) back as they were."""
    saved = {name: sys.modules.get(name, _ABSENT) for name in names}
    parents = {}
    for name in names:
        parent_name, _, child = name.rpartition(".")
        parent = sys.modules.get(parent_name) if parent_name else None
        if parent is not None:
            parents[name] = (parent, child, getattr(parent, child, _ABSENT))
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is _ABSENT:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        for parent, child, attribute in parents.values():
            if attribute is _ABSENT:
                if child in vars(parent):
                    delattr(parent, child)
            else:
                setattr(parent, child, attribute)


@contextlib.contextmanager
def stub_pywin32() -> Iterator[None]:
    """Within the block `import xlwings.udfs` works: pywin32's modules are stubbed where they are missing (a real
    pywin32 is left alone). On exit sys.modules is as before, xlwings.udfs included."""
    with restoring_modules(PYWIN32_MODULES + ("xlwings.udfs",)):
        for name, module in pywin32_stubs().items():
            if name not in sys.modules:
                sys.modules[name] = module
        yield
