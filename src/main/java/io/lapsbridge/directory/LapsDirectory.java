package io.lapsbridge.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A bound session with a directory that holds LAPS data: finds computers, reads and writes both
 * attribute families, and walks the estate with paged searches.
 */
public final class LapsDirectory implements AutoCloseable {
  private static final int PAGE_SIZE = 500;
  private static final String[] IDENTITY_ATTRIBUTES = {"cn", "sAMAccountName", "dNSHostName"};
  private static final String[] READ_ATTRIBUTES =
      Stream.concat(
              Stream.of(IDENTITY_ATTRIBUTES),
              Stream.of(LapsAttribute.values()).map(LapsAttribute::ldapName))
          .toArray(String[]::new);

  private final LDAPConnection connection;
  private final ConnectionSettings settings;
  private final String baseDn;

  private LapsDirectory(LDAPConnection connection, ConnectionSettings settings, String baseDn) {
    this.connection = connection;
    this.settings = settings;
    this.baseDn = baseDn;
  }

  /** Whether {@code text} is a non-empty RFC 4514 DN, so a typed DN is checked before connecting. */
  public static boolean isDn(String text) {
    return !text.isBlank() && DN.isValidDN(text);
  }

  /** Connects, secures and binds as the settings say. */
  public static LapsDirectory open(ConnectionSettings settings) throws DirectoryException {
    LDAPConnection connection = Connector.open(settings);
    try {
      String base = settings.baseDn() != null ? settings.baseDn() : defaultBase(connection);
      // With discovery, what follows (GetKey, messages) goes to the controller chosen.
      ConnectionSettings used = settings.host() != null ? settings
          : settings.at(connection.getConnectedAddress(), connection.getConnectedPort());
      return new LapsDirectory(connection, used, base);
    } catch (DirectoryException e) {
      connection.close();
      throw e;
    }
  }

  public String baseDn() {
    return baseDn;
  }

