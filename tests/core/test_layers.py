"""Dependencies point one way (DESIGN.md): core <- classifiers <- domain <- reports/panels <- shell."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "classifiers", "surveys", "reports", "panels")
LAYERS = [
    ("core", ("app.config", "app.db", "app.queue", "app.audit", "app.org", "app.people",
              "app.auth", "app.timefmt", "app.workdays", "app.publicforms", "app.forms", "app.mail",
              "app.csvout", "app.oneline", "app.phrases", "app.languages", "app.claims")),
    ("classifiers", ("classifiers",)),
    ("domain", ("app.attachments", "app.feedback", "app.inbox", "app.learning", "app.cases", "app.actions",
                "app.contacts", "surveys")),
    ("outputs", ("reports", "panels")),
    ("shell", ("app",)),  # create_app, web, worker, cli, pages, staff, demo, ...
]


def layer_of(module):
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def modules():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).exists() else ():
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(p for p in parts if p != "__init__"), path


def imports_of(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_imports_point_one_way():
    wrong = []
    for module, path in modules():
        rank = layer_of(module)
        for imported in imports_of(path):
            target = layer_of(imported)
            if target is not None and target > rank:
                wrong.append(f"{module} ({LAYERS[rank][0]}) imports {imported} ({LAYERS[target][0]})")
    assert not wrong, "\n".join(wrong)


def test_classifiers_import_no_domain_package():
    for module, path in modules():
        if module.startswith("classifiers"):
            for imported in imports_of(path):
                assert layer_of(imported) in (None, 0, 1), f"{module} imports {imported}"


def test_no_module_is_over_400_lines():
    too_long = [f"{path.relative_to(ROOT)}: {n}" for _, path in modules()
                if (n := len(path.read_text().splitlines())) > 400]
    assert not too_long, too_long


def test_web_process_never_imports_torch(tmp_path):
    script = (
        "import sys\n"
        "from app import create_app\n"
        f"app = create_app({{'instance_path': {str(tmp_path)!r}, 'huey_immediate': True}})\n"
        "from app.schema import upgrade\n"
        "from app.db import db\n"
        "upgrade(db.obj)\n"
        "client = app.test_client()\n"
        "for url in ('/', '/healthz', '/staff/login', '/staff/'):\n"
        "    client.get(url)\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'torch imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
