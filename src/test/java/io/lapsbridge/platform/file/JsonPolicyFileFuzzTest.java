package io.lapsbridge.platform.file;

import io.lapsbridge.testsupport.TextMutator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the policy JSON file: 100,000 mutated files must each parse or fail
 * with a {@link PolicyFileException}.
 */
class JsonPolicyFileFuzzTest {
  private static final long SEED = 0x9_011C_0018_0006L;
  private static final int INPUTS = 100_000;

  @Test
  void everyInputParsesOrFailsCleanly() {
    List<String> seeds = List.of(
        "{\"csp\": {\"BackupDirectory\": 1, \"AdministratorAccountName\": \"admin\"},"
            + " \"legacyGpo\": {\"AdmPwdEnabled\": 1}, \"device\": {\"joinState\": \"Hybrid\","
            + " \"domainController\": false, \"legacyCseInstalled\": true,"
            + " \"domainFunctionalLevel\": 2016}}",
        "{\n  \"gpo\": {\"BackupDirectory\": 2, \"PasswordLength\": 20, \"PasswordAgeDays\": 30,\n"
            + "    \"ADPasswordEncryptionPrincipal\": \"CORP\\\\LAPS Readers\"},\n"
            + "  \"localConfig\": {\"PasswordComplexity\": 4294967295},\n"
            + "  \"device\": {\"joinState\": \"none\"}\n}\n");
    TextMutator.run("JsonPolicyFile", SEED, INPUTS, seeds, TextMutator::mutateBytes,
        bytes -> JsonPolicyFile.parse("fuzz-policy.json", bytes).device(),
        PolicyFileException.class, TextMutator::nothing);
  }
}
