package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.doctor.ReadersCheck.Access;
import io.lapsbridge.model.Sid;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadersCheckTest {
  private static final String DOMAIN = "S-1-5-21-1-2-3";

  private static Access read(String who, String sid) {
    return new Access("OU=WS,DC=corp", "legacy", false, who, Sid.of(sid));
  }

  private static Access escalation(String who, String sid) {
    return new Access("OU=WS,DC=corp", "legacy", true, who, Sid.of(sid));
  }

  @Test
  void namedReadersAreListedAndAdministratorsMayHoldWriteDacl() {
    List<Finding> findings = ReadersCheck.evaluate(List.of(
        read("CORP\\Helpdesk", DOMAIN + "-1105"), read("CORP\\Domain Admins", DOMAIN + "-512"),
        escalation("CORP\\Domain Admins", DOMAIN + "-512"),
        escalation("BUILTIN\\Administrators", "S-1-5-32-544")));
    assertEquals(List.of(new Finding("password-readers", Status.OK, "readers", "2"
        + " principal(s) can read LAPS passwords: CORP\\Helpdesk (" + DOMAIN + "-1105) in 1"
        + " scope(s), CORP\\Domain Admins (" + DOMAIN + "-512) in 1 scope(s)", "")), findings);
  }

  @Test
  void aBroadGroupThatCanReadIsAProblem() {
    List<Finding> findings = ReadersCheck.evaluate(List.of(
        read("CORP\\Domain Users", DOMAIN + "-513"),
        read("NT AUTHORITY\\Authenticated Users", "S-1-5-11")));
    assertEquals(List.of(Status.PROBLEM, Status.PROBLEM),
        findings.stream().map(Finding::status).toList());
    assertEquals("CORP\\Domain Users (" + DOMAIN + "-513)", findings.get(0).subject());
  }

  @Test
  void writeDaclOutsideTheAdministratorsIsAnEscalationWarning() {
    List<Finding> findings = ReadersCheck.evaluate(List.of(
        read("CORP\\Helpdesk", DOMAIN + "-1105"),
        escalation("BUILTIN\\Account Operators", "S-1-5-32-548")));
    assertEquals(Status.WARNING, findings.get(1).status());
    assertEquals("holds WriteDACL or WriteOwner in 1 scope(s): OU=WS,DC=corp, so it can grant"
        + " itself read", findings.get(1).evidence());
  }

  @Test
  void nobodyReadingIsAWarning() {
    assertEquals(Status.WARNING, ReadersCheck.evaluate(List.of()).get(0).status());
  }
}
