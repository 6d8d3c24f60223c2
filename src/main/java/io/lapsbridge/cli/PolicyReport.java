package io.lapsbridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lapsbridge.policy.BackupPlan;
import io.lapsbridge.policy.ConditionResult;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.EffectivePolicy;
import io.lapsbridge.policy.Encryption;
import io.lapsbridge.policy.ExplainedValue;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicyWarning;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link PolicyEvaluation} as the text or JSON of {@code policy show}. */
final class PolicyReport {
  private PolicyReport() {}

  static String text(PolicyEvaluation evaluation) {
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

  static String json(PolicyEvaluation evaluation) {
    EffectivePolicy policy = evaluation.policy();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("winningRoot", policy.winningRoot().map(PolicyRoot::displayName).orElse(null));
    root.put("winningRootKey", policy.winningRoot().map(PolicyRoot::registryPath).orElse(null));
    root.put("policyKind", policy.kind().name());
    DeviceFacts facts = evaluation.facts();
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("joinState", facts.joinState().cliName());
    device.put("domainController", facts.domainController());
    device.put("legacyCseInstalled", facts.legacyCseInstalled());
    device.put("domainFunctionalLevel",
        facts.domainFunctionalLevel().isPresent() ? facts.domainFunctionalLevel().getAsInt() : null);
    root.put("device", device);
    List<Object> settings = new ArrayList<>();
    for (ExplainedValue value : policy.settings()) {
      Map<String, Object> setting = new LinkedHashMap<>();
      setting.put("name", value.name());
      setting.put("value", value.effective().asNumber().<Object>map(n -> n)
          .orElseGet(() -> value.effective().asText().orElse(null)));
      setting.put("source", value.provenance().root().map(PolicyRoot::displayName).orElse(null));
      setting.put("defaulted", value.provenance().defaulted());
      setting.put("explanation", value.provenance().describe());
      setting.put("ignored", value.ignoredBecause().orElse(null));
      settings.add(setting);
    }
    root.put("settings", settings);
    Map<String, Object> emulation = new LinkedHashMap<>();
    emulation.put("applies", evaluation.emulation().applies());
    List<Object> conditions = new ArrayList<>();
    for (ConditionResult condition : evaluation.emulation().conditions()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("condition", condition.condition().name());
      c.put("statement", condition.condition().statement());
      c.put("holds", condition.holds());
      c.put("evidence", condition.evidence());
      conditions.add(c);
    }
    emulation.put("conditions", conditions);
    root.put("emulation", emulation);
    BackupPlan plan = evaluation.plan();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("directory", plan.directory().name());
    p.put("reason", plan.reason());
    p.put("problem", plan.problem());
    p.put("attributeFamily", plan.attributeFamily().map(Enum::name).orElse(null));
    p.put("storedIn", plan.passwordTarget());
    p.put("encrypted", plan.encryption().encrypted());
    p.put("encryptionPrincipal", plan.encryption() instanceof Encryption.Encrypted e
        ? e.principal() : null);
    p.put("historySize", plan.historySize());
    p.put("dsrm", plan.dsrm());
    p.put("account", plan.account().describe());
    p.put("passwordAgeDays", plan.passwordAgeDays());
    p.put("complexity", plan.complexity());
    p.put("length", plan.length());
    p.put("lengthUnit", plan.lengthUnit());
    p.put("expirationProtection", plan.expirationProtection());
    p.put("notes", plan.notes());
    root.put("backupPlan", p);
    List<Object> warnings = new ArrayList<>();
    for (PolicyWarning warning : policy.warnings()) {
      warnings.add(Map.of("subject", warning.subject(), "message", warning.message()));
    }
    root.put("warnings", warnings);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String device(DeviceFacts facts) {
    return facts.joinState().description()
        + (facts.domainController() ? ", domain controller" : ", not a domain controller")
        + (facts.legacyCseInstalled() ? ", legacy CSE installed" : ", no legacy CSE")
        + ", domain functional level " + (facts.domainFunctionalLevel().isPresent()
            ? Integer.toString(facts.domainFunctionalLevel().getAsInt()) : "unknown");
  }
}
