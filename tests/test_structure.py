"""The package's shape: stages as packages, imports that run one way, no cycles,
no module too long to read, and a command line that nothing imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "monitor"
MAX_MODULE_LINES = 600
MAX_CLI_LINES = 400

# Each part of the monitor, with its layer: a module may import its own part and
# the parts of lower layers, never a higher one. The stages read bottom-up as
# the pipeline runs: shared basics, the store, crawl, analysis (nlp, classify),
# evaluation and publishing, the pipeline that runs them, the command line.
LAYERS = {
    "monitor": 0,  # __init__
    "monitor.settings": 0,
    "monitor.setting_rules": 0,
    "monitor.dates": 0,
    "monitor.urls": 0,
    "monitor.codebook": 0,
    "monitor.country_names": 0,
    "monitor.pages": 0,
    "monitor.interrupt": 0,
    "monitor.progress": 0,
    "monitor.content_checks": 0,
    "monitor.store": 1,
    "monitor.crawl": 2,
    "monitor.nlp": 3,
    "monitor.classify": 3,
    "monitor.analysis": 4,
    "monitor.demo": 5,
    "monitor.evaluation": 5,
    "monitor.publish": 5,
    "monitor.pipeline": 6,
    "monitor.backfill": 6,  # web archives on Dask: crawl, analysis and store reused
    "monitor.commands": 7,
    "monitor.cli": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def part_of(name: str) -> str:
    """The entry of LAYERS a module belongs to (its longest matching prefix)."""
    candidates = [part for part in LAYERS if name == part or name.startswith(part + ".")]
    assert candidates, f"{name} is in no layer: add it to LAYERS in {__file__}"
    return max(candidates, key=len)


def monitor_imports(path: Path, name: str, top_level_only: bool) -> set[str]:
    """The monitor modules ``path`` imports (at module level only, when asked)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    known = modules()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("monitor")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("monitor"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    found.discard(name)
    return found


def test_every_module_belongs_to_a_layer():
    for name in modules():
        part_of(name)


def test_imports_never_reach_up_to_a_later_stage():
    wrong = []
    for name, path in modules().items():
        layer = LAYERS[part_of(name)]
        for imported in monitor_imports(path, name, top_level_only=False):
            if LAYERS[part_of(imported)] > layer:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_no_import_cycles_between_modules():
    graph = {
        name: {m for m in monitor_imports(path, name, top_level_only=False) if m in modules()}
        for name, path in modules().items()
    }
    # A package's __init__ importing its own submodules (re-exports) is not a cycle
    # through the package: edges from a submodule to its package are left out.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_module_is_too_long_to_read():
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_the_command_line_is_thin_and_imported_by_nothing():
    assert len((PACKAGE / "cli.py").read_text(encoding="utf-8").splitlines()) < MAX_CLI_LINES
    importers = [
        name
        for name, path in modules().items()
        if "monitor.cli" in monitor_imports(path, name, top_level_only=False)
    ]
    assert importers == []


def test_a_cycle_or_an_upward_import_would_be_caught(tmp_path):
    """The checks above can fail: the import reader sees both kinds of import."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from monitor import store\nfrom monitor.publish.digest import Period\n"
        "def f():\n    import monitor.cli\n",
        encoding="utf-8",
    )
    found = monitor_imports(sample, "sample", top_level_only=False)
    assert {"monitor.store", "monitor.publish.digest", "monitor.cli"} <= found
    assert LAYERS[part_of("monitor.publish.digest")] > LAYERS[part_of("monitor.store")]
