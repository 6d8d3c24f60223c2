package io.lapsbridge.platform.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.JoinState;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicySnapshot;
import io.lapsbridge.policy.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPolicyFileTest {

  private static JsonPolicyFile parse(String json) {
    return JsonPolicyFile.parse("p.json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsRootsAndDeviceFacts() {
    JsonPolicyFile file = parse("{\"csp\": {\"BackupDirectory\": 1, \"AdministratorAccountName\":"
        + " \"admin\"}, \"legacyGpo\": {\"AdmPwdEnabled\": 1}, \"device\": {\"joinState\":"
        + " \"Hybrid\", \"domainController\": false, \"legacyCseInstalled\": true,"
        + " \"domainFunctionalLevel\": 2016}}");
    assertEquals(Map.of("BackupDirectory", RawValue.of(1), "AdministratorAccountName",
        RawValue.of("admin")), file.read(PolicyRoot.CSP).values());
    assertEquals(Map.of(), file.read(PolicyRoot.GPO).values());
    assertEquals(new DeviceHints(Optional.of(JoinState.HYBRID), Optional.of(false),
        Optional.of(true), OptionalInt.of(2016)), file.device());
  }

  @Test
  void laterSourcesOverrideEarlierOnesValueByValue() {
    JsonPolicyFile first = parse("{\"gpo\": {\"BackupDirectory\": 2, \"PasswordLength\": 20}}");
    JsonPolicyFile second = parse("{\"gpo\": {\"passwordlength\": 24}}");
    PolicySnapshot snapshot = PolicySnapshot.read(List.of(first, second));
    assertEquals(Optional.of(RawValue.of(24)),
        snapshot.root(PolicyRoot.GPO).get("PasswordLength"));
    assertEquals(Optional.of(RawValue.of(2)),
        snapshot.root(PolicyRoot.GPO).get("BackupDirectory"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "[]|p.json:1:1: the policy file must be a JSON object",
    "{\"gpo\": 2}|p.json:1:9: \"gpo\" must be an object of value names",
    "{\"gpo\": {\"A\": 1, \"a\": 2}}|p.json:1:18: duplicate value name \"a\" (names are case-insensitive)",
    "{\"gpo\": {}, \"gpo\": {}}|p.json:1:18: Duplicate field 'gpo'",
    "{\"gpo\": {\"A\": 1.5}}|p.json:1:15: \"A\" must be an integer or a string",
    "{\"gpo\": {\"A\": 99999999999999999999}}|p.json:1:15: \"A\" is too large for a registry value",
    "{\"device\": {\"joinState\": \"azure\"}}|p.json:1:26: \"joinState\" must be one of entra, ad, hybrid, none, not \"azure\"",
    "{\"device\": {\"domainController\": 1}}|p.json:1:33: \"domainController\" must be true or false",
    "{\"device\": {\"domainFunctionalLevel\": \"2016\"}}|p.json:1:38: \"domainFunctionalLevel\" must be a year such as 2016",
    "{\"device\": {\"dc\": true}}|p.json:1:19: unknown device member \"dc\" (expected joinState, domainController, legacyCseInstalled or domainFunctionalLevel)",
    "{} {}|p.json:1:4: unexpected content after the policy object",
  })
  void errorsNameFileLineAndColumn(String json, String message) {
    assertEquals(message,
        assertThrows(PolicyFileException.class, () -> parse(json)).getMessage());
  }
}
