package io.lapsbridge.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A SID string given as the encryption principal is taken as that SID, without the directory
 * (#18): the connection here goes nowhere, so any lookup would fail and say so.
 */
class PrincipalSidsTest {
  private static final AgentConnection NOWHERE = new AgentConnection(List.of("127.0.0.1:1"),
      Optional.empty(), TransportSecurity.LDAPS, null,
      new MachineBind.Simple("cn=x", Secret.of("x")), null, Duration.ofSeconds(1));

  @Test
  void aSidWithSpacesAroundItIsStillTheSidAndNeedsNoDirectory() {
    List<String> whyNot = new ArrayList<>();
    assertEquals(Optional.of("S-1-5-21-1-2-3-1105"),
        PrincipalSids.resolve(" S-1-5-21-1-2-3-1105\n", NOWHERE, whyNot));
    assertEquals(List.of(), whyNot);
  }

  @Test
  void aLowerCaseSidWithLeadingZerosIsTheCanonicalSid() {
    List<String> whyNot = new ArrayList<>();
    assertEquals(Optional.of("S-1-5-21-1-2-3-512"),
        PrincipalSids.resolve("s-1-5-21-1-2-3-0512", NOWHERE, whyNot));
    assertEquals(List.of(), whyNot);
  }
}
