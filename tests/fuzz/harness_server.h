/* The real HTTP server (src/http/server.c and libmicrohttpd) inside a fuzz
 * target, on a loopback port, with a few routes of its own: the parsers
 * that only run on a whole request (cookies, multipart bodies, the request
 * line and headers) are fuzzed as the hub runs them. */
#ifndef DXHUB_FUZZ_HARNESS_SERVER_H
#define DXHUB_FUZZ_HARNESS_SERVER_H

#include <stddef.h>

/* Starts the server on 127.0.0.1 (a free port) with one worker thread, the
 * form and upload limits of a default `dxhub serve`, translations ready and
 * uploads under harness_tmpdir(). Its routes:
 *   GET  /                       "ok"
 *   GET  /cookie                 reads the lang, csrf, sid and tz cookies as the hub does
 *   GET  /events/{slug}/sessions/{id}.ics   echoes the decoded parameters
 *   POST /form                   echoes the urlencoded fields (after the central CSRF check)
 *   POST /upload                 takes files (multipart) for any caller, who counts as signed in;
 *                                the "file" field is typed and named as documents are
 * Call once (from LLVMFuzzerInitialize); aborts when the server cannot start. */
void harness_server_start(void);

/* Opens a connection, sends head, body[0..body_len) and tail (head and tail
 * are strings; any of the three may be NULL), then a request that asks the
 * server to close the connection, half-closes it and reads the answer
 * until the server closes the connection or sends nothing for 50 ms (it
 * waits for more body), then resets it. Never fails: a refused or cut
 * connection is an answer too. */
void harness_server_send(const char *head, const void *body, size_t body_len, const char *tail);

#endif
