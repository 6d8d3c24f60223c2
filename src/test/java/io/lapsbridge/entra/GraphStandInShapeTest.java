package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsbridge.embedded.entra.GraphStandIn;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in cannot drift from Graph unnoticed: its answers have the fields of Graph's own
 * documented examples (src/test/resources/entra/graph-docs, with their sources), with the same
 * JSON types at the same places, and nothing else but OData annotations.
 */
class GraphStandInShapeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static GraphStandIn standIn;
  static HttpClient http;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    standIn = GraphStandIn.start(EntraTenant.config(null, 0, 100, true, Set.of()));
    http = HttpClient.newBuilder().sslContext(TrustStore.context(standIn.certificateFile())).build();
    String form = "grant_type=client_credentials&client_id=" + EntraTenant.FULL
        + "&client_secret=" + URLEncoder.encode(EntraTenant.SECRET, StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        standIn.authorityUrl() + "/" + EntraTenant.TENANT + "/oauth2/v2.0/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("Bearer", body.get("token_type").asText());
    assertTrue(body.get("expires_in").isInt());
    token = body.get("access_token").asText();
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(standIn.graphUrl() + path)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  static JsonNode documented(String name) throws Exception {
    return JSON.readTree(GraphJsonTest.resource(name));
  }

  /** Every field of {@code doc} is in {@code served} with the same type; no other field. */
  static void sameShape(JsonNode doc, JsonNode served, String at, List<String> problems) {
    if (doc.getNodeType() != served.getNodeType()) {
      problems.add(at + ": documented " + doc.getNodeType() + ", served " + served.getNodeType());
      return;
    }
    if (doc.isObject()) {
      for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!served.has(name)) {
          problems.add(at + "." + name + ": documented, not served");
        } else {
          sameShape(doc.get(name), served.get(name), at + "." + name, problems);
        }
      }
      for (Iterator<String> names = served.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!doc.has(name) && !name.startsWith("@odata.")) {
          problems.add(at + "." + name + ": served, not documented");
        }
      }
    } else if (doc.isArray() && doc.size() > 0 && served.size() > 0) {
      for (int i = 0; i < served.size(); i++) {
        sameShape(doc.get(0), served.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  static void check(String resource, String path) throws Exception {
    List<String> problems = new ArrayList<>();
    sameShape(documented(resource), get(path), "$", problems);
    assertEquals(List.of(), problems, path);
  }

  @Test
  void singleDeviceWithCredentials() throws Exception {
    check("devicelocalcredentialinfo-get-credentials.json",
        "/v1.0/directory/deviceLocalCredentials/" + EntraTenant.UTF16_ID + "?$select=credentials");
  }

  @Test
  void singleDeviceMetadata() throws Exception {
    check("devicelocalcredentialinfo-get-metadata.json",
        "/v1.0/directory/deviceLocalCredentials/" + EntraTenant.UTF8_ID);
  }

  @Test
  void listPage() throws Exception {
    check("directory-list-devicelocalcredentials.json", "/v1.0/directory/deviceLocalCredentials");
  }

  @Test
  void theDocumentedShapeIsWhatTheShapeCheckerDemands() throws Exception {
    // The checker itself must be able to fail: a served field of another type is caught.
    List<String> problems = new ArrayList<>();
    sameShape(documented("directory-list-devicelocalcredentials.json"),
        JSON.readTree("{\"value\":[{\"id\":1,\"deviceName\":\"a\",\"lastBackupDateTime\":\"x\","
            + "\"refreshDateTime\":\"y\",\"extra\":true}]}"), "$", problems);
    assertEquals(List.of("$.value[0].id: documented STRING, served NUMBER",
        "$.value[0].extra: served, not documented"), problems);
  }
}
