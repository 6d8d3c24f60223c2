package io.lapsbridge.console.audit;

import java.time.Instant;

/**
 * One audited event. Component order is the JSON property order. It names who, what, when, from
 * where and how it ended; it has no field that could carry a password.
 *
 * @param time when the console decided the outcome (UTC, ISO-8601)
 * @param event what was attempted: {@code reveal}, {@code reset}, {@code expire-after-use},
 *     {@code sign-in}, {@code sign-out}, {@code session-expired}
 * @param outcome {@code success}, {@code refused} or {@code failed}
 * @param actorDn the signed-in user's bind DN (or the name typed at a failed sign-in)
 * @param actorSid the user's {@code objectSid}, when the directory shows it
 * @param computer the computer's name as the directory holds it; null for sign-in events
 * @param computerDn the computer's DN
 * @param value which value: the password source ({@code LegacyLapsCleartextPassword}, ...) or
 *     the expiry attribute
 * @param address the client's IP address
 * @param reason the reason the user typed, when the deployment asks for one
 * @param detail why a refusal or failure happened, or what an expiry write did
 */
public record AuditRecord(
    String time,
    String event,
    String outcome,
    String actorDn,
    String actorSid,
    String computer,
    String computerDn,
    String value,
    String address,
    String reason,
    String detail) {

  /** The events, as the {@code event} field spells them. */
  public static final String REVEAL = "reveal";
  public static final String RESET = "reset";
  public static final String EXPIRE_AFTER_USE = "expire-after-use";
  public static final String SIGN_IN = "sign-in";
  public static final String SIGN_OUT = "sign-out";
  public static final String SESSION_EXPIRED = "session-expired";

  /** The outcomes. */
  public static final String SUCCESS = "success";
  public static final String REFUSED = "refused";
  public static final String FAILED = "failed";

  public AuditRecord {
    if (time == null || event == null || outcome == null) {
      throw new IllegalArgumentException("an audit record needs a time, an event and an outcome");
    }
  }

  /** A record of {@code event} at {@code now}; the other fields through the withers. */
  public static AuditRecord of(Instant now, String event, String outcome, String actorDn,
      String actorSid, String address) {
    return new AuditRecord(now.toString(), event, outcome, actorDn, actorSid, null, null, null,
        address, null, null);
  }

  public AuditRecord computer(String name, String dn) {
    return new AuditRecord(time, event, outcome, actorDn, actorSid, name, dn, value, address,
        reason, detail);
  }

  public AuditRecord value(String which) {
    return new AuditRecord(time, event, outcome, actorDn, actorSid, computer, computerDn, which,
        address, reason, detail);
  }

  public AuditRecord reason(String typed) {
    return new AuditRecord(time, event, outcome, actorDn, actorSid, computer, computerDn, value,
        address, typed, detail);
  }

  public AuditRecord detail(String why) {
    return new AuditRecord(time, event, outcome, actorDn, actorSid, computer, computerDn, value,
        address, reason, why);
  }

  public AuditRecord outcome(String how) {
    return new AuditRecord(time, event, how, actorDn, actorSid, computer, computerDn, value,
        address, reason, detail);
  }

  /** Syslog severity (RFC 5424): notice for success, warning for a refusal or failure. */
  int severity() {
    return SUCCESS.equals(outcome) ? 5 : 4;
  }
}
