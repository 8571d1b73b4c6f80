"""qft-reason: build, verify and publish QFT reasoning datasets (import package `qftdata`)."""

__version__ = "0.1.0"
