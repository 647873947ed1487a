/*
 * failmalloc.c - an LD_PRELOAD shim that fails one chosen allocation (after
 * expat's alloc_tests.c): malloc, calloc, realloc, strdup and strndup, which
 * libxml2 and stdio reach too.  Built as tests/.libs/libfailmalloc.so.
 *
 * failmalloc_arm(n): the nth allocation from now returns NULL (ENOMEM), the
 * others succeed; 0 disarms.  failmalloc_triggered(): whether it happened.
 * failmalloc_count(): the allocations since the last failmalloc_arm.
 * The driver (tests/alloc_fail.c) finds these with dlsym.  With FAILMALLOC_NTH
 * set in the environment, the nth allocation after the shim is loaded fails
 * (for trying a command by hand).  Not for sanitizer builds: ASan owns malloc.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static long countdown;         /* fail when it reaches 0 from 1 */
static long counted;           /* allocations since the last arm */
static int triggered;

void failmalloc_arm(long n);
int failmalloc_triggered(void);
long failmalloc_count(void);

void failmalloc_arm(long n)
{
    countdown = n;
    counted = 0;
    triggered = 0;
}

long failmalloc_count(void)
{
    return counted;
}

int failmalloc_triggered(void)
{
    return triggered;
}

__attribute__((constructor)) static void from_environment(void)
{
    const char *s = getenv("FAILMALLOC_NTH");
    if (s && *s)
        countdown = strtol(s, NULL, 10);
}

static int should_fail(void)
{
    counted++;
    if (countdown > 0 && --countdown == 0) {
        triggered = 1;
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t size)
{
    return should_fail() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return should_fail() ? NULL : __libc_realloc(p, size);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
