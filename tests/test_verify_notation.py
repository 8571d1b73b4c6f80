r"""Notation regression tables (issue 15): each row is accepted when right AND rejected when wrong.

Rows are written from the physics (Peskin & Schroeder conventions, PDG values, textbook formulas), not
taken from another project's tests. Every row goes through the public `verify` path (extraction, parsing,
comparison in the time-limited workers); all rows of a table run as one parallel batch.
"""

from __future__ import annotations

import pytest

from qftdata.verify.core import _kwargs, _verify_many

C, X, U, N = "correct", "incorrect", "unparseable", "no_answer"
EW = ["theta_W", "m_Z"]
QED = ["alpha", "s", "m"]

# (completion, gold, verify kwargs, expected status, note)
ROWS = [
    # --- brace-less TeX arguments -------------------------------------------------------------------------
    (r"\boxed{\sqrt2 m}", r"\sqrt{2}m", {"symbols": ["m"]}, C, "sqrt2"),
    (r"\boxed{\sqrt3 m}", r"\sqrt{2}m", {"symbols": ["m"]}, X, "sqrt3 is not sqrt2"),
    (r"\boxed{\sqrt 3}", r"\sqrt{3}", {"answer_type": "numeric"}, C, "sqrt space 3"),
    (r"\boxed{\sqrt 3 x}", r"\sqrt{3}\,x", {"symbols": ["x"]}, C, "sqrt takes one token: sqrt(3)*x"),
    (r"\boxed{\frac1{4\pi}}", r"\frac{1}{4\pi}", {"answer_type": "numeric"}, C, "frac1{4pi}"),
    (r"\boxed{\frac1{2\pi}}", r"\frac{1}{4\pi}", {"answer_type": "numeric"}, X, "frac1{2pi} is twice"),
    (r"\boxed{\frac{1}2}", "1/2", {"answer_type": "numeric"}, C, "frac{1}2"),
    (r"\boxed{\frac12 m v^2}", r"\frac{m v^2}{2}", {"symbols": ["m", "v"]}, C, "frac12: kinetic energy"),
    (r"\boxed{\frac13 m v^2}", r"\frac{m v^2}{2}", {"symbols": ["m", "v"]}, X, "frac13 is not a half"),
    (r"\boxed{\frac\alpha\pi}", r"\alpha/\pi", {"symbols": ["alpha"]}, C, "frac with command arguments"),
    (r"\boxed{\tfrac{3}{2}\hbar\omega}", r"\frac{3\hbar\omega}{2}", {"symbols": ["hbar", "omega"]}, C, "tfrac"),
    # --- Gamma as a function ------------------------------------------------------------------------------
    (r"\boxed{\Gamma\left(2-\frac{d}{2}\right)}", r"\Gamma(2-d/2)", {"symbols": ["d"]}, C, "Gamma(2-d/2)"),
    (r"\boxed{\Gamma(1-\frac{d}{2})}", r"\Gamma(2-d/2)", {"symbols": ["d"]}, X, "Gamma(1-d/2) differs"),
    (r"\boxed{\Gamma\left(\frac{1}{2}\right)}", r"\sqrt{\pi}", {"answer_type": "numeric"}, C, "Gamma(1/2)=sqrt(pi)"),
    (r"\boxed{\Gamma(x+1)}", r"x\,\Gamma(x)", {"symbols": ["x"]}, C, "Gamma recursion"),
    (r"\boxed{\Gamma(x)}", r"x\,\Gamma(x)", {"symbols": ["x"]}, X, "Gamma(x) is not x Gamma(x)"),
    (r"\boxed{\Gamma m}", r"\Gamma m", {"symbols": ["Gamma", "m"]}, C, "declared Gamma (a width) is a symbol"),
    # --- a function takes one factor, not the rest of the product ----------------------------------------
    (r"\boxed{\sin^2\theta_W m_Z^2}", r"m_Z^2\sin^2(\theta_W)", {"symbols": EW}, C, "sin^2 theta_W m_Z^2"),
    (r"\boxed{\sin^2\theta_W m_Z^2}", r"\sin^2(\theta_W m_Z^2)", {"symbols": EW}, X, "not sin^2(theta_W m_Z^2)"),
    (r"\boxed{\cos^2\theta_W m_Z^2}", r"m_Z^2\sin^2(\theta_W)", {"symbols": EW}, X, "cos is not sin"),
    (r"\boxed{\ln\frac{s}{m^2}\,\frac{\alpha}{\pi}}", r"\frac{\alpha}{\pi}\ln\left(\frac{s}{m^2}\right)",
     {"symbols": QED}, C, "log of a fraction times alpha/pi"),
    (r"\boxed{\ln\frac{s}{m^2}\,\frac{\alpha}{2\pi}}", r"\frac{\alpha}{\pi}\ln\left(\frac{s}{m^2}\right)",
     {"symbols": QED}, X, "alpha/(2pi) is half"),
    (r"\boxed{\sin 2\theta}", r"2\sin\theta\cos\theta", {"symbols": ["theta"]}, C, "sin 2theta"),
    (r"\boxed{\ln{\left(\frac{\mu^2}{\Delta}\right)}^{2}}", r"\left(\ln\frac{\mu^2}{\Delta}\right)^2",
     {"symbols": ["mu", "Delta"]}, C, "sympy's ln(x)^2 is (ln x)^2"),
    (r"\boxed{2\ln\frac{\mu^2}{\Delta}}", r"\ln{\left(\frac{\mu^2}{\Delta}\right)}^{2}",
     {"symbols": ["mu", "Delta"]}, X, "(ln x)^2 is not ln(x^2)"),
    # --- unbraced subscripts (in \frac, before /), golds too ---------------------------------------------
    (r"\boxed{\frac{1}{m_e}}", "1/m_e", {"symbols": ["m_e"]}, C, "frac{1}{m_e}"),
    (r"\boxed{m_e/2}", r"\frac{m_e}{2}", {"symbols": ["m_e"]}, C, "m_e/2"),
    (r"\boxed{m_e c^2/2}", r"\frac{m_e c^2}{2}", {"symbols": ["m_e", "c"]}, C, "m_e c^2/2 (gold unbraced too)"),
    (r"\boxed{m_e c^2}", r"\frac{m_e c^2}{2}", {"symbols": ["m_e", "c"]}, X, "missing 1/2"),
    (r"\boxed{\frac{e^2}{m_e}}", r"e^2/m_{e}", {"symbols": ["e", "m_e"]}, C, "charge e next to m_e"),
    (r"\boxed{2|\vec p|^2}", r"2\left|\vec{p}\right|^2", {"symbols": [r"\vec{p}"]}, C, "a bar opens a factor"),
    (r"\boxed{10^-3}", "0.001", {"answer_type": "numeric"}, C, "signed exponent without braces"),
    # --- plain text with touching letters ----------------------------------------------------------------
    (r"\boxed{6GM/c^2}", r"\frac{6GM}{c^2}", {"symbols": ["G", "M", "c"]}, C, "ISCO radius 6GM/c^2"),
    (r"\boxed{6GM/c}", r"\frac{6GM}{c^2}", {"symbols": ["G", "M", "c"]}, X, "one c short"),
    ("Final answer: 2MR^2/5", r"\frac{2}{5}MR^2", {"symbols": ["M", "R"]}, C, "sphere moment of inertia"),
    ("Final answer: 2MR^2/3", r"\frac{2}{5}MR^2", {"symbols": ["M", "R"]}, X, "shell, not sphere"),
    (r"\boxed{3aq}", "3 a q", {"symbols": ["a", "q"]}, C, "3aq"),
    (r"\boxed{3aQ}", "3 a q", {"symbols": ["a", "q"]}, X, "Q is not q (case matters)"),
    # --- a name before \approx is a label ----------------------------------------------------------------
    (r"\boxed{m_W \approx 80.4}", "80.4", {"answer_type": "numeric", "tolerance": 1e-3}, C, "m_W approx 80.4"),
    (r"\boxed{m_W \approx 91.2}", "80.4", {"answer_type": "numeric", "tolerance": 1e-3}, X, "that is m_Z"),
    (r"\boxed{\frac{1}{137} \approx 0.0073}", "0.0073", {"answer_type": "numeric", "tolerance": 0.01}, C,
     "exact form before approx"),
    # --- units --------------------------------------------------------------------------------------------
    (r"\boxed{3.2\,\mathrm{GeV}}", r"3.2\,\mathrm{GeV}", {"answer_type": "numeric"}, C, "same unit"),
    (r"\boxed{3200\,\mathrm{MeV}}", r"3.2\,\mathrm{GeV}", {"answer_type": "numeric"}, C, "MeV converted"),
    (r"\boxed{3.2}", r"3.2\,\mathrm{GeV}", {"answer_type": "numeric"}, C, "bare number in the asked unit"),
    (r"\boxed{3.2\,\mathrm{MeV}}", r"3.2\,\mathrm{GeV}", {"answer_type": "numeric"}, X, "MeV is not GeV"),
    (r"\boxed{3.2\,\mathrm{GeV}/c^2}", r"3.2\,\mathrm{GeV}", {"answer_type": "numeric"}, X, "a mass, not an energy"),
    (r"\boxed{3.2\,\mathrm{MeV}}", "3.2", {"answer_type": "numeric", "unit": "GeV"}, X, "unit from the statement"),
    (r"\boxed{3.2\,\mathrm{GeV}}", "3.2", {"answer_type": "numeric", "unit": "GeV"}, C, "unit as asked"),
    (r"\boxed{3.2\,\mathrm{GeV}}", "3.2", {"answer_type": "numeric"}, X, "a unit the record does not name"),
    (r"\boxed{3200\,\mathrm{MeV}}", "3.2", {"answer_type": "numeric", "statement": "Give the mass in GeV."}, C,
     "unit named by the statement"),
    (r"\boxed{3.2\,\mathrm{MeV}}", "3.2", {"answer_type": "numeric", "statement": "Give the mass in GeV."}, X,
     "wrong unit for the statement's"),
    (r"\boxed{2.5\,\textbf{meters}}", r"2.5\,\mathrm{m}", {"answer_type": "numeric"}, C, "textbf meters"),
    (r"\boxed{250\,\mathrm{cm}}", r"2.5\,\mathrm{m}", {"answer_type": "numeric"}, C, "cm vs m"),
    (r"\boxed{2.5\,\textbf{seconds}}", r"2.5\,\mathrm{m}", {"answer_type": "numeric"}, X, "a time, not a length"),
    (r"\boxed{1.1664\times10^{-5}\,\mathrm{GeV}^{-2}}", r"1.1664\times10^{-5}\,\mathrm{GeV}^{-2}",
     {"answer_type": "numeric", "tolerance": 1e-4}, C, "G_F in GeV^-2"),
    (r"\boxed{1.1664\times10^{-11}\,\mathrm{MeV}^{-2}}", r"1.1664\times10^{-5}\,\mathrm{GeV}^{-2}",
     {"answer_type": "numeric", "tolerance": 1e-4}, C, "G_F in MeV^-2"),
    (r"\boxed{1.1664\times10^{-5}\,\mathrm{GeV}^{2}}", r"1.1664\times10^{-5}\,\mathrm{GeV}^{-2}",
     {"answer_type": "numeric", "tolerance": 1e-4}, X, "GeV^2 is not GeV^-2"),
    # --- SI digit groups ----------------------------------------------------------------------------------
    (r"\boxed{299\,792\,458}", "299792458", {"answer_type": "numeric"}, C, "c in m/s, thin spaces"),
    (r"\boxed{299\,792\,459}", "299792458", {"answer_type": "numeric"}, X, "one off"),
    (r"\boxed{16,\!386.20}", "16386.2", {"answer_type": "numeric"}, C, "comma with negative thin space"),
    (r"\boxed{1{,}000}", "1000", {"answer_type": "numeric"}, C, "braced comma"),
    ("Final answer: 299 792 458", "299792458", {"answer_type": "numeric"}, C, "plain spaces"),
    (r"$m_p/m_e = \boxed{1,\! 836}$", "1836", {"answer_type": "numeric"}, C, "comma, thin space, then a space"),
    (r"$m_p/m_e = \boxed{1,\! 863}$", "1836", {"answer_type": "numeric"}, X, "same format, digits swapped"),
    (r"\boxed{299,\! 792,\! 458}", "299792458", {"answer_type": "numeric"}, C, "several ,\\! groups with spaces"),
    (r"\boxed{299,\! 792,\! 459}", "299792458", {"answer_type": "numeric"}, X, "several groups, one off"),
    (r"\boxed{6,371}", "6371", {"answer_type": "numeric"}, C, "thousands comma, one-value gold (R_Earth km)"),
    (r"\boxed{6,317}", "6371", {"answer_type": "numeric"}, X, "thousands comma, wrong digits"),
    (r"\boxed{938,940}", "938, 940", {"answer_type": "numeric"}, C, "two-value gold: the comma separates"),
    (r"\boxed{940,938}", "938, 940", {"answer_type": "numeric"}, X, "two-value gold, swapped"),
    (r"\boxed{1,000, 2,000}", "1000, 2000", {"answer_type": "numeric"}, C, "groups inside a list of two"),
    (r"\boxed{140,494}", r"140\,\mathrm{MeV}, 494\,\mathrm{MeV}", {"answer_type": "numeric"}, C,
     "two values with a unit (m_pi, m_K): the comma separates"),
    (r"\boxed{494,140}", r"140\,\mathrm{MeV}, 494\,\mathrm{MeV}", {"answer_type": "numeric"}, X, "m_pi, m_K swapped"),
    (r"\boxed{008}", "8", {"answer_type": "numeric"}, C, "zero-padded count (gluons)"),
    (r"\boxed{009}", "8", {"answer_type": "numeric"}, X, "zero-padded, wrong"),
    # --- marked answers: sentence ends, chat-template tokens, "X is Y", a final answer after a box ---------
    (r"Fermi theory gives it. Final Answer: The final answer is $\frac{G_F^2 m_\mu^5}{192\pi^3}$. I hope it is "
     "correct.<|im_end|>\n<|im_start|>user\nNext", r"\frac{G_F^2 m_\mu^5}{192\pi^3}", {"symbols": ["G_F", "m_mu"]},
     C, "Minerva sentence, ChatML tokens after it"),
    (r"Fermi theory gives it. Final Answer: The final answer is $\frac{G_F^2 m_\mu^5}{96\pi^3}$. I hope it is "
     "correct.<|im_end|>\n<|im_start|>user\nNext", r"\frac{G_F^2 m_\mu^5}{192\pi^3}", {"symbols": ["G_F", "m_mu"]},
     X, "Minerva sentence, wrong width"),
    ("Final Answer: The final answer is 299,792,458. I hope it is correct. <|im_start|>user", "299792458",
     {"answer_type": "numeric"}, C, "Minerva plain number with thousands commas"),
    ("Final Answer: The final answer is 299,792,459. I hope it is correct. <|im_start|>user", "299792458",
     {"answer_type": "numeric"}, X, "Minerva plain number, one off"),
    ("The answer is alpha/(2*pi)<｜end▁of▁sentence｜>", r"\frac{\alpha}{2\pi}", {"symbols": ["alpha"]}, C,
     "DeepSeek end token after a plain answer (Schwinger term)"),
    ("The answer is alpha/pi<｜end▁of▁sentence｜>", r"\frac{\alpha}{2\pi}", {"symbols": ["alpha"]}, X,
     "DeepSeek end token, twice the Schwinger term"),
    (r"Final Answer: The number of gluons of $SU(3)$ is 8.", "8", {"answer_type": "numeric"}, C,
     "X is Y: the answer is Y, not the math in X"),
    (r"Final Answer: The number of gluons of $SU(3)$ is 9.", "8", {"answer_type": "numeric"}, X, "X is Y, wrong Y"),
    (r"Final answer: $\sigma = \frac{4\pi\alpha^2}{3s}$ is the total cross section.", r"\frac{4\pi\alpha^2}{3s}",
     {"symbols": ["alpha", "s"]}, C, "math before 'is' stays the answer"),
    (r"Final answer: $\sigma = \frac{4\pi\alpha^2}{s}$ is the total cross section.", r"\frac{4\pi\alpha^2}{3s}",
     {"symbols": ["alpha", "s"]}, X, "math before 'is', missing 1/3"),
    ("**Final Answer**\n" r"The Compton wavelength is $\frac{h}{m_e c}$.", r"\frac{h}{m_e c}",
     {"symbols": ["h", "m_e", "c"]}, C, "bold heading, answer on the next line"),
    ("**Final Answer**\n" r"The Compton wavelength is $\frac{h}{m_e c^2}$.", r"\frac{h}{m_e c}",
     {"symbols": ["h", "m_e", "c"]}, X, "bold heading, one c too many"),
    (r"At tree level \boxed{\frac{4\pi\alpha^2}{3s}}; with one gluon, Final Answer: The final answer is "
     r"$\frac{4\pi\alpha^2}{3s}\left(1+\frac{\alpha_s}{\pi}\right)$. I hope it is correct.",
     r"\frac{4\pi\alpha^2}{3s}\left(1+\frac{\alpha_s}{\pi}\right)", {"symbols": ["alpha", "s", "alpha_s"]}, C,
     "a final answer after an intermediate box wins"),
    (r"At tree level \boxed{\frac{4\pi\alpha^2}{3s}}; with one gluon, Final Answer: The final answer is "
     r"$\frac{4\pi\alpha^2}{3s}\left(1+\frac{\alpha_s}{2\pi}\right)$. I hope it is correct.",
     r"\frac{4\pi\alpha^2}{3s}\left(1+\frac{\alpha_s}{\pi}\right)", {"symbols": ["alpha", "s", "alpha_s"]}, X,
     "a final answer after a box, wrong correction"),
    (r"so \boxed{\frac{\alpha}{2\pi}}. Final answer: see the box above.", r"\frac{\alpha}{2\pi}",
     {"symbols": ["alpha"]}, C, "a later marker without a value does not replace the box"),
    (r"so \boxed{\frac{\alpha}{\pi}}. Final answer: see the box above.", r"\frac{\alpha}{2\pi}",
     {"symbols": ["alpha"]}, X, "the box still decides, and it is wrong"),
    (r"\boxed{N_c^2-1\text{ and }N_c}", "N_c^2-1, N_c", {"symbols": ["N_c"]}, C, "\\text{ and } without spaces"),
    (r"\boxed{N_c\text{ and }N_c^2-1}", "N_c^2-1, N_c", {"symbols": ["N_c"]}, X, "\\text{ and }, swapped"),
    (r"\boxed{\frac{2}{3}, -\frac{1}{3}, and -\frac{1}{3}}", r"\frac23, -\frac13, -\frac13", {"answer_type": "numeric"},
     C, "serial comma before 'and' (u, d, s charges)"),
    (r"\boxed{\frac{2}{3}, -\frac{1}{3}, and \frac{2}{3}}", r"\frac23, -\frac13, -\frac13", {"answer_type": "numeric"},
     X, "serial comma, wrong third charge"),
    (r"\boxed{E_0 = \frac{\hbar\omega}{2} \quad \text{and} \quad E_1 = \frac{3\hbar\omega}{2}}",
     r"E_0 = \frac{\hbar\omega}{2}, E_1 = \frac{3\hbar\omega}{2}", {"symbols": ["hbar", "omega"]}, C,
     "quad, text{and}, quad between labelled values"),
    (r"\boxed{E_0 = \frac{3\hbar\omega}{2} \quad \text{and} \quad E_1 = \frac{\hbar\omega}{2}}",
     r"E_0 = \frac{\hbar\omega}{2}, E_1 = \frac{3\hbar\omega}{2}", {"symbols": ["hbar", "omega"]}, X,
     "quad, text{and}, quad, levels swapped"),
    # --- exact values written differently -----------------------------------------------------------------
    (r"\boxed{\sqrt{0.5}}", r"\frac{1}{\sqrt2}", {"answer_type": "numeric"}, C, "sqrt(0.5) = 1/sqrt2"),
    (r"\boxed{0.7071}", r"\frac{1}{\sqrt2}", {"answer_type": "numeric"}, X, "a rounded decimal for an exact gold"),
    (r"\boxed{\sqrt{0.5}\,x}", r"\frac{x}{\sqrt2}", {"symbols": ["x"]}, C, "expression too"),
    # --- unicode ------------------------------------------------------------------------------------------
    ("Final answer: α_s/π", r"\frac{\alpha_s}{\pi}", {"symbols": ["alpha_s"]}, C, "unicode alpha_s/pi"),
    ("Final answer: α_s/(2π)", r"\frac{\alpha_s}{\pi}", {"symbols": ["alpha_s"]}, X, "half of it"),
    (r"\boxed{e²/(4π)}", r"\frac{e^2}{4\pi}", {"symbols": ["e"]}, C, "unicode square"),
    (r"\boxed{\frac{α}{π}}", r"\frac{\alpha}{\pi}", {"symbols": ["alpha"]}, C, "unicode inside TeX"),
    # --- ± answers (a set of two values) -----------------------------------------------------------------
    (r"\boxed{\pm\frac{1}{2}}", r"\pm\frac12", {"answer_type": "numeric"}, C, "spin projections"),
    (r"\boxed{-\frac12, \frac12}", r"\pm\frac12", {"answer_type": "numeric"}, C, "listed in any order"),
    (r"\boxed{\frac12}", r"\pm\frac12", {"answer_type": "numeric"}, X, "only one of the two"),
    (r"\boxed{\pm\frac{3}{2}}", r"\pm\frac12", {"answer_type": "numeric"}, X, "wrong magnitude"),
    (r"\boxed{E = \pm\sqrt{m^2 + p^2}}", r"\pm\sqrt{p^2+m^2}", {"symbols": ["p", "m"]}, C, "dispersion branches"),
    (r"\boxed{\sqrt{p^2+m^2}}", r"\pm\sqrt{p^2+m^2}", {"symbols": ["p", "m"]}, X, "positive branch only"),
    (r"\boxed{\frac{-b\pm\sqrt{b^2-4ac}}{2a}}", r"\frac{-b\mp\sqrt{b^2-4ac}}{2a}",
     {"symbols": ["a", "b", "c"]}, C, "quadratic roots, pm vs mp"),
    # --- matrices -----------------------------------------------------------------------------------------
    (r"\boxed{\begin{bmatrix}0&1\\1&0\end{bmatrix}}", r"\begin{pmatrix}0&1\\1&0\end{pmatrix}",
     {"answer_type": "numeric"}, C, "sigma_x, bmatrix"),
    ("Final answer: [[0, 1], [1, 0]]", r"\begin{pmatrix}0&1\\1&0\end{pmatrix}", {"answer_type": "numeric"}, C,
     "sigma_x, nested lists"),
    (r"\boxed{\begin{pmatrix}0&-i\\i&0\end{pmatrix}}", r"\begin{pmatrix}0&1\\1&0\end{pmatrix}",
     {"answer_type": "numeric"}, X, "sigma_y is not sigma_x"),
    (r"\boxed{-i\begin{pmatrix}0&1\\-1&0\end{pmatrix}}", r"\begin{pmatrix}0&-i\\i&0\end{pmatrix}",
     {"answer_type": "numeric"}, C, "sigma_y as -i times a real matrix"),
    (r"\boxed{\begin{pmatrix}0&1\end{pmatrix}}", r"\begin{pmatrix}0&1\\1&0\end{pmatrix}",
     {"answer_type": "numeric"}, X, "wrong shape"),
    (r"\boxed{\begin{pmatrix}\cos\theta&-\sin\theta\\\sin\theta&\cos\theta\end{pmatrix}}",
     r"\begin{pmatrix}\cos\theta&-\sin\theta\\\sin\theta&\cos\theta\end{pmatrix}", {"symbols": ["theta"]}, C,
     "rotation matrix"),
    # --- separately boxed values --------------------------------------------------------------------------
    (r"so \boxed{1}, \boxed{2}.", "1, 2", {"answer_type": "numeric"}, C, "two boxes, two values"),
    (r"so \boxed{2}, \boxed{1}.", "1, 2", {"answer_type": "numeric"}, X, "ordered gold, swapped"),
    (r"so \boxed{2} and \boxed{1}.", r"\{1, 2\}", {"answer_type": "numeric"}, C, "set gold, any order"),
    (r"\boxed{1} " + "reasoning " * 20 + r"\boxed{2}", "1, 2", {"answer_type": "numeric"}, X,
     "an intermediate box far away is not part of the answer"),
    (r"\boxed{3} then \boxed{4}", "4", {"answer_type": "numeric"}, C, "one value: the last box"),
    (r"\boxed{m_W = 80.4}, \boxed{m_Z = 91.2}", "m_W = 80.4, m_Z = 91.2",
     {"answer_type": "numeric", "tolerance": 1e-3}, C, "labelled boxes"),
    # --- labelled values ----------------------------------------------------------------------------------
    (r"\boxed{m_Z = 91.2, m_W = 80.4}", "m_W = 80.4, m_Z = 91.2", {"answer_type": "numeric", "tolerance": 1e-3},
     C, "labels in another order"),
    (r"\boxed{m_Z = 80.4, m_W = 91.2}", "m_W = 80.4, m_Z = 91.2", {"answer_type": "numeric", "tolerance": 1e-3},
     X, "values swapped between labels"),
    (r"\boxed{80.4, 91.2}", "m_W = 80.4, m_Z = 91.2", {"answer_type": "numeric", "tolerance": 1e-3}, C,
     "unlabelled, in the gold's order"),
    (r"\boxed{91.2, 80.4}", "m_W = 80.4, m_Z = 91.2", {"answer_type": "numeric", "tolerance": 1e-3}, X,
     "unlabelled, swapped"),
    (r"\boxed{M_W = 80.4, M_Z = 91.2}", "m_W = 80.4, m_Z = 91.2", {"answer_type": "numeric", "tolerance": 1e-3},
     X, "labels are case-sensitive"),
    (r"\boxed{m_{Z} = \frac{g v}{2\cos\theta_W}, m_{W} = \frac{g v}{2}}",
     r"m_W = \frac{g v}{2}, m_Z = \frac{g v}{2\cos\theta_W}", {"symbols": ["g", "v", "theta_W"]}, C,
     "symbolic labelled values, braced labels"),
    (r"\boxed{E_0 = \hbar\omega/2 \quad E_1 = 3\hbar\omega/2}", r"E_0 = \frac{\hbar\omega}{2}, E_1 = \frac{3\hbar\omega}{2}",
     {"symbols": ["hbar", "omega"]}, C, "values separated by quad"),
    (r"\boxed{E_0 = 3\hbar\omega/2 \quad E_1 = \hbar\omega/2}", r"E_0 = \frac{\hbar\omega}{2}, E_1 = \frac{3\hbar\omega}{2}",
     {"symbols": ["hbar", "omega"]}, X, "oscillator levels swapped"),
    # --- exact comparison: no relative tolerance hides an additive term ----------------------------------
    (r"\boxed{10^{100}}", "10^{100}+1", {"answer_type": "numeric"}, X, "10^100 vs 10^100+1 (numeric)"),
    (r"\boxed{10^{100}}", "10^{100}+1", {}, X, "10^100 vs 10^100+1 (expression)"),
    (r"\boxed{(x+1)^{9999}}", "(x+1)^{9999}+1", {"symbols": ["x"]}, X, "additive 1 beside a huge power"),
    (r"\boxed{1+(1+x)^{9999}}", "(x+1)^{9999}+1", {"symbols": ["x"]}, C, "same, reordered"),
    (r"\boxed{\sin^2 x+\cos^2 x}", "1", {"symbols": ["x"]}, C, "an identity is exact"),
    (r"\boxed{\sin^2 x+\cos^2 x+e^{-200}}", "1", {"symbols": ["x"]}, X, "e^-200 is not zero"),
    (r"\boxed{\frac{1}{137}}", "0.0073", {"answer_type": "numeric", "tolerance": 0.01}, C, "stated tolerance"),
    # --- the physical domain ------------------------------------------------------------------------------
    (r"\boxed{\sqrt{s-4m^2}\sqrt{s-4M^2}}", r"\sqrt{(s-4m^2)(s-4M^2)}",
     {"symbols": ["s", "m", "M"], "domain": ["s > 4*m^2", "s > 4 M^2"]}, C, "split root above both thresholds"),
    (r"\boxed{\sqrt{s-4m^2}\sqrt{s-4M^2}}", r"\sqrt{(s-4m^2)(s-4M^2)}", {"symbols": ["s", "m", "M"]}, X,
     "without the region they differ (both factors negative)"),
    (r"\boxed{\sqrt{s-4m^2}\sqrt{s-2M^2}}", r"\sqrt{(s-4m^2)(s-4M^2)}",
     {"symbols": ["s", "m", "M"], "domain": ["s > 4*m^2", "s > 4 M^2"]}, X, "a wrong root is still wrong"),
    (r"\boxed{\frac{|M^2-m_1^2|}{2M}}", r"\frac{M^2-m_1^2}{2M}", {"symbols": ["M", "m_1"], "domain": ["M > m_1"]},
     C, "two-body momentum with a massless partner, M > m_1"),
    (r"\boxed{\frac{|M^2-m_1^2|}{2M}}", r"\frac{M^2-m_1^2}{2M}", {"symbols": ["M", "m_1"]}, X,
     "the same without the region"),
    (r"\boxed{x}", "x", {"symbols": ["x"], "domain": ["x > 2", "x < 1"]}, C, "identical needs no sample point"),
    (r"\boxed{(x+1)^2-x^2-x-1}", "x", {"symbols": ["x"], "domain": ["x > 2", "x < 1"]}, U,
     "an empty region is reported"),
]


