// The harness's entry point. Under libfuzzer-driver (built by fuzz.sh) SharpFuzz reads each input
// from shared memory, runs the target, and reports an escaping exception as a crash; started
// alone with a file argument, it runs that one file, and an escaping exception ends the process
// with its stack trace, which is how a crash found by the fuzzer is reproduced.
using GradScript.Fuzz;
using SharpFuzz;

// Every input runs on one thread with the target's small stack, so that a stack guard that is
// missing somewhere shows up as a crash here, as it would on a host's worker thread.
var worker = new Thread(() => Fuzzer.LibFuzzer.Run(FuzzTarget.Run), FuzzTarget.StackSize)
{
    Name = "gradscript fuzz target",
};
worker.Start();
worker.Join();
