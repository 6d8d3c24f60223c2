package io.lapsbridge.agent;

import java.nio.file.Path;

/**
 * How the agent may fetch the group public key from a DC with GetKey (#14), as typed.
 *
 * @param keytab the machine keytab ({@code --keytab}); its RC4-HMAC key is the NT hash NTLM needs
 * @param account the machine account ({@code --principal}); null for {@code HOST$} from the
 *     computer name
 * @param rpcPort the DCs' endpoint mapper port ({@code --rpc-port}, 135)
 */
public record GetKeyArguments(Path keytab, String account, int rpcPort) {
  public GetKeyArguments {
    if (keytab == null || rpcPort < 1 || rpcPort > 65535) {
      throw new IllegalArgumentException("GetKey needs a keytab and a port from 1 to 65535");
    }
  }
}
