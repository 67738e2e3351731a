namespace GradScript.Tests.Kernel;

using System.Text;
using System.Text.Json.Nodes;
using GradScript.Cli;
using GradScript.Cli.Graphs;
using GradScript.Cli.Kernel;
using GradScript.Cli.Repl;
using GradScript.Tests.Cli;

/// <summary>The kernel's parts without a process: its command line, connection files, signatures, kernelspec, SVG charts.</summary>
public sealed class KernelPartsTests
{
    [Fact]
    public void The_kernel_command_line_needs_a_connection_file()
    {
        var request = Assert.IsType<KernelRequest>(CommandLine.Parse(["kernel", "-f", "c.json", "--timeout", "5"]));
        Assert.Equal("c.json", request.ConnectionFile);
        Assert.Equal(TimeSpan.FromSeconds(5), request.Limits.Timeout);
        Assert.Contains("missing -f", Assert.IsType<UsageError>(CommandLine.Parse(["kernel"])).Message);
        Assert.Contains("--bogus", Assert.IsType<UsageError>(CommandLine.Parse(["kernel", "--bogus"])).Message);
    }

    [Fact]
    public void Kernel_install_takes_user_or_prefix_not_both()
    {
        Assert.Equal(new KernelInstallRequest(true, null), CommandLine.Parse(["kernel", "install", "--user"]));
        Assert.Equal(new KernelInstallRequest(false, "/p"), CommandLine.Parse(["kernel", "install", "--prefix", "/p"]));
        Assert.IsType<UsageError>(CommandLine.Parse(["kernel", "install", "--user", "--prefix", "/p"]));
    }

    [Fact]
    public void Kernel_install_writes_a_kernelspec_that_starts_this_tool()
    {
        using var directory = new TempDirectory();
        var outcome = CliRun.Run("kernel", "install", "--prefix", directory.Path);
        Assert.Equal(0, outcome.ExitCode);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.Path, "share", "jupyter", "kernels", "gradscript", "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(["kernel", "-f", "{connection_file}"], argv[^3..]);
        Assert.True(File.Exists(argv[0]), $"{argv[0]} does not exist");
        Assert.Equal("gradscript", spec["language"]!.GetValue<string>());
        Assert.Equal("GradScript", spec["display_name"]!.GetValue<string>());
    }

