/* Email addresses as people type them: the one rule that decides whether the
 * hub can write to an address, shared by every form that asks for one and by
 * the outbox (which refuses what mime_address_ok refuses). */
#ifndef DXHUB_MAIL_ADDRESS_H
#define DXHUB_MAIL_ADDRESS_H

#include <stdbool.h>

#define MAIL_ADDRESS_MAX 254 /* bytes, RFC 5321 §4.5.3.1.3 */

/* Normalises the typed address `in` (UTF-8, not NULL) into the form the hub
 * stores and sends to, written into out (MAIL_ADDRESS_MAX + 1 bytes; "" when
 * refused): the local part lower-cased, the domain converted by ICU's IDNA
 * (UTS #46, non-transitional, STD3 rules, so "exämple.fr" becomes
 * "xn--exmple-cua.fr"), and the result must have a dot in its domain and
 * pass mime_address_ok (ASCII dot-atom local part of at most 64 bytes, at
 * most 254 bytes in all). Quoted local parts, non-ASCII local parts (the
 * sender does not speak SMTPUTF8), address literals and anything with
 * spaces or control characters are refused. Returns true when out holds an
 * address mail_enqueue will accept. */
bool mail_address_normalise(const char *in, char out[MAIL_ADDRESS_MAX + 1]);

#endif
