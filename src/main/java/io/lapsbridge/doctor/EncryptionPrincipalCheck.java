package io.lapsbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The principal each policy encrypts passwords to must exist in the domain, found by its SID:
 * an explicit SID must match an object's {@code objectSid}, a name must resolve to one, and the
 * default (empty) is the domain SID with RID 512, never the English name "Domain Admins", which
 * a localized or renamed domain does not have. A principal that does not resolve makes policy
 * processing fail on the client: nothing is backed up (the 2025 policy documentation).
 */
public final class EncryptionPrincipalCheck {
  public static final String NAME = "encryption-principal";

  private EncryptionPrincipalCheck() {}

  /**
   * One policy's principal and what the directory said about it.
   *
   * @param policy the policy
   * @param sid the SID it resolved to, if it did
   * @param name the resolved object's name, if it did
   * @param failure why it did not resolve, if it did not
   */
  public record Resolved(EncryptionPolicy policy, Optional<String> sid, Optional<String> name,
      Optional<String> failure) {}

  /** One finding per policy. */
  public static List<Finding> evaluate(List<Resolved> policies) {
    List<Finding> findings = new ArrayList<>();
    for (Resolved resolved : policies) {
      EncryptionPolicy policy = resolved.policy();
      String subject = policy.source();
      if (policy.notUsed().isPresent()) {
        findings.add(Finding.ok(NAME, subject, "no encryption principal is used: "
            + policy.notUsed().get()));
        continue;
      }
      String wanted = policy.principal().isEmpty()
          ? "the default, Domain Admins of the domain (domain SID + RID 512)"
          : "ADPasswordEncryptionPrincipal '" + policy.principal() + "'";
      if (resolved.sid().isPresent()) {
        findings.add(Finding.ok(NAME, subject, wanted + " resolves to "
            + resolved.name().orElse("?") + " (" + resolved.sid().get() + ")"));
      } else {
        findings.add(Finding.problem(NAME, subject, wanted + " does not resolve: "
            + resolved.failure().orElse("not found") + "; clients fail policy processing and"
            + " back up no password",
            "set ADPasswordEncryptionPrincipal to the SID (S-1-5-21-...) of an existing group"
                + " in this domain, or leave it empty for Domain Admins"));
      }
    }
    return findings;
  }
}
