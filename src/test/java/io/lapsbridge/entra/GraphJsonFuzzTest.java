package io.lapsbridge.entra;

import io.lapsbridge.testsupport.TextMutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the Graph reader: 120,000 mutated documents (the single-device
 * answer wrapped and unwrapped, and a list page) must each be read or fail with a {@link
 * GraphException}, whose message never holds a password or its base64.
 */
class GraphJsonFuzzTest {
  private static final long SEED = 0x16E7_7A00_0016_0001L;
  private static final int INPUTS = 120_000;

  // "Fz9!entra-Pw" in UTF-16LE and UTF-8.
  private static final String UTF16 = "RgB6ADkAIQBlAG4AdAByAGEALQBQAHcA";
  private static final String UTF8 = "Rno5IWVudHJhLVB3";

  private static boolean leaks(String message) {
    return message.contains("entra-Pw") || message.contains("RgB6ADkA")
        || message.contains("Rno5IWVu") || message.contains("ByAGEALQB");
  }

  private static String info(String b64a, String b64b) {
    return "{\"@odata.type\":\"#microsoft.graph.deviceLocalCredentialInfo\","
        + "\"id\":\"b465e4e8-e4e8-b465-e8e4-65b4e8e465b4\",\"deviceName\":\"LAPS_TEST\","
        + "\"lastBackupDateTime\":\"2023-04-21T13:45:30.0000000Z\","
        + "\"refreshDateTime\":\"2020-05-20T13:45:30.0000000Z\",\"credentials\":["
        + "{\"accountName\":\"Admin\",\"accountSid\":\"S-1-5-21-1-2-3-500\","
        + "\"backupDateTime\":\"2023-04-21T13:45:30.0000000Z\",\"passwordBase64\":\"" + b64a
        + "\"},{\"accountName\":\"Other\",\"accountSid\":\"S-1-5-21-1-2-3-1001\","
        + "\"backupDateTime\":\"2023-03-21T13:45:30+02:00\",\"passwordBase64\":\"" + b64b + "\"}]}";
  }

  @Test
  void everyDocumentIsReadOrRefusedCleanly() {
    List<String> seeds = List.of(
        "{\"value\":" + info(UTF16, UTF8) + "}",
        info(UTF8, UTF16),
        "{\"value\":[" + info(UTF16, UTF16) + "]}",
        "{\"@odata.context\":\"x\",\"value\":[{\"id\":\"a\",\"deviceName\":\"A\","
            + "\"lastBackupDateTime\":\"2023-04-21T13:45:30Z\",\"refreshDateTime\":null},"
            + "{\"id\":\"b\",\"deviceName\":\"B\"}],\"@odata.nextLink\":\"https://g/x?$skiptoken=2\"}");
    TextMutator.run("GraphJson", SEED, INPUTS, seeds, TextMutator::mutateBytes, bytes -> {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.contains("@odata.nextLink") || text.contains("\"a\"")) {
        List<CredentialSummary> all = new ArrayList<>();
        GraphJson.page(bytes, GraphJson::summary, all::add, "list");
      } else {
        GraphJson.credentialInfo(bytes).wipe();
      }
    }, GraphException.class, GraphJsonFuzzTest::leaks);
  }
}
