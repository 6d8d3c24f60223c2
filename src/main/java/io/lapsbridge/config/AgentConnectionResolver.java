package io.lapsbridge.config;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's directory connection: the shared transport options (see {@link
 * SettingsResolver#transportOnly}), its server list or DNS domain, and its bind, which is
 * Kerberos as the computer unless its own command line names a DN.
 */
public final class AgentConnectionResolver {
  private AgentConnectionResolver() {}

  /**
   * The agent's connection: its servers (or SRV discovery) and machine bind over the shared
   * transport.
   *
   * @param transport the shared options, without an identity from the environment or a profile
   * @param servers the agent's own options
   * @param shortHostName this machine's short name, for the default principal {@code HOST$}
   */
  public static AgentConnection resolve(ResolvedConnection transport,
      AgentServerArguments servers, Supplier<String> shortHostName) {
    TransportSecurity security = transport.security();
    boolean kerberos = transport.bindDn() == null;
    if (security == TransportSecurity.NONE && !transport.insecure() && !kerberos) {
      throw new SettingsException("refusing a simple bind without TLS: add --ldaps or"
          + " --start-tls, or --insecure to accept cleartext credentials");
    }
    if (security == TransportSecurity.NONE && !transport.insecure()) {
      throw new SettingsException("refusing to send passwords without TLS: add --ldaps or"
          + " --start-tls (GSSAPI sealing alone needs --insecure)");
    }
    List<String> list = new ArrayList<>();
    if (transport.host() != null && !transport.host().isBlank()) {
      list.add(transport.host());
    }
    list.addAll(servers.servers());
    if (transport.port() != null) {
      list.replaceAll(s -> s.contains(":") ? s : s + ":" + transport.port());
    }
    list.forEach(AgentConnectionResolver::requireValidServer);
    if (list.isEmpty() && servers.domain() == null) {
      throw new SettingsException("give --server HOST (repeatable) or --domain DOMAIN for DNS"
          + " SRV discovery");
    }
    if (servers.domain() != null && servers.domain().contains(",")) {
      throw new SettingsException("the agent works in its own domain: give one --domain, not "
          + servers.domain());
    }
    return new AgentConnection(list, Optional.ofNullable(servers.domain()), security,
        transport.trustStore(), bind(transport, servers, shortHostName), transport.baseDn(),
        transport.timeout(), transport.trustStorePasswordFile() == null ? null
            : BindPassword.fromFile(transport.trustStorePasswordFile(),
                "--trust-store-password-file"),
        Optional.ofNullable(transport.kerberos().dnsServer()));
  }

  /** {@code host} or {@code host:port} with a port from 1 to 65535, as the server set needs. */
  private static void requireValidServer(String server) {
    int colon = server.lastIndexOf(':');
    if (colon < 0 || server.indexOf(':') != colon) {
      return; // a host, or an IPv6 address, which takes --port
    }
    String port = server.substring(colon + 1);
    boolean valid = colon > 0 && !port.isEmpty() && port.length() <= 5
        && port.chars().allMatch(Character::isDigit)
        && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    if (!valid) {
      throw new SettingsException("--server '" + server + "' is not HOST or HOST:PORT with a port"
          + " from 1 to 65535");
    }
  }

  private static MachineBind bind(ResolvedConnection transport, AgentServerArguments servers,
      Supplier<String> shortHostName) {
    if (transport.bindDn() != null) {
      if (transport.bindPasswordFile() == null) {
        throw new SettingsException("--bind-dn needs --bind-password-file");
      }
      return new MachineBind.Simple(transport.bindDn(),
          BindPassword.fromFile(transport.bindPasswordFile()));
    }
    String principal = servers.principal() != null ? servers.principal()
        : shortHostName.get().toUpperCase(Locale.ROOT) + "$";
    Optional<String> realm = Optional.ofNullable(servers.realm())
        .or(() -> Optional.ofNullable(servers.domain()).map(d -> d.toUpperCase(Locale.ROOT)));
    return new MachineBind.Kerberos(servers.keytab(), principal, realm,
        Optional.ofNullable(servers.kdc()));
  }
}
