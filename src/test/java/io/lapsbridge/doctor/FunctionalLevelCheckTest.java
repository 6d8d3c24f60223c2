package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.DomainFacts.Controller;
import io.lapsbridge.directory.DomainFacts.Levels;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionalLevelCheckTest {
  private static Levels levels(Integer domain, Controller... dcs) {
    return new Levels("dc1.corp.example", domain, domain, List.of(dcs), Optional.empty());
  }

  private static final Controller DC2019 =
      new Controller("dc1.corp.example", 7, "Windows Server 2019 Datacenter", "10.0 (17763)");

  @Test
  void level2016IsOk() {
    Finding domain = FunctionalLevelCheck.evaluate(levels(7, DC2019), true).get(0);
    assertEquals(Status.OK, domain.status());
    assertEquals("domain functional level 7 (Windows Server 2016); forest functional level 7"
        + " (Windows Server 2016): encryption and DSRM backup are available", domain.evidence());
  }

  @Test
  void level2008R2IsAProblemWhenEncryptionIsWantedAndAWarningOtherwise() {
    Finding wanted = FunctionalLevelCheck.evaluate(levels(4, DC2019), true).get(0);
    assertEquals(Status.PROBLEM, wanted.status());
    assertEquals(true, wanted.evidence().startsWith("domain functional level 4 (Windows Server"
        + " 2008 R2)"), wanted.evidence());
    assertEquals(true, wanted.fix().startsWith("raise the domain (and forest) functional level"
        + " to 2016"), wanted.fix());
    assertEquals(Status.WARNING,
        FunctionalLevelCheck.evaluate(levels(4, DC2019), false).get(0).status());
  }

  @Test
  void anUnpublishedLevelIsAWarning() {
    assertEquals(Status.WARNING,
        FunctionalLevelCheck.evaluate(levels(null, DC2019), true).get(0).status());
  }

  @Test
  void eachDcIsJudgedForDsrmBackupByLevelAndBuild() {
    List<Finding> findings = FunctionalLevelCheck.evaluate(levels(7, DC2019,
        new Controller("dc2", 7, "Windows Server 2016 Standard", "10.0 (14393)"),
        new Controller("dc3", 4, "Windows Server 2008 R2", "6.1 (7601)"),
        new Controller("dc4", 10, null, null),
        new Controller("dc5", 7, "Samba", null)), true);
    assertEquals(List.of("ok dc1.corp.example", "warning dc2", "warning dc3", "ok dc4",
        "warning dc5"), findings.subList(1, 6).stream()
        .map(f -> f.status().label() + " " + f.subject()).toList());
    assertEquals("Windows Server 2016 (build 14393 < 17763), DC functional level 7 (Windows"
        + " Server 2016): too old for DSRM backup", findings.get(2).evidence());
  }

  @Test
  void noDcFoundIsAWarningWithTheReason() {
    Levels none = new Levels(null, 7, 7, List.of(), Optional.of("cannot read CN=Sites"));
    Finding dcs = FunctionalLevelCheck.evaluate(none, true).get(1);
    assertEquals(Status.WARNING, dcs.status());
    assertEquals("no domain controller found: cannot read CN=Sites", dcs.evidence());
  }

  @Test
  void theBuildIsReadFromOperatingSystemVersion() {
    assertEquals(Optional.of(20348), FunctionalLevelCheck.build("10.0 (20348)"));
    assertEquals(Optional.empty(), FunctionalLevelCheck.build("4.22.6-Debian"));
    assertEquals(Optional.empty(), FunctionalLevelCheck.build(null));
  }
}
