package io.lapsbridge.entra;

import io.lapsbridge.model.Secret;
import java.nio.file.Path;

/**
 * How lapsbridge signs in to the Microsoft identity platform: as an application (client
 * credentials, with a secret or a certificate: application permissions) or as an administrator
 * at a terminal (device code: delegated permissions and the user's roles).
 */
public sealed interface EntraCredential {
  /** Whether tokens act for a signed-in user (delegated) rather than the application. */
  boolean delegated();

  /** A client secret, from a file or the environment, never argv. */
  record ClientSecret(Secret secret) implements EntraCredential {
    @Override
    public boolean delegated() {
      return false;
    }

    @Override
    public String toString() {
      return "ClientSecret[****]";
    }
  }

  /**
   * A certificate with its private key: PEM (certificate and PKCS#8 key) or PKCS#12.
   *
   * @param file the certificate file
   * @param password the PKCS#12 password, or null
   */
  record ClientCertificate(Path file, Secret password) implements EntraCredential {
    @Override
    public boolean delegated() {
      return false;
    }

    @Override
    public String toString() {
      return "ClientCertificate[" + file + "]";
    }
  }

  /** The device-code flow: a code to enter at a browser, then delegated tokens. */
  record DeviceCode() implements EntraCredential {
    @Override
    public boolean delegated() {
      return true;
    }
  }
}
