"""The `bwrap` fixture for tests that run code in the sandbox: they need bubblewrap (the sandbox's
kernel-level layer), skip without it outside CI, and FAIL without it in CI (`CI` set, as `.ci/run` does),
where `make test` installs it. Import it into a test module: `from sandbox_support import bwrap_fixture`."""

from __future__ import annotations

import os

import pytest

from qftdata.verify.sandbox import Isolation, isolation


@pytest.fixture(name="bwrap")
def bwrap_fixture() -> Isolation:
    iso = isolation()
    if not iso.available:
        if os.environ.get("CI"):
            pytest.fail(f"the code sandbox cannot run in CI (`make system` installs bubblewrap): "
                        f"{iso.description}")
        pytest.skip(f"needs bubblewrap (skipped outside CI only): {iso.description}")
    return iso
