package io.lapsbridge.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The agent's own connection options, on top of the shared ones: where its directory servers
 * are and how it binds as the computer.
 *
 * @param servers {@code --server HOST[:PORT]} entries, failover in order
 * @param domain {@code --domain}, for DNS SRV discovery; null for none
 * @param keytab {@code --keytab}, the machine keytab
 * @param principal {@code --principal}; null for {@code HOST$}
 * @param realm {@code --realm}; null for krb5.conf, else the domain in capitals
 * @param kdc {@code --kdc}; null for krb5.conf
 */
public record AgentServerArguments(List<String> servers, String domain, Path keytab,
    String principal, String realm, String kdc) {
  public AgentServerArguments {
    servers = List.copyOf(servers);
  }
}
