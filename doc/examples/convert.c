/*
 * convert.c - a release into an XBRL 2.1 instance through librelease2xbrl
 * alone, as `release2xbrl convert RELEASE -o OUTPUT` does it: read the
 * release, find its company's profile among the shipped ones (or start from
 * the default and let the release say what it can), read its tables, write
 * the instance and its extension taxonomy beside it.
 *
 *   cc convert.c $(pkg-config --cflags --libs release2xbrl) -o convert
 *   ./convert samples/iij-2009-1h.txt iij.xml
 *
 * Exit status as the CLI's: 0 written, 1 the input has errors, 2 usage or
 * I/O failure.
 */
#include <stdio.h>

#include <release2xbrl.h>

/* Notes, warnings and errors found on the way, as the CLI prints them. */
static void print_diag(void *userdata, const r2x_error *d)
{
    (void)userdata;
    fprintf(stderr, "%s:%ld: %s: %s\n", d->file, d->line, r2x_severity_name(d->severity),
            d->message);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s RELEASE OUTPUT.xml\n", argv[0]);
        return 2;
    }
    /* the library this program runs with, not only the header it was built with */
    r2x_versions v = {.size = sizeof v};
    if (r2x_version_info(&v) || v.version_num < R2X_VERSION_NUM) {
        fprintf(stderr, "librelease2xbrl %s is older than this program (%s)\n", v.version,
                R2X_VERSION_STRING);
        return 2;
    }
    const char *data_dir = r2x_data_dir();
    if (!data_dir) {
        fprintf(stderr, "the shipped data (mappings/) is not found; set R2X_DATADIR\n");
        return 2;
    }

    r2x_error err = {0};
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    r2x_convert_result result;
    r2x_convert_result_init(&result);     /* sets result.size: see doc/api.md */
    /* libxml2 set up now, from this thread (libcurl, which a conversion
     * does not need, is left to be opened when a download needs it) */
    int rc = r2x_global_init(R2X_GLOBAL_XML, &err);
    if (!rc)
        rc = r2x_document_read_file(argv[1], NULL, NULL, &doc, &err);
    if (!rc)
        rc = r2x_profile_find(data_dir, doc, &profile, &err);
    if (!rc && !profile)
        rc = r2x_profile_new_default(&profile, &err);

    r2x_extract_options xo;
    r2x_extract_options_init(&xo);
    xo.profile = profile;
    xo.diag = print_diag;
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, NULL, &err);
    if (!rc)    /* a default profile learns the entity and fiscal year from the release */
        rc = r2x_profile_infer(profile, doc, set, print_diag, NULL, &err);

    r2x_convert_options co;
    r2x_convert_options_init(&co);
    co.profile = profile;
    co.data_dir = data_dir;
    co.diag = print_diag;
    if (!rc)
        rc = r2x_convert(doc, set, &co, argv[2], &result, &err);
    if (rc)
        fprintf(stderr, "%s:%ld: error: %s\n", err.file, err.line, err.message);
    else
        printf("%zu facts, %zu contexts: %s\n", result.facts, result.contexts, argv[2]);

    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    r2x_global_cleanup();
    return rc == R2X_OK ? 0 : rc == R2X_ENOMEM || rc == R2X_EIO || rc == R2X_EUSAGE ? 2 : 1;
}
