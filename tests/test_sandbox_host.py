"""The host stays untouched whatever a code answer does, checked from this process (hashes, mtimes and
listings of the host's files), not by the child's word.

Attacks go through real libraries' writers, including C-level ones that raise no audit event (scipy's
Matrix Market writer `scipy.io.mmwrite`, `numpy.ndarray.tofile`, `numpy.save` with a path, `shutil`
reached through sympy), aimed at `/dev/shm`, `/etc` (`/etc/ld.so.preload`), the interpreter's stdlib
and site-packages, the project checkout and the host's /tmp. Each attack runs twice: with every layer on
(the answer is still graded correct: the sandbox need not refuse it, only contain it), and with the
audit hook and seccomp off, so that bubblewrap's read-only file system alone must stop the writes. Also
here: who the code runs as, what it can see, and the fail-closed behaviour without bubblewrap.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from sandbox_support import bwrap_fixture  # noqa: F401 - the `bwrap` fixture

from qftdata.rewards import AccuracyReward
from qftdata.verify import sandbox
from qftdata.verify.code import CodeCase, CodeSpec, Param, verify_code
from qftdata.verify.sandbox import FALLBACK_ENV, SandboxLimits, decode_tagged, run_function, run_many

REPO = Path(__file__).resolve().parents[1]
SITE = Path(importlib.util.find_spec("numpy").origin).parents[1]
LIMITS = SandboxLimits(startup_s=60.0, cpu_s=30.0)
KERNEL_ONLY = SandboxLimits(startup_s=60.0, cpu_s=30.0, audit_hook=False, seccomp=False, nproc=256)
SPEC = CodeSpec("f", (Param("x"),), "float", (CodeCase({"x": 1.5}, 3.0),))
PRELOAD = Path("/etc/ld.so.preload")

# Writable host directories an attacker would aim at; decoys are existing host files to overwrite.
TARGET_DIRS = {"dev_shm": Path("/dev/shm"), "etc": Path("/etc"), "site_packages": SITE,
               "numpy_package": SITE / "numpy", "stdlib": Path(os.__file__).parent,
               "interpreter_bin": Path(sys.executable).parent, "checkout": REPO,
               "checkout_tests": REPO / "tests",
               "host_tmp": Path(tempfile.gettempdir())}
DECOY_DIRS = ("dev_shm", "numpy_package", "stdlib", "checkout_tests", "host_tmp")

ATTACK = '''
import numpy as np
import sympy

TARGETS = {targets!r}


def writers(path):
    def matrix_market():  # C++ writer, no audit event
        import scipy.io
        scipy.io.mmwrite(path, np.eye(2))

    def tofile():
        np.arange(3.0).tofile(path)

    def save():
        np.save(path, np.arange(3.0))

    def shutil_copy():  # shutil reached through library code, not imported by the solution
        with open("payload.txt", "w") as fh:
            fh.write("pwned")
        sympy.external.import_module("shutil").copyfile("payload.txt", path)

    def python_open():
        with open(path, "a") as fh:
            fh.write("pwned")

    return matrix_market, tofile, save, shutil_copy, python_open


def f(x):
    seen = set()
    for path in TARGETS:
        for write in writers(path):
            try:
                write()
                seen.add(write.__name__ + ":written")
            except BaseException as exc:
                seen.add(write.__name__ + ":" + type(exc).__name__ + ":" + str(getattr(exc, "errno", "")))
    return 2 * x, ",".join(sorted(seen))
'''


def _state(path: Path) -> tuple | None:
    try:
        st = path.stat()
        return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size
    except OSError:
        return None


@pytest.fixture
def host():
    """Decoy files in the target directories, and a snapshot function of everything the attacks aim at;
    removes every file carrying this test's token afterwards (also when the sandbox failed)."""
    token = f"qft-sandbox-{uuid.uuid4().hex[:12]}"
    dirs = {k: d for k, d in TARGET_DIRS.items() if d.is_dir()}
    decoys = []
    for key in DECOY_DIRS:
        if key in dirs:
            path = dirs[key] / f"{token}-decoy.txt"
            try:
                path.write_text("host file, must not change\n")
            except OSError:  # a directory this user cannot write: only the new-file attacks aim there
                continue
            decoys.append(path)
    preload_before = _state(PRELOAD)

    def snapshot() -> dict:
        return {"decoys": {str(p): _state(p) for p in decoys}, "preload": _state(PRELOAD),
                "listing": {k: sorted(n for n in os.listdir(d) if token in n) for k, d in dirs.items()}}

    targets = [str(d / f"{token}-new") for d in dirs.values()] + [str(p) for p in decoys] + [str(PRELOAD)]
    try:
        yield targets, snapshot
    finally:
        for d in dirs.values():
            for name in os.listdir(d):
                if token in name:
                    p = d / name
                    shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        if preload_before is None and PRELOAD.exists():
            PRELOAD.unlink()


