package io.lapsbridge.rpc.epm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.DceClient;
import io.lapsbridge.rpc.dce.SyntaxId;
import java.time.Duration;
import java.util.Optional;

/** Asks a host's endpoint mapper (unauthenticated, as Windows allows) for a dynamic port. */
public final class EndpointMapper {
  /** Where Windows listens. */
  public static final int PORT = 135;

  private EndpointMapper() {}

  /** The TCP port {@code iface} listens on at {@code host}. */
  public static int lookup(
      String host, int epmPort, SyntaxId iface, Duration connectTimeout, Duration readTimeout)
      throws RpcException {
    try (DceClient client = DceClient.connect(host, epmPort, connectTimeout, readTimeout)) {
      client.bind(EptMap.EPM, Optional.empty());
      EptMap.Result result =
          EptMap.parseResponse(client.call(EptMap.OPNUM, EptMap.request(Tower.query(iface))));
      for (Tower t : result.towers()) {
        if (t.iface().equals(iface) && t.port() > 0) {
          return t.port();
        }
      }
      throw new RpcException(
          RpcException.Kind.PROTOCOL, result.status(),
          "the endpoint mapper at " + host + ":" + epmPort + " has no TCP endpoint for " + iface
              + String.format(" (status 0x%08x)", result.status()),
          null);
    }
  }
}
