package io.lapsbridge.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsEncryptedValue;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads computers as {@link ComputerSnapshot}s for the migration engine: a paged walk of the
 * estate (one page in memory) and single live reads for apply. Passwords are compared here and
 * wiped; none leaves this class.
 */
public final class EstateReader {
  /** The page size; the benchmark compares against {@code ldapsearch -E pr=1000}. */
  public static final int PAGE_SIZE = 1000;

  static final String[] ATTRIBUTES = {
    "cn",
    LapsAttribute.LEGACY_PASSWORD.ldapName(),
    LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(),
    LapsAttribute.PASSWORD.ldapName(),
    LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(),
    LapsAttribute.ENCRYPTED_PASSWORD.ldapName()
  };

  private final LDAPInterface connection;
  private final String baseDn;

  public EstateReader(LapsDirectory directory) {
    this(directory.connection(), directory.baseDn());
  }

  EstateReader(LDAPInterface connection, String baseDn) {
    this.connection = connection;
    this.baseDn = baseDn;
  }

  /** Streams every computer under {@code base} (null: the directory's base). */
  public void forEachComputer(String base, Consumer<ComputerSnapshot> action)
      throws DirectoryException {
    forEachEntry(base, ATTRIBUTES, entry -> action.accept(snapshot(entry)));
  }

  /**
   * {@link #forEachComputer}, with each computer's {@code lastLogonTimestamp} (null when it has
   * none: never logged on, or a directory without the attribute), for {@code doctor}'s stale
   * computers.
   */
  public void forEachComputerWithLogon(String base,
      java.util.function.BiConsumer<ComputerSnapshot, FileTime> action)
      throws DirectoryException {
    String[] attributes = java.util.Arrays.copyOf(ATTRIBUTES, ATTRIBUTES.length + 1);
    attributes[ATTRIBUTES.length] = LAST_LOGON;
    forEachEntry(base, attributes, entry -> {
      FileTime logon = null;
      String text = entry.getAttributeValue(LAST_LOGON);
      if (text != null) {
        try {
          logon = FileTimeText.parseDecimal(text);
        } catch (MalformedValueException e) {
          // An unreadable logon time says nothing about staleness; the computer counts as unknown.
        }
      }
      action.accept(snapshot(entry), logon);
    });
  }

  private static final String LAST_LOGON = "lastLogonTimestamp";

  private void forEachEntry(String base, String[] attributes,
      Consumer<SearchResultEntry> action) throws DirectoryException {
    String searchBase = base == null ? baseDn : base;
    ASN1OctetString cookie = null;
    do {
      SearchRequest request = new SearchRequest(searchBase, SearchScope.SUB,
          Filter.createEqualityFilter("objectClass", "computer"), attributes);
      request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
      SearchResult result;
      try {
        result = connection.search(request);
      } catch (LDAPSearchException e) {
        throw LapsDirectory.failure("paged search for computers", searchBase, null, e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        action.accept(entry);
      }
      try {
        SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
        cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
      } catch (LDAPException e) {
        throw LapsDirectory.failure("paged search for computers", searchBase, null, e);
      }
    } while (cookie != null);
  }

  /**
   * {@link #forEachComputer}, for a migration: stops with access denied at the first computer
   * holding a password this bind cannot read, since a plan from such a view would be wrong.
   */
  public void forEachReadableComputer(String base, Consumer<ComputerSnapshot> action)
      throws DirectoryException {
    DirectoryException[] denied = new DirectoryException[1];
    forEachComputer(base, snapshot -> {
      if (denied[0] == null) {
        denied[0] = hidden(snapshot);
      }
      if (denied[0] == null) {
        action.accept(snapshot);
      }
    });
    if (denied[0] != null) {
      throw denied[0];
    }
  }

  private static final String CANNOT_READ = "access denied: the bind cannot read ";

  /** Whether {@code e} is {@link #hidden}'s: a property of the bind, not of one entry. */
  static boolean bindCannotRead(DirectoryException e) {
    return e.kind() == DirectoryException.Kind.ACCESS_DENIED
        && e.getMessage().startsWith(CANNOT_READ);
  }

  /** Access denied for {@code snapshot}'s hidden passwords, or null when none are hidden. */
  static DirectoryException hidden(ComputerSnapshot snapshot) {
    List<String> hidden = snapshot.hiddenPasswords();
    if (hidden.isEmpty()) {
      return null;
    }
    return new DirectoryException(DirectoryException.Kind.ACCESS_DENIED, CANNOT_READ
        + String.join(" and ", hidden) + " on '" + snapshot.dn()
        + "' (its expiry is readable, so a password is stored); a migration needs the read and"
        + " control-access rights that 'lapsbridge permissions grant-read' gives");
  }

  /**
   * Members of each group, for rules scoped to groups: transitive (members of member groups,
   * any depth), keyed by the rule's DN. See {@link GroupReader}.
   */
  public java.util.Map<String, Set<String>> groupMembers(List<String> groupDns)
      throws DirectoryException {
    return new GroupReader(connection, baseDn).transitiveMembers(groupDns,
        io.lapsbridge.migration.GroupNesting.MAX_GROUPS);
  }

  /** Reads one computer now. */
  public ComputerSnapshot read(String dn) throws DirectoryException {
    return snapshot(readEntry(connection, dn));
  }

  static SearchResultEntry readEntry(LDAPInterface connection, String dn)
      throws DirectoryException {
    try {
      SearchResultEntry entry = connection.getEntry(dn, ATTRIBUTES);
      if (entry == null) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no entry '" + dn + "'");
      }
      return entry;
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read", dn, null, e);
    }
  }

