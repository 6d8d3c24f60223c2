package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The forest starts without LAPS schema; lapsbridge's own {@code schema extend} adds it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SambaSchemaIT {
  private static SambaDc dc;

  @BeforeAll
  static void forest() {
    dc = SambaDc.shared();
    System.out.println(dc.startLine());
  }

  /** #13 item 6: the missing right is named before anything is written. */
  @Test
  @Order(0)
  void anOrdinaryUserIsToldToBeASchemaAdminAndNothingIsWritten() {
    Cli denied = LapsSchema.deniedFirst(dc);
    assertEquals(5, denied.status(), denied.transcript());
    assertEquals("", denied.out(), "no step was applied");
    assertEquals("lapsbridge: access denied: this bind may not change the schema; bind as a"
        + " member of Schema Admins, on the schema master (dc1.samba.test); nothing was"
        + " written\n", denied.err());
  }

  @Test
  @Order(1)
  void extendThenCheckThenExtendAgainChangesNothing() {
    Account admin = dc.administrator();
    Cli extend = LapsSchema.extend(dc);
    assertEquals(0, extend.status(), extend.transcript());

    Cli check = Cli.run(admin.connect(dc), "schema", "check");
    assertEquals(0, check.status(), check.transcript());
    assertTrue(check.out().contains("msLAPS-EncryptedPassword ") && check.out().contains(
        "ms-Mcs-AdmPwd ") && !check.out().contains("missing"), check.transcript());

    Cli again = Cli.run(admin.connect(dc), "schema", "extend");
    assertEquals(0, again.status(), again.transcript());
    assertEquals("", again.out(), again.transcript());
    assertTrue(again.err().contains("already complete; nothing to do"), again.transcript());
  }
}
