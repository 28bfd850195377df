#!/usr/bin/python3
"""The numpy and PyTorch (CPU) side of `npm run bench`.

Runs the same workloads as the tfjs side (their sizes arrive as JSON from scripts/bench/specs.ts),
written the way a Python course would: numpy with hand-written backward passes, PyTorch with
autograd. Prints one JSON object per line on stdout:
  {"type": "env", ...}                                  versions and thread counts
  {"type": "result", "id", "backend", "medianMs", "runs"}
  {"type": "skip", "backend", "reason"}                 numpy or torch not installed
Progress goes to stderr.

Usage: /usr/bin/python3 scripts/bench/bench.py --specs specs.json --threads N [--only id,id]
       /usr/bin/python3 scripts/bench/bench.py --serve --threads N
With --serve it reads one workload (JSON) per line on stdin and answers with its results and a
{"type": "done", "id"} line, so the runner can time numpy and torch right next to the tfjs
backends of the same workload (the machine is shared; load drifts over minutes).
"""
import argparse
import json
import os
import sys
import time


def emit(obj):
    print(json.dumps(obj), flush=True)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--specs", help="JSON file with the workload list (from specs.ts)")
    p.add_argument("--serve", action="store_true", help="read workloads from stdin, one JSON object per line")
    p.add_argument("--threads", type=int, default=1, help="threads for OpenBLAS (numpy) and torch")
    p.add_argument("--only", default="", help="comma-separated workload ids")
    p.add_argument("--frameworks", default="numpy,torch", help="which of numpy,torch to run")
    return p.parse_args()


ARGS = parse_args()
# Thread counts must be fixed before numpy loads OpenBLAS.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)

try:
    import numpy as np
except ImportError as e:  # numpy missing: report and let the tfjs side carry on
    np = None
    NUMPY_ERROR = str(e)
try:
    import torch
    import torch.nn.functional as F
except ImportError as e:
    torch = None
    TORCH_ERROR = str(e)


def median(values):
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def measure(run, timing):
    """Same rule as measure.ts: warm-up runs, then timed runs until `repeats` or the time budget.
    A warm-up run longer than 2 s is used as the single timed run (its warm-up share is negligible)."""
    for _ in range(timing["warmup"]):
        t = time.perf_counter()
        run()
        ms = (time.perf_counter() - t) * 1e3
        if ms > 2000:
            return ms, 1
    samples, spent = [], 0.0
    while len(samples) < max(1, timing["repeats"]) and (not samples or spent < timing["budgetS"] * 1e3):
        t = time.perf_counter()
        run()
        ms = (time.perf_counter() - t) * 1e3
        samples.append(ms)
        spent += ms
    return median(samples), len(samples)


def sweep_cases(spec):
    cases = []
    for i in range(spec["scales"]):
        scale = 10 ** (-4 + 4 * i / (spec["scales"] - 1))
        for use_bn in (True, False):
            cases.append((scale, use_bn))
    return cases


def teacher_data(rs, n, d=784, classes=10):
    """Pixel-like uniforms labelled by a random linear teacher, as in trials.ts (other values, same law)."""
    x = rs.random((n, d), dtype=np.float32)
    teacher = rs.random((d, classes), dtype=np.float32) - np.float32(0.5)
    labels = np.argmax((x - 0.5) @ teacher, axis=1)
    return x, labels


# ---------------------------------------------------------------------------------------------
# numpy: hand-written forward and backward passes


def np_softmax_ce(scores, labels):
    """Mean cross-entropy and its gradient with respect to the scores."""
    n = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(n), labels] + 1e-30).mean()
    p[np.arange(n), labels] -= 1
    return loss, p / n


