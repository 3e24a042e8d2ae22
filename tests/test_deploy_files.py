"""The deployment files (deploy/, docs/deployment.md): nginx accepts the site config, its body
limit is above the app's, the systemd units run commands that exist, and the env example names
only settings that exist. Also the helpers tests/e2e/test_deployment.py runs them with."""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from core.analysis.isolation import TIME_LIMIT_S
from core.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "auditeng.conf"
UNITS = DEPLOY / "systemd"
ENV_EXAMPLE = DEPLOY / "auditeng.env.example"
NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")
# Where the units expect the clone and its virtualenv; here they are ROOT and sys.executable.
INSTALL_DIR = "/opt/auditeng"
VENV_BIN = f"{INSTALL_DIR}/venv/bin/"
SITE_LISTEN = "listen 80;"
SITE_APPS = ("127.0.0.1:8501", "127.0.0.1:8502")
SITE_LOG_DIR = "/var/log/nginx/"


def require_nginx() -> Path:
    if NGINX.exists():
        return NGINX
    if os.environ.get("CI") == "true":
        pytest.fail(f"{NGINX} is required in CI (Debian package nginx)")
    pytest.skip(f"{NGINX} is not installed")


def render_site(listen_port: int, app_ports: tuple[int, int], log_dir: Path) -> str:
    """deploy/nginx/auditeng.conf with only its ports and log directory replaced."""
    text = SITE.read_text(encoding="utf-8")
    replacements = [
        (SITE_LISTEN, f"listen 127.0.0.1:{listen_port};"),
        *((old, f"127.0.0.1:{port}") for old, port in zip(SITE_APPS, app_ports, strict=True)),
        (SITE_LOG_DIR, f"{log_dir}/"),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, f"{SITE.name} should hold {old!r} exactly once"
        text = text.replace(old, new)
    return text


def write_nginx_config(folder: Path, listen_port: int, app_ports: tuple[int, int]) -> Path:
    """The rendered site inside a main config of its own, as /etc/nginx/nginx.conf includes it
    on a packaged install, with every file nginx writes under `folder`."""
    (folder / "auditeng.conf").write_text(render_site(listen_port, app_ports, folder), "utf-8")
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as nobody, who cannot enter pytest's private tmp dir.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"lock_file {folder / 'nginx.lock'};\nerror_log {folder / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {folder / 'auditeng.conf'};\n}}\n",
        encoding="utf-8",
    )
    return main


def nginx_command(folder: Path, *options: str) -> list[str]:
    """nginx on `folder`'s config, its prefix and error log there too (nothing in /etc, /var)."""
    return [str(NGINX), "-p", f"{folder}/", "-c", str(folder / "nginx.conf"),
            "-e", str(folder / "error.log"), *options]  # fmt: skip


def unit_settings(unit: str) -> dict[str, list[str]]:
    """A systemd unit's [Service] and [Unit] settings, each name with its values in order."""
    settings: dict[str, list[str]] = {}
    for line in (UNITS / unit).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            name, value = line.split("=", 1)
            settings.setdefault(name.strip(), []).append(value.strip())
    return settings


def unit_command(unit: str, instance: str = "") -> list[str]:
    """The unit's ExecStart as it runs from this clone: `%i` the instance, the virtualenv's
    python and streamlit this interpreter."""
    (exec_start,) = unit_settings(unit)["ExecStart"]
    program, *arguments = shlex.split(exec_start.replace("%i", instance))
    assert program.startswith(VENV_BIN), f"{unit} runs {program}, not from {VENV_BIN}"
    launcher = {"python": [sys.executable], "streamlit": [sys.executable, "-m", "streamlit"]}
    return [*launcher[program.removeprefix(VENV_BIN)], *arguments]


def env_example() -> dict[str, str]:
    """deploy/auditeng.env.example as systemd's EnvironmentFile reads it (NAME=value lines)."""
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, value = line.split("=", 1)
            values[name] = value
    return values


def _size_mb(value: str) -> float:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()  # type: ignore[union-attr]
    return int(number) * {"k": 1 / 1024, "": 1 / 1024**2, "m": 1, "g": 1024}[unit.lower()]


def test_nginx_accepts_the_site_config(tmp_path: Path) -> None:
    require_nginx()
    write_nginx_config(tmp_path, 8080, (8501, 8502))
    result = subprocess.run(nginx_command(tmp_path, "-t"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_nginx_body_limit_is_above_every_upload_limit() -> None:
    (limit,) = re.findall(r"^\s*client_max_body_size\s+(\S+);", SITE.read_text(), re.M)
    streamlit_limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    example = env_example()
    app_limits = [
        Settings.model_fields["max_upload_mb"].default,
        streamlit_limit["maxUploadSize"],
        int(example["AUDITENG_MAX_UPLOAD_MB"]),
        int(example["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"]),
    ]
    # A multipart body is larger than its file; Streamlit itself allows 1 MB for that.
    assert _size_mb(limit) >= max(app_limits) + 1, (limit, app_limits)


@pytest.mark.parametrize(
    ("unit", "instance"),
    [("auditeng-app@.service", "8501"), ("auditeng-worker@.service", "1"),
     ("auditeng-migrate.service", "")],
)  # fmt: skip
def test_unit_runs_a_command_that_exists(unit: str, instance: str) -> None:
    settings = unit_settings(unit)
    assert settings["WorkingDirectory"] == [INSTALL_DIR]
    assert settings["User"] != ["root"] and settings["User"]
    assert settings["EnvironmentFile"] == ["/etc/auditeng/auditeng.env"]
    command = unit_command(unit, instance)
    if command[1:3] == ["-m", "streamlit"]:
        assert command[3] == "run" and (ROOT / command[4]).is_file()
        options = streamlit_config.get_config_options()
        flags = [arg.removeprefix("--") for arg in command[5:] if arg.startswith("--")]
        assert flags and all(flag in options for flag in flags), flags
        assert "--server.port" in command and "8501" in command
    else:
        assert command[1:3] == ["-m", "core"]
        result = subprocess.run([*command, "--help"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    if unit != "auditeng-migrate.service":
        assert settings["Restart"] == ["on-failure"]
        assert "auditeng-migrate.service" in settings["After"][0].split()


def test_worker_unit_lets_running_analyses_finish() -> None:
    settings = unit_settings("auditeng-worker@.service")
    assert settings["KillSignal"] == ["SIGTERM"]
    assert settings["KillMode"] == ["mixed"]  # SIGTERM to the worker, not to its analyses
    assert int(settings["TimeoutStopSec"][0]) > TIME_LIMIT_S


def test_env_example_names_only_settings_that_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    example = env_example()
    fields = {  # DATABASE_URL is an alias without the prefix
        name.upper() for name, field in Settings.model_fields.items() if not field.validation_alias
    }
    streamlit_names = {o.env_var for o in streamlit_config.get_config_options().values()}
    for name in example:
        assert (
            name == "DATABASE_URL"
            or (name.startswith("AUDITENG_") and name.removeprefix("AUDITENG_") in fields)
            or name in streamlit_names
        ), f"{name} in {ENV_EXAMPLE.name} is read by nothing"
    for name, value in example.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.env == "production" and settings.cookie_key
    assert settings.public_url and settings.database_url.startswith("postgresql+psycopg://")