    [Fact]
    public void The_user_kernelspec_follows_jupyter_s_data_directory()
    {
        string? Environment(string name) => name switch { "JUPYTER_DATA_DIR" => "/data/jupyter", _ => null };
        Assert.Equal(Path.Combine("/data/jupyter", "kernels", "gradscript"), KernelSpec.Directory(user: true, prefix: null, Environment));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"transport\": \"ipc\"}", "transport 'ipc'")]
    [InlineData("{\"signature_scheme\": \"hmac-md5\", \"shell_port\": 1}", "signature scheme 'hmac-md5'")]
    [InlineData("{\"shell_port\": \"x\"}", "'shell_port'")]
    [InlineData("{\"key\": 5, \"shell_port\": 1}", "'key'")]
    public void A_bad_connection_file_is_refused_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<KernelStartException>(() => ConnectionFile.Parse(text, "c.json"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_missing_connection_file_ends_the_kernel_with_66()
    {
        var outcome = CliRun.Run("kernel", "-f", "/nonexistent/connection.json");
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Contains("cannot read the connection file", outcome.Stderr);
    }

    [Fact]
    public void Signatures_check_the_frames_as_they_came()
    {
        var signer = new MessageSigner(Encoding.UTF8.GetBytes("key"));
        var message = JupyterMessage.Create("s", "kernel_info_request", new JsonObject(), null, []);
        var frames = message.Encode(signer);
        Assert.IsType<DecodeResult.Decoded>(JupyterMessage.Decode(frames, signer));
        frames[^1] = Encoding.UTF8.GetBytes("{\"code\": \"changed\"}");
        Assert.IsType<DecodeResult.BadSignature>(JupyterMessage.Decode(frames, signer));
        Assert.IsType<DecodeResult.BadSignature>(JupyterMessage.Decode(message.Encode(new MessageSigner(Encoding.UTF8.GetBytes("other"))), signer));
        Assert.IsType<DecodeResult.Malformed>(JupyterMessage.Decode([Encoding.UTF8.GetBytes("x")], signer));
    }

    [Fact]
    public void The_signature_is_hmac_sha256_in_lowercase_hex()
    {
        // Python: hmac.new(b"key", b"abc", hashlib.sha256).hexdigest()
        var signer = new MessageSigner(Encoding.UTF8.GetBytes("key"));
        Assert.Equal("9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab", signer.Sign([Encoding.UTF8.GetBytes("a"), Encoding.UTF8.GetBytes("bc")]));
        Assert.Equal("", new MessageSigner([]).Sign([Encoding.UTF8.GetBytes("abc")]));
    }

    [Fact]
    public void A_chart_s_svg_breaks_its_line_at_nan_and_depends_only_on_the_chart()
    {
        var chart = new Chart("a <title>", [0, 1, 2, 3], [1, 2, double.NaN, 4], 60, 15, "text");
        string svg = SvgChart.Render(chart);
        Assert.Equal(svg, SvgChart.Render(chart));
        Assert.Contains("a &lt;title&gt;", svg);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
        Assert.Contains("nothing to plot", SvgChart.Render(new Chart(null, [0], [double.NaN], 60, 15, "")));
    }

    [Fact]
    public void Completion_positions_count_code_points()
    {
        // "𝑥" is one code point and two UTF-16 units: the cell is 13 code points long.
        var reply = ShellReplies.Complete("s = \"𝑥\" + pri", 13, ["print"]);
        Assert.Equal(["print"], reply["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(10, reply["cursor_start"]!.GetValue<int>());
        Assert.Equal(13, reply["cursor_end"]!.GetValue<int>());
    }

    [Fact]
    public void A_cell_runs_meta_command_lines_between_its_code_and_numbers_errors_by_the_cell_s_lines()
    {
        var output = new StringWriter();
        var errors = new List<InputError>();
        var session = new ReplSession(RunLimits.None, output, new StringWriter(), display: new RichDisplay(errors.Add, _ => { }, _ => { }));
        var outcome = session.RunCell("x = 1\n:vars\nprint(x)\ny = nope", "<cell-3>", _ => { });
        Assert.Equal(RunOutcome.Failed, outcome);
        Assert.Contains("x", output.ToString());
        Assert.EndsWith("1\n", output.ToString());
        var error = Assert.Single(errors);
        Assert.Equal("RuntimeError", error.Name);
        Assert.StartsWith("<cell-3>:4:5: runtime error: name 'nope' is not defined", error.Text);
    }

    [Fact]
    public void After_a_module_s_dot_completion_offers_its_functions()
    {
        var reply = ShellReplies.Complete("model = nn.ml", 13, ["nn", "nothing_here"]);
        Assert.Equal(["mlp"], reply["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(11, reply["cursor_start"]!.GetValue<int>());
        var all = ShellReplies.Complete("nn.", 3, []);
        Assert.Contains("mlp", all["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Empty(ShellReplies.Complete("x = ", 4, ["x"])["matches"]!.AsArray());
    }

    [Fact]
    public void Inspection_shows_what_help_shows_for_builtins_module_functions_and_variables()
    {
        var session = new ReplSession(RunLimits.None, new StringWriter(), new StringWriter());
        session.RunCell("import \"nn\"\nrate = 0.5", "<cell-1>", _ => { });
        string Text(string code, int cursor) => ShellReplies.Inspect(code, cursor, session)["data"]!["text/plain"]?.GetValue<string>() ?? "";
        Assert.Equal(session.Engine.Help("print"), Text("print(x)", 3));
        Assert.StartsWith("nn.mlp(", Text("m = nn.mlp(2, [4])", 8));
        Assert.Equal(session.Engine.Help("rate"), Text("rate * 2", 0));
        Assert.False(ShellReplies.Inspect("   ", 1, session)["found"]!.GetValue<bool>());
    }

    [Fact]
    public void A_graphviz_picture_is_inlined_without_its_file_prologue()
    {
        string file = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- Generated by graphviz -->\n<svg width=\"8pt\"></svg>\n";
        Assert.Equal("<!-- Generated by graphviz -->\n<svg width=\"8pt\"></svg>\n", GraphPicture.Inline(file));
    }

    /// <summary>
    /// An interrupt that arrives once a cell's request is taken, but before its code has started (here:
    /// while execute_input is being published), stops that cell. It was lost, and the cell ran on:
    /// the SIGINT protocol test hung so, now and then, on a loaded machine.
    /// </summary>
    [Fact]
    public async Task An_interrupt_before_the_cell_code_starts_stops_the_cell()
    {
        CellRunner? cells = null;
        var interrupts = new List<InterruptResult>();
        cells = new CellRunner(RunLimits.None, new Graphviz(), (type, _) =>
        {
            if (type == "execute_input") interrupts.Add(cells!.Interrupt());
        });
        var reply = await Task.Run(() => cells.Execute("while true {}", silent: false, storeHistory: true)).WaitAsync(SmallStack.HangTimeout);
        Assert.Equal("KeyboardInterrupt", reply["ename"]!.GetValue<string>());
        Assert.Equal([InterruptResult.Cancelled], interrupts);
        Assert.Equal(InterruptResult.Idle, cells.Interrupt());
    }
}
