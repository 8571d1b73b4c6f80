"""Adversarial tests of the code sandbox: every attack ends as a clean incorrect/timeout verdict, with the
parent (this pytest process) and the machine unharmed; honest solutions of every output type pass.

Attacks that need `os` use a well-known escape (object.__subclasses__() -> os._wrap_close -> os globals),
so that the audit-hook layer is tested, not only the import allow-list. All run under bubblewrap (the
`bwrap` fixture); tests/test_sandbox_host.py checks the host file system from outside.
"""

from __future__ import annotations

import os
import time

import pytest
from sandbox_support import bwrap_fixture  # noqa: F401 - the `bwrap` fixture

from qftdata.verify.code import CodeCase, CodeSpec, Param, verify_code, verify_code_batch
from qftdata.verify.sandbox import SandboxLimits, run_function

pytestmark = pytest.mark.usefixtures("bwrap")

LIMITS = SandboxLimits(memory_mb=768, fsize_kb=256, startup_s=30.0, cpu_s=20.0)
TIMEOUT = 1.5
ESCAPE = ("OS = [c for c in ().__class__.__base__.__subclasses__() "
          "if c.__name__ == '_wrap_close'][0].__init__.__globals__\n")

FLOAT_SPEC = CodeSpec(function="f", params=(Param("x", "float"),), returns="float",
                      cases=(CodeCase({"x": 1.5}, 3.0), CodeCase({"x": -2.0}, -4.0)))


def fenced(src: str) -> str:
    return f"Here is my solution.\n\n```python\n{src}\n```\n"


def grade(src: str, spec: CodeSpec = FLOAT_SPEC, timeout: float = TIMEOUT):
    return verify_code(fenced(src), spec, timeout=timeout, limits=LIMITS)


def str_spec(expected: str) -> CodeSpec:
    return CodeSpec(function="f", params=(Param("x", "float"),), returns="str",
                    cases=(CodeCase({"x": 1.0}, expected),))


# ----------------------------------------------------------------------------- honest solutions


@pytest.mark.parametrize("src,returns,expected", [
    # plain float
    ("def f(x):\n    return 2*x", "float", 3.0),
    # numpy scalar and array -> list
    ("import numpy as np\ndef f(x):\n    return np.float64(2*x)", "float", 3.0),
    ("import numpy as np\ndef f(x):\n    return np.arange(3)*x", "list[float]", [0.0, 1.5, 3.0]),
    # scipy special function: Gamma(1.5) = sqrt(pi)/2
    ("from scipy.special import gamma\ndef f(x):\n    return gamma(x)", "float", 0.886226925452758),
    # sympy exact number
    ("import sympy\ndef f(x):\n    return sympy.Rational(3, 2)*sympy.Integer(2)", "float", 3.0),
    # complex, tuple, bool, str
    ("import cmath\ndef f(x):\n    return cmath.exp(1j*cmath.pi*x)", "complex", [0.0, -1.0]),
    ("def f(x):\n    return (x, complex(0, x), x > 1, 'spacelike')", "tuple[float, complex, bool, str]",
     [1.5, [0.0, 1.5], True, "spacelike"]),
    ("def f(x):\n    return x > 1", "bool", True),
    ("def f(x):\n    return ' timelike '", "str", "timelike"),
    # mpmath and fractions
    ("import mpmath\ndef f(x):\n    return mpmath.zeta(2)", "float", 1.6449340668482264),
    ("from fractions import Fraction\ndef f(x):\n    return Fraction(3, 2)", "float", 1.5),
])
def test_correct_solutions_pass(src, returns, expected):
    spec = CodeSpec(function="f", params=(Param("x", "float"),), returns=returns,
                    cases=(CodeCase({"x": 1.5}, expected),), atol=1e-9)
    v = grade(src, spec, timeout=10.0)
    assert v.status == "correct", v


def test_wrong_value_is_incorrect():
    v = grade("def f(x):\n    return 2*x + 1e-3")
    assert v.status == "incorrect" and "case 0" in v.reason


def test_tolerance_absolute_and_relative():
    src = "def f(x):\n    return 1e6*x*(1 + 1e-8)"
    spec_abs = CodeSpec("f", (Param("x"),), "float", (CodeCase({"x": 1.0}, 1e6),))  # atol 1e-6 only
    spec_rel = CodeSpec("f", (Param("x"),), "float", (CodeCase({"x": 1.0}, 1e6, atol=0.0, rtol=1e-7),))
    assert grade(src, spec_abs).status == "incorrect"
    assert grade(src, spec_rel).status == "correct"


