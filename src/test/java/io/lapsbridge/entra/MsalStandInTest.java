package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MSAL for Java against the stand-in's identity platform: each flow, and its refusals. */
class MsalStandInTest {
  static GraphStandIn standIn;

  @BeforeAll
  static void start() throws Exception {
    standIn = GraphStandIn.start(EntraTenant.config(null, 0, 100, true,
        Set.of("Cloud Device Administrator")));
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @Test
  void clientSecretGetsATokenThatGraphAccepts() throws Exception {
    EntraDirectory entra = EntraDirectory.open(EntraTenant.settings(standIn, EntraTenant.FULL,
        EntraTenant.secret(), null), line -> { }, "test");
    EntraDirectory.CredentialRead read = entra.read(EntraTenant.UTF16_ID);
    assertEquals(EntraTenant.CURRENT, read.credentials().credentials().get(0).password().reveal());
  }

  @Test
  void aWrongSecretIsAnAuthenticationFailureNamingTheAadstsCode() throws Exception {
    EntraDirectory entra = EntraDirectory.open(EntraTenant.settings(standIn, EntraTenant.FULL,
        new EntraCredential.ClientSecret(Secret.of("wrong")), null), line -> { }, "test");
    GraphException e = assertThrows(GraphException.class, () -> entra.read(EntraTenant.UTF16_ID));
    assertEquals(GraphException.Kind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    assertTrue(e.getMessage().contains("AADSTS7000215"), e.getMessage());
  }

  @Test
  void deviceCodeFlowPromptsThenReadsAsTheUser() throws Exception {
    List<String> prompts = new ArrayList<>();
    EntraDirectory entra = EntraDirectory.open(EntraTenant.settings(standIn, EntraTenant.PUBLIC,
        new EntraCredential.DeviceCode(), null), prompts::add, "test");
    EntraDirectory.CredentialRead read = entra.read("ENTRA-WS-02");
    assertEquals(EntraTenant.UTF8_PASSWORD,
        read.credentials().credentials().get(0).password().reveal());
    assertEquals(1, prompts.size());
    assertTrue(prompts.get(0).contains("enter the code"), prompts.get(0));
  }
}
