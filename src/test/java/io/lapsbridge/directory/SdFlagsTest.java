package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Control;
import io.lapsbridge.security.Sddl;
import io.lapsbridge.security.SecurityDescriptor;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The SD_FLAGS control as AD expects it, and the one-part view the stand-in path emulates. */
class SdFlagsTest {
  @Test
  void theControlIsCriticalAndCarriesABerSequenceOfTheFlags() {
    Control dacl = SecurityDirectory.sdFlags(SecurityDirectory.Part.DACL);
    assertEquals("1.2.840.113556.1.4.801", dacl.getOID());
    assertTrue(dacl.isCritical());
    // SEQUENCE (0x30, length 3) { INTEGER (0x02, length 1) 4 }
    assertEquals("3003020104", HexFormat.of().formatHex(dacl.getValue().getValue()));
    assertEquals("3003020108",
        HexFormat.of().formatHex(SecurityDirectory.sdFlags(SecurityDirectory.Part.SACL).getValue().getValue()));
  }

  @Test
  void onePartKeepsOnlyThatAclAndItsFlags() throws Exception {
    SecurityDescriptor whole = Sddl.parse("O:BAG:SYD:P(A;;RP;;;WD)S:AI(AU;SA;CR;;;WD)");
    assertEquals("D:P(A;;RP;;;WD)", SecurityDirectory.only(whole, SecurityDirectory.Part.DACL).toSddl());
    assertEquals("S:AI(AU;SA;CR;;;WD)", SecurityDirectory.only(whole, SecurityDirectory.Part.SACL).toSddl());
  }
}
