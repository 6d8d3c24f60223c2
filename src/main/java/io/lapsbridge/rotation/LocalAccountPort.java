package io.lapsbridge.rotation;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import java.util.Optional;

/** The device's local accounts. */
public interface LocalAccountPort {
  /**
   * The local name of the account the policy manages, after checking that it exists and can
   * take a new password.
   */
  String resolve(ManagedAccount account) throws PortException;

  /** Sets the password; the secret never goes through argv or a log. */
  void setPassword(String account, Secret password) throws PortException;

  /** Ends the account's sessions (post-authentication action 3). */
  void terminateSessions(String account) throws PortException;

  /**
   * Automatic account management: the name of the account this agent created and still manages
   * (it carries the agent's mark), if there is one.
   */
  default Optional<String> managed(ManagedAccount.Automatic account) throws PortException {
    throw unsupported(account);
  }

  /**
   * Automatic account management: makes the managed account exist as {@code name} and belong to
   * the administrators: the marked account is renamed when it has another name; when there is
   * none, one is created with no usable password (the password comes only after the directory
   * holds it). Idempotent, so a crash-recovery can repeat it.
   *
   * @return true when the account was created
   */
  default boolean provide(ManagedAccount.Automatic account, String name) throws PortException {
    throw unsupported(account);
  }

  /** Automatic account management: enables or disables the account, after its password is set. */
  default void enable(String name, boolean enabled) throws PortException {
    throw new PortException(PortException.Kind.ACCOUNT_MISSING,
        "this platform cannot enable or disable '" + name + "'");
  }

  private static PortException unsupported(ManagedAccount account) {
    return new PortException(PortException.Kind.ACCOUNT_MISSING,
        "automatic account management is not available on this platform: "
            + account.describe());
  }
}
