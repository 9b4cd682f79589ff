"""docs/operations.md lists every setting read from the environment, and the deploy files it names exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_environment_setting_is_documented_with_its_default():
    settings_source = (ROOT / "wijkplatform" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', settings_source))
    assert {"DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"} <= names
    doc = (ROOT / "docs" / "operations.md").read_text()
    rows = {name for name in names if re.search(rf"^\| `{name}`[^|]*\| [^|]+ \|", doc, re.MULTILINE)}
    assert names - rows == set(), "add these to the settings table in docs/operations.md"


def test_the_deploy_files_the_docs_name_exist():
    doc = (ROOT / "docs" / "operations.md").read_text()
    for path in sorted(set(re.findall(r"`(deploy/[A-Za-z0-9_./-]+)`", doc))):
        if "{" not in path:
            assert (ROOT / path).exists(), path
    for unit in ("web", "worker", "beat", "backup"):
        assert (ROOT / "deploy" / "systemd" / f"wijkplatform-{unit}.service").exists()
