package io.lapsbridge.gpo;

import java.util.List;

/** The records of one Registry.pol file, in file order. */
public record RegistryPol(List<PolEntry> entries) {
  /** The PReg signature, "PReg" in ASCII. */
  public static final int SIGNATURE = 0x67655250;
  /** The only version that exists. */
  public static final int VERSION = 1;

  public RegistryPol {
    entries = List.copyOf(entries);
  }

  public static RegistryPol of(PolEntry... entries) {
    return new RegistryPol(List.of(entries));
  }
}
