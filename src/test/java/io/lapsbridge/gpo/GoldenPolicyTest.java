package io.lapsbridge.gpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.cli.Lapsbridge;
import io.lapsbridge.policy.PolicyRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: {@code golden/policy/<case>.input.pol} is a real-shaped Registry.pol built by
 * {@link RegistryPolWriter} from {@link #CASES}; {@code <case>.expected.txt} is what {@code policy
 * show --join-state ad} prints for it. One test discovers every pair. Run with
 * {@code -Dgolden.update=true} to rewrite both after a deliberate change, then review the diff.
 */
class GoldenPolicyTest {
  private static final Path DIR = Path.of("src/test/resources/golden/policy");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final String LAPS = PolicyRoot.GPO.subKey();
  private static final String ADMPWD = PolicyRoot.LEGACY_GPO.subKey();
  private static final String UPDATE_KEY = "Software\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";

  /** The inputs, as a GPO editor would leave them in Machine/Registry.pol. */
  static final Map<String, RegistryPol> CASES = new LinkedHashMap<>();

  static {
    CASES.put("windows-ad-encrypted", RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "PasswordAgeDays", 30),
        PolEntry.dword(LAPS, "PasswordComplexity", 4),
        PolEntry.dword(LAPS, "PasswordLength", 15),
        PolEntry.dword(LAPS, "ADPasswordEncryptionEnabled", 1),
        PolEntry.string(LAPS, "ADPasswordEncryptionPrincipal", "CORP\\LAPS Readers"),
        PolEntry.dword(LAPS, "ADEncryptedPasswordHistorySize", 6),
        PolEntry.dword(LAPS, "PostAuthenticationResetDelay", 8),
        PolEntry.dword(LAPS, "PostAuthenticationActions", 11)));
    CASES.put("legacy-only", RegistryPol.of(
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1),
        PolEntry.dword(ADMPWD, "AdmPwdConfigured", 1),
        PolEntry.dword(ADMPWD, "PasswordComplexity", 3),
        PolEntry.dword(ADMPWD, "PasswordLength", 16),
        PolEntry.dword(ADMPWD, "PasswordAgeDays", 45),
        PolEntry.dword(ADMPWD, "AdminNameConfigured", 1),
        PolEntry.string(ADMPWD, "AdminAccountName", "helpdesk"),
        PolEntry.dword(ADMPWD, "PwdExpirationProtectionEnabled", 1)));
    CASES.put("legacy-and-windows", RegistryPol.of(
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1),
        PolEntry.string(ADMPWD, "AdminAccountName", "helpdesk"),
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "ADPasswordEncryptionEnabled", 0),
        PolEntry.string(LAPS, "AdministratorAccountName", "helpdesk")));
    CASES.put("out-of-range", RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "PasswordLength", 100),
        PolEntry.dword(LAPS, "PasswordAgeDays", 0),
        PolEntry.dword(LAPS, "PostAuthenticationActions", 4),
        PolEntry.string(LAPS, "ADEncryptedPasswordHistorySize", "3"),
        PolEntry.dword(LAPS, "PasswordAgeDayz", 10)));
    CASES.put("backup-directory-zero", RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 0),
        PolEntry.dword(LAPS, "PasswordLength", 3),
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1)));
    CASES.put("delete-instructions", RegistryPol.of(
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1),
        PolEntry.string(ADMPWD, "AdminAccountName", "helpdesk"),
        PolEntry.string(ADMPWD, "**del.AdminAccountName", " "),
        PolEntry.string(LAPS, "**delvals.", " ")));
    CASES.put("legacy-disabled", RegistryPol.of(
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 0),
        PolEntry.dword(ADMPWD, "PasswordLength", 20)));
    CASES.put("unrelated-policy-only", RegistryPol.of(
        PolEntry.dword(UPDATE_KEY, "NoAutoUpdate", 0),
        PolEntry.dword(UPDATE_KEY, "AUOptions", 4)));
    CASES.put("passphrase-automatic-account", RegistryPol.of(
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "PasswordComplexity", 8),
        PolEntry.dword(LAPS, "PassphraseLength", 4),
        PolEntry.dword(LAPS, "AutomaticAccountManagementEnabled", 1),
        PolEntry.dword(LAPS, "AutomaticAccountManagementTarget", 1),
        PolEntry.string(LAPS, "AutomaticAccountManagementNameOrPrefix", "LapsAdm"),
        PolEntry.dword(LAPS, "AutomaticAccountManagementRandomizeName", 1),
        PolEntry.dword(LAPS, "AutomaticAccountManagementEnableAccount", 1)));
  }

  private static String show(Path input) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Lapsbridge.run(new PrintWriter(out), new PrintWriter(err),
        "policy", "show", "--registry-pol", input.toString(), "--join-state", "ad",
        "--domain-functional-level", "2016");
    assertEquals("", err.toString());
    return out.toString();
  }

  @Test
  void committedInputsAreWhatTheWriterBuilds() throws IOException {
    for (Map.Entry<String, RegistryPol> c : CASES.entrySet()) {
      Path input = DIR.resolve(c.getKey() + ".input.pol");
      byte[] built = RegistryPolWriter.write(c.getValue());
      if (UPDATE) {
        Files.createDirectories(DIR);
        Files.write(input, built);
      }
      assertArrayEquals(built, Files.readAllBytes(input), input.toString());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenPair() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(DIR)) {
      inputs = files.filter(p -> p.getFileName().toString().endsWith(".input.pol")).sorted()
          .collect(Collectors.toList());
    }
    assertTrue(inputs.size() >= CASES.size(), "golden inputs missing; run with -Dgolden.update");
    return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(),
        () -> {
          String name = input.getFileName().toString().replace(".input.pol", "");
          Path expected = DIR.resolve(name + ".expected.txt");
          String actual = show(input);
          if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
          }
          assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
          // Idempotence: what parses, re-written, is byte-identical to the input.
          byte[] bytes = Files.readAllBytes(input);
          assertArrayEquals(bytes,
              RegistryPolWriter.write(RegistryPolReader.read(input.toString(), bytes)));
        }));
  }
}
