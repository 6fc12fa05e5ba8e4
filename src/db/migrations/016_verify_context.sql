-- Sign-up remembers where the person was going and which browser signed up,
-- so that opening the verification link in that browser signs them in and
-- takes them back (src/accounts/signup.c).
ALTER TABLE email_tokens ADD COLUMN next TEXT;           -- a same-origin path (account_safe_next), or NULL
ALTER TABLE email_tokens ADD COLUMN browser_hash TEXT;   -- secret_hash of the sign-up browser's cookie, or NULL
