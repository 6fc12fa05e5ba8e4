/* File types from their first bytes, and safe stored names. */
#include "records/sniff.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

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
};
enum { T_PNG, T_JPEG, T_WEBP, T_GIF, T_PDF, T_MP4, T_WEBM, T_ODT, T_DOCX, T_TEXT };

/* The ISO base media brands of MP4 video (not HEIC/AVIF images, which share the box). */
static const char *const mp4_brands[] = {"isom", "iso2", "iso4", "iso5", "iso6", "mp41",
                                         "mp42", "avc1", "dash", "M4V ", "mmp4", "f4v "};

static bool starts(const unsigned char *head, size_t n, const void *sig, size_t len)
{
    return n >= len && memcmp(head, sig, len) == 0;
}

static bool is_mp4(const unsigned char *head, size_t n)
{
    if (n < 12 || memcmp(head + 4, "ftyp", 4) != 0)
        return false;
    for (size_t i = 0; i < sizeof mp4_brands / sizeof mp4_brands[0]; i++)
        if (memcmp(head + 8, mp4_brands[i], 4) == 0)
            return true;
    return false;
}

/* ODT names its first zip entry "mimetype", stored uncompressed; DOCX starts
 * with [Content_Types].xml and keeps its parts under word/. */
static const struct file_type *zip_type(const unsigned char *head, size_t n)
{
    static const char odt[] = "application/vnd.oasis.opendocument.text";
    if (n < 30)
        return NULL;
    size_t name_len = head[26] | (size_t)head[27] << 8, extra = head[28] | (size_t)head[29] << 8;
    const unsigned char *name = head + 30;
    if (name_len == 8 && n >= 38 && memcmp(name, "mimetype", 8) == 0) {
        size_t at = 38 + extra;
        return n >= at + sizeof odt - 1 && memcmp(head + at, odt, sizeof odt - 1) == 0 ? &types[T_ODT] : NULL;
    }
    bool content_types = n >= 30 + name_len && name_len == 19 && memcmp(name, "[Content_Types].xml", 19) == 0;
    return content_types && memmem(head, n, "word/", 5) ? &types[T_DOCX] : NULL;
}

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
    size_t i = starts(head, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r' || head[i] == '\f'))
        i++;
    if (i < len && head[i] == '<')
        return false;
    for (size_t k = 0; k + 7 <= len; k++)
        if (head[k] == '<' && strncasecmp((const char *)head + k, "<script", 7) == 0)
            return false;
    return true;
}

const struct file_type *sniff_type(const unsigned char *head, size_t n)
{
    if (!head || !n)
        return NULL;
    if (starts(head, n, "\x89PNG\r\n\x1a\n", 8))
        return &types[T_PNG];
    if (starts(head, n, "\xFF\xD8\xFF", 3))
        return &types[T_JPEG];
    if (n >= 12 && memcmp(head, "RIFF", 4) == 0 && memcmp(head + 8, "WEBP", 4) == 0)
        return &types[T_WEBP];
    if (starts(head, n, "GIF87a", 6) || starts(head, n, "GIF89a", 6))
        return &types[T_GIF];
    if (starts(head, n, "%PDF-", 5))
        return &types[T_PDF];
    if (is_mp4(head, n))
        return &types[T_MP4];
    if (starts(head, n, "\x1A\x45\xDF\xA3", 4))
        return memmem(head, n < 64 ? n : 64, "webm", 4) ? &types[T_WEBM] : NULL;
    if (starts(head, n, "PK\x03\x04", 4))
        return zip_type(head, n);
    return is_text(head, n) ? &types[T_TEXT] : NULL;
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
