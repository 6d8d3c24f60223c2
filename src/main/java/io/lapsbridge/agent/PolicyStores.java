package io.lapsbridge.agent;

import io.lapsbridge.config.SettingsException;
import io.lapsbridge.gpo.GpoPolicySource;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.platform.file.DeviceHints;
import io.lapsbridge.platform.file.JsonPolicyFile;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import io.lapsbridge.policy.PolicySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where this device's policy is read from, for the agent and {@code policy show}: the live
 * registry (Windows), GPO {@code Registry.pol} files, and a JSON policy file.
 *
 * @param registryPol Registry.pol files in GPO application order (later files win value by value)
 * @param policyFile a JSON policy file with roots and optional device facts; null for none
 * @param registry whether to read the live registry
 */
public record PolicyStores(List<Path> registryPol, Path policyFile, boolean registry) {
  public PolicyStores {
    registryPol = List.copyOf(registryPol);
  }

  /**
   * The policy as the stores hold it now.
   *
   * @param sources in precedence order
   * @param hints the device facts the policy file states
   * @param legacyCseFromRegistry whether the live registry shows the legacy CSE installed
   */
  public record DevicePolicy(List<PolicySource> sources, DeviceHints hints,
      boolean legacyCseFromRegistry) {}

  /** Reads every store given; at least one is required. */
  public DevicePolicy read() {
    List<PolicySource> sources = new ArrayList<>();
    boolean cseFromRegistry = false;
    if (registry) {
      if (!WindowsRegistryPolicySource.supported()) {
        throw new SettingsException("--registry reads the Windows registry and works only on"
            + " Windows; use --registry-pol or --policy-file here");
      }
      WindowsRegistryPolicySource live = WindowsRegistryPolicySource.open();
      cseFromRegistry = live.legacyCseInstalled();
      sources.add(live);
    }
    if (!registryPol.isEmpty()) {
      List<RegistryPol> files = new ArrayList<>();
      for (Path file : registryPol) {
        files.add(RegistryPolReader.read(file.toString(), bytes(file)));
      }
      sources.add(new GpoPolicySource("Registry.pol", files));
    }
    DeviceHints hints = DeviceHints.none();
    if (policyFile != null) {
      JsonPolicyFile json = JsonPolicyFile.parse(policyFile.toString(), bytes(policyFile));
      hints = json.device();
      sources.add(json);
    }
    if (sources.isEmpty()) {
      throw new SettingsException("give at least one policy source: --registry-pol,"
          + " --policy-file or --registry");
    }
    return new DevicePolicy(sources, hints, cseFromRegistry);
  }

  /**
   * Changes when a policy file changes (its size or modification time), so that {@code agent
   * run} starts a cycle at once, as a Group Policy change notification does.
   */
  public String stamp() {
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

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SettingsException(file + ": no such file");
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot read: " + e.getMessage());
    }
  }
}
