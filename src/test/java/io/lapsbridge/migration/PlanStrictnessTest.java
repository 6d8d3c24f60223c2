package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** #18 item 6: a plan is an input a person edits, so each hand edit that changes meaning is refused. */
class PlanStrictnessTest {
  private static String golden;

  @BeforeAll
  static void readGolden() throws IOException {
    golden = Files.readString(
        Path.of("src/test/resources/golden/migration/estate.expected-plan.json"));
    PlanCodec.read("plan.json", golden.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void thresholdOutsideDurationRangeIsRefused() {
    // Found by PlanCodecFuzzTest: this threw ArithmeticException from Duration.ofDays.
    assertEquals("plan.json: staleDays: expected 0 to 2147483647 days, found 106751991167301",
        error(golden.replaceFirst("\"staleDays\" : 30", "\"staleDays\" : 106751991167301")));
    assertEquals("plan.json: conflictDays: expected 0 to 2147483647 days, found -1",
        error(golden.replaceFirst("\"conflictDays\" : 7", "\"conflictDays\" : -1")));
  }

  @Test
  void unknownFamilyIsRefused() {
    assertEquals("plan.json: actions[0].family: expected 'legacy' or 'windows', not 'banana'",
        error(golden.replaceFirst("\"family\" : \"legacy\"", "\"family\" : \"banana\"")));
  }

  @Test
  void unknownFieldIsRefused() {
    assertEquals("plan.json: actions[0].colour: unknown field for force-rotation",
        error(golden.replaceFirst("\"family\" : \"legacy\"",
            "\"family\" : \"legacy\", \"colour\" : \"red\"")));
  }

  @Test
  void unknownTopLevelFieldIsRefusedWithItsLine() {
    assertEquals("plan.json: line 3: unknown field 'colour' in a plan",
        error(golden.replaceFirst("\"asOf\"", "\"colour\" : \"red\",\n  \"asOf\"")));
    // Apply and resume read the same way.
    assertEquals("plan.json: line 3: unknown field 'colour' in a plan",
        assertThrows(MigrationInputException.class, () -> PlanCodec.readActions("plan.json",
            golden.replaceFirst("\"asOf\"", "\"colour\" : 1,\n  \"asOf\"")
                .getBytes(StandardCharsets.UTF_8))).getMessage());
  }

  @Test
  void duplicateKeyIsRefused() {
    assertEquals(true, error(golden.replaceFirst("\"family\" : \"legacy\"",
        "\"family\" : \"legacy\", \"family\" : \"windows\"")).startsWith(
            "plan.json: not a plan: Duplicate field 'family'"));
  }

  @Test
  void trailingGarbageIsRefused() {
    assertEquals(true, error(golden + "\n{\"more\": 1}").startsWith(
        "plan.json: not a plan: unexpected content after the plan at line "));
  }

  @Test
  void duplicateActionIsRefused() {
    // The golden plan has seven actions; a copy of the last one as an eighth would run twice.
    int start = golden.indexOf("{\n    \"id\" : 7,");
    int end = golden.indexOf("} ]", start) + 1;
    String last = golden.substring(start, end);
    String doubled = golden.substring(0, end) + ", " + last.replace("\"id\" : 7,", "\"id\" : 8,")
        + golden.substring(end);
    assertEquals("plan.json: actions[7]: the same action as actions[6]", error(doubled));
  }

  private static String error(String text) {
    return assertThrows(MigrationInputException.class,
        () -> PlanCodec.read("plan.json", text.getBytes(StandardCharsets.UTF_8))).getMessage();
  }
}
