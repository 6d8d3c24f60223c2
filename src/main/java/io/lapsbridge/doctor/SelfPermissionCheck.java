package io.lapsbridge.doctor;

import io.lapsbridge.model.AttributeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether computers may write their own LAPS attributes in each container that holds them (the
 * SELF ACEs of {@code permissions grant-self}, Set-AdmPwdComputerSelfPermission,
 * Set-LapsADComputerSelfPermission). Without them a client generates a password, fails to store
 * it, and keeps the old one.
 *
 * <p>A container whose computers hold a family's attributes must let SELF write that family: a
 * problem otherwise. A container whose computers hold none, where SELF may write no family, is a
 * warning, since doctor cannot see whether a LAPS policy applies there. Domain Controllers is
 * skipped: a DC backs up only its DSRM password, as itself. Containers where all is well are
 * summed up in one finding.
 */
public final class SelfPermissionCheck {
  public static final String NAME = "self-permission";

  private SelfPermissionCheck() {}

  /**
   * One container holding computers.
   *
   * @param dn its DN
   * @param computers how many computers it holds directly
   * @param managed the families some of its computers hold a password or expiry of
   * @param missing per family in the schema, the attributes SELF cannot write (empty: can)
   */
  public record Container(String dn, long computers, Set<AttributeFamily> managed,
      Map<AttributeFamily, List<String>> missing) {
    public Container {
      managed = Set.copyOf(managed);
      missing = Map.copyOf(missing);
    }
  }

  /**
   * Problems and warnings per container, and one finding for the containers where all is well.
   *
   * @param inSchema the families whose attributes the schema has; SELF's rights on the others
   *     cannot exist
   */
  public static List<Finding> evaluate(List<Container> containers,
      Set<AttributeFamily> inSchema) {
    if (inSchema.isEmpty()) {
      return List.of(Finding.warning(NAME, "computers", "not checked: the schema has no LAPS"
          + " attributes, so no computer can be allowed to write them",
          "extend the schema first (see the schema check), then lapsbridge permissions"
              + " grant-self --ou OU for each OU of LAPS-managed computers"));
    }
    List<Finding> findings = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    for (Container container : containers) {
      if (isDomainControllers(container.dn())) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      List<AttributeFamily> needed = new ArrayList<>();
      for (AttributeFamily family : container.managed()) {
        List<String> missing = container.missing().get(family);
        if (inSchema.contains(family) && missing != null && !missing.isEmpty()) {
          problems.add(SchemaCheck.name(family) + ": SELF cannot write "
              + String.join(", ", missing));
          needed.add(family);
        }
      }
      if (!problems.isEmpty()) {
        findings.add(Finding.problem(NAME, container.dn(), container.computers()
            + " computer(s) here hold " + families(container.managed()) + " LAPS attributes,"
            + " but " + String.join("; ", problems) + ", so they cannot back up a new password",
            "lapsbridge permissions grant-self --ou '" + container.dn() + "'"
                + (needed.size() == 1 ? " --family " + SchemaCheck.name(needed.get(0)) : "")));
        continue;
      }
      boolean canWriteAny = inSchema.stream().anyMatch(f ->
          container.missing().getOrDefault(f, List.of("?")).isEmpty());
      if (container.managed().isEmpty() && !canWriteAny) {
        findings.add(Finding.warning(NAME, container.dn(), container.computers()
            + " computer(s) here, none with a LAPS password, and SELF may write no LAPS"
            + " attribute: if a LAPS policy applies to them, they cannot back up a password",
            "if LAPS should manage these computers: lapsbridge permissions grant-self --ou '"
                + container.dn() + "'"));
        continue;
      }
      fine.add(container.dn());
    }
    if (!fine.isEmpty()) {
      findings.add(0, Finding.ok(NAME, fine.size() + " container(s)", "computers may write"
          + " their own LAPS attributes in " + Findings.some(fine, 5)));
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, "computers", "no container holds computers under the base"));
    }
    return findings;
  }

  private static String families(Set<AttributeFamily> families) {
    return families.size() == 2 ? "legacy and Windows"
        : families.iterator().next() == AttributeFamily.LEGACY ? "legacy" : "Windows";
  }

  private static boolean isDomainControllers(String dn) {
    String lower = dn.toLowerCase(Locale.ROOT).replace(" ", "");
    return lower.startsWith("ou=domaincontrollers,");
  }
}