# ----------------------------------------------------------------------------- attacks


def test_infinite_loop_times_out():
    t0 = time.monotonic()
    v = grade("def f(x):\n    while True:\n        pass")
    assert v.status == "timeout", v
    assert time.monotonic() - t0 < TIMEOUT + 25


def test_infinite_loop_at_import_time_times_out():
    v = grade("while True:\n    pass\ndef f(x):\n    return 2*x")
    assert v.status == "timeout", v


@pytest.mark.parametrize("src", [
    ESCAPE + "def f(x):\n    while True:\n        OS['fork']()\n    return 2*x",
    ESCAPE + "def f(x):\n    OS['system']('echo pwned')\n    return 2*x",
    ESCAPE + "def f(x):\n    OS['posix_spawn']('/bin/sh', ['sh'], {})\n    return 2*x",
    ESCAPE + "def f(x):\n    OS['execv']('/bin/sh', ['sh'])\n    return 2*x",
    # leaving the process group (to survive the group kill) is refused by seccomp
    ESCAPE + "def f(x):\n    OS['setsid']()\n    return 2*x",
])
def test_fork_bomb_and_process_creation_are_refused(src):
    v = grade(src)
    assert v.status == "incorrect", v
    assert "not allowed" in v.reason or "not permitted" in v.reason


@pytest.mark.parametrize("src", [
    "def f(x):\n    b = bytearray(10**11)\n    return 2*x",
    "def f(x):\n    a = [0] * (10**10)\n    return 2*x",
    "def f(x):\n    keep = []\n    while True:\n        keep.append(bytearray(50 * 2**20))",
])
def test_memory_bomb(src):
    v = grade(src, timeout=5.0)
    assert v.status in ("incorrect", "timeout"), v
    assert v.status == "incorrect" or "limit" in v.reason


def test_huge_printed_output_is_harmless():
    v = grade("def f(x):\n    while True:\n        print('x' * 10**6)")
    assert v.status == "timeout", v


def test_huge_return_value_is_refused():
    assert grade("def f(x):\n    return 'x' * 10**7", str_spec("x")).status == "incorrect"
    assert grade("def f(x):\n    return list(range(10**6))").status == "incorrect"


def test_huge_file_is_capped_by_rlimit_fsize():
    v = grade("def f(x):\n    with open('big.bin', 'wb') as fh:\n        fh.write(b'x' * 10**8)\n    return 2*x")
    assert v.status == "incorrect", v


def test_writing_outside_the_temp_dir(tmp_path):
    target = tmp_path / "pwned.txt"
    v1 = grade(f"def f(x):\n    open({str(target)!r}, 'w').write('x')\n    return 2*x")
    v2 = grade(ESCAPE + f"def f(x):\n    OS['open']({str(target)!r}, OS['O_WRONLY'] | OS['O_CREAT'])\n"
               "    return 2*x")
    v3 = grade(ESCAPE + f"def f(x):\n    OS['mkdir']({str(tmp_path / 'd')!r})\n    return 2*x")
    assert (v1.status, v2.status, v3.status) == ("incorrect", "incorrect", "incorrect")
    assert not target.exists() and not (tmp_path / "d").exists()


def test_reading_etc_passwd():
    with open("/etc/passwd") as fh:
        first = fh.readline().strip()
    spec = str_spec(first)
    assert grade("def f(x):\n    return open('/etc/passwd').readline()", spec).status == "incorrect"
    assert grade(ESCAPE + "def f(x):\n    fd = OS['open']('/etc/passwd', 0)\n    return OS['read'](fd, 4096)"
                 ".decode().splitlines()[0]", spec).status == "incorrect"
    assert grade(ESCAPE + "def f(x):\n    return str(OS['listdir']('/etc'))", str_spec("x")).status == "incorrect"


def test_parent_environment_is_not_visible(monkeypatch):
    monkeypatch.setenv("QFT_SANDBOX_SECRET", "hunter2")
    spec = str_spec("hunter2")
    for src in (ESCAPE + "def f(x):\n    return OS['environ'].get('QFT_SANDBOX_SECRET', 'none')",
                ESCAPE + f"def f(x):\n    return open('/proc/{os.getpid()}/environ').read()",
                ESCAPE + "def f(x):\n    return str(dict(OS['environ']))"):
        v = grade(src, spec)
        assert v.status == "incorrect", v
        assert "hunter2" not in (v.pred_parsed or "")