def test_c_level_writes_leave_the_host_untouched(bwrap, host):
    targets, snapshot = host
    before = snapshot()
    assert all(before["decoys"].values())  # the listings hold just the decoys
    src = ATTACK.format(targets=targets)
    jobs = [{"source": src, "function": "f", "cases": [{"x": 1.5}], "timeout": 60.0, "limits": limits}
            for limits in (LIMITS, KERNEL_ONLY)]
    layered, kernel_only = run_many(jobs, max_workers=2)
    # graded through the real front door, the attack is a correct answer: the sandbox contains, not judges
    graded = verify_code(f"```python\n{src}\n_attack = f\ndef f(x):\n    return _attack(x)[0]\n```", SPEC,
                         timeout=60.0, limits=LIMITS)
    assert snapshot() == before  # no decoy changed, no new file anywhere, /etc/ld.so.preload as it was
    assert graded.status == "correct", graded
    for res in (layered, kernel_only):
        assert res.status == "ok", res
        assert decode_tagged(res.outputs[0])[0] == 3.0
    # With the Python layers off, the writers really ran and the kernel refused them (EROFS = 30); only the
    # sandbox's private /tmp took writes, and the host's /tmp did not see them (snapshot above). The C++
    # Matrix Market writer reports no error when it cannot open its file: the snapshot is the evidence.
    # numpy's C `tofile` imports `os` from the solution's frame, which the import allow-list refuses.
    how = decode_tagged(kernel_only.outputs[0])[1]
    for writer in ("save", "shutil_copy", "python_open"):
        assert f"{writer}:OSError:30" in how and f"{writer}:written" in how, how
    assert "matrix_market:written" in how and "tofile:ImportError" in how, how
    # With the layers on, the audit hook already refuses the C writer's module.
    assert "matrix_market:PermissionError:None" in decode_tagged(layered.outputs[0])[1]


def test_identity_and_view_inside(bwrap):
    """Unprivileged inside (uid/gid 65534, no capabilities, no new privileges, seccomp on), and the host's
    files outside the interpreter and the allowed libraries do not exist for C-level readers."""
    host_only = Path(tempfile.gettempdir()) / f"qft-sandbox-{uuid.uuid4().hex[:12]}-host-only"
    hidden = [str(Path(__file__)), str(REPO / "README.md"), "/etc/passwd", "/etc/shadow", "/etc/hostname",
              str(host_only)]
    hidden += [str(SITE / name) for name in ("torch", "transformers", "gradio") if (SITE / name).exists()]
    src = f'''import sympy
def f(x):
    os = sympy.external.import_module("os")
    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
    ids = (os.getuid(), os.geteuid(), os.getgid(), os.getegid())
    keys = ("CapEff", "CapPrm", "CapBnd", "NoNewPrivs", "Seccomp")
    return ids, tuple(status[k].strip() for k in keys), tuple(os.path.exists(p) for p in {hidden!r}), \\
        sorted(os.listdir("/dev/shm")), os.uname().nodename
'''
    host_only.write_text("host only")
    try:
        res = run_function(src, "f", [{"x": 0.0}], timeout=30.0, limits=SandboxLimits(startup_s=60.0,
                                                                                       audit_hook=False))
    finally:
        host_only.unlink()
    assert res.status == "ok", res
    ids, status, visible, shm, hostname = decode_tagged(res.outputs[0])
    assert ids == [65534] * 4
    assert status == ["0000000000000000", "0000000000000000", "0000000000000000", "1", "2"]
    assert dict(zip(hidden, visible, strict=True)) == dict.fromkeys(hidden, False)
    assert shm == [] and hostname == "sandbox"


def test_root_only_files_stay_unreadable_when_the_sandbox_is_unprivileged_outside(bwrap):
    """A root grader starts bwrap as uid 65534 when it can: then the child is no one outside either."""
    if os.geteuid() != 0 or bwrap.run_as is None:
        pytest.skip(f"the sandbox keeps the grader's uid outside here: {bwrap.description}")
    secret = SITE / "numpy" / f"qft-sandbox-{uuid.uuid4().hex[:12]}-secret.txt"
    secret.write_text("root only")
    secret.chmod(0o600)
    try:
        res = run_function(f"def f(x):\n    return open({str(secret)!r}).read()", "f", [{"x": 0.0}],
                           timeout=30.0, limits=SandboxLimits(startup_s=60.0, audit_hook=False))
    finally:
        secret.unlink()
    assert res.status == "error" and "PermissionError" in res.error, res


