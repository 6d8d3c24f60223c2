package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the raw bytes of a computer's {@code msLAPS-Encrypted*} attributes for the decryptor.
 * {@link LapsRecord} only notes that they are present; the bytes stay out of it so that a record
 * never holds ciphertext it does not need.
 */
public final class EncryptedAttributes {
  /** The binary LAPS attributes that hold DPAPI-NG values. */
  public static final List<LapsAttribute> ENCRYPTED =
      List.of(
          LapsAttribute.ENCRYPTED_PASSWORD,
          LapsAttribute.ENCRYPTED_PASSWORD_HISTORY,
          LapsAttribute.ENCRYPTED_DSRM_PASSWORD,
          LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY);

  private EncryptedAttributes() {}

  /**
   * The values of the requested encrypted attributes, in the order the server returned them
   * (LDAP gives no order to multi-valued history; callers sort by the header time). Attributes
   * the entry lacks, or this bind cannot read, are absent from the map.
   */
  public static Map<LapsAttribute, List<byte[]>> read(
      LapsDirectory directory, ComputerRef computer, List<LapsAttribute> attributes)
      throws DirectoryException {
    for (LapsAttribute a : attributes) {
      if (!ENCRYPTED.contains(a)) {
        throw new IllegalArgumentException(a.ldapName() + " is not an encrypted attribute");
      }
    }
    Map<LapsAttribute, List<byte[]>> values = new EnumMap<>(LapsAttribute.class);
    if (attributes.isEmpty()) {
      return values;
    }
    String[] names = attributes.stream().map(LapsAttribute::ldapName).toArray(String[]::new);
    SearchResultEntry entry;
    try {
      entry = directory.connection().getEntry(computer.dn(), names);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read", computer.dn(), null, e);
    }
    if (entry == null) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND, "no entry '" + computer.dn() + "'");
    }
    for (LapsAttribute attribute : attributes) {
      byte[][] raw = entry.getAttributeValueByteArrays(attribute.ldapName());
      if (raw != null && raw.length > 0) {
        values.put(attribute, new ArrayList<>(List.of(raw)));
      }
    }
    return values;
  }
}
