"""`pip install .` (not editable) gives a working `customer-profile-bot` from any folder.

The wheel is built from this clone, installed into a fresh virtualenv of its own, and the
console is run from `/`, so nothing can come from the source tree: the catalogs, the fonts and
the migrations must all travel inside the package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from flows.i18n import Catalogs
from flows.questions import QUESTIONS
from tests.helpers import ROOT, clean_env


def test_an_installed_package_runs_the_console_in_persian_from_another_folder(
    tmp_path: Path, catalogs: Catalogs
) -> None:
    # Built from a copy: a build writes build/ and *.egg-info beside the sources.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "data", ".benchmark-data", "__pycache__", "*.egg-info",
        ".*_cache"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(source)], check=True, capture_output=True)
    (wheel,) = dist.glob("customer_profile_bot-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    assert {"flows/locales/fa/LC_MESSAGES/messages.po", "flows/fonts/Vazirmatn-Regular.ttf",
            "storage/migrations/0001_profiles.sql"} <= packed
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The dependencies come from this test run's environment (no download); the project itself
    # only from the wheel. A path in a .pth file is added without running that folder's own .pth
    # files, so this environment's editable install of the project is not picked up.
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)

    answers = "\n".join(["/start", "زنان ۲۵ تا ۴۰ ساله", "/language"]) + "\n"
    result = subprocess.run(
        [str(venv / "bin" / "customer-profile-bot"), "console", "--lang", "fa"],
        cwd="/", env={**clean_env(), "BOT_DB_PATH": str(tmp_path / "profiles")},
        input=answers, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    persian = catalogs.get("fa")
    second = persian.gettext("Question {number} of {total} · {title}").format(
        number=persian.number(2), total=persian.number(len(QUESTIONS)),
        title=persian.gettext(QUESTIONS[1].title))
    assert second in result.stdout  # the Persian catalog, found inside the package
    where = subprocess.run(
        [str(python), "-c", "import flows.i18n as i; print(i.LOCALES_DIR, i.__file__)"],
        cwd="/", check=True, capture_output=True, text=True).stdout
    assert str(ROOT) not in where and str(venv) in where  # nothing from the clone
