"""Expected numbers for the optimizer golden tests in this folder, from the published update rules.

Run: python3 tests/golden/optimizers/reference.py
Each case prints the GradScript lines its .grad file pastes in (the parameters after each step).

Written by hand from the algorithms in PyTorch's documentation of torch.optim.SGD and
torch.optim.Adam, in plain Python floats (IEEE double), with gradients from the derivative worked
out by hand, so nothing here shares code or operation order with GradScript's implementation:

SGD (lr γ, momentum μ, dampening τ, weight decay λ, nesterov):
    g ← g + λθ                          if λ ≠ 0
    b ← g at t = 1, else μb + (1 − τ)g  if μ ≠ 0
    g ← g + μb if nesterov, else g ← b  if μ ≠ 0
    θ ← θ − γg

Adam (lr γ, betas β1 β2, eps ε, weight decay λ, amsgrad):
    g ← g + λθ                          if λ ≠ 0
    m ← β1 m + (1 − β1) g
    v ← β2 v + (1 − β2) g²
    m̂ ← m / (1 − β1^t)
    v̂ ← v / (1 − β2^t), or with amsgrad: v_max ← max(v_max, v), v̂ ← v_max / (1 − β2^t)
      (the maximum is taken before the bias correction, as torch/optim/adam.py does and the
      corrected documentation says: pytorch/pytorch#142323)
    θ ← θ − γ m̂ / (√v̂ + ε)
"""

import math
import struct

# The linear model of the SGD cases: loss = mean((w·x + b − y)²).
XS = [1.0, 2.0, 3.0, -1.5]
YS = [2.1, 3.9, 6.2, -2.0]


def linear_grads(theta):
    w, b = theta
    n = len(XS)
    dw = sum(2 * (w * x + b - y) * x for x, y in zip(XS, YS)) / n
    db = sum(2 * (w * x + b - y) for x, y in zip(XS, YS)) / n
    return [dw, db]


# Rosenbrock's function for the Adam cases: (1 − x)² + 100 (y − x²)².
def rosenbrock_grads(theta):
    x, y = theta
    return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]


def sgd(theta, grads, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    theta = list(theta)
    buf = [None] * len(theta)
    history = []
    for t in range(1, steps + 1):
        g = grads(theta)
        for i in range(len(theta)):
            gi = g[i]
            if weight_decay != 0:
                gi = gi + weight_decay * theta[i]
            if momentum != 0:
                buf[i] = gi if t == 1 else momentum * buf[i] + (1 - dampening) * gi
                gi = gi + momentum * buf[i] if nesterov else buf[i]
            theta[i] = theta[i] - lr * gi
        history.append(list(theta))
    return history


def adam(theta, grads, steps, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False):
    beta1, beta2 = betas
    theta = list(theta)
    m = [0.0] * len(theta)
    v = [0.0] * len(theta)
    v_max = [0.0] * len(theta)
    history = []
    max_mattered = False
    for t in range(1, steps + 1):
        g = grads(theta)
        for i in range(len(theta)):
            gi = g[i]
            if weight_decay != 0:
                gi = gi + weight_decay * theta[i]
            m[i] = beta1 * m[i] + (1 - beta1) * gi
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
            m_hat = m[i] / (1 - beta1 ** t)
            if amsgrad:
                max_mattered |= v_max[i] > v[i]
                v_max[i] = max(v_max[i], v[i])
                v_hat = v_max[i] / (1 - beta2 ** t)
            else:
                v_hat = v[i] / (1 - beta2 ** t)
            theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        history.append(list(theta))
    if amsgrad:
        assert max_mattered, "the amsgrad case must reach a step where v falls below its maximum"
    return history


def float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def show(name, history):
    print(f"# {name}")
    for k in range(len(history[0])):
        print(f"expected{k} = [{', '.join(repr(h[k]) for h in history)}]")
    print()


show("sgd_plain", sgd([0.5, 0.0], linear_grads, 6, lr=0.05))
show("sgd_momentum", sgd([0.5, 0.0], linear_grads, 6, lr=0.02, momentum=0.9))
show("sgd_dampening_weight_decay", sgd([0.5, 0.0], linear_grads, 6, lr=0.02, momentum=0.8, dampening=0.5, weight_decay=0.1))
show("sgd_nesterov", sgd([0.5, 0.0], linear_grads, 6, lr=0.02, momentum=0.9, nesterov=True))
show("adam_defaults", adam([-1.5, 2.0], rosenbrock_grads, 6))
show("adam_settings", adam([-1.5, 2.0], rosenbrock_grads, 8, lr=0.05, betas=(0.8, 0.99), eps=1e-3, weight_decay=0.01))
show("adam_amsgrad", adam([-1.5, 2.0], rosenbrock_grads, 12, lr=0.1, betas=(0.9, 0.9), amsgrad=True))
# The float32 case: one float32 parameter x, loss (x − 3)², float64 reference; the script checks
# that each value is the float32 nearest to GradScript's float64 step of the stored value, and
# within float32 rounding of this trajectory.
show("adam_float32", adam([0.5], lambda th: [2 * (th[0] - 3)], 4, lr=0.1))
