package io.lapsbridge.cli;

import io.lapsbridge.gpo.GpoPolicySource;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.platform.file.DeviceHints;
import io.lapsbridge.platform.file.JsonPolicyFile;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import io.lapsbridge.policy.PolicySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The device's policy sources, one set of options for {@code policy show} and the agent. */
final class PolicyInputs {
  @Option(names = "--registry-pol", paramLabel = "FILE",
      description = "A GPO's Machine/Registry.pol; repeat in GPO application order"
          + " (later files win value by value).")
  List<Path> registryPol = new ArrayList<>();

  @Option(names = "--policy-file", paramLabel = "FILE",
      description = "A JSON policy file with the roots csp, gpo, localConfig, legacyGpo and"
          + " optional device facts.")
  Path policyFile;

  @Option(names = "--registry", description = "Read the live registry (Windows only).")
  boolean registry;

  /**
   * The sources as read now, in precedence order, with what they say about the device.
   *
   * @param hints the device facts the policy file states
   * @param legacyCseFromRegistry whether the live registry shows the legacy CSE installed
   */
  record Loaded(List<PolicySource> sources, DeviceHints hints, boolean legacyCseFromRegistry) {}

  Loaded load() {
    List<PolicySource> sources = new ArrayList<>();
    boolean cseFromRegistry = false;
    if (registry) {
      if (!WindowsRegistryPolicySource.supported()) {
        throw new UsageException("--registry reads the Windows registry and works only on"
            + " Windows; use --registry-pol or --policy-file here");
      }
      WindowsRegistryPolicySource live = WindowsRegistryPolicySource.open();
      cseFromRegistry = live.legacyCseInstalled();
      sources.add(live);
    }
    if (!registryPol.isEmpty()) {
      List<RegistryPol> files = new ArrayList<>();
      for (Path file : registryPol) {
        files.add(RegistryPolReader.read(file.toString(), PolicyCommand.readFile(file)));
      }
      sources.add(new GpoPolicySource("Registry.pol", files));
    }
    DeviceHints hints = DeviceHints.none();
    if (policyFile != null) {
      JsonPolicyFile json =
          JsonPolicyFile.parse(policyFile.toString(), PolicyCommand.readFile(policyFile));
      hints = json.device();
      sources.add(json);
    }
    if (sources.isEmpty()) {
      throw new UsageException("give at least one policy source: --registry-pol, --policy-file"
          + " or --registry");
    }
    return new Loaded(sources, hints, cseFromRegistry);
  }

  /** Changes when a policy file changes: the size and modification time of each. */
  String stamp() {
    StringBuilder stamp = new StringBuilder();
    List<Path> files = new ArrayList<>(registryPol);
    if (policyFile != null) {
      files.add(policyFile);
    }
    for (Path file : files) {
      try {
        stamp.append(file).append(Files.size(file)).append(Files.getLastModifiedTime(file));
      } catch (IOException e) {
        stamp.append(file).append("missing");
      }
    }
    return stamp.toString();
  }
}
