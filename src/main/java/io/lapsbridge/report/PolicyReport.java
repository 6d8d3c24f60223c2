package io.lapsbridge.report;

import io.lapsbridge.policy.BackupPlan;
import io.lapsbridge.policy.ConditionResult;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.EffectivePolicy;
import io.lapsbridge.policy.Encryption;
import io.lapsbridge.policy.ExplainedValue;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicyWarning;
import java.util.List;

/** Renders a {@link PolicyEvaluation} as the text or JSON of {@code policy show}. */
public final class PolicyReport {
  private PolicyReport() {}

  public static String text(PolicyEvaluation evaluation) {
    EffectivePolicy policy = evaluation.policy();
    StringBuilder out = new StringBuilder();
    out.append("Winning root: ").append(policy.winningRoot()
        .map(r -> r.displayName() + " (" + r.registryPath() + ")")
        .orElse("none (no LAPS policy in any root)")).append('\n');
    out.append("Device: ").append(device(evaluation.facts())).append('\n');
    out.append("Settings:\n");
    for (ExplainedValue value : policy.settings()) {
      out.append("  ").append(value.describe()).append('\n');
    }
    out.append("Legacy emulation: ").append(evaluation.emulation().applies() ? "yes" : "no")
        .append('\n');
    for (ConditionResult condition : evaluation.emulation().conditions()) {
      out.append("  ").append(condition.describe()).append('\n');
    }
    BackupPlan plan = evaluation.plan();
    out.append("Backup plan: ").append(plan.directory().displayName())
        .append(plan.problem() ? " (PROBLEM)" : "").append('\n');
    out.append("  reason: ").append(plan.reason()).append('\n');
    if (plan.backsUp()) {
      out.append("  attribute family: ")
          .append(plan.attributeFamily().map(Enum::name).orElse("none")).append('\n');
      out.append("  stored in: ").append(plan.passwordTarget()).append('\n');
      out.append("  encryption: ").append(plan.encryption().describe()).append('\n');
      out.append("  history size: ").append(plan.historySize()).append('\n');
      out.append("  DSRM: ").append(plan.dsrm() ? "yes" : "no").append('\n');
      out.append("  account: ").append(plan.account().describe()).append('\n');
      out.append("  password age: ").append(plan.passwordAgeDays()).append(" days\n");
      out.append("  complexity: ").append(plan.complexity()).append('\n');
      out.append("  length: ").append(plan.length()).append(' ').append(plan.lengthUnit())
          .append('\n');
      out.append("  expiration protection: ").append(plan.expirationProtection() ? "on" : "off")
          .append('\n');
    }
    for (String note : plan.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    out.append("Warnings:");
    if (policy.warnings().isEmpty()) {
      out.append(" none\n");
    } else {
      out.append('\n');
      for (PolicyWarning warning : policy.warnings()) {
        out.append("  ").append(warning.describe()).append('\n');
      }
    }
    return out.toString();
  }

  /** The JSON document, ending in a newline. */
  public static String json(PolicyEvaluation evaluation) {
    return JsonOutput.write(Json.of(evaluation)) + "\n";
  }

  /** The JSON form of {@code policy show}: records in the order the document shows them. */
  record Json(String winningRoot, String winningRootKey, String policyKind, Device device,
      List<Setting> settings, Emulation emulation, Plan backupPlan, List<Warning> warnings) {
    static Json of(PolicyEvaluation evaluation) {
      EffectivePolicy policy = evaluation.policy();
      return new Json(policy.winningRoot().map(PolicyRoot::displayName).orElse(null),
          policy.winningRoot().map(PolicyRoot::registryPath).orElse(null), policy.kind().name(),
          Device.of(evaluation.facts()),
          policy.settings().stream().map(Setting::of).toList(),
          new Emulation(evaluation.emulation().applies(),
              evaluation.emulation().conditions().stream().map(Condition::of).toList()),
          Plan.of(evaluation.plan()),
          policy.warnings().stream().map(w -> new Warning(w.subject(), w.message())).toList());
    }
  }

  record Device(String joinState, boolean domainController, boolean legacyCseInstalled,
      Integer domainFunctionalLevel) {
    static Device of(DeviceFacts facts) {
      return new Device(facts.joinState().cliName(), facts.domainController(),
          facts.legacyCseInstalled(), facts.domainFunctionalLevel().isPresent()
              ? facts.domainFunctionalLevel().getAsInt() : null);
    }
  }

  /** @param value a number or text, as the setting's type is */
  record Setting(String name, Object value, String source, boolean defaulted, String explanation,
      String ignored) {
    static Setting of(ExplainedValue value) {
      return new Setting(value.name(),
          value.effective().asNumber().<Object>map(n -> n)
              .orElseGet(() -> value.effective().asText().orElse(null)),
          value.provenance().root().map(PolicyRoot::displayName).orElse(null),
          value.provenance().defaulted(), value.provenance().describe(),
          value.ignoredBecause().orElse(null));
    }
  }

  record Emulation(boolean applies, List<Condition> conditions) {}

  record Condition(String condition, String statement, boolean holds, String evidence) {
    static Condition of(ConditionResult c) {
      return new Condition(c.condition().name(), c.condition().statement(), c.holds(),
          c.evidence());
    }
  }

  record Plan(String directory, String reason, boolean problem, String attributeFamily,
      String storedIn, boolean encrypted, String encryptionPrincipal, int historySize,
      boolean dsrm, String account, int passwordAgeDays, int complexity, int length,
      String lengthUnit, boolean expirationProtection, List<String> notes) {
    static Plan of(BackupPlan plan) {
      return new Plan(plan.directory().name(), plan.reason(), plan.problem(),
          plan.attributeFamily().map(Enum::name).orElse(null), plan.passwordTarget(),
          plan.encryption().encrypted(),
          plan.encryption() instanceof Encryption.Encrypted e ? e.principal() : null,
          plan.historySize(), plan.dsrm(), plan.account().describe(), plan.passwordAgeDays(),
          plan.complexity(), plan.length(), plan.lengthUnit(), plan.expirationProtection(),
          plan.notes());
    }
  }

  record Warning(String subject, String message) {}

  private static String device(DeviceFacts facts) {
    return facts.joinState().description()
        + (facts.domainController() ? ", domain controller" : ", not a domain controller")
        + (facts.legacyCseInstalled() ? ", legacy CSE installed" : ", no legacy CSE")
        + ", domain functional level " + (facts.domainFunctionalLevel().isPresent()
            ? Integer.toString(facts.domainFunctionalLevel().getAsInt()) : "unknown");
  }
}