# ----------------------------------------------------------------------------- fail closed


@pytest.fixture
def no_bwrap(monkeypatch):
    """This process as if bubblewrap were not installed (a name that resolves to nothing on PATH)."""
    monkeypatch.setattr(sandbox, "BWRAP", f"qft-no-such-bwrap-{uuid.uuid4().hex[:8]}")
    monkeypatch.setattr(sandbox, "_ISOLATION", None)
    monkeypatch.setattr(sandbox, "_WARNED", set())
    monkeypatch.delenv(FALLBACK_ENV, raising=False)


def test_without_bwrap_code_is_not_run_and_the_reward_skips_it(no_bwrap, caplog):
    looping = "```python\nwhile True:\n    pass\ndef f(x):\n    return 2*x\n```"  # would time out if run
    with caplog.at_level(logging.WARNING, logger="qftdata.verify.sandbox"):
        verdicts = [verify_code(looping, SPEC, timeout=5.0) for _ in range(3)]
    assert {v.status for v in verdicts} == {"sandbox_unavailable"}
    assert "bubblewrap is not installed" in verdicts[0].reason
    warnings = [r for r in caplog.records if r.name == "qftdata.verify.sandbox"]
    assert len(warnings) == 1 and "bubblewrap is not installed" in warnings[0].getMessage()
    assert FALLBACK_ENV in warnings[0].getMessage()
    reward = AccuracyReward(timeout=5.0)([looping, "no code"], answer=["", ""], answer_type=["code", "code"],
                                         code=[SPEC.to_json()] * 2)
    assert reward == [None, 0.0]  # not executed: skipped, not punished; no code at all: 0
    from qftdata.verify import verify

    assert verify(looping, "", answer_type="code", code=SPEC.to_json()).status == "sandbox_unavailable"


def test_the_weaker_fallback_is_opt_in(no_bwrap, monkeypatch, tmp_path, caplog):
    monkeypatch.setenv(FALLBACK_ENV, "1")
    target = tmp_path / "pwned.txt"
    with caplog.at_level(logging.WARNING, logger="qftdata.verify.sandbox"):
        good = verify_code("```python\ndef f(x):\n    return 2*x\n```", SPEC, timeout=10.0, limits=LIMITS)
        bad = verify_code(f"```python\ndef f(x):\n    open({str(target)!r}, 'w')\n    return 2*x\n```", SPEC,
                          timeout=10.0, limits=LIMITS)
    assert (good.status, bad.status) == ("correct", "incorrect")  # the Python layers still refuse the write
    assert not target.exists()
    assert any("WITHOUT bubblewrap" in r.getMessage() for r in caplog.records)
    refused = SandboxLimits(startup_s=60.0, fallback=False)  # the explicit flag wins over the environment
    assert verify_code("```python\ndef f(x):\n    return 2*x\n```", SPEC, limits=refused).status == \
        "sandbox_unavailable"


def test_without_user_namespaces_bwrap_says_why(bwrap):
    """A real bwrap where user namespaces are exhausted (user.max_user_namespaces = 0 inside a user
    namespace of our own): the verdict is sandbox_unavailable, naming bwrap's own complaint."""
    if not shutil.which("unshare"):
        pytest.skip("needs util-linux unshare")
    script = ("import json\nfrom qftdata.verify.code import verify_code\n"
              f"v = verify_code('```python\\ndef f(x):\\n    return 2*x\\n```', {SPEC.to_json()!r})\n"
              "print(json.dumps([v.status, v.reason]))\n")
    shell = ("echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" -c \"$1\"")
    proc = subprocess.run(["unshare", "--user", "--map-root-user", "sh", "-c", shell, sys.executable, script],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, FALLBACK_ENV: ""})
    if proc.returncode != 0 and "max_user_namespaces" in proc.stderr:
        pytest.skip(f"cannot limit user namespaces here: {proc.stderr.strip()[-200:]}")
    status, reason = json.loads(proc.stdout.strip().splitlines()[-1])
    assert status == "sandbox_unavailable", (status, reason, proc.stderr[-500:])
    assert "bwrap" in reason and "namespace" in reason, reason
