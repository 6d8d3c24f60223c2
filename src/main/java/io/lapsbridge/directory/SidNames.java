package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.model.Sid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves SIDs to account names ({@code sAMAccountName}) through {@code objectSid}, for the
 * AuthorizedDecryptor column. Best effort: a SID the bind cannot resolve stays a SID. Results,
 * found or not, are cached for the session.
 */
public final class SidNames {
  private final LapsDirectory directory;
  private final Map<String, Optional<String>> cache = new HashMap<>();

  public SidNames(LapsDirectory directory) {
    this.directory = directory;
  }

  /** The account name of {@code sid}, or empty when no single object under the base has it. */
  public Optional<String> nameOf(String sid) {
    return cache.computeIfAbsent(sid, this::lookUp);
  }

  private Optional<String> lookUp(String sid) {
    Optional<Sid> parsed = Sid.parse(sid);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    byte[] binary = parsed.get().toBytes();
    SearchRequest request =
        new SearchRequest(
            directory.baseDn(), SearchScope.SUB, Filter.createEqualityFilter("objectSid", binary),
            "sAMAccountName", "cn");
    request.setSizeLimit(2);
    try {
      List<SearchResultEntry> found = directory.connection().search(request).getSearchEntries();
      if (found.size() != 1) {
        return Optional.empty();
      }
      SearchResultEntry entry = found.get(0);
      String name = entry.getAttributeValue("sAMAccountName");
      return Optional.ofNullable(name != null ? name : entry.getAttributeValue("cn"));
    } catch (LDAPException e) {
      // Resolution is a convenience; the SID itself is always shown.
      return Optional.empty();
    }
  }
}
