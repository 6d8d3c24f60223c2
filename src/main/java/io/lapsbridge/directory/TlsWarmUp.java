package io.lapsbridge.directory;

import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prepares TLS on a background thread while the command line is parsed. In a JVM that has
 * just started, the first TLS connection pays for one-time work: the SDK surveys the JDK's
 * cipher suites (loading the default trust store), and the key exchange and record cipher run
 * as slow interpreted code until they are compiled. Doing that work ahead, on the other core,
 * takes it off the path to the first directory operation. It touches no network and no
 * secret, and a failure only means the connection does the work itself.
 */
public final class TlsWarmUp {
  private TlsWarmUp() {}

  /** Starts the warm-up on a daemon thread, which never delays the process's exit. */
  // The low priority is only a hint to yield to the command's own work; nothing depends on it.
  @SuppressWarnings("ThreadPriorityCheck")
  public static void start() {
    Thread thread = new Thread(TlsWarmUp::run, "lapsbridge-tls-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run() {
    try {
      SSLUtil.getEnabledSSLProtocols(); // the SDK's one-time cipher-suite survey
      KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
      for (int i = 0; i < 4; i++) {
        x25519.generateKeyPair(); // the JDK's first key-exchange group
      }
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"),
          new GCMParameterSpec(128, new byte[12]));
      gcm.doFinal(new byte[4096]);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Only speed is lost: the first connection does this work itself.
    }
  }
}
