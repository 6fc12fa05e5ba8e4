/* Sending one message over SMTP with libcurl's easy interface. */
#include "mail/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

struct upload {
    const char *data;
    size_t len, sent;
};

/* libcurl pulls the message through this; it does the SMTP dot-stuffing. */
static size_t read_message(char *dst, size_t size, size_t nmemb, void *arg)
{
    struct upload *u = arg;
    size_t n = u->len - u->sent;
    if (n > size * nmemb)
        n = size * nmemb;
    memcpy(dst, u->data + u->sent, n);
    u->sent += n;
    return n;
}

/* A function pointer cannot travel through libcurl's void *: it goes in a box. */
struct cancel_box {
    smtp_cancel_fn fn;
};

/* libcurl calls this often during a transfer; non-zero abandons it. */
static int check_cancel(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const struct cancel_box *box = arg;
    return box->fn && box->fn() ? 1 : 0;
}

bool smtp_url_ok(const char *url)
{
    if (!url)
        return false;
    const char *host = strncmp(url, "smtp://", 7) == 0 ? url + 7 : strncmp(url, "smtps://", 8) == 0 ? url + 8 : NULL;
    return host && *host && *host != '/' && *host != ':' && !strpbrk(url, " \t\r\n");
}

/* The server, its TLS and login; the envelope (MAIL FROM, RCPT TO). */
static void set_server(CURL *c, const struct smtp_server *srv, const char *from, struct curl_slist *rcpt)
{
    bool auth = srv->user && *srv->user && srv->password && *srv->password;
    curl_easy_setopt(c, CURLOPT_URL, srv->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (strncmp(srv->url, "smtp://", 7) == 0)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(auth ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (auth) {
        curl_easy_setopt(c, CURLOPT_USERNAME, srv->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, srv->password);
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
}

/* The message to upload, the time limits and the cancel check. */
static void set_transfer(CURL *c, struct upload *u, struct cancel_box *box, char *curl_err)
{
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, u);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->len);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, box);
}

int smtp_send(const struct smtp_server *srv, const char *to, const char *msg, size_t len, smtp_cancel_fn cancel,
              char *err, size_t errlen)
{
    char curl_err[CURL_ERROR_SIZE] = "", from[300], rcpt_addr[300];
    struct upload u = {msg, len, 0};
    struct cancel_box box = {cancel};
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, errlen, "libcurl could not start a transfer");
        return -1;
    }
    snprintf(from, sizeof from, "<%s>", srv->from);
    snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_addr);
    set_server(c, srv, from, rcpt);
    set_transfer(c, &u, &box, curl_err);
    CURLcode res = curl_easy_perform(c);
    if (res == CURLE_ABORTED_BY_CALLBACK) {
        snprintf(err, errlen, "cancelled");
    } else if (res != CURLE_OK) {
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        snprintf(err, errlen, "%s (SMTP reply %ld)", curl_err[0] ? curl_err : curl_easy_strerror(res), code);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return res == CURLE_OK ? 0 : -1;
}
