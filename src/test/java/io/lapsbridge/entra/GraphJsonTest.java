package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader on Graph's documented examples, both single-device shapes, and bad documents. */
class GraphJsonTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = GraphJsonTest.class.getResourceAsStream("/entra/graph-docs/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theDocumentedWrappedAnswerWithCredentials() throws Exception {
    DeviceCredentials d = GraphJson.credentialInfo(resource(
        "devicelocalcredentialinfo-get-credentials.json"));
    assertEquals("b465e4e8-e4e8-b465-e8e4-65b4e8e465b4", d.deviceId());
    assertEquals("LAPS_TEST", d.deviceName());
    assertEquals(Instant.parse("2023-04-21T13:45:30Z"), d.lastBackup());
    assertEquals(3, d.credentials().size());
    assertEquals("QQ@d8f8gY", d.credentials().get(0).password().reveal());
    assertEquals("ContosoLocalAdminAccount", d.credentials().get(0).accountName());
    assertEquals("Administrator", d.credentials().get(2).accountName());
    assertEquals("S-1-5-21-2318549658-1590267884-3984890135-500",
        d.credentials().get(2).accountSid());
  }

  @Test
  void unwrappedAndOneElementArrayAreAcceptedToo() throws Exception {
    String inner = "{\"id\":\"x-1\",\"deviceName\":\"PC\",\"credentials\":[{\"accountName\":\"a\","
        + "\"backupDateTime\":\"2024-01-01T00:00:00+01:00\",\"passwordBase64\":\"cABXAA==\"},"
        + "{\"accountName\":\"a\",\"backupDateTime\":\"2024-02-01T00:00:00Z\","
        + "\"passwordBase64\":\"bmV3ZXI=\"}]}";
    for (String doc : List.of(inner, "{\"value\":" + inner + "}",
        "{\"@odata.context\":\"c\",\"value\":[" + inner + "]}")) {
      DeviceCredentials d = GraphJson.credentialInfo(doc.getBytes(StandardCharsets.UTF_8));
      assertEquals("newer", d.credentials().get(0).password().reveal(), "newest first: " + doc);
      assertEquals(PasswordEncoding.UTF_8, d.credentials().get(0).encoding());
      assertEquals("pW", d.credentials().get(1).password().reveal());
      assertEquals(Instant.parse("2023-12-31T23:00:00Z"), d.credentials().get(1).backupTime());
    }
  }

  @Test
  void metadataOnlyHasNoCredentials() throws Exception {
    DeviceCredentials d = GraphJson.credentialInfo(resource(
        "devicelocalcredentialinfo-get-metadata.json"));
    assertTrue(d.credentials().isEmpty());
    assertEquals(Instant.parse("2020-05-20T13:45:30Z"), d.refresh());
  }

  @Test
  void theDocumentedListPage() throws Exception {
    List<CredentialSummary> all = new ArrayList<>();
    String next = GraphJson.page(resource("directory-list-devicelocalcredentials.json"),
        GraphJson::summary, all::add, "list");
    assertNull(next);
    assertEquals(List.of("LAPS_TEST", "LAPS_TEST2"),
        all.stream().map(CredentialSummary::deviceName).toList());
  }

  @Test
  void errorsNameTheFieldAndPlaceButNoValue() {
    GraphException e = assertThrows(GraphException.class, () -> GraphJson.credentialInfo(
        ("{\"value\":{\"id\":\"x\",\"credentials\":[{\"accountName\":\"a\","
            + "\"passwordBase64\":\"c2VjcmV0LXZhbHVl*\"}]}}").getBytes(StandardCharsets.UTF_8)));
    assertEquals(GraphException.Kind.MALFORMED, e.kind());
    assertEquals("Graph response: value.credentials[0]: passwordBase64 is not base64 (line 1,"
        + " column 91)", e.getMessage());
    GraphException twoValues = assertThrows(GraphException.class, () -> GraphJson.credentialInfo(
        "{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"}]}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(twoValues.getMessage().startsWith("Graph response: value holds 2 device credential"
        + " objects, expected one"), twoValues.getMessage());
    GraphException notJson = assertThrows(GraphException.class, () -> GraphJson.credentialInfo(
        "{\"id\": secret-text}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("Graph's device credential response is not well-formed JSON at line 1,"
        + " column 8", notJson.getMessage());
    GraphException badTime = assertThrows(GraphException.class, () -> GraphJson.credentialInfo(
        "{\"id\":\"a\",\"lastBackupDateTime\":7}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(badTime.getMessage().startsWith("Graph response: the response.lastBackupDateTime"
        + " is not a string"), badTime.getMessage());
  }

  @Test
  void graphErrorsAreReadLeniently() {
    assertEquals("Authorization_RequestDenied: Insufficient privileges", GraphJson.error(
        ("{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":"
            + "\"Insufficient privileges\",\"innerError\":{\"date\":\"x\"}}}")
            .getBytes(StandardCharsets.UTF_8)).describe());
    assertEquals("", GraphJson.error("<html>".getBytes(StandardCharsets.UTF_8)).describe());
  }
}
