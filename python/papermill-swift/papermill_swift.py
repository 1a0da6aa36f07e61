"""Papermill parameters for Swift notebooks (the swift-margin kernel).

Papermill writes the parameters it is given (``papermill -p name value``) as a new cell in
the notebook's language, after the cell tagged ``parameters``. It has no Swift translator,
so this module adds one: ``let name = value`` lines with Swift literals. The injected
cell redeclares names that the parameters cell declared, which works because the kernel's
newest declaration of a name wins (as in a REPL).

Declare parameters with the types papermill's values have: ``Int``, ``Double``, ``String``,
``Bool`` (``let rate = 0.1`` rather than ``let rate: Float = 0.1``).
"""

import json
import math

from papermill.engines import NBClientEngine
from papermill.translators import Translator, papermill_translators


class SwiftTranslator(Translator):
    """Python values as Swift literals."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        return _swift_string(str_val)

    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_int(cls, val):
        return str(val)

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "Double.nan"
        if math.isinf(val):
            return "Double.infinity" if val > 0 else "-Double.infinity"
        return repr(float(val))

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_dict(cls, val):
        if not val:
            return "[:]"
        entries = ", ".join(f"{cls.translate(key)}: {cls.translate(value)}" for key, value in val.items())
        return f"[{entries}]"

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(item) for item in val) + "]"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        if str_val == "nil":
            # A bare nil has no type in Swift; the notebook's own default stays.
            return cls.comment(f"{name} = None is not injected: nil has no Swift type without the declaration's")
        return f"let {name} = {str_val}"


def _swift_string(text):
    """A Swift string literal for ``text``."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class SwiftEngine(NBClientEngine):
    """Papermill's default engine under the name "swift" (its entry point registers the translator)."""


papermill_translators.register("swift", SwiftTranslator)