def np_mlp(hidden, rs):
    params = {
        "W1": (rs.standard_normal((784, hidden), dtype=np.float32) * 0.01),
        "b1": np.zeros(hidden, np.float32),
        "W2": (rs.standard_normal((hidden, 10), dtype=np.float32) * 0.01),
        "b2": np.zeros(10, np.float32),
    }

    def step(x, labels, lr=0.1):
        P = params
        z1 = x @ P["W1"] + P["b1"]
        h = np.maximum(z1, 0)
        loss, ds = np_softmax_ce(h @ P["W2"] + P["b2"], labels)
        dW2 = h.T @ ds
        db2 = ds.sum(axis=0)
        dh = ds @ P["W2"].T
        dh[z1 <= 0] = 0
        dW1 = x.T @ dh
        db1 = dh.sum(axis=0)
        for k, g in (("W1", dW1), ("b1", db1), ("W2", dW2), ("b2", db2)):
            P[k] -= lr * g
        return float(loss)

    return step


def np_bn_forward(h, gamma, beta, eps=1e-5):
    mu = h.mean(axis=0)
    var = h.var(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (h - mu) * inv
    return xhat * gamma + beta, (xhat, inv)


def np_bn_backward(dout, cache, gamma):
    xhat, inv = cache
    n = dout.shape[0]
    dgamma = (dout * xhat).sum(axis=0)
    dbeta = dout.sum(axis=0)
    dxhat = dout * gamma
    dx = inv / n * (n * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, dgamma, dbeta


def np_prepare(spec):
    rs = np.random.default_rng(1)
    kind = spec["kind"]
    if kind == "deep":
        x = rs.standard_normal((spec["n"], spec["width"]), dtype=np.float32)
        ws = [rs.standard_normal((spec["width"], spec["width"]), dtype=np.float32) / np.float32(np.sqrt(spec["width"]))
              for _ in range(spec["layers"])]

        def run():
            hs = [x]
            for w in ws:
                hs.append(np.tanh(hs[-1] @ w))
            dh = hs[-1]  # d(0.5 * sum(h^2)) / dh
            grads = []
            for l in range(len(ws) - 1, -1, -1):
                dz = dh * (1 - hs[l + 1] ** 2)
                grads.append(hs[l].T @ dz)
                if l > 0:
                    dh = dz @ ws[l].T
            return grads
        return run
    if kind == "mlpStep":
        x = rs.random((spec["batch"], 784), dtype=np.float32)
        labels = rs.integers(0, 10, spec["batch"])
        step = np_mlp(spec["hidden"], rs)
        return lambda: step(x, labels)
    if kind == "mlpEpoch":
        X = rs.random((spec["n"], 784), dtype=np.float32)
        Y = rs.integers(0, 10, spec["n"])
        step = np_mlp(spec["hidden"], rs)

        def run():
            order = rs.permutation(spec["n"])
            for start in range(0, spec["n"], spec["batch"]):
                idx = order[start:start + spec["batch"]]
                step(X[idx], Y[idx])
        return run
    if kind == "batchnorm":
        x = (rs.standard_normal((spec["n"], spec["d"]), dtype=np.float32) * 3 + 2).astype(np.float32)
        gamma = (1 + 0.1 * rs.standard_normal(spec["d"], dtype=np.float32)).astype(np.float32)
        beta = (0.1 * rs.standard_normal(spec["d"], dtype=np.float32)).astype(np.float32)
        dout = rs.standard_normal((spec["n"], spec["d"]), dtype=np.float32)

        def run():
            out, cache = np_bn_forward(x, gamma, beta)
            return np_bn_backward(dout, cache, gamma)
        return run
    if kind == "covariance":
        X = rs.random((spec["n"], spec["d"]), dtype=np.float32)

        def run():
            c = X - X.mean(axis=0)
            return c.T @ c / np.float32(spec["n"] - 1)
        return run
    if kind == "bnSweep":
        def run():
            return [np_bn_case(spec, scale, use_bn, seed) for seed, (scale, use_bn) in enumerate(sweep_cases(spec))]
        return run
    if kind == "hparamTrial":
        return lambda: np_hparam_trial(spec, lr=0.1, reg=1e-4, seed=0)
    raise ValueError(f"unknown workload kind {kind}")


def np_bn_case(spec, scale, use_bn, seed):
    rs = np.random.default_rng(seed)
    x, labels = teacher_data(np.random.default_rng(100), spec["nTrain"])
    sizes = [784, *spec["hidden"], 10]
    Ws = [rs.standard_normal((a, b), dtype=np.float32) * np.float32(scale) for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    gammas = [np.ones(h, np.float32) for h in spec["hidden"]]
    betas = [np.zeros(h, np.float32) for h in spec["hidden"]]
    lr = np.float32(spec["lr"])
    n, batch = spec["nTrain"], spec["batch"]
    loss = float("nan")
    with np.errstate(all="ignore"):  # the largest scales overflow without BN, as in the lesson
        for _ in range(spec["epochs"]):
            order = rs.permutation(n)
            for start in range(0, n, batch):
                idx = order[start:start + batch]
                h, caches = x[idx], []
                for l in range(len(Ws)):
                    inp = h
                    z = inp @ Ws[l] + bs[l]
                    if l == len(Ws) - 1:
                        caches.append((inp, None, None))
                        h = z
                        break
                    bn_cache = None
                    if use_bn:
                        z, bn_cache = np_bn_forward(z, gammas[l], betas[l])
                    caches.append((inp, bn_cache, z))
                    h = np.maximum(z, 0)
                loss, dh = np_softmax_ce(h, labels[idx])
                for l in range(len(Ws) - 1, -1, -1):
                    inp, bn_cache, z = caches[l]
                    if l < len(Ws) - 1:
                        dh = dh * (z > 0)
                        if use_bn:
                            dh, dg, db = np_bn_backward(dh, bn_cache, gammas[l])
                            gammas[l] -= lr * dg
                            betas[l] -= lr * db
                    dW, db_ = inp.T @ dh, dh.sum(axis=0)
                    if l > 0:
                        dh = dh @ Ws[l].T
                    Ws[l] -= lr * dW
                    bs[l] -= lr * db_
    return float(loss)


def np_hparam_trial(spec, lr, reg, seed):
    rs = np.random.default_rng(seed)
    n_train, n_val, hidden = spec["nTrain"], spec["nVal"], spec["hidden"]
    x, labels = teacher_data(np.random.default_rng(200), n_train + n_val)
    xt, yt, xv, yv = x[:n_train], labels[:n_train], x[n_train:], labels[n_train:]
    W1 = rs.standard_normal((784, hidden), dtype=np.float32) * np.float32(np.sqrt(2 / 784))
    b1 = np.zeros(hidden, np.float32)
    W2 = rs.standard_normal((hidden, 10), dtype=np.float32) * np.float32(np.sqrt(2 / hidden))
    b2 = np.zeros(10, np.float32)
    lr, reg = np.float32(lr), np.float32(reg)
    for _ in range(spec["epochs"]):
        order = rs.permutation(n_train)
        for start in range(0, n_train, spec["batch"]):
            idx = order[start:start + spec["batch"]]
            xb = xt[idx]
            z1 = xb @ W1 + b1
            h = np.maximum(z1, 0)
            loss, ds = np_softmax_ce(h @ W2 + b2, yt[idx])
            loss += reg * ((W1 * W1).sum() + (W2 * W2).sum())
            dW2 = h.T @ ds + 2 * reg * W2
            db2 = ds.sum(axis=0)
            dh = ds @ W2.T
            dh[z1 <= 0] = 0
            dW1 = xb.T @ dh + 2 * reg * W1
            db1 = dh.sum(axis=0)
            W1 -= lr * dW1
            b1 -= lr * db1
            W2 -= lr * dW2
            b2 -= lr * db2
    scores = np.maximum(xv @ W1 + b1, 0) @ W2 + b2
    return float((scores.argmax(axis=1) == yv).mean())


# ---------------------------------------------------------------------------------------------
# PyTorch: autograd


def t_mlp(hidden, g):
    params = [
        (torch.randn(784, hidden, generator=g) * 0.01).requires_grad_(),
        torch.zeros(hidden, requires_grad=True),
        (torch.randn(hidden, 10, generator=g) * 0.01).requires_grad_(),
        torch.zeros(10, requires_grad=True),
    ]

    def step(x, y, lr=0.1):
        W1, b1, W2, b2 = params
        loss = F.cross_entropy(F.relu(x @ W1 + b1) @ W2 + b2, y)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
        return loss.item()

    return step


def t_bn(h, gamma, beta, eps=1e-5):
    mu = h.mean(dim=0)
    var = ((h - mu) ** 2).mean(dim=0)
    return (h - mu) / torch.sqrt(var + eps) * gamma + beta


def t_prepare(spec):
    g = torch.Generator().manual_seed(1)
    kind = spec["kind"]
    if kind == "deep":
        x = torch.randn(spec["n"], spec["width"], generator=g)
        ws = [(torch.randn(spec["width"], spec["width"], generator=g) / spec["width"] ** 0.5).requires_grad_()
              for _ in range(spec["layers"])]

        def run():
            h = x
            for w in ws:
                h = torch.tanh(h @ w)
            return torch.autograd.grad(0.5 * (h * h).sum(), ws)
        return run
    if kind == "mlpStep":
        x = torch.rand(spec["batch"], 784, generator=g)
        y = torch.randint(0, 10, (spec["batch"],), generator=g)
        step = t_mlp(spec["hidden"], g)
        return lambda: step(x, y)
    if kind == "mlpEpoch":
        X = torch.rand(spec["n"], 784, generator=g)
        Y = torch.randint(0, 10, (spec["n"],), generator=g)
        step = t_mlp(spec["hidden"], g)

        def run():
            order = torch.randperm(spec["n"], generator=g)
            for start in range(0, spec["n"], spec["batch"]):
                idx = order[start:start + spec["batch"]]
                step(X[idx], Y[idx])
        return run
    if kind == "batchnorm":
        x = (torch.randn(spec["n"], spec["d"], generator=g) * 3 + 2).requires_grad_()
        gamma = (1 + 0.1 * torch.randn(spec["d"], generator=g)).requires_grad_()
        beta = (0.1 * torch.randn(spec["d"], generator=g)).requires_grad_()
        dout = torch.randn(spec["n"], spec["d"], generator=g)
        return lambda: torch.autograd.grad((t_bn(x, gamma, beta) * dout).sum(), [x, gamma, beta])
    if kind == "covariance":
        X = torch.rand(spec["n"], spec["d"], generator=g)

        def run():
            c = X - X.mean(dim=0)
            return c.T @ c / (spec["n"] - 1)
        return run
    if kind == "bnSweep":
        return lambda: [t_bn_case(spec, scale, use_bn, seed) for seed, (scale, use_bn) in enumerate(sweep_cases(spec))]
    if kind == "hparamTrial":
        return lambda: t_hparam_trial(spec, lr=0.1, reg=1e-4, seed=0)
    raise ValueError(f"unknown workload kind {kind}")


def t_teacher_data(n, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 784, generator=g)
    teacher = torch.rand(784, 10, generator=g) - 0.5
    return x, ((x - 0.5) @ teacher).argmax(dim=1)


def t_bn_case(spec, scale, use_bn, seed):
    g = torch.Generator().manual_seed(seed)
    x, labels = t_teacher_data(spec["nTrain"], 100)
    sizes = [784, *spec["hidden"], 10]
    Ws = [(torch.randn(a, b, generator=g) * scale).requires_grad_() for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [torch.zeros(b, requires_grad=True) for b in sizes[1:]]
    gammas = [torch.ones(h, requires_grad=True) for h in spec["hidden"]]
    betas = [torch.zeros(h, requires_grad=True) for h in spec["hidden"]]
    params = Ws + bs + (gammas + betas if use_bn else [])
    n, batch, lr = spec["nTrain"], spec["batch"], spec["lr"]
    loss = float("nan")
    for _ in range(spec["epochs"]):
        order = torch.randperm(n, generator=g)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            h = x[idx]
            for l in range(len(Ws)):
                h = h @ Ws[l] + bs[l]
                if l == len(Ws) - 1:
                    break
                if use_bn:
                    h = t_bn(h, gammas[l], betas[l])
                h = F.relu(h)
            out = F.cross_entropy(h, labels[idx])
            grads = torch.autograd.grad(out, params)
            with torch.no_grad():
                for p, gr in zip(params, grads):
                    p -= lr * gr
            loss = out.item()
    return loss


def t_hparam_trial(spec, lr, reg, seed):
    g = torch.Generator().manual_seed(seed)
    n_train, n_val, hidden = spec["nTrain"], spec["nVal"], spec["hidden"]
    x, labels = t_teacher_data(n_train + n_val, 200)
    xt, yt, xv, yv = x[:n_train], labels[:n_train], x[n_train:], labels[n_train:]
    W1 = (torch.randn(784, hidden, generator=g) * (2 / 784) ** 0.5).requires_grad_()
    b1 = torch.zeros(hidden, requires_grad=True)
    W2 = (torch.randn(hidden, 10, generator=g) * (2 / hidden) ** 0.5).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    params = [W1, b1, W2, b2]
    for _ in range(spec["epochs"]):
        order = torch.randperm(n_train, generator=g)
        for start in range(0, n_train, spec["batch"]):
            idx = order[start:start + spec["batch"]]
            loss = F.cross_entropy(F.relu(xt[idx] @ W1 + b1) @ W2 + b2, yt[idx]) + reg * ((W1 * W1).sum() + (W2 * W2).sum())
            grads = torch.autograd.grad(loss, params)
            with torch.no_grad():
                for p, gr in zip(params, grads):
                    p -= lr * gr
            loss.item()
    with torch.no_grad():
        return (((F.relu(xv @ W1 + b1) @ W2 + b2).argmax(dim=1) == yv).float().mean().item())


# ---------------------------------------------------------------------------------------------


def blas_library():
    path = "/usr/lib/x86_64-linux-gnu/libblas.so.3"
    return os.path.realpath(path) if os.path.exists(path) else None


def frameworks_available():
    """The (name, prepare) pairs to run, after reporting the ones that cannot run."""
    wanted = set(ARGS.frameworks.split(","))
    frameworks = []
    if "numpy" in wanted:
        if np is None:
            emit({"type": "skip", "backend": "numpy", "reason": f"numpy not importable ({NUMPY_ERROR}); apt-get install python3-numpy"})
        else:
            frameworks.append(("numpy", np_prepare))
    if "torch" in wanted:
        if torch is None:
            emit({"type": "skip", "backend": "torch", "reason": f"torch not importable ({TORCH_ERROR}); apt-get install python3-torch"})
        else:
            torch.set_num_threads(ARGS.threads)
            frameworks.append(("torch", t_prepare))
    return frameworks


def run_spec(spec, frameworks):
    for name, prepare in frameworks:
        print(f"bench.py: {spec['id']} on {name}", file=sys.stderr, flush=True)
        run = prepare(spec)
        ms, runs = measure(run, spec["timing"])
        emit({"type": "result", "id": spec["id"], "backend": name, "medianMs": ms, "runs": runs})


def main():
    frameworks = frameworks_available()
    emit({
        "type": "env",
        "python": sys.version.split()[0],
        "numpy": np.__version__ if np is not None else None,
        "blas": blas_library(),
        "torch": torch.__version__ if torch is not None else None,
        "torchThreads": torch.get_num_threads() if torch is not None else None,
        "threads": ARGS.threads,
    })
    if ARGS.serve:
        for line in sys.stdin:
            if line.strip():
                spec = json.loads(line)
                run_spec(spec, frameworks)
                emit({"type": "done", "id": spec["id"]})
        return
    if not ARGS.specs:
        sys.exit("bench.py: give --specs FILE or --serve")
    with open(ARGS.specs) as f:
        specs = json.load(f)
    only = set(filter(None, ARGS.only.split(",")))
    for spec in specs:
        if not only or spec["id"] in only:
            run_spec(spec, frameworks)


if __name__ == "__main__":
    main()
