package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Computer names that start with what a user has typed, for completion ({@code lapsbridge
 * shell}): a substring filter on {@code cn} and {@code sAMAccountName}, the typed text escaped
 * by the SDK (so {@code *)(x=*} is looked for as text), and a size limit.
 */
public final class ComputerNameSearch {
  private ComputerNameSearch() {}

  /**
   * The matches, by {@code cn}, sorted case-insensitively.
   *
   * @param limit the most names to return; a longer answer is cut (and {@link Names#complete}
   *     is false)
   */
  public static Names startingWith(LapsDirectory directory, String prefix, int limit)
      throws DirectoryException {
    Filter filter = Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "computer"),
        prefix.isEmpty() ? Filter.createPresenceFilter("cn") : Filter.createORFilter(
            Filter.createSubstringFilter("cn", prefix, null, null),
            Filter.createSubstringFilter("sAMAccountName", prefix, null, null)));
    SearchRequest request = new SearchRequest(directory.baseDn(), SearchScope.SUB, filter, "cn");
    request.setSizeLimit(limit + 1);
    List<SearchResultEntry> entries;
    try {
      entries = directory.connection().search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (!ResultCode.SIZE_LIMIT_EXCEEDED.equals(e.getResultCode())) {
        throw LapsDirectory.failure("search for computer names starting with '" + prefix + "'",
            directory.baseDn(), null, e);
      }
      entries = e.getSearchEntries();
    }
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (SearchResultEntry entry : entries) {
      String cn = entry.getAttributeValue("cn");
      if (cn != null && cn.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
        names.add(cn);
      }
    }
    boolean complete = entries.size() <= limit;
    return new Names(names.stream().limit(limit).toList(), complete);
  }

  /** Names found, and whether they are all there are. */
  public record Names(List<String> names, boolean complete) {
    public Names {
      names = List.copyOf(names);
    }
  }
}
