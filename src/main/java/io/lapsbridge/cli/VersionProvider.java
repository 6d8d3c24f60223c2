package io.lapsbridge.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version that the build wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Lapsbridge.class.getPackage().getImplementationVersion();
    return new String[] {"lapsbridge " + (version == null ? "(development build)" : version)};
  }
}
