package io.lapsbridge.embedded;

import java.util.List;

/**
 * How to start the stand-in directory.
 *
 * @param host the address to listen on; loopback unless the user asks otherwise
 * @param port the port, or 0 for any free port
 * @param baseDn the domain naming context, such as {@code dc=example,dc=com}
 * @param ldapsPort the LDAPS port, or 0 for any free port; StartTLS is always offered on {@code
 *     port}
 * @param schema schema sources, applied in order before access control is switched on
 * @param data data sources, applied in order after it
 */
public record StandInConfig(
    String host,
    int port,
    String baseDn,
    int ldapsPort,
    List<StandInDirectory.LdifSource> schema,
    List<StandInDirectory.LdifSource> data) {
  public StandInConfig {
    if (port < 0 || port > 65535 || ldapsPort < 0 || ldapsPort > 65535) {
      throw new IllegalArgumentException("ports must be between 0 and 65535");
    }
    schema = List.copyOf(schema);
    data = List.copyOf(data);
  }

  /** Loopback on free ports with the shipped schema and fixtures: what tests want. */
  public static StandInConfig loopback() {
    return new StandInConfig(
        "127.0.0.1", 0, ShippedLdif.BASE_DN, 0, ShippedLdif.schema(), ShippedLdif.data());
  }
}