@pytest.fixture(scope="module")
def verdicts():
    items = [(c, {"gold": g, **_kwargs(**kw)}) for c, g, kw, _, _ in ROWS]
    return _verify_many(items, timeout=10.0)


@pytest.mark.parametrize("k", range(len(ROWS)), ids=[f"{k}-{r[4][:40]}" for k, r in enumerate(ROWS)])
def test_notation(k, verdicts):
    completion, gold, _, expected, note = ROWS[k]
    v = verdicts[k]
    assert v.status == expected, (f"{note}: got {v.status} ({v.reason}); extracted={v.extracted!r} "
                                  f"pred={v.pred_parsed!r} gold={v.gold_parsed!r}")


def test_empty_region_is_a_record_error(verdicts):
    v = verdicts[len(ROWS) - 1]
    assert v.gold_error and "domain" in v.reason


def test_statement_unit_of_a_real_family():
    """xphysics.em.rlc_circuit asks for the damped angular frequency "in rad/s" with a bare decimal gold."""
    from qftdata.generators import generate
    from qftdata.verify import verify_records

    rec = next(r for r in generate("xphysics.em.rlc_circuit", n=6, seed=0) if "rad/s" in r.problem)
    value = float(rec.answer)
    preds = [rf"\boxed{{{rec.answer}\,\mathrm{{rad/s}}}}", rf"\boxed{{{value / 1000:.6g}\,\mathrm{{krad/s}}}}",
             rf"\boxed{{{rec.answer}\,\mathrm{{m/s}}}}", rf"\boxed{{{rec.answer}}}"]
    out = verify_records(preds, [rec] * 4, timeout=10.0)
    assert [v.status for v in out] == [C, C, X, C], [v.reason for v in out]
