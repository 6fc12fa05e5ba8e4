/* File types from their first bytes, and safe stored names. */
#include "records/sniff.h"

#include <magic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "http/form.h"
#include "i18n/i18n.h"

static const struct file_type types[] = {
    {"image/png", "png", N_("PNG image"), FILE_IMAGE, true},
    {"image/jpeg", "jpg", N_("JPEG image"), FILE_IMAGE, true},
    {"image/webp", "webp", N_("WebP image"), FILE_IMAGE, true},
    {"image/gif", "gif", N_("GIF image"), FILE_IMAGE, true},
    {"application/pdf", "pdf", N_("PDF document"), FILE_PDF, true},
    {"video/mp4", "mp4", N_("MP4 video"), FILE_VIDEO, true},
    {"video/webm", "webm", N_("WebM video"), FILE_VIDEO, true},
    {"application/vnd.oasis.opendocument.text", "odt", N_("OpenDocument text"), FILE_OFFICE, false},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", N_("Word document"),
     FILE_OFFICE, false},
    {"text/plain; charset=utf-8", "txt", N_("Plain text"), FILE_TEXT, false},
    {"text/vtt; charset=utf-8", "vtt", N_("WebVTT captions"), FILE_CAPTIONS, true},
    {"audio/mpeg", "mp3", N_("MP3 audio"), FILE_AUDIO, true},
    {"audio/ogg", "ogg", N_("Ogg audio"), FILE_AUDIO, true},
    {"audio/x-wav", "wav", N_("WAV audio"), FILE_AUDIO, true},
};
enum { T_TEXT = 9, T_VTT = 10 };

/* Length of the valid UTF-8 prefix, forgiving a sequence cut at the end. */
static size_t text_length(const unsigned char *s, size_t n)
{
    size_t cut = n, back = 0;
    while (back < 3 && cut > 0 && (s[cut - 1] & 0xC0) == 0x80)
        cut--, back++;
    if (cut > 0 && s[cut - 1] >= 0xC0) {
        unsigned char lead = s[cut - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (back + 1 < want)
            return cut - 1;
    }
    return n;
}

/* Plain text: UTF-8, no control characters but tab, line breaks and form
 * feed, and nothing a browser could take for markup. */
static bool is_text(const unsigned char *head, size_t n)
{
    size_t len = text_length(head, n);
    if (!len || !utf8_valid((const char *)head, len))
        return false;
    for (size_t i = 0; i < len; i++)
        if ((head[i] < 0x20 && head[i] != '\t' && head[i] != '\n' && head[i] != '\r' && head[i] != '\f') ||
            head[i] == 0x7f)
            return false;
    size_t i = len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r' || head[i] == '\f'))
        i++;
    if (i < len && head[i] == '<')
        return false;
    for (size_t k = 0; k + 7 <= len; k++)
        if (head[k] == '<' && strncasecmp((const char *)head + k, "<script", 7) == 0)
            return false;
    return true;
}

/* The type libmagic (file's database, Debian libmagic-mgc) finds in
 * head[0..n), as a MIME type without parameters, written into out; "" when
 * it cannot tell. A multibyte character cut at the end of the sniffed bytes
 * is left out, so that text is not taken for binary data. */
static void magic_mime(const unsigned char *head, size_t n, char *out, size_t size)
{
    out[0] = '\0';
    magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (!m)
        return;
    const char *mime = magic_load(m, NULL) == 0 ? magic_buffer(m, head, text_length(head, n)) : NULL;
    if (mime)
        snprintf(out, size, "%s", mime);
    else
        log_event(LOG_ERROR, NULL, "libmagic failed", "error", magic_error(m) ? magic_error(m) : "?", NULL);
    magic_close(m);
}

const struct file_type *sniff_type(const unsigned char *head, size_t n)
{
    if (!head || !n)
        return NULL;
    char mime[128];
    magic_mime(head, n, mime, sizeof mime);
    /* Text needs more than libmagic's word: nothing a browser could take for markup. */
    if (strcmp(mime, "text/plain") == 0)
        return is_text(head, n) ? &types[T_TEXT] : NULL;
    if (strcmp(mime, "text/vtt") == 0)
        return is_text(head, n) ? &types[T_VTT] : NULL;
    return strcmp(mime, types[T_TEXT].mime) == 0 || strcmp(mime, types[T_VTT].mime) == 0 ? NULL : sniff_by_mime(mime);
}

const struct file_type *sniff_by_mime(const char *mime)
{
    for (size_t i = 0; mime && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].mime, mime) == 0)
            return &types[i];
    return NULL;
}

char *sniff_file_name(struct arena *a, const char *client_name, const char *ext)
{
    const char *base = client_name ? client_name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t len = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot > base)
        len = (size_t)(dot - base);
    enum { NAME_MAX_BYTES = 80 };
    size_t room = NAME_MAX_BYTES - strlen(ext) - 1, used = 0;
    char *out = arena_alloc(a, NAME_MAX_BYTES + 1);
    bool dash = false;
    for (size_t i = 0; i < len && used < room; i++) {
        unsigned char c = (unsigned char)base[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
        if (keep) {
            out[used++] = (char)c;
            dash = false;
        } else if (!dash && used) {
            out[used++] = '-';
            dash = true;
        }
    }
    while (used && (out[used - 1] == '-' || out[used - 1] == '.'))
        used--;
    size_t start = 0;
    while (start < used && (out[start] == '.' || out[start] == '-'))
        start++;
    out[used] = '\0';
    return arena_printf(a, "%s.%s", start < used ? out + start : "file", ext);
}
