/**
 * The console's audit trail: one {@link io.lapsbridge.console.audit.AuditRecord} per reveal,
 * reset, expiry move, sign-in and refusal, written as a JSON line to an append-only, owner-only
 * file and, when configured, as RFC 5424 syslog over UDP or TCP. A record never holds a password.
 * Imports nothing of ours but {@code model}; Jackson for the JSON line.
 */
package io.lapsbridge.console.audit;
