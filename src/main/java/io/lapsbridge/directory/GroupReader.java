package io.lapsbridge.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.lapsbridge.migration.GroupNesting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Members of the groups rules scope to, nested groups included (see {@link GroupNesting}).
 *
 * <p>Searches: one paged search for the DNs of every group in the naming contexts that hold the
 * rule groups (no attributes, so it is cheap), then one base read per group the nesting
 * actually reaches. Walking is portable; Active Directory alone could answer each rule group in
 * one search with the {@code LDAP_MATCHING_RULE_IN_CHAIN} rule ({@code 1.2.840.113556.1.4.1941}),
 * which ApacheDS lacks.
 */
final class GroupReader {
  static final Filter GROUPS = Filter.createORFilter(
      Filter.createEqualityFilter("objectClass", "group"),
      Filter.createEqualityFilter("objectClass", "groupOfNames"));
  private static final String RANGE = "member;range=";

  private final LDAPInterface connection;
  private final String fallbackBase;

  GroupReader(LDAPInterface connection, String fallbackBase) {
    this.connection = connection;
    this.fallbackBase = fallbackBase;
  }

  Map<String, Set<String>> transitiveMembers(List<String> ruleGroups, int maxGroups)
      throws DirectoryException {
    if (ruleGroups.isEmpty()) {
      return Map.of();
    }
    List<String> groups = new ArrayList<>();
    for (String base : searchBases(ruleGroups)) {
      groupDns(base, groups);
    }
    return GroupNesting.resolve(ruleGroups, groups, this::members, maxGroups);
  }

  /** The naming contexts holding the rule groups; the directory base if none is listed. */
  private Set<String> searchBases(List<String> ruleGroups) throws DirectoryException {
    Set<String> bases = new LinkedHashSet<>();
    String[] contexts;
    try {
      RootDSE root = connection.getRootDSE();
      contexts = root == null ? null : root.getNamingContextDNs();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read root DSE", "", null, e);
    }
    for (String group : ruleGroups) {
      String best = null;
      try {
        DN dn = new DN(group);
        for (String context : contexts == null ? new String[0] : contexts) {
          DN candidate = new DN(context);
          if (dn.isDescendantOf(candidate, true)
              && (best == null || candidate.isDescendantOf(new DN(best), false))) {
            best = context;
          }
        }
      } catch (LDAPException e) {
        throw new DirectoryException(DirectoryException.Kind.REJECTED,
            "rule group '" + group + "' is not a valid DN");
      }
      bases.add(best == null ? fallbackBase : best);
    }
    return bases;
  }

  private void groupDns(String base, List<String> into) throws DirectoryException {
    ASN1OctetString cookie = null;
    do {
      SearchRequest request = new SearchRequest(base, SearchScope.SUB, GROUPS, "1.1");
      request.setControls(new SimplePagedResultsControl(EstateReader.PAGE_SIZE, cookie, true));
      SearchResult result;
      try {
        result = connection.search(request);
      } catch (LDAPSearchException e) {
        throw LapsDirectory.failure("paged search for groups", base, null, e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        into.add(entry.getDN());
      }
      try {
        SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
        cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
      } catch (LDAPException e) {
        throw LapsDirectory.failure("paged search for groups", base, null, e);
      }
    } while (cookie != null);
  }

  /**
   * One group's {@code member} values. Active Directory returns at most MaxValRange values
   * (1500 by default) per read, as {@code member;range=0-1499}; the rest are read with
   * {@code member;range=1500-*} and so on until a range ends in {@code *}.
   */
  private Optional<List<String>> members(String dn, boolean ruleGroup)
      throws DirectoryException {
    List<String> values = new ArrayList<>();
    String requested = "member";
    while (true) {
      SearchResultEntry entry;
      try {
        entry = connection.getEntry(dn, requested);
      } catch (LDAPException e) {
        throw LapsDirectory.failure("read group", dn, null, e);
      }
      if (entry == null) {
        if (ruleGroup) {
          throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
              "rule group '" + dn + "' does not exist");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
      }
      Long next = null;
      for (Attribute attribute : entry.getAttributes()) {
        String name = attribute.getName().toLowerCase(Locale.ROOT);
        if (name.equals("member")) {
          values.addAll(List.of(attribute.getValues()));
        } else if (name.startsWith(RANGE)) {
          values.addAll(List.of(attribute.getValues()));
          next = nextRange(name.substring(RANGE.length()), dn);
        }
      }
      if (next == null) {
        return Optional.of(values);
      }
      requested = RANGE + next + "-*";
    }
  }

  /** The first value of the next range after {@code low-high}, or null after {@code low-*}. */
  static Long nextRange(String range, String dn) throws DirectoryException {
    int dash = range.indexOf('-');
    try {
      if (dash < 1) {
        throw new NumberFormatException(range);
      }
      long low = Long.parseLong(range.substring(0, dash));
      String high = range.substring(dash + 1);
      if (high.equals("*")) {
        return null;
      }
      long last = Long.parseLong(high);
      if (last < low) {
        throw new NumberFormatException(range);
      }
      return last + 1;
    } catch (NumberFormatException e) {
      throw new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE,
          "group '" + dn + "': the server returned an unreadable member range '" + range + "'");
    }
  }
}
