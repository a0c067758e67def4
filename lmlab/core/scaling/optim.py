"""Batched robust fitting of log-sum-exp power laws (the engine behind ``lmlab.core.scaling``).

The scaling-law models used by lmlab are all of one shape, written in log space::

    log L̂ = LSE(c_1 − s_1·log x_1, …, c_T − s_T·log x_T, e)

(``T = 2``: Chinchilla's ``E + A/N^α + B/D^β`` with ``c = (a, b) = (log A, log B)``,
``s = (α, β)``, ``e = log E``; ``T = 1``: ``E + A·x^-α``). The objective is the
**sum** over runs of the Huber loss of ``log L̂ − log L``.

Hoffmann et al. fit this from thousands of starting points. Looping scipy over them
is slow, so this module runs *all starts at once*, as one (starts × runs) array: a
Levenberg–Marquardt iteration in numpy whose curvature is the iteratively-reweighted
(IRLS) Gauss–Newton matrix of the Huber loss, ``Σ ω_i ∇r_i ∇r_iᵀ`` with
``ω_i = ψ(r_i)/r_i`` (positive semi-definite everywhere, so every start gets a descent
step), switching to Newton steps on the exact Hessian near a minimum. Each start keeps
its own damping and stops on its own. Work is done in standardised coordinates
(``z = (log x − mean)/sd``), which only re-labels the parameters but makes the problem
well conditioned; blocks of starts are evaluated on a few threads (numpy releases the
GIL in its loops; ``LMLAB_FIT_THREADS`` sets how many). Everything is float64.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

_POOL: tuple[int, ThreadPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()


def _threads() -> int:
    """Threads for batched evaluation: ``LMLAB_FIT_THREADS``, else the CPU count (at most 8)."""
    env = os.environ.get("LMLAB_FIT_THREADS", "")
    if env.strip().isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(8, os.cpu_count() or 1))


def _pool() -> ThreadPoolExecutor | None:
    global _POOL
    n = _threads()
    if n <= 1:
        return None
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != n:
            _POOL = (n, ThreadPoolExecutor(max_workers=n, thread_name_prefix="lmlab-fit"))
        return _POOL[1]


NEAR = 1e-2  # relative gain below which a start also gets the exact Hessian
_CHUNK = 128  # starts per block: keeps the (starts × runs) temporaries in cache
_U_MAX = 600.0  # |exponent| bound, far from float64 exp overflow (709)


def huber(r: np.ndarray, delta: float) -> np.ndarray:
    """Huber loss: ``r²/2`` for ``|r| ≤ δ``, ``δ(|r| − δ/2)`` beyond (as ``scipy.special.huber``).

    >>> float(huber(np.array(0.002), 1e-3))
    1.5e-06
    """
    psi = np.clip(r, -delta, delta)
    return psi * (r - 0.5 * psi)


class LogSumExpModel:
    """Huber objective, gradient and IRLS curvature of a log-sum-exp power law, for many starts.

    ``logs`` are the log inputs (one array per power term), ``log_loss`` the log targets.
    Parameters are handled in two layouts, both ordered ``(c_1..c_T, e, s_1..s_T)``:
    *natural* (``u_k = c_k − s_k·log x_k``) and *internal* (standardised inputs).
    """

    def __init__(self, logs: list[np.ndarray], log_loss: np.ndarray, delta: float):
        self.T = len(logs)
        self.p = 2 * self.T + 1
        self.n = len(log_loss)
        self.delta = float(delta)
        self.log_loss = np.ascontiguousarray(log_loss, dtype=np.float64)
        self.mu = np.array([float(np.mean(x)) for x in logs])
        self.sd = np.array([float(np.std(x)) or 1.0 for x in logs])
        self.z = [np.ascontiguousarray((x - m) / s) for x, m, s in zip(logs, self.mu, self.sd)]
        self._zrows = [np.vstack([np.ones(self.n), z]) for z in self.z]
        self._negz = [-z for z in self.z]
        zmax = np.array([max(float(np.max(np.abs(z))), 1.0) for z in self.z])
        # box that keeps every exponent within ±_U_MAX: |c| ≤ U/2, |s|·max|z| ≤ U/2
        half = _U_MAX / 2
        self.lower = np.concatenate([np.full(self.T + 1, -half), -half / zmax])
        self.upper = -self.lower
        self._ws = threading.local()

    # -- coordinates -------------------------------------------------------------------
    def to_internal(self, P: np.ndarray) -> np.ndarray:
        P = np.atleast_2d(np.asarray(P, dtype=np.float64))
        T = self.T
        Q = P.copy()
        Q[:, :T] = P[:, :T] - P[:, T + 1 :] * self.mu
        Q[:, T + 1 :] = P[:, T + 1 :] * self.sd
        return Q

    def to_natural(self, Q: np.ndarray) -> np.ndarray:
        Q = np.atleast_2d(np.asarray(Q, dtype=np.float64))
        T = self.T
        P = Q.copy()
        P[:, T + 1 :] = Q[:, T + 1 :] / self.sd
        P[:, :T] = Q[:, :T] + P[:, T + 1 :] * self.mu
        return P

    def clip(self, Q: np.ndarray) -> np.ndarray:
        return np.clip(Q, self.lower, self.upper)

    # -- evaluation ----------------------------------------------------------------------
    def _workspace(self, S: int):
        ws = getattr(self._ws, "buffers", None)  # one set of buffers per thread
        if ws is None or ws[0] < S:
            size = max(S, _CHUNK)
            p, n = self.p, self.n
            ws = (size, np.empty((size, p, n)), np.empty((size, p, n)), *(np.empty((size, n)) for _ in range(4)))
            self._ws.buffers = ws
        return ws

    def _block(self, Q: np.ndarray, cnt: np.ndarray | None, need: int):
        """need: 0 → f; 1 → f, G; 2 → f, G, IRLS curvature; 3 → also the exact Hessian.
        Works in preallocated buffers (fresh temporaries would be page-faulted in on every call)."""
        S, T = len(Q), self.T
        _, V, W, s, r, psi, quad = self._workspace(S)
        V, W, s, r, psi, quad = V[:S], W[:S], s[:S], r[:S], psi[:S], quad[:S]
        eE = np.exp(Q[:, T])[:, None]
        for k in range(T):
            np.matmul(Q[:, [k, T + 1 + k]] * (1.0, -1.0), self._zrows[k], out=r)  # r as scratch
            np.exp(r, out=V[:, k])
        np.add(V[:, 0], eE, out=s)
        for k in range(1, T):
            s += V[:, k]
        np.log(s, out=r)
        r -= self.log_loss
        np.clip(r, -self.delta, self.delta, out=psi)
        if cnt is not None:
            np.multiply(psi, cnt, out=quad)
            # Σ c·ψ·(r − ψ/2)
            f = np.einsum("ij,ij->i", quad, r) - 0.5 * np.einsum("ij,ij,ij->i", quad, psi, psi)
            psi, quad = quad, psi  # from here on psi carries the run multiplicities
        else:
            f = np.einsum("ij,ij->i", psi, r) - 0.5 * np.einsum("ij,ij->i", psi, psi)
        if need == 0:
            return f, None, None, None
        inv = np.divide(1.0, s, out=s)
        for k in range(T):
            V[:, k] *= inv
        np.multiply(eE, inv, out=V[:, T])
        for k in range(T):
            np.multiply(V[:, k], self._negz[k], out=V[:, T + 1 + k])
        G = np.matmul(V, psi[:, :, None])[:, :, 0]
        if need == 1:
            return f, G, None, None
        np.abs(r, out=r)
        HN = None
        if need >= 3:
            # exact Hessian: Σ c(ψ' − ψ) v vᵀ + Σ cψ Jᵀ diag(w) J
            np.less_equal(r, self.delta, out=quad)  # ψ' ∈ {0, 1} as float
            if cnt is not None:
                quad *= cnt
            quad -= psi
            np.multiply(V, quad[:, None, :], out=W)
            HN = np.matmul(W, V.transpose(0, 2, 1))
            for k in range(T):
                ck, sk = k, T + 1 + k
                HN[:, ck, ck] += G[:, ck]
                HN[:, ck, sk] += G[:, sk]
                HN[:, sk, ck] += G[:, sk]
                np.multiply(psi, self.z[k], out=quad)
                HN[:, sk, sk] -= np.einsum("sn,sn->s", quad, V[:, sk])  # + Σ cψ z² w
            HN[:, T, T] += G[:, T]
        # IRLS curvature: Σ c ω v vᵀ with ω = ψ(r)/r = δ / max(|r|, δ)
        np.maximum(r, self.delta, out=r)
        omega = np.divide(self.delta, r, out=r)
        if cnt is not None:
            omega *= cnt
        np.multiply(V, omega[:, None, :], out=W)
        H = np.matmul(W, V.transpose(0, 2, 1))
        return f, G, H, HN

    def evaluate(self, Q: np.ndarray, counts: np.ndarray | None = None, need: int = 3):
        """Objective (S,), gradient (S,p), IRLS curvature and exact Hessian (S,p,p) at internal ``Q``.

        ``counts`` (S, n), optional: per-start multiplicity of each run (bootstrap).
        ``need`` = 0, 1, 2, 3 computes the first 1, 2, 3, 4 of them (the rest are None).
        """
        Q = np.asarray(Q, dtype=np.float64)
        S, p = len(Q), self.p
        out = [np.empty(S), None, None, None]
        if need >= 1:
            out[1] = np.empty((S, p))
        if need >= 2:
            out[2] = np.empty((S, p, p))
        if need >= 3:
            out[3] = np.empty((S, p, p))

        err = np.geterr()  # worker threads do not inherit the caller's np.errstate

        def run(i: int) -> None:
            j = min(S, i + _CHUNK)
            with np.errstate(**err):
                blk = self._block(Q[i:j], None if counts is None else counts[i:j], need)
            for o, b in zip(out, blk):
                if o is not None:
                    o[i:j] = b

        starts = range(0, S, _CHUNK)
        pool = _pool() if len(starts) > 1 else None
        if pool is None:
            for i in starts:
                run(i)
        else:  # numpy releases the GIL inside its loops: blocks run in parallel
            list(pool.map(run, starts))
        return tuple(out)

    def term_shares(self, Q: np.ndarray) -> np.ndarray:
        """Largest share of the predicted loss, over runs, of each term: (S, T+1), constant last."""
        Q = self.clip(np.atleast_2d(np.asarray(Q, dtype=np.float64)))  # |exponents| ≤ 600: exp is safe
        T = self.T
        terms = [np.exp(Q[:, [k]] - Q[:, [T + 1 + k]] * self.z[k]) for k in range(T)]
        terms.append(np.broadcast_to(np.exp(Q[:, [T]]), terms[0].shape))
        total = sum(terms)
        return np.stack([(t / total).max(axis=1) for t in terms], axis=1)

    def objective_and_gradient(self, q: np.ndarray, counts: np.ndarray | None = None):
        """Scalar objective and gradient at one internal parameter vector (for scipy)."""
        c = None if counts is None else counts[None, :]
        f, G, _, _ = self._block(np.asarray(q, dtype=np.float64)[None, :], c, 1)
        return float(f[0]), G[0].copy()


def _cholesky_solve(M: np.ndarray, g: np.ndarray, rtol: float = 1e-13):
    """Solve ``M d = g`` for a stack of small symmetric matrices by Cholesky, vectorised over
    the stack. Returns ``(d, ok)``; ``ok`` is False where ``M`` is not (numerically) positive
    definite, and ``d`` is then meaningless."""
    S, p, _ = M.shape
    L = np.zeros_like(M)
    scale = np.maximum(np.abs(np.einsum("sii->si", M)).max(axis=1), 1e-300)
    ok = np.ones(S, dtype=bool)
    for j in range(p):
        Lj = L[:, j, :j]
        piv = M[:, j, j] - (Lj * Lj).sum(axis=1)
        ok &= piv > rtol * scale
        Ljj = np.sqrt(np.where(ok, piv, 1.0))
        L[:, j, j] = Ljj
        if j + 1 < p:
            L[:, j + 1 :, j] = (M[:, j + 1 :, j] - (L[:, j + 1 :, :j] * Lj[:, None, :]).sum(axis=2)) / Ljj[:, None]
    y = np.empty_like(g)
    for j in range(p):
        y[:, j] = (g[:, j] - (L[:, j, :j] * y[:, :j]).sum(axis=1)) / L[:, j, j]
    d = np.empty_like(g)
    for j in range(p - 1, -1, -1):
        d[:, j] = (y[:, j] - (L[:, j + 1 :, j] * d[:, j + 1 :]).sum(axis=1)) / L[:, j, j]
    return d, ok


def _solve_pd(M: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Solve positive-definite systems (LAPACK, batched)."""
    try:
        return np.linalg.solve(M, g[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:  # pragma: no cover - the damping keeps M positive definite
        return _cholesky_solve(M, g)[0]


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Where every start ended: internal parameters ``Q`` (S,p), objective ``f`` (S,),
    iterations per start ``nit`` and whether the start met its stopping test (``converged``)."""

    Q: np.ndarray
    f: np.ndarray
    nit: np.ndarray
    converged: np.ndarray


def levenberg_marquardt(model: "LogSumExpModel", Q0: np.ndarray, counts: np.ndarray | None = None, **kw) -> "BatchResult":
    """Minimise ``model`` from every row of ``Q0`` at once; see ``_levenberg_marquardt``.

    Floating-point warnings are silenced: far-out trial steps may overflow, and are rejected.
    """
    with np.errstate(all="ignore"):
        return _levenberg_marquardt(model, Q0, counts, **kw)


def _levenberg_marquardt(
    model: LogSumExpModel,
    Q0: np.ndarray,
    counts: np.ndarray | None = None,
    *,
    max_iter: int = 300,
    ftol: float = 1e-13,
    stall_window: int = 10,
    stall_rtol: float = 1e-11,
    newton_below: float = 1e-2,
    lost_term: float = 1e-12,
) -> BatchResult:
    """Minimise ``model`` from every row of ``Q0`` at once (internal coordinates).

    Each start has its own damping λ. Far from a minimum the step is Levenberg–Marquardt
    on the IRLS curvature, ``−(H + λ·max diag H·I)⁻¹ g`` (a descent direction everywhere);
    once such steps are accepted with little damping (λ ≤ ``newton_below``) the start
    switches to plain Newton steps on the exact Hessian, which converge quadratically
    near a minimum; a rejected Newton step, or an indefinite Hessian, falls back to IRLS.
    A step is only accepted when the objective drops.

    A start stops when an accepted step improves the objective by less than ``ftol``
    (relative), when no step can improve it (λ huge), or when it stalls: its last
    ``stall_window`` iterations gained less than ``stall_rtol`` (relative), or it has
    lost a term of the model (that term's share of the prediction is below ``lost_term``
    on every run, so its gradient vanishes and the start can only crawl off to infinity)
    while its objective is worse than the best one found so far.
    """
    Q = model.clip(np.array(Q0, dtype=np.float64))
    S, p = Q.shape
    f, G, H, HN = model.evaluate(Q, counts, need=3)
    lam = np.full(S, 1e-3)
    newton = np.zeros(S, dtype=bool)
    nit = np.zeros(S, dtype=np.int64)
    converged = np.zeros(S, dtype=bool)
    active = np.ones(S, dtype=bool)
    history = np.full((stall_window, S), np.inf)
    eye = np.eye(p)
    for it in range(max_iter):
        A = np.flatnonzero(active)
        if A.size == 0:
            break
        GA = G[A]
        diag = np.einsum("sii->si", H[A]).max(axis=1)
        M = H[A] + eye * ((lam[A] + 1e-12) * diag + 1e-300)[:, None, None]
        d = _solve_pd(M, -GA)
        use_newton = newton[A].copy()
        if use_newton.any():
            idx = np.flatnonzero(use_newton)
            dn, pd = _cholesky_solve(HN[A[idx]], -GA[idx])
            d[idx[pd]] = dn[pd]
            use_newton[idx[~pd]] = False
        d[~np.isfinite(d)] = 0.0
        Qn = model.clip(Q[A] + d)
        cA = None if counts is None else counts[A]
        fn = model.evaluate(Qn, cA, need=0)[0]  # cheap trial; derivatives only where accepted
        fA = f[A]
        ok = fn < fA
        acc, rej = A[ok], A[~ok]
        gain = fA[ok] - fn[ok]
        if acc.size:
            # the exact Hessian only pays near a minimum: skip it after big strides
            near = gain <= NEAR * np.abs(fn[ok])
            for sel, need in ((near, 3), (~near, 2)):
                if sel.any():
                    ia = acc[sel]
                    fa, Ga, Ha, HNa = model.evaluate(Qn[ok][sel], None if counts is None else counts[ia], need=need)
                    Q[ia], f[ia], G[ia], H[ia] = Qn[ok][sel], fa, Ga, Ha
                    if HNa is not None:
                        HN[ia] = HNa
                    else:
                        HN[ia] = np.nan  # not PD: the next step is IRLS
        irls_acc, irls_rej = A[ok & ~use_newton], A[~ok & ~use_newton]
        lam[irls_acc] = np.maximum(lam[irls_acc] * 0.2, 1e-12)
        lam[irls_rej] *= 8.0
        newton[irls_acc] = lam[irls_acc] <= newton_below
        newton[A[use_newton & ~ok]] = False
        nit[A] += 1
        slot = it % stall_window
        old = history[slot, A]
        history[slot, A] = f[A]
        stalled = old - f[A] <= stall_rtol * np.abs(f[A])
        if slot == stall_window - 1:
            worse = A[f[A] > f.min() * (1 + 1e-2) + 1e-300]
            if worse.size:
                lost = model.term_shares(Q[worse]).min(axis=1) < lost_term
                stalled |= np.isin(A, worse[lost])
        done = np.zeros(S, dtype=bool)
        done[acc[gain <= ftol * np.abs(f[acc])]] = True
        done[rej[lam[rej] > 1e10]] = True
        converged |= done
        done[A[stalled]] = True
        active &= ~done
    return BatchResult(Q=Q, f=f, nit=nit, converged=converged)


def polish(model: LogSumExpModel, q0: np.ndarray, counts: np.ndarray | None = None):
    """Refine one internal parameter vector with scipy L-BFGS-B (analytic gradient, tight tolerances)."""
    bounds = list(zip(model.lower, model.upper))
    with np.errstate(all="ignore"):
        res = minimize(
            model.objective_and_gradient,
            np.asarray(q0, dtype=np.float64),
            args=(counts,),
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-13, "maxcor": 20},
        )
        f0, _ = model.objective_and_gradient(q0, counts)
    if res.fun < f0:
        return np.asarray(res.x, dtype=np.float64), float(res.fun)
    return np.asarray(q0, dtype=np.float64), f0
