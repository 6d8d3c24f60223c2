package io.lapsbridge.gpo;

import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicySource;
import io.lapsbridge.policy.RawValue;
import io.lapsbridge.policy.RootSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policy roots as one or more Registry.pol files would leave them in the registry.
 *
 * <p>Files apply in the order given, later ones overriding earlier ones value by value, as Group
 * Policy applies GPOs in order. A record belongs to a root when its key is the root's key below
 * HKLM (case-insensitive): Windows LAPS GPO {@code Software\Microsoft\Windows\CurrentVersion\
 * Policies\LAPS}, legacy {@code Software\Policies\Microsoft Services\AdmPwd}, and the CSP and
 * local-configuration keys. {@code **del.Name} and {@code **delvals.} records delete values.
 */
public final class GpoPolicySource implements PolicySource {
  private final String description;
  private final List<RegistryPol> files;

  public GpoPolicySource(String description, List<RegistryPol> files) {
    this.description = description;
    this.files = List.copyOf(files);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public RootSettings read(PolicyRoot root) {
    Map<String, RawValue> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (RegistryPol pol : files) {
      for (PolEntry entry : pol.entries()) {
        if (PolicyRoot.forSubKey(entry.key()).filter(root::equals).isEmpty()) {
          continue;
        }
        String name = entry.valueName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("**del.")) {
          values.remove(name.substring("**del.".length()));
        } else if (lower.equals("**delvals.")) {
          values.clear();
        } else if (!entry.isInstruction()) {
          Optional<RawValue> raw = entry.toRawValue();
          raw.ifPresent(v -> values.put(name, v));
        }
      }
    }
    return new RootSettings(root, values);
  }
}
