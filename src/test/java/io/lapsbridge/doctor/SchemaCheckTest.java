package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.SchemaReport;
import io.lapsbridge.directory.SchemaReport.AttributeStatus;
import io.lapsbridge.directory.SchemaReport.State;
import io.lapsbridge.directory.ServerKind;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
  private static SchemaReport report(State windows, boolean linked) {
    List<AttributeStatus> statuses = new ArrayList<>();
    for (LapsAttribute attribute : LapsAttribute.values()) {
      boolean isWindows = attribute.family() == io.lapsbridge.model.AttributeFamily.WINDOWS;
      statuses.add(new AttributeStatus(attribute, isWindows ? windows : State.PRESENT,
          !isWindows || linked, isWindows && windows == State.INCOMPATIBLE
              ? "OID 1.2.3, expected " + attribute.oid() : "ok"));
    }
    return new SchemaReport(ServerKind.ACTIVE_DIRECTORY, statuses);
  }

  @Test
  void aCompleteSchemaIsOkForBothFamilies() {
    List<Finding> findings = SchemaCheck.evaluate(report(State.PRESENT, true),
        Map.of(LapsAttribute.LEGACY_PASSWORD, 904));
    assertEquals(List.of(Status.OK, Status.OK), findings.stream().map(Finding::status).toList());
    assertEquals("2 attributes present with the right OIDs and syntax, allowed on the computer"
        + " class, passwords confidential", findings.get(0).evidence());
  }

  @Test
  void aMissingFamilyIsAProblemWhoseFixIsSchemaExtend() {
    Finding windows = SchemaCheck.evaluate(report(State.MISSING, false), Map.of()).get(1);
    assertEquals(Status.PROBLEM, windows.status());
    assertEquals("windows LAPS", windows.subject());
    assertEquals("lapsbridge schema extend --family windows (as a Schema Admin, on the schema"
        + " master)", windows.fix());
  }

  @Test
  void anAttributeNotOnTheComputerClassIsAProblem() {
    Finding windows = SchemaCheck.evaluate(report(State.PRESENT, false), Map.of()).get(1);
    assertEquals(Status.PROBLEM, windows.status());
    assertEquals("lapsbridge schema extend --family windows (adds the computer class link)",
        windows.fix());
  }

  @Test
  void aPasswordAttributeWithoutTheConfidentialBitIsAProblem() {
    Finding legacy = SchemaCheck.evaluate(report(State.PRESENT, true),
        Map.of(LapsAttribute.LEGACY_PASSWORD, 8, LapsAttribute.LEGACY_EXPIRATION_TIME, 0))
        .get(0);
    assertEquals(Status.PROBLEM, legacy.status());
    assertEquals("not confidential: ms-Mcs-AdmPwd (searchFlags 8), so every user who can read"
        + " the computer reads the password", legacy.evidence());
  }

  @Test
  void anIncompatibleDefinitionIsNamed() {
    Finding windows = SchemaCheck.evaluate(report(State.INCOMPATIBLE, true), Map.of()).get(1);
    assertEquals(Status.PROBLEM, windows.status());
    assertEquals(true, windows.evidence().startsWith("defined differently: "
        + "msLAPS-PasswordExpirationTime (OID 1.2.3, expected "), windows.evidence());
  }
}
