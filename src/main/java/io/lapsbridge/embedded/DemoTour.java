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

  /** The ordinary user in {@code fixture-dit.ldif}: no LAPS rights, no decryptor group. */
  public static final String USER_DN = "cn=Ursula User,ou=People,dc=example,dc=com";

  public static final String USER_PASSWORD = "user-secret";

  private DemoTour() {}

  /** Whose connection options a step runs with. */
  public enum Bind {
    LAPS_READER, ADMINISTRATOR, ORDINARY_USER,
    /** The LAPS reader's AD options and the demo application's Entra ID options (#16). */
    LAPS_READER_AND_ENTRA
  }

  /** How a step must end. */
  public enum Expect {
    SUCCESS,
    /** Some values cannot be read, and the others still print. */
    PARTIAL,
    /** Refused: access denied (exit 5), as a domain controller refuses a non-decryptor. */
    REFUSED,
    /** Completed and found something to fix (exit 1), as the combined inventory does. */
    FLAGGED
  }

  /**
   * The stand-in domain controller's GetKey service, for the online part of the tour.
   *
   * @param rpcPort its endpoint mapper's port
   * @param encryptedValue base64 of ENC-WS-02's {@code msLAPS-EncryptedPassword}, which the
   *     ordinary user presents to {@code decrypt --online} to be refused
   */
  public record Online(int rpcPort, String encryptedValue) {}

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
    return sections(baseDn, kdsKeyFile, null);
  }

  /**
   * As {@link #sections(String, Path)}, then, with a GetKey service ({@code online} not null),
   * decrypting as Windows does: the reader asks the domain controller and gets the key for
   * LAPS Readers' values but not for Domain Admins', and the ordinary user is refused.
   */
  public static List<Section> sections(String baseDn, Path kdsKeyFile, Online online) {
    List<Section> sections = new java.util.ArrayList<>(offlineSections(baseDn, kdsKeyFile));
    if (online != null) {
      String port = Integer.toString(online.rpcPort());
      sections.add(new Section("Online, as Windows does it: the domain controller's GetKey"
          + " (MS-GKDI over RPC, endpoint mapper on port " + port + ") gives each key only to an"
          + " authorized decryptor. As the LAPS reader, no key file:", Bind.LAPS_READER,
          "<connection options above>", List.of(
              Step.of("get-password", "ENC-WS-02", "--rpc-port", port),
              new Step(List.of("get-password", "ENC-WS-01", "--history", "--rpc-port", port),
                  Expect.REFUSED))));
      sections.add(new Section("As the ordinary user, with ENC-WS-02's encrypted value in hand:",
          Bind.ORDINARY_USER, "<ordinary user's connection options>", List.of(
              new Step(List.of("decrypt", "--online", "--rpc-port", port,
                  online.encryptedValue()), Expect.REFUSED))));
    }
    return List.copyOf(sections);
  }

  /**
   * Entra ID (#16), with the Graph stand-in: {@code auto} finds one device in AD and another in
   * Entra, an Entra device's history, the combined inventory flagging the hybrid devices, and an
   * Intune rotation.
   *
   * @param cloudDevice an Entra-joined device, in Entra only
   */
  public static List<Section> entraSections(String cloudDevice) {
    String legacy = SampleEstate.nameOf(SampleEstate.firstIndexOf(SampleEstate.State.LEGACY_ONLY));
    return List.of(new Section("Microsoft Entra ID (Graph stand-in), as the LAPS reader and the"
        + " demo application: one search over both directories, an Entra device's history, the"
        + " combined inventory, and a rotation through Intune:", Bind.LAPS_READER_AND_ENTRA,
        "<AD and Entra options above>", List.of(
            Step.of("get-password", "--directory", "auto", legacy, cloudDevice),
            Step.of("get-password", "--directory", "entra", cloudDevice, "--history"),
            new Step(List.of("inventory", "--directory", "auto"), Expect.FLAGGED),
            Step.of("reset-password", "--directory", "entra", cloudDevice))));
  }

  private static List<Section> offlineSections(String baseDn, Path kdsKeyFile) {
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
