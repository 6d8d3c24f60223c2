package io.lapsbridge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void neverPrintsItself() {
    Secret secret = Secret.of("hunter2");
    assertEquals("****", secret.toString());
    assertEquals("value=****", "value=" + secret);
  }

  @Test
  void recordsHoldingSecretsDoNotPrintThem() {
    LapsPassword password =
        new LapsPassword("Administrator", Secret.of("hunter2"), Instant.EPOCH, null,
            PasswordSource.WINDOWS_CLEARTEXT);
    assertFalse(password.toString().contains("hunter2"), password.toString());
  }

  @Test
  void closeWipesTheCharacters() {
    char[] backing = "hunter2".toCharArray();
    Secret secret = Secret.adopt(backing);
    secret.close();
    assertArrayEquals(new char[7], backing);
    IllegalStateException e = assertThrows(IllegalStateException.class, secret::reveal);
    assertEquals("secret was already wiped", e.getMessage());
  }

  @Test
  void fileLineLosesItsLineEndingButKeepsOtherWhitespace() {
    Secret secret = Secret.fromUtf8Line(" pass wörd \r\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(" pass wörd ", secret.reveal());
  }

  @Test
  void comparesByValueOnlyThroughSameAs() {
    assertTrue(Secret.of("a€").sameAs(Secret.of("a€")));
    assertFalse(Secret.of("a€").sameAs(Secret.of("a€ ")));
    assertArrayEquals("a€".getBytes(StandardCharsets.UTF_8), Secret.of("a€").utf8());
  }
}
