package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the console asks beside a computer's LAPS values, as the signed-in user: computers whose
 * name, {@code sAMAccountName} or DNS name starts with what was typed (suggestions), and the bind
 * account's own {@code objectSid} (for the audit record).
 */
public final class ComputerSuggestions {
  private static final String[] ATTRIBUTES = {"cn", "sAMAccountName", "dNSHostName"};

  private ComputerSuggestions() {}

  /**
   * At most {@code limit} computers whose {@code cn}, {@code sAMAccountName} or {@code
   * dNSHostName} starts with {@code prefix}, sorted by name. The prefix is escaped into the filter
   * by the SDK, so {@code *} and parentheses are plain characters.
   */
  public static List<ComputerRef> startingWith(LapsDirectory directory, String prefix, int limit)
      throws DirectoryException {
    if (prefix == null || prefix.isBlank() || limit < 1) {
      return List.of();
    }
    Filter filter = Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "computer"),
        Filter.createORFilter(
            Filter.createSubstringFilter("cn", prefix, null, null),
            Filter.createSubstringFilter("sAMAccountName", prefix, null, null),
            Filter.createSubstringFilter("dNSHostName", prefix, null, null)));
    SearchRequest request =
        new SearchRequest(directory.baseDn(), SearchScope.SUB, filter, ATTRIBUTES);
    request.setSizeLimit(limit);
    List<SearchResultEntry> entries;
    try {
      entries = directory.connection().search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (!ResultCode.SIZE_LIMIT_EXCEEDED.equals(e.getResultCode())) {
        throw LapsDirectory.failure("search for computers starting with a prefix",
            directory.baseDn(), null, e);
      }
      entries = e.getSearchEntries();
    }
    List<ComputerRef> found = new ArrayList<>();
    for (SearchResultEntry entry : entries) {
      String cn = entry.getAttributeValue("cn");
      found.add(new ComputerRef(entry.getDN(), cn != null ? cn : entry.getDN(),
          entry.getAttributeValue("sAMAccountName"), entry.getAttributeValue("dNSHostName")));
    }
    found.sort(Comparator.comparing(ComputerRef::name, String.CASE_INSENSITIVE_ORDER));
    return found;
  }

  /** The {@code objectSid} of the bind's own entry, when it is a DN and the entry has one. */
  public static Optional<Sid> bindSid(LapsDirectory directory) {
    String bind = directory.settings().bindDn();
    if (bind == null || !LapsDirectory.isDn(bind)) {
      return Optional.empty();
    }
    try {
      SearchResultEntry entry = directory.connection().getEntry(bind, "objectSid");
      byte[] sid = entry == null ? null : entry.getAttributeValueBytes("objectSid");
      return sid == null ? Optional.empty() : Optional.of(LittleEndianReader.sidOf(sid));
    } catch (LDAPException | BinaryFormatException e) {
      // The audit record then names the DN alone; a SID that cannot be read stops no read.
      return Optional.empty();
    }
  }
}
