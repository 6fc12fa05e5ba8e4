/* libFuzzer target: multipart/form-data bodies, as the hub reads them on a
 * route that takes files (libmicrohttpd's post processor and
 * src/http/upload.c: text fields into the form, files to temporary files),
 * then the "file" field typed from its first bytes and named as documents
 * are (src/records/sniff.c, with libmagic).
 *
 * Input: the Content-Type header's value up to the first newline, then the
 * body. The request goes through the real server on a loopback port. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "harness_server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    harness_server_start();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t type_len = nl ? (size_t)(nl - data) : 0;
    const uint8_t *body = nl ? nl + 1 : data;
    size_t body_len = size - (size_t)(body - data);
    char head[8192];
    snprintf(head, sizeof head,
             "POST /upload HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
             "Content-Length: %zu\r\nContent-Type: %.*s\r\n\r\n",
             body_len, (int)(type_len < 4096 ? type_len : 4096), (const char *)data);
    harness_server_send(head, body, body_len, NULL);
    return 0;
}
