package io.lapsbridge.rotation;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;

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
}
