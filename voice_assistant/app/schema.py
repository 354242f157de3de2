"""How a setting is described and checked (Spec, SettingField) and how a schema is read from the
component dataclasses whose fields carry a Spec in their metadata."""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import UnionType
from typing import Any, Generic, TypeVar, overload

from voice_assistant.errors import ConfigError

__all__ = ["Spec", "spec_field", "Component", "SettingField", "read_schema", "Forward"]


@dataclass(frozen=True)
class Spec:
    """What one setting means and which values it takes: the source of its help, flag and checks."""

    help: str
    """One line for --help, without the range (that is added from low, high and unit)."""
    example: object
    """A usable value other than the default, shown in the help and loaded by the schema test."""
    unit: str = ""
    """Unit of a number, spelled out ('seconds', 'ms', 'words per minute'); '' for none."""
    low: float | None = None
    """Smallest allowed number; None: no lower bound."""
    high: float | None = None
    """Largest allowed number; None: no upper bound."""
    choices: tuple[str, ...] = ()
    """The allowed texts; () for any text."""
    flag: str = ""
    """The command-line flag; '' gives --name-with-dashes."""
    env: str = ""
    """An environment variable used when neither the config file nor a flag sets it; '' for none."""
    device: bool = False
    """True for a device given by number or name part: a TOML number is taken as that number's text."""
    check: Callable[[Any], str] | None = None
    """Further check of a value: '' when fine, else what is wrong and what to use."""
    secret: bool = False
    """True: messages never show the value."""

    def allowed(self) -> str:
        """The allowed values in words ('90 to 240 words per minute', 'auto, vosk or whisper'), or ''."""
        unit = f" {self.unit}" if self.unit else ""
        if self.choices:
            return ", ".join(self.choices[:-1]) + f" or {self.choices[-1]}" if len(self.choices) > 1 else self.choices[0]
        if self.low is not None and self.high is not None:
            return f"{self.low:g} to {self.high:g}{unit}"
        if self.low is not None:
            return f"{self.low:g} or more{unit}"
        return self.unit


def spec_field(default: Any, *, help: str, example: object, **spec: Any) -> Any:
    """A dataclass field with a default that carries its Spec (the schema) in its metadata."""
    return field(default=default, metadata={"setting": Spec(help, example, **spec)})


@dataclass(frozen=True)
class Component:
    """One part of Settings: its attribute, its dataclass, its help heading and where its flags appear."""

    name: str
    """The attribute of Settings that holds it ('listening')."""
    kind: type
    """Its frozen dataclass."""
    title: str
    """Heading in --help."""
    command: str | None = None
    """The only subcommand that takes its flags (its config keys apply everywhere); None: every command."""


@dataclass(frozen=True)
class SettingField:
    """One setting: its config key (the field name), value type, default, Spec and component."""

    name: str
    """Field name and config file key ('rate_wpm')."""
    type: type
    """bool, int, float, str or Path."""
    default: Any
    """The value when nothing sets it."""
    spec: Spec
    """Meaning and allowed values."""
    component: Component
    """The component it belongs to."""

    @property
    def flag(self) -> str:
        """Its command-line flag."""
        return self.spec.flag or "--" + self.name.replace("_", "-")

    def from_toml(self, value: object, where: str) -> Any:
        """The typed value of a config file entry, or ConfigError naming the key and what to use."""
        wanted, prefix = self.type, f"{where}: "
        if wanted is bool:
            if isinstance(value, bool):
                return value
            raise ConfigError(f"{where}: {self.name} {value!r} is not true or false (use true or false)")
        if isinstance(value, bool):
            pass
        elif wanted is int and isinstance(value, int):
            return self.checked(value, prefix)
        elif wanted is float and isinstance(value, (int, float)):
            return self.checked(float(value), prefix)
        elif wanted is str and (isinstance(value, str) or self.spec.device and isinstance(value, int)):
            return self.checked(str(value), prefix)
        elif wanted is Path and isinstance(value, str):
            return Path(value).expanduser()
        kinds = {int: "a whole number", float: "a number", str: "text in quotes", Path: "a path in quotes"}
        allowed = self.spec.allowed()
        raise ConfigError(f"{where}: {self.name} {value!r} is not {kinds[wanted]}"
                          + (f" (use {allowed})" if allowed else ""))

    def checked(self, value: Any, where: str, label: str = "") -> Any:
        """The value if allowed, else ConfigError: where ("config file 'c.toml': "), label (the key), value, what to use."""
        label = label or self.name
        shown = "" if self.spec.secret else f" {value!r}"
        if value is None or isinstance(value, (bool, Path)):
            return value
        spec = self.spec
        if spec.choices and value not in spec.choices:
            raise ConfigError(f"{where}{label}{shown} is unknown (use {spec.allowed()})")
        if isinstance(value, (int, float)) and (
            spec.low is not None and value < spec.low or spec.high is not None and value > spec.high
        ):
            raise ConfigError(f"{where}{label}{shown} is out of range (use {spec.allowed()})")
        problem = spec.check(value) if spec.check is not None and isinstance(value, str) else ""
        if problem:
            raise ConfigError(f"{where}{label}{shown} {problem}")
        return value


def read_schema(components: Sequence[Component], specs: Mapping[str, Spec]) -> tuple[SettingField, ...]:
    """Every field of the components, in order; specs gives the Spec of fields whose class has none."""
    found: list[SettingField] = []
    for component in components:
        hints = typing.get_type_hints(component.kind)
        for item in fields(component.kind):
            hint = hints[item.name]
            optional = isinstance(hint, UnionType) and type(None) in typing.get_args(hint)
            base = next(arg for arg in typing.get_args(hint) if arg is not type(None)) if optional else hint
            spec = item.metadata.get("setting") or specs[item.name]
            found.append(SettingField(item.name, base, item.default, spec, component))
    return tuple(found)


_T = TypeVar("_T")


class Forward(Generic[_T]):
    """A read-only Settings attribute that reads the same-named field of one component."""

    def __init__(self, component: str) -> None:
        """Read the attribute of that name from the component held in the attribute `component`."""
        self._component = component
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Forward[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...
    def __get__(self, instance: object | None, owner: type) -> _T | Forward[_T]:
        if instance is None:
            return self
        value: _T = getattr(getattr(instance, self._component), self._name)
        return value


