/* fetch_options.c - the options every fetching command shares. */
#include "fetch_options.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "messages.h"

void cli_fetch_options_init(cli_fetch_options *o)
{
    memset(o, 0, sizeof *o);
    r2x_fetch_options_init(&o->fetch);
    buf_init(&o->remaps, R2X_BUF_NOCAP);
    buf_init(&o->catalogs, R2X_BUF_NOCAP);
}

void cli_fetch_options_release(cli_fetch_options *o)
{
    buf_release(&o->remaps);
    buf_release(&o->catalogs);
}

/* A positive number with an optional K, M or G (1024-based) suffix. */
static int parse_size(const char *arg, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (arg[0] < '0' || arg[0] > '9')
        return -1;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end || v == 0 || v > (SIZE_MAX >> shift))
        return -1;
    *out = v << shift;
    return 0;
}

static int usage(const char *opt, const char *want, const char *arg)
{
    cli_error("%s takes %s, not '%s'", opt, want, arg);
    return 1;
}

static int out_of_memory(void)
{
    cli_error("out of memory");
    return 1;
}

int cli_fetch_option(cli_fetch_options *o, int c, const char *arg)
{
    unsigned long long v;
    switch (c) {
    case CLI_FETCH_CACHE_DIR:
        if (!*arg)
            return usage("--cache-dir", "a directory", arg);
        o->fetch.cache_dir = arg;
        return 0;
    case CLI_FETCH_OFFLINE:
        o->fetch.offline = 1;
        return 0;
    case CLI_FETCH_REMAP: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg || !eq[1])
            return usage("--remap", "FROM=TO", arg);
        return buf_add(&o->remaps, &arg, sizeof arg) ? out_of_memory() : 0;
    }
    case CLI_FETCH_CATALOG:
        return buf_add(&o->catalogs, &arg, sizeof arg) ? out_of_memory() : 0;
    case CLI_FETCH_TIMEOUT:
        if (parse_size(arg, &v) || strpbrk(arg, "KkMmGg") || v > 86400)
            return usage("--timeout", "a number of seconds (1 to 86400)", arg);
        o->fetch.timeout_s = (long)v;
        return 0;
    case CLI_FETCH_MAX_SIZE:
        if (parse_size(arg, &v))
            return usage("--max-size", "a number of bytes (K, M, G suffixes)", arg);
        o->fetch.max_bytes = (size_t)v;
        return 0;
    case CLI_FETCH_MAX_REDIRECTS:
        if (parse_size(arg, &v) || strpbrk(arg, "KkMmGg") || v > 50)
            return usage("--max-redirects", "a number from 1 to 50", arg);
        o->fetch.max_redirects = (long)v;
        return 0;
    case CLI_FETCH_CA_FILE:
        if (!*arg)
            return usage("--ca-file", "a file of PEM certificates", arg);
        o->fetch.ca_file = arg;
        return 0;
    case CLI_FETCH_USER_AGENT:
        if (!*arg || strpbrk(arg, "\r\n"))
            return usage("--user-agent", "one line of text", arg);
        o->fetch.user_agent = arg;
        return 0;
    }
    return -1;
}

static void fetch_diag(void *userdata, const r2x_error *diag)
{
    cli_fetch_options *o = userdata;
    if (diag->severity == R2X_SEV_WARNING)
        o->warnings++;
    cli_messages_print(stderr, diag, NULL);
}

/* The list's pointers, ended by a NULL (added once). */
static const char *const *null_ended(r2x_buf *list)
{
    const char *end = NULL;
    size_t n = list->len / sizeof end;
    if ((!n || ((const char **)list->data)[n - 1]) && buf_add(list, &end, sizeof end))
        return NULL;
    return (const char *const *)list->data;
}

int cli_fetch_open(cli_fetch_options *o, r2x_fetcher **out)
{
    *out = NULL;
    o->fetch.diag = fetch_diag;
    o->fetch.diag_userdata = o;
    o->fetch.remaps = null_ended(&o->remaps);
    o->fetch.catalogs = null_ended(&o->catalogs);
    if (!o->fetch.remaps || !o->fetch.catalogs) {
        out_of_memory();
        return EXIT_FAILURE_RUN;
    }
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_fetcher_new(&o->fetch, out, &err)) {
        cli_report(&err);
        return EXIT_FAILURE_RUN;
    }
    return EXIT_OK;
}
