package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;

/** Small helpers for describing LDAP results in messages. */
final class Ldap {
  private Ldap() {}

  static String code(ResultCode code) {
    return code.getName() + " (" + code.intValue() + ")";
  }

  static String describe(LDAPResult result) {
    return code(result.getResultCode()) + diagnosticSuffix(result.getDiagnosticMessage());
  }

  static String diagnosticSuffix(String diagnostic) {
    if (diagnostic == null || diagnostic.isBlank()) {
      return "";
    }
    // Servers put multi-line stack traces here; one line is enough for the user.
    String firstLine = diagnostic.strip().lines().findFirst().orElse("");
    return ": " + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine);
  }

  static boolean isConnectionLoss(ResultCode code) {
    return ResultCode.CONNECT_ERROR.equals(code)
        || ResultCode.SERVER_DOWN.equals(code)
        || ResultCode.TIMEOUT.equals(code)
        || ResultCode.UNAVAILABLE.equals(code);
  }

  /**
   * Whether a connect failure is TLS's: a handshake error, or the SDK's host-name check, which
   * fails with a plain connect error naming the expected host and the certificate's names.
   */
  static boolean isTlsFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof javax.net.ssl.SSLException
          || message.contains("Hostname verification failed")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The innermost cause's message (or its type), for one-line errors about a connection. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
