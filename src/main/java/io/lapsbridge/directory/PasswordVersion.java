package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.Schema;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsGuid;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code msLAPS-CurrentPasswordVersion}: a 16-byte binary GUID (AD syntax 2.5.5.10, range 16)
 * that Windows LAPS (24H2 / Windows Server 2025) writes with each new password, for image
 * rollback detection. It exists only in schemas extended by the newest {@code
 * Update-LapsADSchema} (or lapsbridge's), so the agent asks the schema before writing it.
 */
final class PasswordVersion {
  private static final String NAME = LapsAttribute.CURRENT_PASSWORD_VERSION.ldapName();

  private PasswordVersion() {}

  /** Whether the directory's schema has the attribute; false when the schema is unreadable. */
  static boolean supported(LapsDirectory directory) {
    try {
      Schema schema = directory.connection().getSchema();
      return schema != null && schema.getAttributeType(NAME) != null;
    } catch (LDAPException e) {
      return false;
    }
  }

  /** The stored version, when present, well formed and readable by this bind. */
  static Optional<UUID> read(LapsDirectory directory, ComputerRef computer)
      throws DirectoryException {
    SearchResultEntry entry;
    try {
      entry = directory.connection().getEntry(computer.dn(), NAME);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read", computer.dn(), LapsAttribute.CURRENT_PASSWORD_VERSION,
          e);
    }
    byte[] value = entry == null ? null : entry.getAttributeValueBytes(NAME);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WindowsGuid.decode(value));
    } catch (MalformedValueException e) {
      return Optional.empty(); // not ours to judge: a mismatch cannot be shown, so no rollback
    }
  }

  /** The replace that goes into the password's own modify. */
  static Modification replace(UUID version) {
    return new Modification(ModificationType.REPLACE, NAME, WindowsGuid.encode(version));
  }
}
