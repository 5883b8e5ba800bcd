/* measure — runs a command with stdout sent to /dev/null and prints
 * "SECONDS MAXRSS_KB" for it (wall time, peak resident memory).
 * With --cpu, SECONDS is the processor time the command used (user and
 * system): what a ratio between two commands should compare on a machine
 * that others share, where wall time waits for their work too.
 * Usage: measure [--cpu] CMD [ARG...] */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec a, b;
    struct rusage ru;
    int status;

    int cpu = argc > 1 && strcmp(argv[1], "--cpu") == 0;

    if (cpu) {
        argc--;
        argv++;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: measure [--cpu] CMD [ARG...]\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 1);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    if (cpu)
        seconds = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                  (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    printf("%.3f %ld\n", seconds, ru.ru_maxrss);
    return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : 1;
}
