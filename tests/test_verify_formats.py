"""Real golds of every registered family, re-printed the ways a model (or sympy) writes them.

For one record per family, the gold is parsed, printed back by sympy in other styles (plain `str`, LaTeX
with `\\cdot`, folded `a/b` fractions and powers, `\\sin^{-1}` inverse trig), and each print must verify as
`correct` against the record; twice the gold must not. This is the real generator format and the real
printer a model imitates, not a fixture of ours. Slow (every family is generated): `pytest -m slow`.
"""

from __future__ import annotations

import pytest
import sympy as sp

from qftdata.verify import parse_answer, verify_records
from qftdata.verify.parse import MAX_LENGTH

STYLES = {
    "plain": str,
    "cdot": lambda e: sp.latex(e, mul_symbol="dot"),
    "folded": lambda e: sp.latex(e, fold_short_frac=True, fold_frac_powers=True, mul_symbol="times"),
    "power-trig": lambda e: sp.latex(e, inv_trig_style="power", ln_notation=True),
}


@pytest.fixture(scope="module")
def cases():
    from qftdata.generators import families, generate

    out = []
    for name in families():
        for rec in generate(name, n=1, seed=1):
            if rec.answer_type not in ("expression", "numeric"):
                continue
            gold = parse_answer(rec.answer, rec.symbols, rec.symbol_assumptions() or None)
            if isinstance(gold, (sp.Tuple, sp.FiniteSet, sp.MatrixBase)):
                continue
            for style, printer in STYLES.items():
                text = printer(gold)
                if len(text) < MAX_LENGTH:
                    out.append((f"{name}/{style}", rf"\boxed{{{text}}}", rec, "correct"))
            if rec.tolerance == 0 and gold != 0:
                out.append((f"{name}/twice", rf"\boxed{{{sp.latex(2 * gold)}}}", rec, "incorrect"))
    assert len(out) > 200
    return out


@pytest.mark.slow  # ~45 s on two busy cores: generates every family
def test_reprinted_golds(cases):
    verdicts = verify_records([c[1] for c in cases], [c[2] for c in cases], timeout=10.0)
    wrong = [(c[0], v.status, v.reason[:120]) for c, v in zip(cases, verdicts, strict=True) if v.status != c[3]]
    assert not wrong, wrong[:10]
