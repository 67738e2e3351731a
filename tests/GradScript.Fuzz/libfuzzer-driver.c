/*
 * The native half of the GradScript fuzzer: a libFuzzer target that forwards every input to a
 * .NET process running SharpFuzz's Fuzzer.LibFuzzer.Run, and hands the coverage that process
 * recorded back to libFuzzer. fuzz.sh builds it with `clang -fsanitize=fuzzer`.
 *
 * The protocol is SharpFuzz's (Fuzzer.LibFuzzer.cs, 2.x), written here from its description:
 *  - one System V shared-memory segment: MAP_BYTES of branch counters that the instrumented
 *    assemblies increment, followed by the input bytes;
 *  - its id and two pipe descriptors reach the child in the environment variables
 *    __LIBFUZZER_SHM_ID, __LIBFUZZER_CONTROL_PIPE_ID and __LIBFUZZER_STATUS_PIPE_ID;
 *  - the child writes one int32 status when it is ready; then, for each input, the driver writes
 *    the input's length (int32) on the control pipe and the child answers with a status, 0 for
 *    success and anything else for an exception that escaped the target.
 *
 * The counters are copied into a section that libFuzzer reads as extra coverage counters. A child
 * that dies while running an input (a stack overflow, an abort) is a crash as well: the driver
 * says how it died and aborts, so libFuzzer saves the input.
 *
 * Flags, beside libFuzzer's own (which ignores those starting with "--"):
 *   --target_path=PROGRAM   the .NET program to start (for example `dotnet`), looked up in PATH
 *   --target_arg=ARG        one argument for it (for example the harness's .dll)
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

/* SharpFuzz's coverage map is 64 KiB; inputs get 1 MiB after it. */
#define MAP_BYTES (1 << 16)
#define INPUT_BYTES (1 << 20)

/* The descriptors the child finds its pipes on: high numbers that nothing else uses. */
#define CONTROL_FD 198
#define STATUS_FD 199
#define CONTROL_FD_TEXT "198"
#define STATUS_FD_TEXT "199"

__attribute__((weak, section("__libfuzzer_extra_counters"))) uint8_t extra_counters[MAP_BYTES];

static const char *target_path;
static const char *target_arg;

static int control_fd = -1; /* the driver writes input lengths here */
static int status_fd = -1;  /* and reads statuses here */
static int shm_id = -1;
static uint8_t *shared;     /* MAP_BYTES of counters, then the input */
static pid_t child;

static void fail(const char *what)
{
    fprintf(stderr, "libfuzzer-driver: %s\n", what);
    exit(1);
}

static void fail_errno(const char *what)
{
    fprintf(stderr, "libfuzzer-driver: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void remove_segment(void)
{
    if (shm_id >= 0) shmctl(shm_id, IPC_RMID, NULL);
}

/* The value of `--NAME=VALUE` if `arg` is that flag, else NULL. */
static const char *flag_value(const char *arg, const char *name)
{
    size_t length = strlen(name);
    if (strncmp(arg, name, length) != 0 || arg[length] != '=' || arg[length + 1] == '\0') return NULL;
    return arg + length + 1;
}

/* Reads exactly four bytes, retrying after signals; returns how many were read (0 at EOF). */
static ssize_t read_int32(int fd, int32_t *value)
{
    size_t done = 0;
    while (done < sizeof *value)
    {
        ssize_t n = read(fd, (char *)value + done, sizeof *value - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_errno("reading from the .NET process");
        if (n == 0) break;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static void child_died(void);

static void write_int32(int fd, int32_t value)
{
    size_t done = 0;
    while (done < sizeof value)
    {
        ssize_t n = write(fd, (const char *)&value + done, sizeof value - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EPIPE) child_died();
        if (n < 0) fail_errno("writing to the .NET process");
        done += (size_t)n;
    }
}

/* The child is gone: say how it ended, then abort so that libFuzzer keeps the input. */
static void child_died(void)
{
    int status = 0;
    if (waitpid(child, &status, 0) == child)
    {
        if (WIFSIGNALED(status))
            fprintf(stderr, "libfuzzer-driver: the .NET process was killed by signal %d (%s)\n",
                    WTERMSIG(status), strsignal(WTERMSIG(status)));
        else if (WIFEXITED(status))
            fprintf(stderr, "libfuzzer-driver: the .NET process exited with status %d\n", WEXITSTATUS(status));
    }
    else
    {
        fprintf(stderr, "libfuzzer-driver: the .NET process ended\n");
    }
    abort();
}

static void start_child(int control[2], int status[2])
{
    /* Die with the driver: libFuzzer ends itself with _exit on a timeout, and a .NET process
       stuck in a loop would otherwise outlive it, still holding a core. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail_errno("prctl");
    if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0) fail_errno("dup2");
    close(control[0]);
    close(control[1]);
    close(status[0]);
    close(status[1]);

    char id[16];
    snprintf(id, sizeof id, "%d", shm_id);
    if (setenv("__LIBFUZZER_SHM_ID", id, 1) != 0 ||
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", CONTROL_FD_TEXT, 1) != 0 ||
        setenv("__LIBFUZZER_STATUS_PIPE_ID", STATUS_FD_TEXT, 1) != 0)
        fail_errno("setenv");

    if (target_arg)
        execlp(target_path, target_path, target_arg, (char *)NULL);
    else
        execlp(target_path, target_path, (char *)NULL);
    fail_errno("cannot start the .NET process");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; i++)
    {
        const char *value;
        if ((value = flag_value((*argv)[i], "--target_path"))) target_path = value;
        else if ((value = flag_value((*argv)[i], "--target_arg"))) target_arg = value;
    }
    if (!target_path) fail("say which .NET program to fuzz with --target_path=PROGRAM [--target_arg=ARG]");

    int control[2], status[2];
    if (pipe(control) != 0 || pipe(status) != 0) fail_errno("pipe");

    shm_id = shmget(IPC_PRIVATE, MAP_BYTES + INPUT_BYTES, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0) fail_errno("shmget");
    atexit(remove_segment);
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1) fail_errno("shmat");

    child = fork();
    if (child < 0) fail_errno("fork");
    if (child == 0) start_child(control, status);

    close(control[0]);
    close(status[1]);
    control_fd = control[1];
    status_fd = status[0];
    /* A child that dies later must not kill the driver with SIGPIPE before it can report it. */
    signal(SIGPIPE, SIG_IGN);

    int32_t ready;
    if (read_int32(status_fd, &ready) != sizeof ready)
        fail("the .NET process ended before it was ready: is it a SharpFuzz libFuzzer harness?");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libFuzzer's -max_len keeps inputs far below this; a file given to replay might not be. */
    if (size > INPUT_BYTES) fail("an input may have at most 1 MiB");

    memset(shared, 0, MAP_BYTES);
    memcpy(shared + MAP_BYTES, data, size);
    write_int32(control_fd, (int32_t)size);

    int32_t status;
    ssize_t got = read_int32(status_fd, &status);
    memcpy(extra_counters, shared, MAP_BYTES);
    if (got != sizeof status) child_died();
    /* The .NET process has printed the exception; a trap makes libFuzzer save the input. */
    if (status != 0) __builtin_trap();
    return 0;
}
