package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.migration.Action;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.util.List;

/**
 * The modify that refreshes an out-of-date mirror, built from the entry read just before it.
 * Kept out of {@link GuardedWriter} so that the writer's hot path stays as it is.
 *
 * <p>Conditional three ways, on exactly what the read showed: the old {@code msLAPS-Password}
 * value (so a Windows LAPS client's write in between is never overwritten), the legacy password
 * (so the copy is never of a value a client just replaced) and the mirror's expiry (so an
 * expiry someone set in between stands). With the assertion control the same three are an
 * assertion filter.
 *
 * @param guarded the value-guarded modifications
 * @param plain the modifications under the assertion control
 * @param assertion the assertion filter
 */
record MirrorRefreshWrite(List<Modification> guarded, List<Modification> plain, Filter assertion) {

  static MirrorRefreshWrite of(SearchResultEntry entry, Action.RefreshMirror a) {
    String legacyName = LapsAttribute.LEGACY_PASSWORD.ldapName();
    String passwordName = LapsAttribute.PASSWORD.ldapName();
    String expiryName = LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
    String legacy = entry.getAttributeValue(legacyName);
    String oldJson = entry.getAttributeValue(passwordName);
    String oldExpiry = entry.getAttributeValue(expiryName);
    if (legacy == null || oldJson == null || oldExpiry == null) {
      throw new IllegalStateException("checked: a legacy password and a marked mirror are present");
    }
    String json;
    try (Secret password = Secret.of(legacy)) {
      json = WindowsLapsPasswordJson.format(
          new WindowsLapsPasswordJson.Value(a.account(), a.updated(), password));
    }
    String expiry = FileTimeText.toDecimal(a.updated());
    List<Modification> guarded = List.of(
        new Modification(ModificationType.DELETE, passwordName, oldJson),
        new Modification(ModificationType.ADD, passwordName, json),
        new Modification(ModificationType.DELETE, legacyName, legacy),
        new Modification(ModificationType.ADD, legacyName, legacy),
        new Modification(ModificationType.DELETE, expiryName, oldExpiry),
        new Modification(ModificationType.ADD, expiryName, expiry));
    List<Modification> plain = List.of(
        new Modification(ModificationType.REPLACE, passwordName, json),
        new Modification(ModificationType.REPLACE, expiryName, expiry));
    Filter assertion = Filter.createANDFilter(
        Filter.createEqualityFilter(passwordName, oldJson),
        Filter.createEqualityFilter(legacyName, legacy),
        Filter.createEqualityFilter(expiryName, oldExpiry));
    return new MirrorRefreshWrite(guarded, plain, assertion);
  }

  /** The modifications hold the password: never printed. */
  @Override
  public String toString() {
    return "MirrorRefreshWrite[" + guarded.size() + " guarded modifications]";
  }
}
