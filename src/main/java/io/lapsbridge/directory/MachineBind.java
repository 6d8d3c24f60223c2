package io.lapsbridge.directory;

import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.util.Optional;

/** How the agent authenticates: as the computer (Kerberos) or, for the stand-in, with a DN. */
public sealed interface MachineBind permits MachineBind.Simple, MachineBind.Kerberos {

  /** A simple bind; the only kind the stand-in directory supports. */
  record Simple(String dn, Secret password) implements MachineBind {
    public Simple {
      if (dn == null || dn.isBlank() || password == null) {
        throw new IllegalArgumentException("a simple bind needs a DN and a password");
      }
    }
  }

  /**
   * SASL GSSAPI with the machine keytab, as the real clients bind (as the computer account).
   *
   * @param keytab usually {@code /etc/krb5.keytab}
   * @param principal the computer's principal, {@code HOST$} or {@code HOST$@REALM}
   * @param realm the Kerberos realm; empty to take it from krb5.conf
   * @param kdc a KDC address; empty to use krb5.conf or DNS
   */
  record Kerberos(Path keytab, String principal, Optional<String> realm, Optional<String> kdc)
      implements MachineBind {
    public Kerberos {
      if (keytab == null || principal == null || principal.isBlank() || realm == null
          || kdc == null) {
        throw new IllegalArgumentException("a Kerberos bind needs a keytab and a principal");
      }
    }

    /** The same login in the form every GSSAPI bind of this package uses. */
    public KerberosLogin login() {
      return new KerberosLogin(Optional.of(keytab), Optional.of(principal), realm, kdc,
          Optional.empty(), Optional.empty());
    }
  }
}
