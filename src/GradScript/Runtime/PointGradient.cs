namespace GradScript.Runtime;

using GradScript.Autograd;
using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>
/// A function's value and gradient at a point: the one place where GradScript calls a function and
/// differentiates what it returned — <c>grad(f)</c> and <c>value_and_grad(f)</c>
/// (<see cref="FunctionTransform"/>), <c>gradcheck</c>'s analytic side, and a host's
/// <see cref="Engine.CallWithGradient(string, double[])"/>. The call is recorded even inside <c>no_grad</c>. A plain
/// argument differentiated by becomes a fresh leaf; a tracked one, when something outside records
/// (a nested transform, or a graph the result feeds), is wrapped in a recorded identity, so the
/// gradient is itself recorded as a function of it: that is what makes <c>grad(grad(f))</c> a
/// second derivative, and mixed partials of <c>grad(grad(f, argnums=0), argnums=1)</c> nonzero.
/// </summary>
internal static class PointGradient
{
    /// <summary>What one differentiation gives.</summary>
    /// <param name="Result">What the function returned (a caller checks that it is a number).</param>
    /// <param name="Gradients">∂result/∂(each argument differentiated by), in order; zeros for an untracked result.</param>
    /// <param name="Nested">Whether the gradients were recorded (a tracked argument inside a recording context).</param>
    public readonly record struct Outcome(Value Result, Value[] Gradients, bool Nested);

    /// <summary>How the gradient is read off the graph.</summary>
    public enum Effect
    {
        /// <summary>No node's gradient changes: the gradient is the result, not a side effect (JAX's way).</summary>
        None,

        /// <summary>As <c>backward(result)</c>: every node of the graph, a global param the function uses included, gets its gradient.</summary>
        SetsGradients,
    }

    /// <summary>
    /// Calls <paramref name="function"/> on <paramref name="arguments"/> (changed in place: the
    /// arguments at <paramref name="by"/> become the inputs) and differentiates its result with
    /// respect to the arguments at <paramref name="by"/>. <paramref name="name"/> names the caller in errors.
    /// Unless <paramref name="generated"/> is false (a caller that tried it already), a function with a
    /// generated adjoint is differentiated by it where it can be (<see cref="Adjoints.GeneratedAdjoint"/>).
    /// </summary>
    public static Outcome At(Interpreter interpreter, Value function, Value[] arguments, int[] by, SourceSpan site, string name,
        Effect effect = Effect.None, bool generated = true)
    {
        if (generated && function.Reference is ScriptFunction { Proto.Adjoint: not null } script
            && Adjoints.GeneratedAdjoint.TryAt(interpreter, script, arguments, by, site, out var outcome))
            return outcome;
        var autograd = interpreter.Autograd;
        // Gradients are recorded only when something outside already records; inside no_grad the
        // function is still differentiated.
        bool outerRecording = autograd.IsRecording;
        using var recording = autograd.Recording();
        // The gradient is a function of any tracked argument, differentiated by or not: in
        // grad(grad(f, argnums=0), argnums=1)(x, y), ∂f/∂x depends on the tracked y.
        bool nested = false;
        foreach (var a in arguments) nested |= outerRecording && a.IsTracked;
        var inputs = new TrackedValue[by.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var argument = arguments[by[k]];
            if (!argument.TryGetDouble(out double x) || argument.IsNone || argument.IsBool)
                throw new RuntimeError($"{name}: argument {by[k]} must be a number to differentiate by, got {argument.TypeName}");
            if (argument.IsTracked && outerRecording)
            {
                var outer = argument.AsTracked;
                inputs[k] = autograd.Identity(outer, site);
            }
            else inputs[k] = TrackedValue.Leaf(x, isFloat32: argument.IsTracked && argument.AsTracked.IsFloat32);
            arguments[by[k]] = Value.Object(inputs[k]);
        }

        var result = Callable.CallValue(function, arguments, interpreter, site);
        var gradients = new Value[inputs.Length];
        if (!result.IsTracked)
        {
            Array.Fill(gradients, Value.Float(0.0));
            return new Outcome(result, gradients, nested);
        }
        var root = result.AsTracked;
        if (nested)
        {
            var all = new HigherOrder(autograd, site).Gradients(root);
            for (int k = 0; k < inputs.Length; k++) gradients[k] = all.TryGetValue(inputs[k], out var g) ? g.ToValue() : Value.Float(0.0);
        }
        else if (effect == Effect.SetsGradients)
        {
            autograd.Backward(root, accumulate: false, site);
            for (int k = 0; k < inputs.Length; k++) gradients[k] = Value.Float(inputs[k].Grad);
        }
        else
        {
            var plain = autograd.Backpropagation.GradientsOf(root, inputs, autograd, site);
            for (int k = 0; k < inputs.Length; k++) gradients[k] = Value.Float(plain[k]);
        }
        // What the caller records next is a new computation (Tape.ComputationEnded).
        autograd.Tape.ComputationEnded();
        return new Outcome(result, gradients, nested);
    }

    /// <summary>A recorded backward's gradient as a script value.</summary>
    public static Value ToValue(this Term term) => term.Tracked is { } t ? Value.Object(t) : Value.Float(term.Data);

    /// <summary>The point as plain float arguments.</summary>
    public static Value[] Floats(double[] point) => Array.ConvertAll(point, Value.Float);
}
