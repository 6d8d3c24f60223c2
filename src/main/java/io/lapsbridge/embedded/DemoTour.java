package io.lapsbridge.embedded;

import java.nio.file.Path;
import java.util.List;

/**
 * The script of {@code demo}'s guided tour: which commands show off which part of the stand-in's
 * fixtures, as whom, and how each must end. The command line runs it; the fixtures it names
 * ({@code fixture-dit.ldif}, {@link SampleEstate}, {@link KdsFixture}) live here.
 */
public final class DemoTour {
  /** The member of LAPS Readers in {@code fixture-dit.ldif}. */
  public static final String READER_DN = "cn=Helen Desk,ou=People,dc=example,dc=com";

  public static final String READER_PASSWORD = "reader-secret";

  private DemoTour() {}

  /** Whose connection options a step runs with. */
  public enum Bind { LAPS_READER, ADMINISTRATOR }

  /** How a step must end. */
  public enum Expect {
    SUCCESS,
    /** Some values cannot be read, and the others still print. */
    PARTIAL
  }

  /**
   * One command line, without its connection options.
   *
   * @param arguments the command and its own options
   * @param expect how it must end
   */
  public record Step(List<String> arguments, Expect expect) {
    public Step {
      arguments = List.copyOf(arguments);
    }

    static Step of(String... arguments) {
      return new Step(List.of(arguments), Expect.SUCCESS);
    }
  }

  /**
   * A heading and its steps.
   *
   * @param heading printed before the steps
   * @param bind whom the steps bind as
   * @param elided what the echo of each step prints in place of the connection options
   * @param steps in order
   */
  public record Section(String heading, Bind bind, String elided, List<Step> steps) {
    public Section {
      steps = List.copyOf(steps);
    }
  }

  /**
   * The tour over a stand-in with base DN {@code baseDn}; the administrator exports the KDS root
   * keys to {@code kdsKeyFile}, and the reader decrypts with them.
   */
  public static List<Section> sections(String baseDn, Path kdsKeyFile) {
    String legacy = SampleEstate.nameOf(SampleEstate.firstIndexOf(SampleEstate.State.LEGACY_ONLY));
    String windows = SampleEstate.nameOf(SampleEstate.firstIndexOf(SampleEstate.State.WINDOWS_CLEARTEXT));
    String keys = kdsKeyFile.toString();
    String workstations = "ou=Workstations,ou=Computers," + baseDn;
    String above = "<connection options above>";
    return List.of(
        new Section("Tour, as the LAPS Readers member over StartTLS:", Bind.LAPS_READER, above,
            List.of(
                Step.of("schema", "check"),
                Step.of("get-password", legacy),
                Step.of("get-password", windows),
                Step.of("reset-password", legacy),
                Step.of("get-password", legacy, "--format", "json"))),
        new Section("Encrypted passwords. As the administrator (the only bind that may read"
            + " msKds-RootKeyData):", Bind.ADMINISTRATOR, above, List.of(
                Step.of("kds", "list"),
                Step.of("kds", "export", "--out", keys))),
        // KdsFixture: a current password with its history; a history with one damaged value
        // and one whose root key the forest no longer has; a domain controller's DSRM password.
        new Section("As the LAPS reader, with the exported keys (values made by our encryptor):",
            Bind.LAPS_READER, above, List.of(
                Step.of("get-password", "ENC-WS-01", "--history", "--kds-key-file", keys),
                new Step(List.of("get-password", "ENC-WS-02", "--history", "--kds-key-file",
                    keys), Expect.PARTIAL),
                Step.of("get-password", "DC1", "--dsrm", "--kds-key-file", keys))),
        // The audit lists the granted group, the fixture's inherited and default holders, and the
        // hidden All Extended Rights holder planted in fixture-security.ldif.
        new Section("Delegation, as the administrator (the second grant adds nothing):",
            Bind.ADMINISTRATOR, "<administrator connection options>", List.of(
                Step.of("permissions", "grant-self", "--ou", workstations),
                Step.of("permissions", "grant-read", "--ou", workstations, "--principal",
                    "EXAMPLE\\LAPS Readers"),
                Step.of("permissions", "grant-read", "--ou", workstations, "--principal",
                    "EXAMPLE\\LAPS Readers"),
                Step.of("permissions", "audit", "--base-dn", workstations))));
  }
}
