package io.lapsbridge.cli;

import io.lapsbridge.agent.PolicyStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The device's policy stores, one set of options for {@code policy show} and the agent. */
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

  PolicyStores.DevicePolicy load() {
    return stores().read();
  }

  String stamp() {
    return stores().stamp();
  }

  private PolicyStores stores() {
    return new PolicyStores(registryPol, policyFile, registry);
  }
}
