namespace GradScript;

// The documentation of every builtin function and constant, in the order docs/builtins.md lists
// them. A test checks that every builtin an engine starts with has exactly one entry here, so a new
// builtin is documented where the REPL, help(), the docs page and editors all find it.
public static partial class BuiltinDocs
{
    private static BuiltinDoc F(string group, string signature, string doc) =>
        new(signature[..signature.IndexOf('(')], signature, doc, group, BuiltinKind.Function);

    private static BuiltinDoc C(string name, string doc) => new(name, name, doc, "constants", BuiltinKind.Constant);

    private static IEnumerable<BuiltinDoc> BuiltinTable()
    {
        const string Output = "output and conversion", Lists = "lists and ranges", Math = "math",
            Random = "random numbers", Autograd = "autograd", Transforms = "function transforms",
            Training = "optimizers, progress and plots";
        return
        [
            F(Output, "print(*args, sep=\" \", end=\"\\n\")", "Writes the arguments to the output, each as `str` shows it, separated by `sep` and followed by `end`, as Python's `print` (each may be a string or `none`, meaning the default). Floats print as the shortest text that reads back to the same number (`0.1`, `1e-05`); a tracked value prints as its number."),
            F(Output, "str(x)", "The text `print` shows for `x`: `str(0.1)` is `\"0.1\"`, `str([1, \"a\"])` is the text `[1, \"a\"]` (strings are quoted inside lists)."),
            F(Output, "int(x)", "`x` as an int: a float is truncated toward zero (`int(-2.7)` is `-2`), a bool is 0 or 1, a string is parsed (`int(\" 1_000 \")` is `1000`; an underscore only between digits, as in Python). NaN, infinities and floats beyond 64 bits are errors."),
            F(Output, "float(x)", "`x` as a float: numbers and bools convert, a string is parsed (`\"2.5\"`, `\"1e-3\"`, `\"inf\"`, `\"nan\"`), a tracked value gives its data."),
            F(Output, "bool(x)", "Whether `x` is true: `false`, `none`, `0`, `0.0`, `\"\"`, `[]` and an empty range are false, everything else true."),
            F(Output, "type(x)", "The name of `x`'s type as a string: `int`, `float`, `bool`, `none`, `string`, `list`, `dict`, `range`, `function`, `module`, `tracked`, `optimizer` or `progress`."),
            F(Output, "error(message)", "Stops the script with a runtime error whose message is `str(message)`, placed at the call with the stack of functions, as Python's `raise`."),
            F(Output, "help(name)", "Shows the signature and documentation of a builtin, a standard module or its function (`help(print)`, `help(\"nn.mlp\")`); for a function of your own, its parameters. A string is looked up as a name. Without an argument, lists the builtins."),
            F(Lists, "len(x)", "The number of items of a list or range, or of code points of a string (`len(\"a😀b\")` is 3)."),
            F(Lists, "list(iterable)", "A new list of the items of a list, range or string (`list(0..3)` is `[0, 1, 2]`); `list()` is an empty list. A list is copied, not shared."),
            F(Lists, "range(a, b, step=1)", "The ints from `a` up to but not including `b`, `step` apart, as Python's `range`; `range(b)` starts at 0. The range is lazy: `a..b` writes `range(a, b)`."),
            F(Lists, "zip(*iterables)", "A list of lists pairing the items of its arguments in order, as long as the shortest: `zip([1, 2], \"ab\")` is `[[1, \"a\"], [2, \"b\"]]`. A `for x, y in zip(xs, ys)` loop walks the sources without building the list."),
            F(Lists, "enumerate(iterable, start=0)", "A list of `[index, item]` pairs, the index counting from `start`: `for i, x in enumerate(xs) { … }`."),
            F(Lists, "sorted(iterable, key=none, reverse=false)", "A new list of the items in order, by `<` alone and stably, as Python's `sorted`: `key` is a function giving each item's sort key, `reverse=true` sorts descending (keeping equal items in their order). Tracked values order by their data and stay tracked."),
            F(Lists, "reversed(iterable)", "A new list of the items in reverse order (a list, not a lazy iterator)."),
            F(Lists, "any(iterable)", "Whether some item is true (`false` for an empty iterable)."),
            F(Lists, "all(iterable)", "Whether every item is true (`true` for an empty iterable)."),
            F(Lists, "dict(pairs, **keywords)", "A new dict: empty, a copy of a dict, from a list of `[key, value]` pairs, and with each keyword argument as a string key: `dict(lr=0.1)` is `{\"lr\": 0.1}`."),
            F(Lists, "append(list, x)", "Adds `x` to the end of `list`, in place, and returns `none`."),
            F(Lists, "pop(list[, i])", "Removes the item at index `i` (by default the last; a negative index counts from the end) from `list` and returns it. Popping from an empty list is an error."),
            F(Math, "divmod(a, b)", "`[a // b, a % b]`, the quotient rounded down and the remainder with the sign of `b`, as Python's `divmod` (a list: GradScript has no tuples)."),
            F(Math, "abs(x)", "The absolute value. Differentiable: on a tracked value it is recorded, with abs′(0) = 0 as in PyTorch; an int stays an int."),
            F(Math, "exp(x)", "e raised to `x`, as a float. Differentiable."),
            F(Math, "log(x)", "The natural logarithm, as a float: `log(0.0)` is `-inf`, a negative number gives `nan`. Differentiable, with log′(x) = 1/x."),
            F(Math, "sqrt(x)", "The square root, as a float (`nan` for a negative number). Differentiable; sqrt′(0) is `inf`."),
            F(Math, "sin(x)", "The sine of `x` radians. Differentiable."),
            F(Math, "cos(x)", "The cosine of `x` radians. Differentiable."),
            F(Math, "tan(x)", "The tangent of `x` radians. Differentiable."),
            F(Math, "tanh(x)", "The hyperbolic tangent, the classic activation function. Differentiable."),
            F(Math, "sigmoid(x)", "1 / (1 + e^-x), the logistic function. Differentiable."),
            F(Math, "relu(x)", "`x` when it is above 0, else 0.0 (`max(x, 0)` as a float). Differentiable, with relu′(0) = 0 as in PyTorch."),
            F(Math, "pow(x, y)", "`x ^ y`: an int when both are ints and `y` is not negative, else a float. Differentiable in both arguments."),
            F(Math, "min(*items)", "The smallest of its arguments, or of the items of one list or range. With a tracked item the choice is recorded as `torch.minimum` records it: the items not chosen get gradient 0, and a tie splits it."),
            F(Math, "max(*items)", "The largest of its arguments, or of the items of one list or range. With a tracked item the choice is recorded as `torch.maximum` records it: the items not chosen get gradient 0, and a tie splits it."),
            F(Math, "sum(iterable)", "The sum of the items of a list or range, starting from the int 0. Differentiable: tracked items give a tracked sum."),
            F(Math, "mean(iterable)", "The sum of the items of a non-empty list or range divided by their count, as a float. Differentiable."),
            F(Math, "floor(x)", "The largest int not above `x`. The result is a plain int, never tracked."),
            F(Math, "ceil(x)", "The smallest int not below `x`. The result is a plain int, never tracked."),
            F(Math, "round(x[, digits])", "`x` rounded half to even, as Python's `round`: to an int without `digits`; with `digits` decimals (negative: tens, hundreds…) a float stays a float, rounded from its exact binary value (`round(2.675, 2)` is `2.67`), and an int stays an int (`round(15, -1)` is `20`). Never tracked."),
            C("pi", "The float 3.141592653589793, the ratio of a circle's circumference to its diameter."),
            C("e", "The float 2.718281828459045, the base of the natural logarithm."),
            C("inf", "Positive infinity, a float: `-inf` is negative infinity."),
            C("nan", "The float 'not a number': it compares unequal to everything, itself included."),
            C("args", "The script's command-line arguments, a list of strings: `gradscript train.grad 10 fast` gives `[\"10\", \"fast\"]`. Empty in the REPL and for a host's script unless the host sets it."),
            F(Random, "seed(n)", "Restarts the random generator from the int `n`, so the numbers that follow are those Python's `random` module gives after `random.seed(n)`. A fresh engine starts as if `seed(0)` had been called."),
            F(Random, "random()", "A float uniformly drawn from [0, 1), from CPython's Mersenne Twister."),
            F(Random, "uniform(a, b)", "A float uniformly drawn between `a` and `b`, as Python's `random.uniform`."),
            F(Random, "gauss(mu=0.0, sigma=1.0)", "A float drawn from the normal distribution with mean `mu` and standard deviation `sigma`, as Python's `random.gauss`."),
            F(Autograd, "param(x, dtype=\"float64\")", "A new leaf: a tracked value holding `x` that records the arithmetic done with it, so `backward` can find its gradient. `dtype=\"float32\"` makes it compute in float32, as a PyTorch float32 tensor does."),
            F(Autograd, "backward(l, accumulate=false, create_graph=false)", "Computes the gradient of the tracked value `l` with respect to every tracked value it was computed from, and sets each one's `grad` to it. Unlike PyTorch's `l.backward()`, it replaces the previous gradient instead of adding to it; `accumulate=true` adds, as PyTorch does. `create_graph=true` records the gradients themselves, so they can be differentiated again."),
            F(Autograd, "grad(v)", "The gradient of the tracked value `v` from the last `backward` that reached it (0.0 if none did). `grad` of a plain number is an error, which catches a forgotten `param`. For `grad` of a function, see the function transforms."),
            F(Autograd, "value(v)", "The plain float inside a tracked value, detached from its graph; a plain number is returned as it is."),
            F(Autograd, "detach(v)", "The same as `value(v)`: the plain float inside a tracked value, as PyTorch's `detach()`."),
            F(Autograd, "zero_grad(*items)", "Sets the gradients of its arguments to 0: tracked values, lists of them (nested lists too) and optimizers. At least one argument is required."),
            F(Autograd, "graph(v)", "The graph behind the tracked value `v` as Graphviz DOT text: a record per value with its data and grad, an oval per operation. `gradscript graph` and the REPL's `:graph` draw it as a picture."),
            F(Autograd, "detect_anomaly(on)", "With `true`, an operation that produces NaN or infinity from finite inputs, forward or in backward, stops the script with an error at that operation's place, as PyTorch's anomaly mode does; `false` turns it off."),
            F(Transforms, "grad(f, argnums=0)", "A new function that returns the derivative of the function `f` with respect to its argument number `argnums` (a list of numbers gives a list of derivatives), as JAX's `grad`. Transforms nest: `grad(grad(f))` is the second derivative."),
            F(Transforms, "value_and_grad(f, argnums=0)", "A new function that returns `[f(...), derivative]` in one evaluation, as JAX's `value_and_grad`."),
            F(Transforms, "gradcheck(f, *point, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=true)", "Checks `f`'s gradient at `point` against central differences, as `torch.autograd.gradcheck`: passes when |analytic − numeric| ≤ atol + rtol·|numeric| for every argument. Returns `true`, or stops with an error naming the argument and both values (`false` instead with `raise_exception=false`)."),
            F(Training, "sgd(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=false)", "An optimizer that updates the leaves in the list `params` as PyTorch's `torch.optim.SGD` does, each time `step` is called."),
            F(Training, "adam(params, lr=0.001, betas=[0.9, 0.999], eps=1e-8, weight_decay=0, amsgrad=false)", "An optimizer that updates the leaves in the list `params` as PyTorch's `torch.optim.Adam` does, each time `step` is called."),
            F(Training, "step(opt)", "One update of the optimizer `opt`'s parameters from their current gradients, in place. `zero_grad(opt)` zeroes those gradients."),
            F(Training, "progress(iterable)", "The same items as `iterable`, shown as a tqdm-style progress bar on standard error while a `for` loop walks them, when standard error is a terminal; elsewhere nothing is drawn."),
            F(Training, "progress_note(name, value)", "Shows `name=value` on the progress bar of the loop that is running (a float to four significant digits), as tqdm's `set_postfix`."),
            F(Training, "plot([xs,] ys, title=none, width=60, height=15)", "Draws a line chart of `ys` against `xs` (or against 0, 1, 2, … when only `ys` is given) on standard output, in Braille characters, with the range of each axis."),
        ];
    }
}
