/* What the libFuzzer targets (tests/fuzz/fuzz_*.c) share: the entry points
 * libFuzzer calls, and set-up some parsers need once per process. */
#ifndef DXHUB_FUZZ_HARNESS_H
#define DXHUB_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's hooks: called once before the first input (optional in a
 * target), then once per input. Return 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private directory made on the first call (mkdtemp under $TMPDIR, else
 * /tmp) and removed with its content at exit; the same path afterwards.
 * Aborts when it cannot be made. */
const char *harness_tmpdir(void);

/* Prepares translations as the server does (i18n_init in harness_tmpdir())
 * and quiets the logs to errors only. Aborts on failure. */
void harness_init_i18n(void);

/* A NUL-terminated malloc'ed copy of data[0..size) (free() it); a NUL
 * inside ends the string early, as it would for C code reading a header. */
char *harness_string(const uint8_t *data, size_t size);

#endif
