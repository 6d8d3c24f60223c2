package io.lapsbridge.embedded;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.ModifyOperationContext;

/**
 * Works around an ApacheDS 2.0.0.AM27 defect so that {@code schema extend} can modify the
 * subschema subentry while access control is on.
 *
 * <p>The schema interceptor applies {@code cn=schema} modifications without recording an
 * "altered entry", and the ACI interceptor then dereferences that missing entry and fails with a
 * NullPointerException. Sitting just after the ACI interceptor, this one supplies a minimal
 * subschema entry on the way back; it changes no data and no access decision.
 */
final class SubschemaModifyFix extends BaseInterceptor {
  private static final String SUBSCHEMA_DN = "cn=schema";

  SubschemaModifyFix() {
    super("lapsbridgeSubschemaModifyFix");
  }

  @Override
  public void modify(ModifyOperationContext context) throws LdapException {
    next(context);
    if (context.getAlteredEntry() == null && isSubschemaSubentry(context)) {
      DefaultEntry placeholder = new DefaultEntry(schemaManager, context.getDn());
      placeholder.add(SchemaConstants.OBJECT_CLASS_AT, SchemaConstants.SUBSCHEMA_OC);
      context.setAlteredEntry(placeholder);
    }
  }

  private boolean isSubschemaSubentry(ModifyOperationContext context) throws LdapException {
    // The subschema subentry of ApacheDS is always cn=schema.
    return context.getDn().equals(new Dn(schemaManager, SUBSCHEMA_DN));
  }
}
