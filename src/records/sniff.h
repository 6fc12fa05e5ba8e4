/* What an uploaded file is, decided from its first bytes, never from the
 * name or type the client gave; and the safe name it is stored under. */
#ifndef DXHUB_RECORDS_SNIFF_H
#define DXHUB_RECORDS_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

enum file_family { FILE_IMAGE, FILE_VIDEO, FILE_AUDIO, FILE_PDF, FILE_OFFICE, FILE_TEXT, FILE_CAPTIONS };

/* A type the hub accepts. */
struct file_type {
    const char *mime;  /* the Content-Type it is served with */
    const char *ext;   /* the extension its stored name gets, without the dot */
    const char *label; /* "PNG image": an English msgid (N_), translate with _() */
    enum file_family family;
    bool served_inline; /* images, PDF and video open in the browser; others download */
};

/* The accepted type whose signature head[0..n) starts with (n should be a
 * few kilobytes: ODT and DOCX are told apart by their first zip entries):
 * PNG, JPEG, WebP, GIF, PDF, MP4, WebM, MP3, Ogg and WAV audio, ODT, DOCX,
 * or UTF-8 text that does not look like HTML, XML or SVG (whose scripts a
 * browser would run): WebVTT captions when libmagic says so (a "WEBVTT"
 * head), plain text otherwise. NULL for anything else. */
const struct file_type *sniff_type(const unsigned char *head, size_t n);

/* The type with that MIME type (as stored in files.content_type), or NULL. */
const struct file_type *sniff_by_mime(const char *mime);

/* A file name safe in a URL path segment and a Content-Disposition header,
 * made from what the client called it (NULL or "" allowed): its last path
 * component, ASCII letters, digits, '-', '_' and '.' kept, every other run
 * of characters turned into one '-', at most 80 bytes, and the extension
 * replaced by ext (so a PNG named "report.pdf" is stored as "report.png").
 * "file.EXT" when nothing usable is left. Returns an arena string. */
char *sniff_file_name(struct arena *a, const char *client_name, const char *ext);

#endif
