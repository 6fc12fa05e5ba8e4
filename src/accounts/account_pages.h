/* Pages for signing up, verifying the email address, signing in and out,
 * resetting a forgotten password, and the account's own security page. */
#ifndef DXHUB_ACCOUNTS_ACCOUNT_PAGES_H
#define DXHUB_ACCOUNTS_ACCOUNT_PAGES_H

#include "http/request.h"

void page_signup_form(struct request *req);  /* GET  /signup */
void page_signup(struct request *req);       /* POST /signup */
void page_verify(struct request *req);       /* GET  /verify?token= */
void page_signin_form(struct request *req);  /* GET  /signin?next= */
void page_signin(struct request *req);       /* POST /signin */
void page_signout(struct request *req);      /* POST /signout */
void page_reset_form(struct request *req);   /* GET  /password/reset */
void page_reset(struct request *req);        /* POST /password/reset */
void page_reset_confirm_form(struct request *req); /* GET  /password/new?token= */
void page_reset_confirm(struct request *req);      /* POST /password/new */
void page_account(struct request *req);            /* GET  /account */
void page_password_change(struct request *req);    /* POST /account/password */
void page_signout_everywhere(struct request *req); /* POST /account/signout-everywhere */

#endif
