package io.lapsbridge.config;

import java.nio.file.Path;

/**
 * The connection options as typed on the command line; null (or false) where not given, so that
 * the environment and the profile can fill them.
 *
 * @param host {@code --host}
 * @param port {@code --port}
 * @param ldaps {@code --ldaps}
 * @param startTls {@code --start-tls}
 * @param insecure {@code --insecure}
 * @param bindDn {@code --bind-dn}
 * @param bindPasswordFile {@code --bind-password-file}
 * @param trustStore {@code --trust-store}
 * @param baseDn {@code --base-dn}
 * @param profile {@code --profile}
 * @param profileFile {@code --config}
 * @param timeoutSeconds {@code --timeout}
 * @param trustStorePasswordFile {@code --trust-store-password-file}
 * @param kerberos {@code --kerberos} and its options, {@code --domain} and {@code --dns-server}
 */
public record ConnectionArguments(String host, Integer port, boolean ldaps, boolean startTls,
    boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
    String profile, Path profileFile, Integer timeoutSeconds, Path trustStorePasswordFile,
    KerberosArguments kerberos) {
  public ConnectionArguments {
    if (kerberos == null) {
      kerberos = KerberosArguments.NONE;
    }
  }

  /** Arguments without Kerberos or discovery options. */
  public ConnectionArguments(String host, Integer port, boolean ldaps, boolean startTls,
      boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
      String profile, Path profileFile, Integer timeoutSeconds, Path trustStorePasswordFile) {
    this(host, port, ldaps, startTls, insecure, bindDn, bindPasswordFile, trustStore, baseDn,
        profile, profileFile, timeoutSeconds, trustStorePasswordFile, KerberosArguments.NONE);
  }

  /** Arguments without a trust-store password file. */
  public ConnectionArguments(String host, Integer port, boolean ldaps, boolean startTls,
      boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
      String profile, Path profileFile, Integer timeoutSeconds) {
    this(host, port, ldaps, startTls, insecure, bindDn, bindPasswordFile, trustStore, baseDn,
        profile, profileFile, timeoutSeconds, null);
  }
}