def test_opening_a_socket():
    assert grade("import socket\ndef f(x):\n    return 2*x").status == "incorrect"
    for sock in ("sympy.external.import_module('socket').socket()",
                 "sympy.external.import_module('socket').create_connection(('1.1.1.1', 53), timeout=1)",
                 "OS['sys'].modules['_socket'].socket()"):
        v = grade(ESCAPE + f"import sympy, scipy.special\ndef f(x):\n    {sock}\n    return 2*x", timeout=10.0)
        assert v.status == "incorrect", v
    v = grade("import numpy\ndef f(x):\n    numpy.ctypeslib.ctypes.CDLL(None)\n    return 2*x")
    assert v.status == "incorrect" and "ctypes" in v.reason


def test_kill_the_parent():
    me = os.getpid()
    for src in (ESCAPE + f"def f(x):\n    OS['kill']({me}, 9)\n    return 2*x",
                ESCAPE + "def f(x):\n    OS['kill'](OS['getppid'](), 9)\n    return 2*x",
                ESCAPE + f"def f(x):\n    OS['killpg'](OS['getpgid']({me}), 9)\n    return 2*x"):
        v = grade(src)
        assert v.status == "incorrect", v
    assert os.getpid() == me  # still here


@pytest.mark.parametrize("src", [
    "import sys\ndef f(x):\n    sys.exit(0)",
    "def f(x):\n    raise SystemExit(0)",
    "raise SystemExit(0)\ndef f(x):\n    return 2*x",
    ESCAPE + "def f(x):\n    OS['_exit'](0)",
    "def f(x):\n    raise KeyboardInterrupt",
])
def test_exit_is_incorrect(src):
    assert grade(src).status == "incorrect"


def test_monkeypatching_the_comparison_cannot_help():
    # The comparison happens in the parent against values the child never sees.
    src = (ESCAPE + "B = OS['__builtins__']\nB['abs'] = lambda v: 0.0\nB['isinstance'] = lambda *a: True\n"
           "import math\nmath.isclose = lambda *a, **k: True\n"
           "J = OS['sys'].modules['json']\n"
           "J.dumps = lambda *a, **k: '{\"v\":1,\"results\":[[\"f\",\"0.0\"],[\"f\",\"0.0\"]]}'\n"
           "J.encoder.c_make_encoder = None\n"
           "def f(x):\n    return 0.0")
    assert grade(src).status == "incorrect"


@pytest.mark.parametrize("src", [
    # float subclass whose __eq__ lies: judged by its true double value
    "class Liar(float):\n    def __eq__(self, o):\n        return True\n    __hash__ = float.__hash__\n"
    "def f(x):\n    return Liar(0.0)",
    # not a number at all, but claims to be equal to everything and to be a float
    "class Liar:\n    __class__ = float\n    def __eq__(self, o):\n        return True\n"
    "    def __float__(self):\n        return 3.0\ndef f(x):\n    return Liar()",
    # sub-classed complex with lying comparisons
    "class Z(complex):\n    def __eq__(self, o):\n        return True\n    def __sub__(self, o):\n        return 0\n"
    "def f(x):\n    return Z(0, 0)",
])
def test_objects_whose_eq_lies_fail(src):
    assert grade(src).status == "incorrect"


@pytest.mark.parametrize("module", ["ctypes", "subprocess", "os", "sys", "socket", "importlib", "builtins",
                                    "multiprocessing", "pickle", "shutil"])
def test_forbidden_imports(module):
    v = grade(f"import {module}\ndef f(x):\n    return 2*x")
    assert v.status == "incorrect" and "not allowed" in v.reason
    v = grade(f"def f(x):\n    __import__({module!r})\n    return 2*x")
    assert v.status == "incorrect"


@pytest.mark.parametrize("src", [
    # find the audit hook through the garbage collector
    "import sympy\ndef f(x):\n    gc = sympy.external.import_module('gc')\n    gc.get_objects()\n    return 2*x",
    # open a directory outside the sandbox to use it as dir_fd for a relative write
    ESCAPE + "def f(x):\n    d = OS['open'](OS['sys'].base_prefix, 0)\n"
    "    OS['open']('pwned', OS['O_WRONLY'] | OS['O_CREAT'], dir_fd=d)\n    return 2*x",
    # path objects whose __fspath__ could answer differently to the hook and to open()
    "class P:\n    def __fspath__(self):\n        return '/etc/qft-pwned.txt'\ndef f(x):\n    open(P(), 'w')\n    return 2*x",
    # symlink to the outside from inside the sandbox
    ESCAPE + "def f(x):\n    OS['symlink']('/etc/passwd', OS['getcwd']() + '/p')\n    return 2*x",
])
def test_attacks_on_the_audit_hook(src):
    v = grade(src)
    assert v.status == "incorrect" and "not allowed" in v.reason, v


