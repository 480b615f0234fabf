"""Audit the locked dependencies (requirements/lock.txt) for known vulnerabilities with
pip-audit, when its vulnerability data (PyPI's advisory database, served with each
release's JSON) can be reached; when it cannot, say so and stop without failing.

    python scripts/audit.py            # what `make audit` runs

pip-audit itself is installed from requirements/audit.txt (hash-pinned) into .venv-audit,
apart from tidings' own environment. Exit status: 0 clean or skipped, 1 vulnerabilities
found (pip-audit lists them), 2 the audit could not run.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.error
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# pip-audit's default service asks PyPI's JSON API about each pinned release; a release's
# document carries its "vulnerabilities". A mirror that serves packages but not these
# documents (404) has no vulnerability data: the audit would check nothing.
SERVICE = "https://pypi.org/pypi/pip/24.0/json"
TOOL_VENV = ROOT / ".venv-audit"


def reachable(url: str) -> str | None:
    """None when ``url`` answers with a release document holding vulnerability data, else
    why not."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            document = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return str(getattr(exc, "reason", exc))
    if not isinstance(document, dict) or "vulnerabilities" not in document:
        return "the answer holds no vulnerability data"
    return None


def tool() -> Path:
    """The audit environment's python, with pip-audit installed from audit.txt."""
    python = TOOL_VENV / "bin" / "python"
    if not python.exists():
        venv.create(TOOL_VENV, with_pip=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--require-hashes", "-r",
                    str(ROOT / "requirements" / "audit.txt")], check=True)
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--service-url", default=SERVICE,
                        help="URL probed to decide whether the data can be reached")
    parser.add_argument("--lock", default=str(ROOT / "requirements" / "lock.txt"))
    args = parser.parse_args()
    why = reachable(args.service_url)
    if why is not None:
        print(f"audit skipped: the vulnerability data at {args.service_url} is not reachable "
              f"({why}); run `make audit` where PyPI can be reached")
        return 0
    try:
        python = tool()
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"audit could not run: installing pip-audit failed ({exc})", file=sys.stderr)
        return 2
    print(f"audit: checking {args.lock} against PyPI's vulnerability data", flush=True)
    result = subprocess.run([str(python), "-m", "pip_audit", "--requirement", args.lock,
                             "--require-hashes", "--disable-pip", "--progress-spinner", "off",
                             "--vulnerability-service", "pypi"])
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
