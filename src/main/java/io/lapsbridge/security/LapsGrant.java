package io.lapsbridge.security;

import static io.lapsbridge.security.AccessMask.CONTROL_ACCESS;
import static io.lapsbridge.security.AccessMask.READ_PROPERTY;
import static io.lapsbridge.security.AccessMask.WRITE_PROPERTY;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ACEs each LAPS delegation cmdlet writes on an OU: allowed-object ACEs (audit-object ACEs
 * for {@link #AUDIT}) with CONTAINER_INHERIT|INHERIT_ONLY, the attribute as object type and the
 * computer class as inherited object type, so they reach computer objects only. Masks are the
 * merged ones .NET stores. Sources for each ACE are in docs/permissions.md.
 */
public enum LapsGrant {
  /** Set-AdmPwdComputerSelfPermission / Set-LapsADComputerSelfPermission, trustee SELF. */
  SELF {
    @Override
    List<Ace> aces(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags) {
      List<Ace> aces = new ArrayList<>();
      aces.add(allow(READ_PROPERTY | WRITE_PROPERTY, guids.expiration(family), trustee));
      aces.add(allow(WRITE_PROPERTY, guids.password(family), trustee));
      if (family == AttributeFamily.WINDOWS) {
        aces.add(allow(READ_PROPERTY | WRITE_PROPERTY, Guids.LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES, trustee));
      }
      return aces;
    }
  },
  /** Set-AdmPwdReadPasswordPermission / Set-LapsADReadPasswordPermission. */
  READ {
    @Override
    List<Ace> aces(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags) {
      List<Ace> aces = new ArrayList<>();
      aces.add(allow(READ_PROPERTY, guids.expiration(family), trustee));
      aces.add(allow(READ_PROPERTY | CONTROL_ACCESS, guids.password(family), trustee));
      if (family == AttributeFamily.WINDOWS) {
        aces.add(allow(READ_PROPERTY | CONTROL_ACCESS, Guids.LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES, trustee));
      }
      return aces;
    }
  },
  /** Set-AdmPwdResetPasswordPermission / Set-LapsADResetPasswordPermission. */
  RESET {
    @Override
    List<Ace> aces(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags) {
      return List.of(allow(READ_PROPERTY | WRITE_PROPERTY, guids.expiration(family), trustee));
    }
  },
  /** Set-AdmPwdAuditing / Set-LapsADAuditing: SACL entries that make DCs log password reads. */
  AUDIT {
    @Override
    List<Ace> aces(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags) {
      List<Ace> aces = new ArrayList<>();
      aces.add(audit(guids.password(family), trustee, auditFlags));
      if (family == AttributeFamily.WINDOWS) {
        aces.add(audit(Guids.LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES, trustee, auditFlags));
      }
      return aces;
    }
  };

  /** Inherit to descendants only: {@code ActiveDirectorySecurityInheritance.Descendents}. */
  public static final int DESCENDANTS = AceFlags.CONTAINER_INHERIT | AceFlags.INHERIT_ONLY;

  /**
   * The ACEs for one trustee. {@code auditFlags} is SUCCESSFUL_ACCESS and/or FAILED_ACCESS and
   * only matters for {@link #AUDIT}.
   */
  abstract List<Ace> aces(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags);

  /** The ACEs for one trustee and family; fails when the family's schema is missing. */
  public List<Ace> acesFor(AttributeFamily family, LapsGuids guids, Sid trustee, int auditFlags) {
    if (!guids.has(family)) {
      throw new IllegalStateException("the " + family.name().toLowerCase(java.util.Locale.ROOT)
          + " LAPS attributes are not in the schema");
    }
    return aces(family, guids, trustee, auditFlags);
  }

  /** Whether the ACEs go into the SACL rather than the DACL. */
  public boolean isAudit() {
    return this == AUDIT;
  }

  private static Ace allow(int mask, UUID attribute, Sid trustee) {
    return Ace.object(AceType.ACCESS_ALLOWED_OBJECT, DESCENDANTS, mask, attribute, Guids.COMPUTER_CLASS, trustee);
  }

  private static Ace audit(UUID attribute, Sid trustee, int auditFlags) {
    return Ace.object(AceType.SYSTEM_AUDIT_OBJECT, DESCENDANTS | auditFlags, CONTROL_ACCESS, attribute,
        Guids.COMPUTER_CLASS, trustee);
  }
}
