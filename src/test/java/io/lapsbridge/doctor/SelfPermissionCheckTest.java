package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.doctor.SelfPermissionCheck.Container;
import io.lapsbridge.model.AttributeFamily;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelfPermissionCheckTest {
  private static final Set<AttributeFamily> BOTH = EnumSet.allOf(AttributeFamily.class);
  private static final List<String> LEGACY_MISSING =
      List.of("ms-Mcs-AdmPwdExpirationTime", "ms-Mcs-AdmPwd");

  @Test
  void managedComputersThatMayNotWriteAreAProblemWithTheGrant() {
    List<Finding> findings = SelfPermissionCheck.evaluate(List.of(new Container(
        "OU=WS,DC=corp", 12, Set.of(AttributeFamily.LEGACY),
        Map.of(AttributeFamily.LEGACY, LEGACY_MISSING, AttributeFamily.WINDOWS, List.of()))),
        BOTH);
    assertEquals(1, findings.size());
    assertEquals(new Finding("self-permission", Status.PROBLEM, "OU=WS,DC=corp", "12"
        + " computer(s) here hold legacy LAPS attributes, but legacy: SELF cannot write"
        + " ms-Mcs-AdmPwdExpirationTime, ms-Mcs-AdmPwd, so they cannot back up a new password",
        "lapsbridge permissions grant-self --ou 'OU=WS,DC=corp' --family legacy"),
        findings.get(0));
  }

  @Test
  void unmanagedComputersThatMayWriteNothingAreAWarning() {
    List<Finding> findings = SelfPermissionCheck.evaluate(List.of(new Container(
        "CN=Computers,DC=corp", 3, Set.of(), Map.of(AttributeFamily.LEGACY, LEGACY_MISSING,
            AttributeFamily.WINDOWS, List.of("msLAPS-Password")))), BOTH);
    assertEquals(Status.WARNING, findings.get(0).status());
  }

  @Test
  void containersWhereAllIsWellAreSummedUpAndDomainControllersSkipped() {
    List<Finding> findings = SelfPermissionCheck.evaluate(List.of(
        new Container("OU=A,DC=corp", 1, Set.of(AttributeFamily.WINDOWS),
            Map.of(AttributeFamily.LEGACY, LEGACY_MISSING, AttributeFamily.WINDOWS, List.of())),
        new Container("OU=Domain Controllers,DC=corp", 2, Set.of(),
            Map.of(AttributeFamily.LEGACY, LEGACY_MISSING))), BOTH);
    assertEquals(List.of(new Finding("self-permission", Status.OK, "1 container(s)",
        "computers may write their own LAPS attributes in OU=A,DC=corp", "")), findings);
  }

  @Test
  void withoutSchemaNothingCanBeChecked() {
    Finding finding = SelfPermissionCheck.evaluate(List.of(), Set.of()).get(0);
    assertEquals(Status.WARNING, finding.status());
    assertEquals(true, finding.evidence().startsWith("not checked:"), finding.evidence());
  }
}
