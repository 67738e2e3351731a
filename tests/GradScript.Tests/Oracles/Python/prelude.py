# The Python side of the CPython differential suite: what GradScript's names mean in Python.
# Everything here is CPython doing the work; the helpers only add GradScript's documented
# differences (docs/differences.md, section "Python"): 64-bit ints whose overflow is an error,
# IEEE results where Python raises (float division by zero, overflow, math domain errors),
# bools a type of their own for == and ordering, and printing as GradScript prints
# (true/false/none, strings in lists in double quotes).
import builtins as _b
import math as _math
import random as _random

_S, _I = str, int  # the real str and int: the names are GradScript's str() and int() below

_MIN, _MAX = -2**63, 2**63 - 1
inf, nan, pi, e = _math.inf, _math.nan, _math.pi, _math.e


def _i(r):
    if type(r) is _I and not _MIN <= r <= _MAX:
        raise OverflowError("integer overflow")
    return r


def _isfloat(*vs):
    return any(type(v) is float for v in vs)


def _seq_count(a, b):
    # A string or list repeated by a bool, a float or anything but an _I is refused.
    if isinstance(a, (_S, list)) and type(b) is not _I and type(b) is not bool:
        raise TypeError("repeat count")


def _add(a, b): return _i(a + b)
def _sub(a, b): return _i(a - b)


def _mul(a, b):
    _seq_count(a, b)
    _seq_count(b, a)
    if isinstance(a, (_S, list)) and isinstance(b, (_S, list)):
        raise TypeError("can't multiply sequences")
    return _i(a * b)


def _ieee_div(a, b):
    a, b = float(a), float(b)
    if a != a or a == 0:
        return nan
    return _math.copysign(inf, a) * _math.copysign(1.0, b)


def _div(a, b):
    if b == 0 and _isfloat(a, b) and type(b) is not _S:
        return _ieee_div(a, b)
    return a / b


def _floordiv(a, b):
    if b == 0 and _isfloat(a, b) and type(b) is not _S:
        return _ieee_div(a, b)  # floor(±inf) and floor(nan) are themselves
    return _i(a // b)


def _mod(a, b):
    if b == 0 and _isfloat(a, b) and type(b) is not _S:
        return nan
    return _i(a % b)


def _odd(y):
    return y == _math.floor(y) and abs(y) < 2**53 and int(y) % 2 == 1


def _fpow(x, y):
    # C's pow, as GradScript's ^ on floats: Python's OverflowError and ValueError become inf and nan.
    x, y = float(x), float(y)
    try:
        return _math.pow(x, y)
    except OverflowError:
        return -inf if x < 0 and _odd(y) else inf
    except ValueError:
        if x == 0:
            return _math.copysign(inf, x) if _odd(y) else inf
        return nan


def _pow(a, b):
    for v in (a, b):
        if type(v) not in (_I, float, bool):
            raise TypeError("unsupported operand types for ^")
    if type(a) in (_I, bool) and type(b) in (_I, bool) and b >= 0:
        a, b = int(a), int(b)
        # |a| ** b is at least 2 ** (b * (bits of |a| - 1)): past 64 bits it overflows, as GradScript
        # says at once; CPython would first compute every digit (for 3 ** 2 ** 62, for ever).
        if _b.abs(a) >= 2 and b * (_b.abs(a).bit_length() - 1) > 64:
            raise OverflowError("integer overflow")
        return _i(a ** b)
    return _fpow(a, b)


def _neg(a):
    if type(a) not in (_I, float, bool):
        raise TypeError("bad operand type for unary -")
    return _i(-a)


def _pos(a):
    if type(a) not in (_I, float, bool):
        raise TypeError("bad operand type for unary +")
    return +a


def _eq(a, b):
    if type(a) is bool or type(b) is bool:
        return type(a) is bool and type(b) is bool and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_eq(x, y) for x, y in zip(a, b))
    return a == b


def _ne(a, b): return not _eq(a, b)


def _order(a, b):
    # -1, 0, 1, or None for NaN; TypeError where GradScript refuses to order.
    num = (_I, float)
    if type(a) in num and type(b) in num or type(a) is bool and type(b) is bool or type(a) is _S and type(b) is _S:
        if a < b: return -1
        if a > b: return 1
        return 0 if a == b else None
    if isinstance(a, list) and isinstance(b, list):
        for x, y in zip(a, b):
            if not _eq(x, y):
                return _order(x, y)
        return (len(a) > len(b)) - (len(a) < len(b))
    raise TypeError("not supported between")


def _lt(a, b): c = _order(a, b); return c is not None and c < 0
def _le(a, b): c = _order(a, b); return c is not None and c <= 0
def _gt(a, b): c = _order(a, b); return c is not None and c > 0
def _ge(a, b): c = _order(a, b); return c is not None and c >= 0