def test_fork_exec_below_the_audit_hook_is_stopped_by_seccomp():
    # scipy and sympy import subprocess, so `_posixsubprocess` is loaded; its fork_exec raises no audit event.
    src = (ESCAPE + "import sympy\n"
           "def f(x):\n    ps = OS['sys'].modules['_posixsubprocess']\n    r, w = OS['pipe']()\n"
           "    ps.fork_exec([b'/bin/true'], [b'/bin/true'], True, (), None, None, -1, -1, -1, -1, -1, -1,"
           " r, w, True, False, -1, None, None, None, -1, None, False)\n    return 2*x")
    res = run_function(src, "f", [{"x": 1.5}], timeout=10.0, limits=LIMITS)
    if res.details.get("seccomp") != "on":
        pytest.skip(f"seccomp not available here: {res.details.get('seccomp')}")
    assert res.status == "error" and "Operation not permitted" in res.error, res


def test_submodules_import_under_the_full_sandbox():
    # only top-level packages are pre-imported before the sandbox is up; `__main__` modules never
    assert grade("import numpy.f2py.__main__\ndef f(x):\n    return 2*x").status == "incorrect"
    spec = CodeSpec("f", (Param("x"),), "float", (CodeCase({"x": 1.0}, 0.5),), atol=1e-9)
    assert grade("from scipy.integrate import quad\ndef f(x):\n    return quad(lambda t: t, 0, x)[0]", spec,
                 timeout=20.0).status == "correct"


def test_deeply_nested_forged_result_is_a_clean_verdict():
    # a forged result line that would blow the parent's JSON parser's recursion limit
    src = (ESCAPE + "for fd in range(3, 12):\n    try:\n        OS['write'](fd, b'[' * 200000 + b'\\n')\n"
           "    except Exception:\n        pass\nOS['_exit'](0)\ndef f(x):\n    return 2*x")
    assert grade(src).status == "incorrect"


def test_lying_output_channel_is_rejected():
    # Writing a forged result on the result pipe: at best it claims values the child had to compute.
    src = (ESCAPE + "import json\n"
           "for fd in range(3, 12):\n"
           "    try:\n        OS['write'](fd, b'{\"v\":1,\"results\":[[\"f\",\"nan\"],[\"f\",\"nan\"]]}\\n')\n"
           "    except Exception:\n        pass\n"
           "def f(x):\n    return 0.0")
    assert grade(src).status == "incorrect"


# ----------------------------------------------------------------------------- plumbing


def test_no_code_and_syntax_error():
    assert verify_code("The answer is 3.", FLOAT_SPEC, limits=LIMITS).status == "no_answer"
    assert grade("def f(x):\n    return (").status == "unparseable"
    assert grade("def g(x):\n    return 2*x").status == "unparseable"


def test_bad_spec_is_a_gold_error():
    v = verify_code(fenced("def f(x):\n    return x"), {"function": "f"}, limits=LIMITS)
    assert v.status == "unparseable" and v.gold_error


def test_batch_in_parallel_mixes_outcomes():
    srcs = ["def f(x):\n    return 2*x", "def f(x):\n    return x", "def f(x):\n    while True: pass",
            "import os\ndef f(x):\n    return 2*x"]
    verdicts = verify_code_batch([fenced(s) for s in srcs], FLOAT_SPEC, timeout=TIMEOUT, limits=LIMITS)
    assert [v.status for v in verdicts] == ["correct", "incorrect", "timeout", "incorrect"]


def test_run_function_reports_isolation_and_cleans_up():
    res = run_function("def f(x):\n    open('scratch.txt', 'w').write('ok')\n    return x", "f", [{"x": 1.0}],
                       timeout=TIMEOUT, limits=LIMITS)
    assert res.status == "ok" and res.outputs == [["f", "1.0"]]
    assert res.isolation.startswith("bubblewrap") and f"uid {65534} inside" in res.isolation, res.isolation


def test_verifier_dispatches_code_answers():
    from qftdata.verify import verify

    v = verify(fenced("def f(x):\n    return 2*x"), "", answer_type="code", code=FLOAT_SPEC.to_json(),
               timeout=10.0)
    assert v.status == "correct", v
