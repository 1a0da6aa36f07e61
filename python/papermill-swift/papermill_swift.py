"""Papermill parameters for Swift notebooks (the swift-margin kernel).

Papermill writes the parameters it is given (``papermill -p name value``) as a new cell in
the notebook's language, after the cell tagged ``parameters``. It has no Swift translator,
so this module adds one: ``let name = value`` lines with Swift literals. The injected
cell redeclares names that the parameters cell declared, which works because the kernel's
newest declaration of a name wins (as in a REPL).

Declare parameters with the types papermill's values have: ``Int``, ``Double``, ``String``,
``Bool`` (``let rate = 0.1`` rather than ``let rate: Float = 0.1``).

The translator also reads the parameters cell (papermill's ``inspect``), so
``papermill --help-notebook`` lists a notebook's parameters and papermill warns only about
names the notebook does not declare: each ``let``/``var name[: Type] = default  // help``
line is a parameter; its type is the written one, or the one Swift gives the literal default
(``Int``, ``Double``, ``Bool``, ``String``), or "None" (unknown).
"""

import math
import re

from papermill.engines import NBClientEngine
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

# One declaration on a line, its comment removed: keyword, name, written type, default.
_DECLARATION = re.compile(
    r"\s*(?P<keyword>let|var)\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"(?::\s*(?P<type>[^=]+?))?\s*=\s*(?P<default>.+?)\s*"
)
_INTEGER = re.compile(r"-?(?:[0-9][0-9_]*|0x[0-9a-fA-F][0-9a-fA-F_]*|0o[0-7][0-7_]*|0b[01][01_]*)")
_FLOATING = re.compile(r"-?[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?")


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

    @classmethod
    def inspect(cls, parameters_cell):
        """The parameters the cell tagged ``parameters`` declares, one ``let`` or ``var`` line
        each: name, type (written, else inferred from a literal default, else "None"),
        default (its source text) and the trailing ``//`` comment as help. Lines that are
        not one declaration (a comment, a multi-line or tuple declaration) are skipped."""
        source = parameters_cell["source"]
        if isinstance(source, list):
            source = "".join(source)
        parameters = []
        seen = set()
        for line in source.splitlines():
            code, help_text = _split_trailing_comment(line)
            match = _DECLARATION.fullmatch(code)
            if match is None or match["name"] in seen:
                continue
            default = match["default"]
            if "=" in default and not default.startswith('"'):
                continue  # `let a = 1, b = 2`: not one name's default
            seen.add(match["name"])
            type_name = match["type"].strip() if match["type"] else _literal_type(default)
            parameters.append(Parameter(
                name=match["name"], inferred_type_name=type_name or "None", default=default, help=help_text,
            ))
        return parameters


def _literal_type(value):
    """The type Swift gives a literal with no context (``Int``, ``Double``, ``Bool``,
    ``String``), or None."""
    if value in ("true", "false"):
        return "Bool"
    if _INTEGER.fullmatch(value):
        return "Int"
    if _FLOATING.fullmatch(value):
        return "Double"
    if len(value) >= 2 and value.startswith('"') and value.endswith('"') and not value.startswith('"""'):
        return "String"
    return None


def _split_trailing_comment(line):
    """``line`` split at its first ``//`` outside a string literal: (code, comment text)."""
    in_string = escaped = False
    for index, ch in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif line.startswith("//", index):
            return line[:index], line[index + 2:].strip()
    return line, ""


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