  /**
   * Whether {@code text} is a DN at or under this directory's base DN; false for a name that is
   * no DN, or a DN of another domain (which a search across domains asks only its own).
   */
  public boolean covers(String text) {
    try {
      return isDn(text) && new DN(text).isDescendantOf(new DN(baseDn), true);
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  /** The DNS name of the base DN's {@code DC=} parts ({@code example.com}), if it has any. */
  public Optional<String> dnsDomainName() {
    return DomainNames.dnsNameOf(baseDn);
  }

  public ConnectionSettings settings() {
    return settings;
  }

  LDAPConnection connection() {
    return connection;
  }

  /**
   * Finds one computer by DN, {@code cn}, {@code sAMAccountName} (with or without {@code $}) or
   * {@code dNSHostName}. The name is escaped into the filter; two or more matches are an error
   * that lists them.
   */
  public ComputerRef locate(String nameOrDn) throws DirectoryException {
    return locate(nameOrDn, note -> { });
  }

  /**
   * {@link #locate(String)}, and when a host name with dots matches nothing, its first label
   * among computers that have no {@code dNSHostName} (Samba's {@code computer create} and many
   * real joins leave it unset); {@code note} is told when that fallback found the computer.
   */
  public ComputerRef locate(String nameOrDn, Consumer<String> note) throws DirectoryException {
    if (nameOrDn == null || nameOrDn.isBlank()) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "computer name is empty");
    }
    if (looksLikeDn(nameOrDn)) {
      SearchResultEntry entry = readEntry(nameOrDn, IDENTITY_ATTRIBUTES);
      return computerRef(entry);
    }
    String name = nameOrDn.endsWith("$") ? nameOrDn.substring(0, nameOrDn.length() - 1) : nameOrDn;
    List<SearchResultEntry> found = search(nameOrDn, Filter.createORFilter(
        Filter.createEqualityFilter("cn", name),
        Filter.createEqualityFilter("sAMAccountName", name + "$"),
        Filter.createEqualityFilter("dNSHostName", name)));
    int dot = name.indexOf('.');
    if (found.isEmpty() && dot > 0) {
      String label = name.substring(0, dot);
      found = search(nameOrDn, Filter.createANDFilter(
          Filter.createORFilter(Filter.createEqualityFilter("cn", label),
              Filter.createEqualityFilter("sAMAccountName", label + "$")),
          Filter.createNOTFilter(Filter.createPresenceFilter("dNSHostName"))));
      if (found.size() == 1) {
        note.accept("no computer has dNSHostName '" + name + "'; using '" + label + "' ("
            + found.get(0).getDN() + "), which has no dNSHostName");
      }
    }
    if (found.isEmpty()) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "computer '" + nameOrDn + "' not found under " + baseDn);
    }
    if (found.size() > 1) {
      List<String> dns = found.stream().map(SearchResultEntry::getDN).sorted().toList();
      throw new DirectoryException(
          DirectoryException.Kind.AMBIGUOUS,
          "computer name '" + nameOrDn + "' is ambiguous; it matches " + dns.size()
              + (dns.size() > 10 ? "+" : "") + " computers: " + String.join("; ", dns)
              + " (give a DN instead)");
    }
    return computerRef(found.get(0));
  }

  /** Computers matching {@code identity}; at most 11, enough to report an ambiguity. */
  private List<SearchResultEntry> search(String nameOrDn, Filter identity)
      throws DirectoryException {
    SearchRequest request = new SearchRequest(baseDn, SearchScope.SUB, Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "computer"), identity), IDENTITY_ATTRIBUTES);
    request.setSizeLimit(11);
    try {
      return connection.search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (ResultCode.SIZE_LIMIT_EXCEEDED.equals(e.getResultCode())) {
        return e.getSearchEntries();
      }
      throw failure("search for computer '" + nameOrDn + "'", baseDn, null, e);
    }
  }

  /** Strict parsing, so that filter-like input such as {@code *)(cn=*} is treated as a name. */
  private static boolean looksLikeDn(String text) {
    try {
      return text.contains("=") && !new DN(text, null, true).isNullDN();
    } catch (LDAPException e) {
      return false;
    }
  }

  /** Reads both LAPS families of one computer. Malformed values become problems, not errors. */
  public LapsRecord read(ComputerRef computer) throws DirectoryException {
    return decode(readEntry(computer.dn(), READ_ATTRIBUTES));
  }

  /**
   * Streams every computer under {@code base} through the simple paged results control, one page
   * in memory at a time.
   */
  public void forEachComputer(String base, Consumer<LapsRecord> action) throws DirectoryException {
    String searchBase = base == null ? baseDn : base;
    ASN1OctetString cookie = null;
    do {
      SearchRequest request =
          new SearchRequest(
              searchBase,
              SearchScope.SUB,
              Filter.createEqualityFilter("objectClass", "computer"),
              READ_ATTRIBUTES);
      request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
      SearchResult result;
      try {
        result = connection.search(request);
      } catch (LDAPSearchException e) {
        throw failure("paged search for computers", searchBase, null, e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        action.accept(decode(entry));
      }
      try {
        SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
        cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
      } catch (LDAPException e) {
        throw failure("paged search for computers", searchBase, null, e);
      }
    } while (cookie != null);
  }

  /** Sets the expiry of one family to {@code when}, so the device's client rotates. */
  public void setExpiration(ComputerRef computer, AttributeFamily family, FileTime when)
      throws DirectoryException {
    LapsAttribute attribute = LapsAttribute.expirationOf(family);
    modify(
        computer.dn(),
        attribute,
        new Modification(
            ModificationType.REPLACE, attribute.ldapName(), FileTimeText.toDecimal(when)));
  }

  /**
   * Writes the legacy password and its expiry in one modify, as the AdmPwd client does. Used by
   * fixtures and the agent; the caller reads back to confirm.
   */
  public void writeLegacy(ComputerRef computer, Secret password, FileTime expires)
      throws DirectoryException {
    modify(
        computer.dn(),
        LapsAttribute.LEGACY_PASSWORD,
        new Modification(
            ModificationType.REPLACE, LapsAttribute.LEGACY_PASSWORD.ldapName(), password.reveal()),
        new Modification(
            ModificationType.REPLACE,
            LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(),
            FileTimeText.toDecimal(expires)));
  }

  /** Writes {@code msLAPS-Password} JSON and its expiry in one modify, as Windows LAPS does. */
  public void writeWindowsCleartext(
      ComputerRef computer, WindowsLapsPasswordJson.Value value, FileTime expires)
      throws DirectoryException {
    writeWindowsCleartext(computer, value, expires, Optional.empty());
  }

  /**
   * Writes {@code msLAPS-Password} JSON, its expiry and, when given, {@code
   * msLAPS-CurrentPasswordVersion} in one modify.
   */
  public void writeWindowsCleartext(
      ComputerRef computer, WindowsLapsPasswordJson.Value value, FileTime expires,
      Optional<java.util.UUID> version) throws DirectoryException {
    List<Modification> mods = new ArrayList<>(List.of(
        new Modification(
            ModificationType.REPLACE,
            LapsAttribute.PASSWORD.ldapName(),
            WindowsLapsPasswordJson.format(value)),
        new Modification(
            ModificationType.REPLACE,
            LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(),
            FileTimeText.toDecimal(expires))));
    version.ifPresent(v -> mods.add(PasswordVersion.replace(v)));
    modify(computer.dn(), LapsAttribute.PASSWORD, mods.toArray(new Modification[0]));
  }

  private void modify(String dn, LapsAttribute attribute, Modification... modifications)
      throws DirectoryException {
    try {
      LDAPResult result = connection.modify(dn, modifications);
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw failure("modify", dn, attribute, new LDAPException(result));
      }
    } catch (LDAPException e) {
      throw failure("modify", dn, attribute, e);
    }
  }

  private SearchResultEntry readEntry(String dn, String[] attributes) throws DirectoryException {
    try {
      SearchResultEntry entry = connection.getEntry(dn, attributes);
      if (entry == null) {
        throw new DirectoryException(
            DirectoryException.Kind.NOT_FOUND, "no entry '" + dn + "'");
      }
      return entry;
    } catch (LDAPException e) {
      throw failure("read", dn, null, e);
    }
  }

  private static ComputerRef computerRef(SearchResultEntry entry) {
    String cn = entry.getAttributeValue("cn");
    String name = cn != null ? cn : entry.getDN();
    return new ComputerRef(
        entry.getDN(),
        name,
        entry.getAttributeValue("sAMAccountName"),
        entry.getAttributeValue("dNSHostName"));
  }

  private static LapsRecord decode(SearchResultEntry entry) {
    ComputerRef computer = computerRef(entry);
    Set<LapsAttribute> present = EnumSet.noneOf(LapsAttribute.class);
    for (LapsAttribute attribute : LapsAttribute.values()) {
      if (entry.hasAttribute(attribute.ldapName())) {
        present.add(attribute);
      }
    }
    List<LapsRecord.ValueProblem> problems = new ArrayList<>();
    Optional<FileTime> legacyExpiry =
        fileTime(entry, LapsAttribute.LEGACY_EXPIRATION_TIME, problems);
    Optional<FileTime> windowsExpiry =
        fileTime(entry, LapsAttribute.PASSWORD_EXPIRATION_TIME, problems);

    Optional<LapsPassword> legacy =
        Optional.ofNullable(entry.getAttributeValue(LapsAttribute.LEGACY_PASSWORD.ldapName()))
            .map(
                text ->
                    new LapsPassword(
                        null,
                        Secret.of(text),
                        null,
                        legacyExpiry.map(FileTime::toInstant).orElse(null),
                        PasswordSource.LEGACY_CLEARTEXT));

    Optional<LapsPassword> windows = Optional.empty();
    String json = entry.getAttributeValue(LapsAttribute.PASSWORD.ldapName());
    if (json != null) {
      try {
        WindowsLapsPasswordJson.Value value = WindowsLapsPasswordJson.parse(json);
        windows =
            Optional.of(
                new LapsPassword(
                    value.account(),
                    value.password(),
                    value.updated().toInstant(),
                    windowsExpiry.map(FileTime::toInstant).orElse(null),
                    PasswordSource.WINDOWS_CLEARTEXT));
      } catch (MalformedValueException e) {
        problems.add(new LapsRecord.ValueProblem(LapsAttribute.PASSWORD, e.getMessage()));
      }
    }
    return new LapsRecord(
        computer, legacy, legacyExpiry, windows, windowsExpiry, present, problems);
  }

  private static Optional<FileTime> fileTime(
      SearchResultEntry entry, LapsAttribute attribute, List<LapsRecord.ValueProblem> problems) {
    String text = entry.getAttributeValue(attribute.ldapName());
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(FileTimeText.parseDecimal(text));
    } catch (MalformedValueException e) {
      problems.add(new LapsRecord.ValueProblem(attribute, e.getMessage()));
      return Optional.empty();
    }
  }

  private static String defaultBase(LDAPConnection connection) throws DirectoryException {
    try {
      RootDSE root = connection.getRootDSE();
      if (root == null) {
        throw new DirectoryException(
            DirectoryException.Kind.REJECTED, "the server's root DSE is not readable; give --base-dn");
      }
      String defaultContext = root.getAttributeValue("defaultNamingContext");
      if (defaultContext != null) {
        return defaultContext;
      }
      String[] contexts = root.getNamingContextDNs();
      if (contexts != null) {
        // ApacheDS lists its own housekeeping contexts beside the data.
        Set<String> housekeeping = Set.of("ou=system", "ou=schema", "ou=config");
        for (String context : contexts) {
          if (!housekeeping.contains(context.toLowerCase(java.util.Locale.ROOT))) {
            return context;
          }
        }
      }
      throw new DirectoryException(
          DirectoryException.Kind.REJECTED,
          "the server names no default naming context; give --base-dn");
    } catch (LDAPException e) {
      throw failure("read root DSE", "", null, e);
    }
  }

  /** Translates an LDAP failure, keeping operation, DN, attribute and result code. */
  static DirectoryException failure(
      String operation, String dn, LapsAttribute attribute, LDAPException e) {
    ResultCode code = e.getResultCode();
    String target = "'" + dn + "'" + (attribute == null ? "" : " attribute " + attribute.ldapName());
    String detail = Ldap.code(code) + Ldap.diagnosticSuffix(e.getDiagnosticMessage());
    DirectoryException.Kind kind;
    String message;
    if (Ldap.isConnectionLoss(code)) {
      kind = DirectoryException.Kind.UNREACHABLE;
      message = operation + " on " + target + " failed: the directory is unreachable: " + detail;
    } else if (ResultCode.NO_SUCH_OBJECT.equals(code)) {
      kind = DirectoryException.Kind.NOT_FOUND;
      message = "no entry " + target + " (" + detail + ")";
    } else if (ResultCode.INSUFFICIENT_ACCESS_RIGHTS.equals(code)
        || ResultCode.STRONG_AUTH_REQUIRED.equals(code)
        || ResultCode.CONFIDENTIALITY_REQUIRED.equals(code)) {
      kind = DirectoryException.Kind.ACCESS_DENIED;
      message = "access denied: " + operation + " on " + target + ": " + detail;
    } else if (ResultCode.UNDEFINED_ATTRIBUTE_TYPE.equals(code)
        || ResultCode.OBJECT_CLASS_VIOLATION.equals(code)
        || ResultCode.NO_SUCH_ATTRIBUTE.equals(code)) {
      // ApacheDS answers 16 where AD answers 17 for an attribute the schema lacks.
      kind = DirectoryException.Kind.SCHEMA_MISSING;
      message = operation + " on " + target + " failed: the LAPS schema is missing or"
          + " incomplete (run `lapsbridge schema check`): " + detail;
    } else {
      kind = DirectoryException.Kind.REJECTED;
      message = operation + " on " + target + " failed: " + detail;
    }
    return new DirectoryException(kind, message, Ldap.code(code), e);
  }

  @Override
  public void close() {
    connection.close();
  }

  /** Wraps a connection the agent opened and bound itself (server sets, GSSAPI). */
  static LapsDirectory adopt(LDAPConnection connection, ConnectionSettings settings)
      throws DirectoryException {
    try {
      String base = settings.baseDn() != null ? settings.baseDn() : defaultBase(connection);
      return new LapsDirectory(connection, settings, base);
    } catch (DirectoryException e) {
      connection.close();
      throw e;
    }
  }
}