def _math1(f, x, domain_zero=None):
    if type(x) not in (_I, float, bool):
        raise TypeError("expects a number")
    try:
        return float(f(x))
    except OverflowError:
        return inf
    except ValueError:
        return domain_zero if domain_zero is not None and x == 0 else nan


def exp(x): return _math1(_math.exp, x)
def log(x): return _math1(_math.log, x, -inf)
def sqrt(x): return _math1(_math.sqrt, x)
def sin(x): return _math1(_math.sin, x)
def cos(x): return _math1(_math.cos, x)
def tan(x): return _math1(_math.tan, x)
def tanh(x): return _math1(_math.tanh, x)


def _number(x):
    if type(x) not in (_I, float, bool):
        raise TypeError("expects a number")
    return x


def floor(x): return x if type(x) is _I else _i(_math.floor(_number(x)))
def ceil(x): return x if type(x) is _I else _i(_math.ceil(_number(x)))


def round(x, n=None):
    _number(x)
    if n is not None and type(n) not in (_I, bool):
        raise TypeError("expects an integer")
    return _i(_b.round(x) if n is None else _b.round(x, n))


def abs(x): return _i(_b.abs(_number(x)))
def pow(a, b): return _pow(a, b)
def int(x=None): return _i(_b.int(x))


def _items(args):
    if len(args) == 1:
        if isinstance(args[0], (_I, float, bool)) or args[0] is None:
            raise TypeError("not iterable")
        return list(args[0])
    return list(args)


def _extreme(better, args):
    # The first of the best items, as Python's max and min; GradScript's ordering rules.
    items = _items(args)
    if not items: raise ValueError("empty")
    best = items[0]
    for item in items[1:]:
        if better(item, best): best = item
    return best


def max(*args): return _extreme(_gt, args)
def min(*args): return _extreme(_lt, args)


def sum(xs):
    total = 0
    for x in _items([xs]):
        total = _add(total, _number(x))
    return total


def mean(xs):
    items = _items([xs])
    if not items: raise ValueError("empty")
    return _div(sum(items), len(items))


def append(xs, v):
    if type(xs) is not list: raise TypeError("expects a list")
    xs.append(v)


def pop(xs, i=None):
    if type(xs) is not list: raise TypeError("expects a list")
    return xs.pop() if i is None else xs.pop(i)


def seed(n): _random.seed(n)
def random(): return _random.random()
def uniform(a, b): return _random.uniform(_number(a), _number(b))
def gauss(mu=0.0, sigma=1.0): return _random.gauss(_number(mu), _number(sigma))


def _repr(v, _open=()):
    if v is True: return "true"
    if v is False: return "false"
    if v is None: return "none"
    if isinstance(v, list):
        if any(v is o for o in _open): return "[...]"
        return "[" + ", ".join(_repr(x, _open + (v,)) for x in v) + "]"
    if isinstance(v, dict):
        if any(v is o for o in _open): return "{...}"
        return "{" + ", ".join(_repr(k) + ": " + _repr(x, _open + (v,)) for k, x in v.items()) + "}"
    if isinstance(v, range): return "%d..%d" % (v.start, v.stop) + ("" if v.step == 1 else " step %d" % v.step)
    if isinstance(v, _S):
        out = ['"']
        for ch in v:
            if ch == '"': out.append('\\"')
            elif ch == '\\': out.append('\\\\')
            elif ch == '\n': out.append('\\n')
            elif ch == '\t': out.append('\\t')
            elif ch == '\r': out.append('\\r')
            elif ch.isprintable(): out.append(ch)
            else:
                o = ord(ch)
                out.append('\\x%02x' % o if o <= 0xff else '\\u%04x' % o if o <= 0xffff else '\\U%08x' % o)
        out.append('"')
        return "".join(out)
    return repr(v)


def str(v): return v if isinstance(v, _S) else _repr(v)


# GradScript's `in` over a list compares by its == (true == 1 is false); over strings and dicts it is Python's.
def _in(a, b):
    if isinstance(b, list):
        return any(_eq(a, x) for x in b)
    return a in b


# GradScript has no tuples or iterators here: divmod and reversed give lists.
def divmod(a, b): return [_floordiv(a, b), _mod(a, b)]
def reversed(xs): return list(_b.reversed(xs))


def _fmt(v, spec):
    # An f-string field: str() without a spec, format() with one.
    if spec == "": return str(v)
    if type(v) in (_I, float, bool): return format(v, spec)
    return format(str(v), spec)


def print(*args, sep=" ", end="\n"):
    if sep is not None and type(sep) is not _S or end is not None and type(end) is not _S:
        raise TypeError("sep and end must be none or a string")
    _b.print(*[str(a) for a in args], sep=" " if sep is None else sep, end="\n" if end is None else end)
