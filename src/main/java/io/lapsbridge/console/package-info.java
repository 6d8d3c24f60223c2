/**
 * The helpdesk web console and JSON API ({@code lapsbridge serve}, #17): another adapter over the
 * same engines as the command line. Each signed-in user reads with their own LDAP bind and
 * decrypts online as themselves ({@code usecase.LookUpPasswords}, {@code usecase.KeySources});
 * the console holds no privileged account for reads. Sessions, CSRF, the security headers, the
 * reveal rate limit, expire-after-use and the HTTPS identity live here; the audit trail in
 * {@code console.audit}. The only package that imports Javalin, Jetty and jte; never {@code cli}.
 */
package io.lapsbridge.console;
