package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.policy.BackupDirectory;
import io.lapsbridge.policy.BackupPlan;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicyKind;
import io.lapsbridge.policy.WindowsLapsSettings;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent manages on this device, drawn from the backup plan.
 *
 * @param family the attribute family written
 * @param account the managed account, after any command-line override
 * @param passwordAgeDays days between rotations
 * @param complexity PasswordComplexity
 * @param length characters or words
 * @param expirationProtection whether an expiry beyond now + age forces a rotation
 * @param postAuthDelayHours PostAuthenticationResetDelay; 0 = no post-authentication reset
 * @param postAuthActions PostAuthenticationActions (1, 3, 5 or 11)
 * @param encryptedTo the SID the password is encrypted to (msLAPS-EncryptedPassword); empty =
 *     clear text
 * @param historySize ADEncryptedPasswordHistorySize: encrypted history entries kept (0 = none)
 */
public record AgentTarget(
    AttributeFamily family,
    ManagedAccount account,
    int passwordAgeDays,
    int complexity,
    int length,
    boolean expirationProtection,
    int postAuthDelayHours,
    int postAuthActions,
    Optional<String> encryptedTo,
    int historySize) {

  public AgentTarget {
    if (family == null || account == null || encryptedTo == null) {
      throw new IllegalArgumentException("family, account and encryptedTo are required");
    }
    if (encryptedTo.isPresent() && family != AttributeFamily.WINDOWS) {
      throw new IllegalArgumentException("only the Windows LAPS family is encrypted");
    }
    if (historySize < 0 || historySize > 12 || (historySize > 0 && encryptedTo.isEmpty())) {
      throw new IllegalArgumentException("history is 0-12 entries, kept only for encrypted"
          + " passwords: " + historySize);
    }
    if (passwordAgeDays < 1) {
      throw new IllegalArgumentException("password age must be at least 1 day: " + passwordAgeDays);
    }
    if (postAuthDelayHours < 0) {
      throw new IllegalArgumentException("post-authentication delay must not be negative");
    }
  }

  /** A clear-text target (legacy, or Windows LAPS without encryption). */
  public AgentTarget(AttributeFamily family, ManagedAccount account, int passwordAgeDays,
      int complexity, int length, boolean expirationProtection, int postAuthDelayHours,
      int postAuthActions) {
    this(family, account, passwordAgeDays, complexity, length, expirationProtection,
        postAuthDelayHours, postAuthActions, Optional.empty(), 0);
  }

  /** Whether the password is written encrypted. */
  public boolean encrypted() {
    return encryptedTo.isPresent();
  }

  /** The outcome of reading a plan: managed, nothing to manage, or refused. */
  public sealed interface Resolution permits Managed, Unmanaged, Refused {}

  /** The agent manages {@code target}. */
  public record Managed(AgentTarget target, String policyLine) implements Resolution {}

  /** No password is managed here; not an error. */
  public record Unmanaged(String reason) implements Resolution {}

  /** The policy asks for something this agent cannot do; nothing is changed. */
  public record Refused(String reason) implements Resolution {}

  /**
   * Reads the plan. {@code accountOverride} replaces the plan's account (a command-line
   * choice).
   */
  public static Resolution resolve(PolicyEvaluation evaluation,
      Optional<ManagedAccount> accountOverride) {
    return resolve(evaluation, accountOverride, new PublishedKey.NotGiven(), Instant.EPOCH);
  }

  /**
   * Reads the plan; an encrypted plan needs {@code key}, checked at {@code now} against the
   * policy's encryption principal.
   */
  public static Resolution resolve(PolicyEvaluation evaluation,
      Optional<ManagedAccount> accountOverride, PublishedKey key, Instant now) {
    BackupPlan plan = evaluation.plan();
    if (plan.problem()) {
      return new Refused("the policy cannot be applied on this device: " + plan.reason());
    }
    if (!plan.backsUp()) {
      return new Unmanaged(plan.reason());
    }
    if (plan.directory() == BackupDirectory.ENTRA_ID) {
      return new Refused("BackupDirectory=1 (Microsoft Entra ID) is not supported by this agent;"
          + " it writes only to Active Directory");
    }
    if (plan.dsrm()) {
      return new Refused("DSRM password backup is done by Windows LAPS on the domain controller,"
          + " not by this agent");
    }
    Optional<String> encryptedTo = Optional.empty();
    if (plan.encryption().encrypted()) {
      String principal =
          evaluation.policy().text(WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_PRINCIPAL);
      Optional<String> refusal = key.refusal(principal, now);
      if (refusal.isPresent()) {
        return new Refused(refusal.get());
      }
      encryptedTo = key.encryptsTo();
    }
    // Automatic account management: the agent creates and maintains the account (RotationCycle).
    ManagedAccount account = accountOverride.orElse(plan.account());
    int delay = 0;
    int actions = 1;
    if (evaluation.policy().kind() == PolicyKind.WINDOWS_LAPS) {
      delay = (int) evaluation.policy().number(WindowsLapsSettings.POST_AUTHENTICATION_RESET_DELAY);
      actions = (int) evaluation.policy().number(WindowsLapsSettings.POST_AUTHENTICATION_ACTIONS);
    }
    AttributeFamily family = plan.attributeFamily().orElseThrow();
    AgentTarget target = new AgentTarget(family, account, plan.passwordAgeDays(),
        plan.complexity(), plan.length(), plan.expirationProtection(), delay, actions,
        encryptedTo, encryptedTo.isPresent() ? plan.historySize() : 0);
    return new Managed(target, target.describe());
  }

  /** The policy in one line, as events 10021/10023 list it. */
  public String describe() {
    String source = family == AttributeFamily.LEGACY
        ? "Legacy LAPS (emulation), " + LapsAttribute.LEGACY_PASSWORD.ldapName()
        : encryptedTo.isPresent()
            ? "Windows LAPS, " + LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + " (encrypted to "
                + encryptedTo.get()
                + "; history: " + historySize + ")"
            : "Windows LAPS, " + LapsAttribute.PASSWORD.ldapName() + " (clear text)";
    return "policy: " + source + "; backup directory: Active Directory; account: "
        + account.describe() + "; age: " + passwordAgeDays + " days; complexity: " + complexity
        + "; length: " + length + "; expiration protection: " + (expirationProtection ? 1 : 0)
        + (family == AttributeFamily.WINDOWS
            ? "; post-authentication grace: " + postAuthDelayHours + " h; actions: "
                + postAuthActions
            : "");
  }
}
