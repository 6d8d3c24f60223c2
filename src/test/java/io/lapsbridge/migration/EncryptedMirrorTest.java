package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** #14: a rule's mirror may target encrypted msLAPS-EncryptedPassword: rules, plan, codec, verdicts. */
class EncryptedMirrorTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String DN = "cn=S,ou=Sales,dc=example,dc=com";
  private static final String SID = "S-1-5-21-1-2-3-512";
  private static final String HEAD = "version: 1\nrules:\n"
      + "  - name: sales\n    scope: {subtree: \"ou=Sales,dc=example,dc=com\"}\n"
      + "    target: windows-encrypted\n    forceRotation: false\n";

  private static FileTime at(String day) {
    return FileTime.of(Instant.parse(day + "T00:00:00Z"));
  }

  private static Rules rules(String mirror) {
    return Rules.parse("rules.yaml", (HEAD + "    mirror: " + mirror + "\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String refusal(String mirror) {
    return assertThrows(MigrationInputException.class, () -> rules(mirror)).getMessage();
  }

  private static ComputerSnapshot legacyOnly() {
    return new ComputerSnapshot(DN, "S", true, at("2026-06-20"), false, null, null, false, false,
        List.of());
  }

  private static Action.MirrorToWindows planned(String mirror) {
    Planner planner = new Planner(rules(mirror), new Classifier(AS_OF, Thresholds.DEFAULTS), false,
        Map.of());
    planner.accept(legacyOnly());
    return (Action.MirrorToWindows) planner.plan().actions().get(0);
  }

  @Test
  void theMappingFormNamesTargetAndDecryptor() {
    Rule encrypted = rules("{target: encrypted, decryptor: \"s-1-5-21-1-2-3-512\"}").rules().get(0);
    assertTrue(encrypted.mirror());
    assertEquals(SID, encrypted.mirrorDecryptor());
    Rule cleartext = rules("{target: cleartext}").rules().get(0);
    assertTrue(cleartext.mirror());
    assertFalse(cleartext.mirrorEncrypted());
    // The boolean form is unchanged.
    assertNull(rules("true").rules().get(0).mirrorDecryptor());
  }

  @Test
  void strictValidation() {
    assertEquals("rules.yaml: rules[0].mirror.decryptor: expected a non-empty string",
        refusal("{target: encrypted}"));
    assertEquals("rules.yaml: rules[0].mirror.target: 'sealed' is not one of cleartext,"
        + " encrypted", refusal("{target: sealed, decryptor: \"" + SID + "\"}"));
    assertEquals("rules.yaml: rules[0].mirror.decryptor: only an encrypted mirror has a"
        + " decryptor", refusal("{target: cleartext, decryptor: \"" + SID + "\"}"));
    assertEquals("rules.yaml: rules[0].mirror.group: unknown key",
        refusal("{target: encrypted, decryptor: \"" + SID + "\", group: x}"));
    assertEquals("rules.yaml: rules[0].mirror.decryptor: expected the decryptor group's SID"
        + " (S-1-5-21-...), found 'LAPS Readers'",
        refusal("{target: encrypted, decryptor: \"LAPS Readers\"}"));
    assertEquals("rules.yaml: rules[0].mirror: expected true or false, found 1", refusal("1"));
  }

  @Test
  void theDecryptorIsParsedAsASidAndKeptCanonical() {
    // #18: the SID string is a SID, compared with the key file's and GetKey's canonical form.
    assertEquals(SID, rules("{target: encrypted, decryptor: \" s-1-5-21-1-2-3-0512 \"}")
        .rules().get(0).mirrorDecryptor());
    assertEquals("rules.yaml: rules[0].mirror.decryptor: expected the decryptor group's SID"
        + " (S-1-5-21-...), found 'S-1-5-21-1-2-99999999999-512'",
        refusal("{target: encrypted, decryptor: \"S-1-5-21-1-2-99999999999-512\"}"));
  }

  @Test
  void thePlanRecordsTargetAndDecryptorAndRoundTrips() {
    Action.MirrorToWindows mirror =
        planned("{target: encrypted, decryptor: \"" + SID + "\"}");
    assertEquals(SID, mirror.decryptor());
    assertEquals(mirror.updated(), mirror.expires());
    assertTrue(mirror.reason().contains("msLAPS-EncryptedPassword (encrypted to " + SID + ")"),
        mirror.reason());
    Planner planner = new Planner(rules("{target: encrypted, decryptor: \"" + SID + "\"}"),
        new Classifier(AS_OF, Thresholds.DEFAULTS), false, Map.of());
    planner.accept(legacyOnly());
    byte[] json = PlanCodec.write(planner.plan());
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"target\" : \"encrypted\"") || text.contains("\"target\":\"encrypted\""),
        text);
    assertEquals(mirror, PlanCodec.read("plan.json", json).actions().get(0));
    // A cleartext mirror's plan says nothing new: plans from before #14 stay byte-identical.
    Planner clear = new Planner(rules("true"), new Classifier(AS_OF, Thresholds.DEFAULTS), false,
        Map.of());
    clear.accept(legacyOnly());
    String clearText = new String(PlanCodec.write(clear.plan()), StandardCharsets.UTF_8);
    assertFalse(clearText.contains("decryptor"), clearText);
    assertFalse(clearText.contains("\"target\""), clearText);
  }

  @Test
  void verdictsRecogniseTheEncryptedCopyByItsMark() {
    Action.MirrorToWindows mirror = planned("{target: encrypted, decryptor: \"" + SID + "\"}");
    assertEquals(Verdict.Kind.APPLY, mirror.check(legacyOnly()).kind());
    ComputerSnapshot written = new ComputerSnapshot(DN, "S", true, at("2026-06-20"), false, null,
        mirror.expires(), true, false, List.of());
    assertEquals(Verdict.Kind.DONE, mirror.check(written).kind());
    // An encrypted password with another expiry is a client's: never overwritten.
    ComputerSnapshot client = new ComputerSnapshot(DN, "S", true, at("2026-06-20"), false, null,
        at("2026-07-01"), true, false, List.of());
    assertEquals(Verdict.Kind.STALE, mirror.check(client).kind());
  }
}
