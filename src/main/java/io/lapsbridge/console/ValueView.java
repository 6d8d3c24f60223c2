package io.lapsbridge.console;

import java.util.List;

/**
 * One LAPS value of a computer as the console shows it: everything but the password until it is
 * revealed, and then the password with its spelling. {@code whyNot} says, in the helpdesk's
 * words, why a value cannot be shown.
 *
 * @param index the value's position on the computer's page (the reveal form names it)
 * @param source the password source ({@code LegacyLapsCleartextPassword}, ...)
 * @param family {@code legacy} or {@code windows}
 * @param password null until revealed, and always when it cannot be shown
 * @param spelled the password spelled out; empty until revealed
 */
public record ValueView(int index, String source, String family, String account,
    String updated, String expiration, String decryptionStatus, String authorizedDecryptor,
    String whyNot, String password, List<String> spelled) {
  public ValueView {
    spelled = List.copyOf(spelled);
  }

  /** Whether a reveal could show something. */
  public boolean revealable() {
    return whyNot == null;
  }

  public boolean revealed() {
    return password != null;
  }

  /** The same value with its password (or without, for the hidden view). */
  ValueView withPassword(String shown) {
    return new ValueView(index, source, family, account, updated, expiration, decryptionStatus,
        authorizedDecryptor, whyNot, shown, shown == null ? List.of() : Spelling.of(shown));
  }

  @Override
  public String toString() {
    return "ValueView[" + index + ", " + source + ", password=****]";
  }
}