  static ComputerSnapshot snapshot(SearchResultEntry entry) {
    List<ComputerSnapshot.Problem> problems = new ArrayList<>();
    String cn = entry.getAttributeValue("cn");
    String legacyText = entry.getAttributeValue(LapsAttribute.LEGACY_PASSWORD.ldapName());
    FileTime legacyExpiry = time(entry, LapsAttribute.LEGACY_EXPIRATION_TIME, problems);
    FileTime windowsExpiry = time(entry, LapsAttribute.PASSWORD_EXPIRATION_TIME, problems);
    String json = entry.getAttributeValue(LapsAttribute.PASSWORD.ldapName());
    boolean cleartext = false;
    boolean mirrors = false;
    FileTime updated = null;
    String account = null;
    if (json != null) {
      try {
        WindowsLapsPasswordJson.Value value = WindowsLapsPasswordJson.parse(json);
        cleartext = true;
        updated = value.updated();
        account = value.account();
        try (Secret windows = value.password()) {
          if (legacyText != null) {
            try (Secret legacy = Secret.of(legacyText)) {
              mirrors = legacy.sameAs(windows);
            }
          }
        }
      } catch (MalformedValueException e) {
        problems.add(new ComputerSnapshot.Problem(LapsAttribute.PASSWORD.ldapName(),
            e.getMessage()));
      }
    }
    byte[] encrypted = entry.getAttributeValueBytes(LapsAttribute.ENCRYPTED_PASSWORD.ldapName());
    if (encrypted != null) {
      try {
        FileTime encryptedUpdated = LapsEncryptedValue.parse(encrypted).updated();
        if (updated == null || encryptedUpdated.compareTo(updated) > 0) {
          updated = encryptedUpdated;
        }
      } catch (LapsCryptoException e) {
        problems.add(new ComputerSnapshot.Problem(
            LapsAttribute.ENCRYPTED_PASSWORD.ldapName(), e.getMessage()));
      }
    }
    return new ComputerSnapshot(entry.getDN(), cn != null ? cn : entry.getDN(), legacyText != null,
        legacyExpiry, cleartext, updated, windowsExpiry, encrypted != null, mirrors, problems,
        account);
  }

  private static FileTime time(SearchResultEntry entry, LapsAttribute attribute,
      List<ComputerSnapshot.Problem> problems) {
    String text = entry.getAttributeValue(attribute.ldapName());
    if (text == null) {
      return null;
    }
    try {
      return FileTimeText.parseDecimal(text);
    } catch (MalformedValueException e) {
      problems.add(new ComputerSnapshot.Problem(attribute.ldapName(), e.getMessage()));
      return null;
    }
  }
}
