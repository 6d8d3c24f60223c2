package io.lapsbridge.embedded;

import java.util.List;

/**
 * How to start the stand-in directory.
 *
 * @param host the address to listen on; loopback unless the user asks otherwise
 * @param port the port, or 0 for any free port
 * @param baseDn the domain naming context, such as {@code dc=example,dc=com}
 * @param startTls whether to offer the StartTLS extended operation
 * @param schema schema sources, applied in order before access control is switched on
 * @param data data sources, applied in order after it
 */
public record StandInConfig(
    String host,
    int port,
    String baseDn,
    boolean startTls,
    List<StandInDirectory.LdifSource> schema,
    List<StandInDirectory.LdifSource> data) {
  public StandInConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    schema = List.copyOf(schema);
    data = List.copyOf(data);
  }
}
