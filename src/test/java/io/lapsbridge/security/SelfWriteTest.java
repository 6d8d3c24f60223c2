package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SelfWriteTest {
  private static final LapsGuids GUIDS = new LapsGuids(
      Optional.of(UUID.fromString("8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61")),
      Optional.of(UUID.fromString("3b9e1c47-52d8-4f0a-8e6b-9d2a7c1f4e03")),
      Optional.of(UUID.fromString("e7c2a9d4-1f36-4b5a-a8c0-6d9e3b2f7a15")),
      Optional.of(UUID.fromString("5a1f8e3c-9b27-4d6e-b0a4-3c8f2e9d1b76")),
      Optional.of(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")));

  /** A computer placed under an OU whose DACL is {@code aces}, one OU below the domain. */
  private static EffectiveAcl placed(List<Ace> aces) {
    EffectiveAcl domain = EffectiveAcl.root("DC=corp", Optional.of(Acl.of(List.of())));
    EffectiveAcl ou = domain.child("OU=WS,DC=corp", Guids.ORGANIZATIONAL_UNIT_CLASS,
        Optional.of(Acl.of(aces)), false);
    return ou.child("computer", Guids.COMPUTER_CLASS, Optional.empty(), false);
  }

  @Test
  void afterGrantSelfNothingIsMissing() {
    List<Ace> aces = new ArrayList<>();
    for (AttributeFamily family : AttributeFamily.values()) {
      aces.addAll(LapsGrant.SELF.acesFor(family, GUIDS, Sid.SELF, 0));
    }
    assertEquals(List.of(), SelfWrite.missing(placed(aces), GUIDS, AttributeFamily.LEGACY));
    assertEquals(List.of(), SelfWrite.missing(placed(aces), GUIDS, AttributeFamily.WINDOWS));
  }

  @Test
  void withoutTheGrantEveryAttributeIsMissing() {
    assertEquals(List.of("msLAPS-PasswordExpirationTime", "msLAPS-Password",
        "msLAPS-EncryptedPassword"), SelfWrite.missing(placed(List.of()), GUIDS,
            AttributeFamily.WINDOWS));
  }

  @Test
  void aDenyBeforeTheGrantWins() {
    List<Ace> aces = new ArrayList<>(List.of(Ace.object(AceType.ACCESS_DENIED_OBJECT,
        LapsGrant.DESCENDANTS, AccessMask.WRITE_PROPERTY, GUIDS.legacyPassword().get(),
        Guids.COMPUTER_CLASS, Sid.SELF)));
    aces.addAll(LapsGrant.SELF.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.SELF, 0));
    assertEquals(List.of("ms-Mcs-AdmPwd"),
        SelfWrite.missing(placed(aces), GUIDS, AttributeFamily.LEGACY));
  }
}
