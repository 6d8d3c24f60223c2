package io.lapsbridge.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.Secret;
import org.junit.jupiter.api.Test;

class RpcCredentialsTest {
  @Test
  void upnAndDownLevelForms() {
    RpcCredentials upn = RpcCredentials.parse("helpdesk@example.com", Secret.of("pw"));
    assertEquals("helpdesk", upn.user());
    assertEquals("example.com", upn.domain());
    RpcCredentials down = RpcCredentials.parse("EXAMPLE\\helpdesk", Secret.of("pw"));
    assertEquals("helpdesk", down.user());
    assertEquals("EXAMPLE", down.domain());
    assertEquals("RpcCredentials[EXAMPLE\\helpdesk]", down.toString());
  }

  @Test
  void aDnIsRefusedWithTheReason() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> RpcCredentials.parse("cn=Helen Desk,ou=People,dc=example,dc=com", Secret.of("pw")));
    assertEquals(
        "'cn=Helen Desk,ou=People,dc=example,dc=com' is not user@domain or DOMAIN\\user, which NTLM needs",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RpcCredentials.parse("user@", Secret.of("pw")));
    assertThrows(IllegalArgumentException.class, () -> RpcCredentials.parse("\\user", Secret.of("pw")));
  }
}
