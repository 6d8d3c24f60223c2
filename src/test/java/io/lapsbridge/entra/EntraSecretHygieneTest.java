package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No token, client secret or password in anything logged: MSAL's SLF4J lines and every message
 * of a failed or refused request are captured and searched for the secrets the stand-in issued.
 */
class EntraSecretHygieneTest {
  @Test
  void nothingSecretReachesLogsOrMessages() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    PrintStream originalOut = System.out;
    List<String> messages = new ArrayList<>();
    List<String> passwords = List.of(EntraTenant.CURRENT, EntraTenant.OLDER,
        EntraTenant.OTHER_ACCOUNT, EntraTenant.UTF8_PASSWORD);
    GraphStandIn standIn;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      System.setOut(capture);
      standIn = GraphStandIn.start(EntraTenant.config(null, 300, 100, true,
          Set.of("Security Reader")));
      try {
        EntraDirectory full = EntraDirectory.open(EntraTenant.settings(standIn, EntraTenant.FULL,
            EntraTenant.secret(), null), messages::add, "test");
        EntraDirectory.CredentialRead read = full.read(EntraTenant.UTF16_ID);
        messages.add(read.toString());
        messages.add(read.credentials().toString());
        read.credentials().credentials().forEach(c -> messages.add(c.toString()));
        full.forEachCredential(c -> messages.add(c.toString()));
        standIn.throttleNext(1, 0);
        full.read(EntraTenant.UTF8_ID);
        for (EntraCredential wrong : List.of(new EntraCredential.ClientSecret(Secret.of(
            EntraTenant.SECRET + "x")), EntraTenant.secret())) {
          for (String client : List.of(EntraTenant.FULL, EntraTenant.NONE, EntraTenant.BASIC)) {
            try {
              EntraDirectory.open(EntraTenant.settings(standIn, client, wrong, null),
                  messages::add, "test").read("ENTRA-WS-01");
            } catch (GraphException e) {
              messages.add(e.getMessage());
              for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
              }
            }
          }
        }
        EntraDirectory user = EntraDirectory.open(EntraTenant.settings(standIn,
            EntraTenant.PUBLIC, new EntraCredential.DeviceCode(), null), messages::add, "test");
        messages.add(user.read(EntraTenant.UTF16_ID).withheld());
        messages.add(new EntraCredential.ClientSecret(Secret.of(EntraTenant.SECRET)).toString());
      } finally {
        standIn.close();
      }
    } finally {
      System.setErr(original);
      System.setOut(originalOut);
    }
    String logged = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("AADSTS7000215"), "MSAL's log was captured: " + logged);
    String all = logged + "\n" + String.join("\n", messages);
    List<String> secrets = new ArrayList<>(standIn.issuedTokens());
    assertTrue(secrets.size() >= 4, "tokens were issued");
    secrets.add(EntraTenant.SECRET);
    secrets.addAll(passwords);
    for (String secret : secrets) {
      assertFalse(all.contains(secret), "a secret leaked into: " + all);
    }
    assertEquals(0, messages.stream().filter(m -> m != null && m.contains("no password")).count());
  }
}
