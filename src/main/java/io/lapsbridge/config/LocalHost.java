package io.lapsbridge.config;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's name, the agent's default computer name and Kerberos principal. */
public final class LocalHost {
  private LocalHost() {}

  /** The host name up to its first dot. */
  public static String shortName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      int dot = host.indexOf('.');
      return dot > 0 ? host.substring(0, dot) : host;
    } catch (IOException e) {
      throw new SettingsException("cannot tell this host's name (" + e.getMessage()
          + "); give --computer");
    }
  }
}
