"""The package imports downwards only, in flow order, and has no import circle.

Every ``import`` and ``from ... import`` in ``src/newsweave`` is read with
``ast`` (imports inside functions and under ``TYPE_CHECKING`` count too: a
lazy import is still a dependency), and each is mapped to the stage it comes
from and the stage it reaches. A stage may import its own modules and any
stage below it in ``LAYERS``; anything else is an upward import. Circles are
looked for at two grains: between stages, and between single modules.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsweave"

# Flow order, lowest first (docs/stages.md). Stages in one tuple sit on the
# same level: they may not import each other at all.
LAYERS: list[tuple[str, ...]] = [
    ("words",),         # the word-list loader: imports nothing of the package
    ("records",),
    ("config",),
    ("ingest",),
    ("clean",),
    ("gazetteer",),     # names, aliases and places: shared by annotate and resolve
    ("annotate",),
    ("resolve",),
    ("extract",),
    ("engines",),       # runs the per-article chain above
    ("store",),
    ("corpus",),        # dedupe, chrome, actors, stories, facts: on what the store holds
    ("present",),
    ("api",),
    ("evaluate", "web"),
    ("cli",),
    ("__init__", "__main__"),  # the package root re-exports the api
]
LEVEL = {stage: level for level, group in enumerate(LAYERS) for stage in group}

# Inside ``corpus`` the same rule, one level down: each corpus stage is a
# folder (or a module) and imports only the stages before it in the flow.
CORPUS_LAYERS: list[tuple[str, ...]] = [
    ("summary",),       # the corpus tables' state, read without loading a stage
    ("dedupe",),
    ("chrome",),
    ("actors",),
    ("stories",),
    ("facts",),
    ("update",),        # runs the stages above in this order
    ("__init__",),
]
CORPUS_LEVEL = {stage: level for level, group in enumerate(CORPUS_LAYERS) for stage in group}

# Circles that are known and owned elsewhere; each must be gone soon, and the
# test below fails as soon as one is, so that it is taken off this list.
KNOWN_MODULE_CIRCLES: list[list[str]] = []


@dataclass(frozen=True, slots=True)
class Import:
    """One static import: the module that imports, the module it names, the line."""

    source: str
    target: str
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _known_modules() -> set[str]:
    return {_module_name(path) for path in PACKAGE.rglob("*.py")}


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a (possibly relative) ``from`` import names."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _deepest_module(name: str, known: set[str]) -> str | None:
    """The longest known module a dotted name starts with (names may end in a class)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def iter_imports() -> Iterator[Import]:
    """Every import of a ``newsweave`` module anywhere in the package."""
    known = _known_modules()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, module, path.name == "__init__.py")
                # "from pkg import sub" imports the submodule when there is one.
                names = [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                if not name.startswith("newsweave"):
                    continue
                target = _deepest_module(name, known)
                if target and target != module:
                    yield Import(module, target, node.lineno)


def stage_of(module: str) -> str:
    """``newsweave.resolve.dates`` -> ``resolve``; the package root -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def corpus_stage_of(module: str) -> str | None:
    """``newsweave.corpus.dedupe.copies`` -> ``dedupe``; None outside ``corpus``."""
    parts = module.split(".")
    if parts[:2] != ["newsweave", "corpus"]:
        return None
    return parts[2] if len(parts) > 2 else "__init__"


def corpus_upward_imports(imports: list[Import]) -> list[str]:
    """Imports from a corpus stage into one after it (or beside it) in CORPUS_LAYERS."""
    found = []
    for imp in imports:
        source, target = corpus_stage_of(imp.source), corpus_stage_of(imp.target)
        if source is None or target is None or source == target:
            continue
        if CORPUS_LEVEL[target] >= CORPUS_LEVEL[source]:
            found.append(f"{imp.source}:{imp.line} -> {imp.target} "
                         f"(corpus {source} imports corpus {target}, which is not before it)")
    return found


def upward_imports(imports: list[Import]) -> list[str]:
    """Imports from a stage into one above it (or beside it) in LAYERS."""
    found = []
    for imp in imports:
        source, target = stage_of(imp.source), stage_of(imp.target)
        if source == target:
            continue
        if LEVEL[target] >= LEVEL[source]:
            found.append(f"{imp.source}:{imp.line} -> {imp.target} "
                         f"({source} imports {target}, which is not below it)")
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def _is_ancestor(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def stage_cycles(imports: list[Import]) -> list[list[str]]:
    """Circles between stages."""
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports:
        source, target = stage_of(imp.source), stage_of(imp.target)
        if source != target:
            edges[source].add(target)
    return _cycles(edges)


def module_cycles(imports: list[Import]) -> list[list[str]]:
    """Circles between single modules.

    A module importing its own package's ``__init__`` (or the reverse) is left
    out: a package re-exporting its modules is not a circle between stages of
    work, and Python resolves it by loading the submodule first.
    """
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports:
        if _is_ancestor(imp.target, imp.source) or _is_ancestor(imp.source, imp.target):
            continue
        edges[imp.source].add(imp.target)
    return _cycles(edges)


def _violations() -> list[str]:
    imports = list(iter_imports())
    unknown = sorted({stage_of(imp.source) for imp in imports} - set(LEVEL))
    found = [f"stage {name!r} is missing from LAYERS" for name in unknown]
    if unknown:
        return found
    unknown_corpus = sorted({corpus_stage_of(_module_name(path))
                             for path in (PACKAGE / "corpus").rglob("*.py")} - set(CORPUS_LEVEL))
    found += [f"corpus stage {name!r} is missing from CORPUS_LAYERS" for name in unknown_corpus]
    found += upward_imports(imports)
    found += corpus_upward_imports(imports)
    found += [f"stage circle: {' <-> '.join(cycle)}" for cycle in stage_cycles(imports)]
    found += [f"module circle: {' <-> '.join(cycle)}" for cycle in module_cycles(imports)
              if cycle not in KNOWN_MODULE_CIRCLES]
    return found


def test_every_stage_is_in_layers() -> None:
    stages = {stage_of(_module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert stages <= set(LEVEL), sorted(stages - set(LEVEL))


def test_the_walker_sees_imports_inside_functions() -> None:
    # annotate.load_nlp imports its components lazily; the walker must see it.
    imports = list(iter_imports())
    assert any(imp.source == "newsweave.annotate" and imp.target == "newsweave.annotate.components"
               for imp in imports)


def test_no_upward_import_and_no_circle() -> None:
    found = _violations()
    assert not found, "\n" + "\n".join(found)


def test_known_module_circles_are_still_there() -> None:
    circles = module_cycles(list(iter_imports()))
    gone = [known for known in KNOWN_MODULE_CIRCLES if known not in circles]
    assert not gone, f"no longer a circle, take it off KNOWN_MODULE_CIRCLES: {gone}"


def test_the_corpus_stages_are_folders_in_flow_order() -> None:
    folders = {path.parent.name for path in (PACKAGE / "corpus").glob("*/__init__.py")}
    assert folders == {"dedupe", "chrome", "actors", "stories", "facts"}
    assert folders <= set(CORPUS_LEVEL)


def test_the_corpus_check_catches_an_import_of_a_later_stage() -> None:
    imports = [Import("newsweave.corpus.dedupe.copies", "newsweave.corpus.stories.place", 3),
               Import("newsweave.corpus.facts.rewrite", "newsweave.corpus.chrome.paragraphs", 4),
               Import("newsweave.corpus.update", "newsweave.store.db", 5)]
    assert corpus_upward_imports(imports) == [
        ("newsweave.corpus.dedupe.copies:3 -> newsweave.corpus.stories.place "
         "(corpus dedupe imports corpus stories, which is not before it)")]


def test_the_checks_catch_a_circle_and_an_upward_import() -> None:
    imports = [Import("newsweave.clean.a", "newsweave.store.b", 1),
               Import("newsweave.store.b", "newsweave.clean.a", 2)]
    assert upward_imports(imports) == [
        "newsweave.clean.a:1 -> newsweave.store.b (clean imports store, which is not below it)"]
    assert stage_cycles(imports) == [["clean", "store"]]
    assert module_cycles(imports) == [["newsweave.clean.a", "newsweave.store.b"]]
