package io.lapsbridge.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a GSSAPI bind failed before it reached the server. The SDK reports every such failure as
 * {@code local error (82)}; the JDK's Kerberos exceptions in the cause chain say why. The
 * common reasons are named with what to check; anything else is quoted.
 */
final class KerberosFailure {
  private KerberosFailure() {}

  /** The reason found in {@code failure}'s causes, or empty when none is from Kerberos. */
  static Optional<String> reason(Throwable failure, MachineBind.Kerberos bind, String server) {
    return reason(failure, bind.login(), server);
  }

  /** As above, for any GSSAPI login: a keytab's or the user's ticket cache. */
  static Optional<String> reason(Throwable failure, KerberosLogin bind, String server) {
    List<String> messages = new ArrayList<>();
    boolean kerberos = false;
    for (Throwable t = failure; t != null && messages.size() < 10; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        messages.add(t.getMessage().strip());
      }
      kerberos |= t instanceof javax.security.auth.login.LoginException
          || t instanceof org.ietf.jgss.GSSException || t.getClass().getName().contains("krb5");
    }
    String all = String.join(" | ", messages).toLowerCase(Locale.ROOT);
    // With a keytab and no ticket cache, the JDK asks for a password only when the keytab has
    // no key for the principal; the SDK answers that it has none.
    String keytab = bind.keytab().map(Object::toString).orElse("");
    boolean noCredentials = all.contains("unable to obtain password from user")
        || all.contains("not available to garner") || all.contains("no password was provided")
        || all.contains("no key to store") || all.contains("no supported key")
        || all.contains("unable to obtain principal name");
    if (noCredentials && bind.keytab().isPresent()) {
      return Optional.of("Kerberos: no key for " + bind.who() + " in the keytab "
          + keytab + " (check with: klist -k " + keytab + ")");
    }
    if (noCredentials || all.contains("failed to find any kerberos tgt")
        || all.contains("mechanism level: failed to find any kerberos")) {
      return Optional.of("Kerberos: no valid ticket in the ticket cache"
          + bind.ticketCache().map(c -> " FILE:" + c).orElse("")
          + " (missing or expired: run kinit, and check with klist)");
    }
    if (all.contains("ticket expired") || all.contains("krb_ap_err_tkt_expired")) {
      return Optional.of("Kerberos: the ticket expired (renew it with kinit)");
    }
    if (all.contains("clock skew")) {
      return Optional.of("Kerberos: clock skew too great between this machine and the KDC"
          + " (synchronise the clock, for example with the domain's NTP)");
    }
    if (all.contains("server not found in kerberos database")) {
      return Optional.of("Kerberos: the KDC does not know the service principal ldap/" + server
          + ", no SPN for that DC name (connect by the DC's host name, use --domain, or"
          + " register that SPN on the DC's account)");
    }
    if (all.contains("client not found in kerberos database")) {
      return Optional.of("Kerberos: the KDC does not know " + bind.who()
          + " (is the computer account in this realm?)");
    }
    if (all.contains("cannot locate default realm") || all.contains("cannot get kdc for realm")
        || all.contains("unknown realm")) {
      return Optional.of("Kerberos: unknown realm"
          + bind.realm().map(r -> " " + r).orElse("") + " (give --realm and --kdc, or set it"
          + " in krb5.conf)");
    }
    if (all.contains("receive timed out") || all.contains("connection refused")
        || all.contains("cannot contact any kdc") || all.contains("socket timeout")) {
      return Optional.of("Kerberos: KDC unreachable"
          + bind.kdc().map(k -> " (" + k + ")").orElse("") + ": " + messages.get(
              messages.size() - 1));
    }
    return kerberos && !messages.isEmpty()
        ? Optional.of("Kerberos: " + messages.get(messages.size() - 1)) : Optional.empty();
  }
}
