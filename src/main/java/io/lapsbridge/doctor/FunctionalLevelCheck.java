package io.lapsbridge.doctor;

import io.lapsbridge.directory.DomainFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain functional level (Windows LAPS encrypts passwords and backs up DSRM passwords only
 * at 2016 or higher; below it a policy asking for encryption stores the password in clear text)
 * and each domain controller's own level and operating system (DSRM backup needs Windows Server
 * 2019 or later on the DC). Sources: the DFL/DC matrix in windows-laps.md.
 */
public final class FunctionalLevelCheck {
  public static final String LEVEL = "functional-level";
  public static final String DSRM = "dc-dsrm";
  /** Windows Server 2019's build: the first that backs up its DSRM password. */
  private static final int WS2019_BUILD = 17763;
  private static final Pattern BUILD = Pattern.compile("\\((\\d+)\\)");

  private FunctionalLevelCheck() {}

  /**
   * The domain's finding, then one per domain controller.
   *
   * @param encryptionWanted whether a policy asks for encryption (true when no policy was
   *     given: Windows LAPS encrypts by default); below 2016 that is a problem, else a warning
   */
  public static List<Finding> evaluate(DomainFacts.Levels levels, boolean encryptionWanted) {
    List<Finding> findings = new ArrayList<>();
    Integer domain = levels.domainLevel();
    String forest = levels.forestLevel() == null ? ""
        : "; forest functional level " + Levels.describe(levels.forestLevel());
    if (domain == null) {
      findings.add(Finding.warning(LEVEL, "domain", "the directory publishes no domain"
          + " functional level (no domainFunctionality in the root DSE, no"
          + " msDS-Behavior-Version on the domain): not Active Directory?",
          "on AD, read it with (Get-ADDomain).DomainMode; encryption needs 2016"));
    } else if (domain < Levels.WS2016) {
      String evidence = "domain functional level " + Levels.describe(domain) + forest
          + ": Windows LAPS encryption and DSRM backup need " + Levels.describe(Levels.WS2016)
          + "; a policy with ADPasswordEncryptionEnabled=1 stores the password in clear text";
      String fix = "raise the domain (and forest) functional level to 2016 once every DC runs"
          + " Windows Server 2016 or later (Set-ADDomainMode -DomainMode Windows2016Domain;"
          + " Samba: samba-tool domain level raise --domain-level=2016)";
      findings.add(encryptionWanted ? Finding.problem(LEVEL, "domain", evidence, fix)
          : Finding.warning(LEVEL, "domain", evidence + " (no policy given asks for it)", fix));
    } else {
      findings.add(Finding.ok(LEVEL, "domain", "domain functional level "
          + Levels.describe(domain) + forest + ": encryption and DSRM backup are available"));
    }
    if (levels.controllers().isEmpty()) {
      findings.add(Finding.warning(DSRM, "domain controllers", "no domain controller found"
          + levels.sitesNote().map(n -> ": " + n).orElse(" under CN=Sites"),
          "check that the bind may read the configuration naming context"));
    }
    for (DomainFacts.Controller dc : levels.controllers()) {
      findings.add(controller(dc));
    }
    return findings;
  }

  private static Finding controller(DomainFacts.Controller dc) {
    String os = dc.operatingSystem() == null ? "operating system unknown"
        : dc.operatingSystem() + (dc.operatingSystemVersion() == null ? ""
            : " " + dc.operatingSystemVersion());
    Integer level = dc.behaviorVersion();
    String fix = "DSRM backup (ADBackupDSRMPassword) needs Windows Server 2019 or later on"
        + " the DC: upgrade or replace it, or leave DSRM backup off there";
    if (level == null) {
      return Finding.warning(DSRM, dc.name(), "no msDS-Behavior-Version on its NTDS Settings; "
          + os, fix);
    }
    if (level < Levels.WS2016) {
      return Finding.warning(DSRM, dc.name(), "DC functional level " + Levels.describe(level)
          + ", " + os + ": too old for DSRM backup and encryption", fix);
    }
    Optional<Integer> build = build(dc.operatingSystemVersion());
    if (level > Levels.WS2016 || build.filter(b -> b >= WS2019_BUILD).isPresent()) {
      return Finding.ok(DSRM, dc.name(), "DC functional level " + Levels.describe(level)
          + ", " + os + ": backs up its DSRM password");
    }
    if (build.isPresent()) {
      return Finding.warning(DSRM, dc.name(), "Windows Server 2016 (build " + build.get()
          + " < " + WS2019_BUILD + "), DC functional level " + Levels.describe(level)
          + ": too old for DSRM backup", fix);
    }
    return Finding.warning(DSRM, dc.name(), "DC functional level " + Levels.describe(level)
        + ", " + os + ": Windows Server 2016 and 2019 share this level and the build is"
        + " unknown, so DSRM backup may not be available", "check that the DC runs Windows"
        + " Server 2019 or later (build " + WS2019_BUILD + ") before relying on DSRM backup");
  }

  /** The build in an operatingSystemVersion such as {@code 10.0 (17763)}. */
  static Optional<Integer> build(String version) {
    if (version == null) {
      return Optional.empty();
    }
    Matcher m = BUILD.matcher(version);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.valueOf(m.group(1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
