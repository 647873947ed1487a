/* entity.h - who the release is about: the entity identifier of every
 * context, found by the rules of enum r2x_entity_rule (internal). */
#ifndef R2X_ENTITY_H
#define R2X_ENTITY_H

#include "release2xbrl.h"

typedef struct entity {
    int rule;                 /* enum r2x_entity_rule */
    char scheme[256];         /* the scheme URI */
    char id[160];             /* the identifier: "0000320193", a name */
    char name[160];           /* the entity's name, "" when unknown */
    char ticker[16];          /* its ticker when a rule found one ("BA"), else "" */
} entity;

/* "cik:320193" or "lei:HWUPKR0MPOU8FGXBT394" into e->scheme and e->id (a CIK
 * zero-padded to 10 digits, an LEI upper case with its check digits
 * verified); R2X_EUSAGE with a message saying what is wrong. */
int entity_parse(const char *scheme_id, entity *e, r2x_error *err);

/* "cik:0000320193", "lei:...", "name:Apple Inc." or SCHEME-URI " " ID. */
void entity_format(const entity *e, char *out, size_t size);

/* Identify the entity of doc: the profile's identifier (given by the caller
 * or read from the file), a CIK or LEI printed in the release, a ticker it
 * prints, its name in the company list at companies_path, else its name under
 * R2X_SCHEME_ENTITY_NAME with a warning (with strict, an error: R2X_EINPUT).
 * Each decision is a note through diag. */
int entity_identify(const r2x_profile *profile, const r2x_document *doc,
                    const char *companies_path, int strict, r2x_diag_fn diag,
                    void *userdata, entity *out, r2x_error *err);

#endif
