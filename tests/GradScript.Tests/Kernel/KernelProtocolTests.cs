namespace GradScript.Tests.Kernel;

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using GradScript.Cli.Kernel;

/// <summary>
/// The real kernel process driven over ZeroMQ as a notebook drives it (issue 19): cells run and keep
/// their state through errors, completion, inspection and is_complete answer as the REPL would, an
/// interrupt stops an endless cell and keeps the variables, a wrongly signed message is never run,
/// and bad input (malformed frames or JSON, unknown types, a client gone mid-cell) is answered or
/// ignored without a hang or a crash. Every wait is bounded by <see cref="KernelProcess.Patience"/>.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class KernelProtocolTests
{
    [Fact]
    public void Kernel_info_names_the_language_and_the_protocol()
    {
        using var kernel = new KernelProcess();
        var reply = kernel.Request("kernel_info_request", new JsonObject());
        Assert.Equal("kernel_info_reply", reply.Type);
        Assert.Equal("5.3", reply.Text("protocol_version"));
        Assert.Equal("gradscript", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".grad", reply.Content["language_info"]!["file_extension"]!.GetValue<string>());
        Assert.True(kernel.Beats());
    }

    [Fact]
    public void A_cell_prints_as_a_stream_and_its_last_expression_is_the_result()
    {
        using var kernel = new KernelProcess();
        var (reply, outputs) = kernel.Execute("x = 2\nprint(\"hi\", x)\nx * 3");
        Assert.Equal("ok", reply.Text("status"));
        Assert.Equal(1, reply.Integer("execution_count"));
        Assert.Equal("hi 2\n", KernelProcess.Stdout(outputs));
        var result = Assert.Single(outputs, m => m.Type == "execute_result");
        Assert.Equal("6", result.Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(1, result.Integer("execution_count"));
        // Printed output comes before the result, as it was produced.
        Assert.True(outputs.FindIndex(m => m.Type == "stream") < outputs.FindIndex(m => m.Type == "execute_result"));
    }

    [Fact]
    public void An_error_shows_its_place_and_caret_and_the_state_survives_it()
    {
        using var kernel = new KernelProcess();
        kernel.Execute("w = param(2.0)\ncount = 1");
        var (reply, outputs) = kernel.Execute("count = count + 1\ny = zzqqxx + 1");
        Assert.Equal("error", reply.Text("status"));
        Assert.Equal("RuntimeError", reply.Text("ename"));
        Assert.Equal("name 'zzqqxx' is not defined", reply.Text("evalue"));
        var error = Assert.Single(outputs, m => m.Type == "error");
        var traceback = error.Content["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(["<cell-2>:2:5: runtime error: name 'zzqqxx' is not defined", "    y = zzqqxx + 1", "        ^~~~~~"], traceback);

        var (after, afterOutputs) = kernel.Execute("print(count, w)");
        Assert.Equal("ok", after.Text("status"));
        Assert.Equal(3, after.Integer("execution_count"));
        Assert.Equal("2 2.0\n", KernelProcess.Stdout(afterOutputs));
    }

    [Fact]
    public void A_syntax_error_is_reported_and_runs_nothing()
    {
        using var kernel = new KernelProcess();
        var (reply, outputs) = kernel.Execute("print(1)\nx = (2 +");
        Assert.Equal("SyntaxError", reply.Text("ename"));
        Assert.Equal("", KernelProcess.Stdout(outputs));
    }

    [Fact]
    public void A_progress_bar_redraws_one_line_on_stderr_and_plot_shows_an_svg_with_its_text()
    {
        using var kernel = new KernelProcess();
        var (reply, outputs) = kernel.Execute("for i in progress(0..3) {}\nplot([1, 2, 3])");
        Assert.Equal("ok", reply.Text("status"));
        string stderr = string.Concat(outputs.Where(m => m.Type == "stream" && m.Text("name") == "stderr").Select(m => m.Text("text")));
        Assert.StartsWith("\r  0%|", stderr);
        Assert.Contains("\r100%|", stderr);
        Assert.Contains("| 3/3 [", stderr);
        Assert.EndsWith("\n", stderr);
        var chart = Assert.Single(outputs, m => m.Type == "display_data");
        Assert.StartsWith("<svg", chart.Content["data"]!["image/svg+xml"]!.GetValue<string>());
        Assert.Contains("┤", chart.Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("", KernelProcess.Stdout(outputs));
    }

    [Fact]
    public void Completion_offers_builtins_keywords_and_the_session_s_names()
    {
        using var kernel = new KernelProcess();
        kernel.Execute("learning_rate = 0.1");
        var reply = kernel.Request("complete_request", new JsonObject { ["code"] = "y = lea + pr", ["cursor_pos"] = 7 });
        Assert.Equal(["learning_rate"], reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(4, reply.Integer("cursor_start"));
        Assert.Equal(7, reply.Integer("cursor_end"));
        var builtins = kernel.Request("complete_request", new JsonObject { ["code"] = "pr", ["cursor_pos"] = 2 });
        Assert.Contains("print", builtins.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public void Inspection_describes_a_builtin_and_finds_nothing_for_an_unknown_name()
    {
        using var kernel = new KernelProcess();
        var reply = kernel.Request("inspect_request", new JsonObject { ["code"] = "plot(xs)", ["cursor_pos"] = 2, ["detail_level"] = 0 });
        Assert.True(reply.Flag("found", false));
        Assert.Contains("plot", reply.Content["data"]!["text/plain"]!.GetValue<string>());
        var unknown = kernel.Request("inspect_request", new JsonObject { ["code"] = "nothing_here", ["cursor_pos"] = 3, ["detail_level"] = 0 });
        Assert.False(unknown.Flag("found", true));
    }

    [Fact]
    public void Is_complete_follows_the_repl_s_continuation_prompt()
    {
        using var kernel = new KernelProcess();
        var open = kernel.Request("is_complete_request", new JsonObject { ["code"] = "def f(x) {" });
        Assert.Equal("incomplete", open.Text("status"));
        Assert.Equal("    ", open.Text("indent"));
        Assert.Equal("incomplete", kernel.Request("is_complete_request", new JsonObject { ["code"] = "y = (1 +" }).Text("status"));
        Assert.Equal("complete", kernel.Request("is_complete_request", new JsonObject { ["code"] = "y = 1 + 2" }).Text("status"));
    }

    [Fact]
    public void An_interrupt_request_stops_an_endless_cell_and_keeps_the_variables()
    {
        using var kernel = new KernelProcess();
        kernel.Execute("kept = 41");
        var running = kernel.Send("execute_request", new JsonObject { ["code"] = "kept = kept + 1\nwhile true {}", ["silent"] = false });
        WaitUntilBusy(kernel, running);
        var interrupt = kernel.Request("interrupt_request", new JsonObject(), control: true);
        Assert.Equal("ok", interrupt.Text("status"));
        var reply = kernel.Reply(running);
        Assert.Equal("KeyboardInterrupt", reply.Text("ename"));
        kernel.WaitForLog("interrupt_request: stopping the running cell");
        Assert.Equal("42\n", KernelProcess.Stdout(kernel.Execute("print(kept)").Outputs));
    }

    // A client that ignores SIGINT itself (started in the background, or under nohup) passes that on
    // to the kernel it starts; the kernel must take SIGINT back, or its cells cannot be interrupted.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sigint_stops_an_endless_cell_and_keeps_the_variables(bool clientIgnoresSigint)
    {
        using var kernel = new KernelProcess(sigintIgnored: clientIgnoresSigint);
        kernel.Execute("kept = 7");
        var running = kernel.Send("execute_request", new JsonObject { ["code"] = "while true {}" });
        WaitUntilBusy(kernel, running);
        Assert.Equal(0, Kill(kernel.Process.Id, Sigint));
        Assert.Equal("KeyboardInterrupt", kernel.Reply(running).Text("ename"));
        kernel.WaitForLog("SIGINT: stopping the running cell");
        Assert.Equal("7\n", KernelProcess.Stdout(kernel.Execute("print(kept)").Outputs));
    }

    [Fact]
    public void A_wrongly_signed_message_is_dropped_and_logged_and_never_run()
    {
        using var kernel = new KernelProcess();
        var forged = JupyterMessage.Create("forger", "execute_request", new JsonObject { ["code"] = "secret = 1" }, null, []);
        var frames = forged.Encode(new MessageSigner(Encoding.UTF8.GetBytes("not-the-key")));
        kernel.SendFrames(frames);
        // Shell requests are handled in order: once this is answered, the forged one was seen.
        var (_, outputs) = kernel.Execute("print(type(secret))");
        Assert.DoesNotContain("int", KernelProcess.Stdout(outputs));
        Assert.Contains("bad signature", kernel.Log);
    }

    [Fact]
    public void Malformed_frames_json_and_unknown_types_are_ignored_and_the_kernel_answers_on()
    {
        using var kernel = new KernelProcess();
        kernel.SendFrames([Encoding.ASCII.GetBytes("no delimiter at all")]);
        var signer = new MessageSigner(Encoding.UTF8.GetBytes(kernel.Key));
        byte[][] signed = [Encoding.UTF8.GetBytes("{\"msg_type\": "), Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}")];
        kernel.SendFrames([JupyterMessage.Delimiter, Encoding.ASCII.GetBytes(signer.Sign(signed)), .. signed]);
        kernel.Send("no_such_request", new JsonObject());
        kernel.Send("execute_request", new JsonObject { ["code"] = 42 });
        Assert.Equal("kernel_info_reply", kernel.Request("kernel_info_request", new JsonObject()).Type);
        Assert.Equal("ok", kernel.Execute("1").Reply.Text("status"));
        Assert.Contains("malformed", kernel.Log);
        Assert.Contains("no_such_request", kernel.Log);
        Assert.False(kernel.Process.HasExited);
    }

    [Fact]
    public void A_client_that_vanishes_mid_cell_leaves_a_kernel_that_answers_the_next_one()
    {
        using var kernel = new KernelProcess();
        kernel.Execute("n = 5");
        var running = kernel.Send("execute_request", new JsonObject { ["code"] = "while true {}" });
        WaitUntilBusy(kernel, running);
        kernel.Reconnect();
        Assert.Equal("ok", kernel.Request("interrupt_request", new JsonObject(), control: true).Text("status"));
        Assert.Equal("5\n", KernelProcess.Stdout(kernel.Execute("print(n)").Outputs));
    }

    [Fact]
    public void Shutdown_ends_the_process_with_status_0()
    {
        using var kernel = new KernelProcess();
        var reply = kernel.Request("shutdown_request", new JsonObject { ["restart"] = false }, control: true);
        Assert.Equal("ok", reply.Text("status"));
        Assert.Equal(0, kernel.WaitForExit());
    }

    [Fact]
    public void Shutdown_while_a_cell_runs_still_ends_the_process_with_status_0()
    {
        using var kernel = new KernelProcess();
        var running = kernel.Send("execute_request", new JsonObject { ["code"] = "while true {}" });
        WaitUntilBusy(kernel, running);
        var reply = kernel.Request("shutdown_request", new JsonObject { ["restart"] = true }, control: true);
        Assert.True(reply.Flag("restart", false));
        Assert.Equal(0, kernel.WaitForExit());
    }

    [Fact]
    public void A_kernel_whose_client_process_died_shuts_itself_down()
    {
        using var client = Process.Start(new ProcessStartInfo("sleep", ["600"]) { UseShellExecute = false })!;
        using var kernel = new KernelProcess(environment: new Dictionary<string, string> { ["JPY_PARENT_PID"] = client.Id.ToString(CultureInfo.InvariantCulture) });
        client.Kill();
        client.WaitForExit();
        Assert.Equal(0, kernel.WaitForExit());
        Assert.Contains("is gone", kernel.Log);
    }

    // The busy status is published when the shell thread takes the request up.
    private static void WaitUntilBusy(KernelProcess kernel, JupyterMessage request)
    {
        var deadline = DateTime.UtcNow + KernelProcess.Patience;
        while (DateTime.UtcNow < deadline)
        {
            var outputs = kernel.PeekOutputs(request);
            if (outputs.Any(m => m.Type == "execute_input")) return;
        }
        throw new TimeoutException("the cell never started");
    }

    private const int Sigint = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Kernel processes run one at a time: each binds five ports and a cell may spin a core.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "kernel processes";
}
