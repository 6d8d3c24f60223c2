package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import java.util.List;

/**
 * What AD requires of a schema change, checked before anything is written: the server must be
 * the schema master ({@code fSMORoleOwner} of the schema naming context is its own
 * {@code dsServiceName}), and the bind must be allowed to create {@code attributeSchema}
 * objects there ({@code allowedChildClassesEffective}, which AD computes for the bind; only
 * Schema Admins have it). Whether schema updates are allowed at all is a server setting that
 * LDAP does not show; {@link #refusedOnFirstWrite} recognises that refusal instead.
 */
final class SchemaPreflight {
  private SchemaPreflight() {}

  static void check(LDAPConnection connection, RootDSE root) throws DirectoryException {
    String schemaNc = root.getAttributeValue("schemaNamingContext");
    Entry schema;
    try {
      schema = connection.getEntry(schemaNc, "fSMORoleOwner", "allowedChildClassesEffective");
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read the schema naming context", schemaNc, null, e);
    }
    String owner = schema == null ? null : schema.getAttributeValue("fSMORoleOwner");
    String self = root.getAttributeValue("dsServiceName");
    String master = owner == null ? "the schema master" : serverName(connection, owner);
    if (owner != null && self != null && !sameDn(owner, self)) {
      throw new DirectoryException(DirectoryException.Kind.REJECTED, "this server is not the"
          + " schema master; schema changes must go to " + master + " (the fSMORoleOwner of "
          + schemaNc + "); nothing was written");
    }
    String[] allowed = schema == null ? null
        : schema.getAttributeValues("allowedChildClassesEffective");
    if (allowed == null || List.of(allowed).stream()
        .noneMatch(c -> c.equalsIgnoreCase("attributeSchema"))) {
      throw new DirectoryException(DirectoryException.Kind.ACCESS_DENIED, "access denied: this"
          + " bind may not change the schema; bind as a member of Schema Admins, on the schema"
          + " master (" + master + "); nothing was written");
    }
  }

  /**
   * A refusal of the first schema write that no right explains: the server does not take
   * schema changes from anyone (Samba without {@code dsdb:schema update allowed}; a Windows
   * schema master with schema updates disabled in its registry).
   */
  static boolean refusedOnFirstWrite(LDAPException e) {
    return ResultCode.UNWILLING_TO_PERFORM.equals(e.getResultCode());
  }

  static String refusalHint() {
    return "the server refuses schema changes from every bind: schema updates are disabled on"
        + " it (Samba: set 'dsdb:schema update allowed = true' in smb.conf and restart; Windows:"
        + " the schema master's 'Schema Update Allowed' registry value)";
  }

  /** The DNS name of the DC whose NTDS Settings object is {@code ntdsSettings}, else its DN. */
  private static String serverName(LDAPConnection connection, String ntdsSettings) {
    try {
      String server = new DN(ntdsSettings).getParentString();
      Entry entry = connection.getEntry(server, "dNSHostName");
      String host = entry == null ? null : entry.getAttributeValue("dNSHostName");
      return host != null ? host : server;
    } catch (LDAPException e) {
      return ntdsSettings;
    }
  }

  private static boolean sameDn(String a, String b) {
    try {
      return new DN(a).equals(new DN(b));
    } catch (LDAPException e) {
      return a.equalsIgnoreCase(b);
    }
  }
}
