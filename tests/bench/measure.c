/* measure — runs a command with stdout sent to /dev/null and prints
 * "SECONDS MAXRSS_KB" for it (wall time, peak resident memory).
 * Usage: measure CMD [ARG...] */
#include <fcntl.h>
#include <stdio.h>
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

    if (argc < 2) {
        fprintf(stderr, "usage: measure CMD [ARG...]\n");
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
    printf("%.3f %ld\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, ru.ru_maxrss);
    return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : 1;
}
