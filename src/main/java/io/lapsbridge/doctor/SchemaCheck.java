package io.lapsbridge.doctor;

import io.lapsbridge.directory.SchemaReport;
import io.lapsbridge.directory.SchemaReport.AttributeStatus;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LAPS schema of both families, as {@code schema check} reads it (present, the right OID,
 * syntax and single-valuedness, allowed on the computer class), plus AD's {@code searchFlags}:
 * a password attribute without the confidential bit (0x80) is readable by every user who can
 * read the computer. One finding per family.
 */
public final class SchemaCheck {
  public static final String NAME = "schema";
  private static final int CONFIDENTIAL = 0x80;

  private SchemaCheck() {}

  /**
   * One finding per family.
   *
   * @param searchFlags each attribute's {@code searchFlags} where the directory has
   *     attributeSchema objects; empty elsewhere (then the flags are not checked)
   */
  public static List<Finding> evaluate(SchemaReport report,
      Map<LapsAttribute, Integer> searchFlags) {
    List<Finding> findings = new ArrayList<>();
    for (AttributeFamily family : AttributeFamily.values()) {
      String subject = name(family) + " LAPS";
      List<String> missing = new ArrayList<>();
      List<String> incompatible = new ArrayList<>();
      List<String> unlinked = new ArrayList<>();
      List<String> notConfidential = new ArrayList<>();
      int checked = 0;
      for (AttributeStatus status : report.attributes()) {
        LapsAttribute attribute = status.attribute();
        if (attribute.family() != family) {
          continue;
        }
        checked++;
        switch (status.state()) {
          case MISSING -> missing.add(attribute.ldapName());
          case INCOMPATIBLE -> incompatible.add(attribute.ldapName() + " (" + status.detail()
              + ")");
          default -> {
            if (!status.linkedToComputer()) {
              unlinked.add(attribute.ldapName());
            }
            Integer flags = searchFlags.get(attribute);
            if (attribute.isConfidential() && flags != null && (flags & CONFIDENTIAL) == 0) {
              notConfidential.add(attribute.ldapName() + " (searchFlags " + flags + ")");
            }
          }
        }
      }
      if (checked == 0) {
        continue;
      }
      if (missing.size() == checked) {
        findings.add(Finding.problem(NAME, subject, "the " + name(family) + " LAPS attributes"
            + " are not in the schema (" + String.join(", ", missing) + ")",
            "lapsbridge schema extend --family " + name(family) + " (as a Schema Admin, on the"
                + " schema master)"));
        continue;
      }
      List<String> evidence = new ArrayList<>();
      List<String> fixes = new ArrayList<>();
      if (!missing.isEmpty()) {
        evidence.add("missing: " + String.join(", ", missing));
        fixes.add("lapsbridge schema extend --family " + name(family));
      }
      if (!unlinked.isEmpty()) {
        evidence.add("not allowed on the computer class: " + String.join(", ", unlinked));
        if (missing.isEmpty()) {
          fixes.add("lapsbridge schema extend --family " + name(family)
              + " (adds the computer class link)");
        }
      }
      if (!incompatible.isEmpty()) {
        evidence.add("defined differently: " + String.join("; ", incompatible));
        fixes.add("an attribute of this name with another definition cannot be changed in"
            + " place; find which product added it before extending");
      }
      if (!notConfidential.isEmpty()) {
        evidence.add("not confidential: " + String.join(", ", notConfidential)
            + ", so every user who can read the computer reads the password");
        fixes.add("set the confidential bit (0x80) in searchFlags of these attributeSchema"
            + " objects, as the LAPS schema update does (searchFlags 904)");
      }
      if (evidence.isEmpty()) {
        findings.add(Finding.ok(NAME, subject, checked + " attributes present with the right"
            + " OIDs and syntax, allowed on the computer class"
            + (searchFlags.isEmpty() ? "" : ", passwords confidential")));
      } else {
        findings.add(Finding.problem(NAME, subject, String.join("; ", evidence),
            String.join("; ", fixes)));
      }
    }
    return findings;
  }

  static String name(AttributeFamily family) {
    return family.name().toLowerCase(Locale.ROOT);
  }
}
