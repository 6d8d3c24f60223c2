package io.lapsbridge.directory;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.lapsbridge.model.Sid;
import io.lapsbridge.security.Guids;
import io.lapsbridge.security.LapsGuids;
import io.lapsbridge.security.SecuredObject;
import io.lapsbridge.security.SecurityDescriptor;
import io.lapsbridge.security.SecurityFormatException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.WindowsGuid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Security descriptors over LDAP: reads and writes only the DACL or only the SACL with the
 * SD_FLAGS control, looks up LAPS schema GUIDs in the schema naming context, and resolves
 * principals to SIDs and SIDs to names through {@code objectSid}.
 *
 * <p>A server that does not list SD_FLAGS in {@code supportedControl} (the ApacheDS stand-in)
 * gets the same semantics done client-side: read the whole value, replace only the requested
 * part, write the whole value back.
 */
public final class SecurityDirectory {
  /** LDAP_SERVER_SD_FLAGS_OID. */
  public static final String SD_FLAGS_OID = "1.2.840.113556.1.4.801";

  private static final String ATTRIBUTE = "nTSecurityDescriptor";
  private static final int PAGE_SIZE = 500;
  /** OWNER_SECURITY_INFORMATION in SD_FLAGS. */
  private static final int OWNER_FLAG = 0x1;

  /** Which part of the descriptor an operation reads or writes. */
  public enum Part {
    DACL(0x4),
    SACL(0x8);

    private final int flag;

    Part(int flag) {
      this.flag = flag;
    }
  }

  /** A principal as resolved: its SID, a display name, and its DN when it is a directory object. */
  public record Principal(Sid sid, String name, Optional<String> dn) {}

  private final LapsDirectory directory;
  private final LDAPConnection connection;
  private final boolean serverHonoursSdFlags;
  private final String domainRoot;
  private final String schemaContext;
  private final String netbiosName;
  private final Map<Sid, String> names = new HashMap<>();

  private SecurityDirectory(LapsDirectory directory) throws DirectoryException {
    this.directory = directory;
    this.connection = directory.connection();
    RootDSE root;
    try {
      root = connection.getRootDSE();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read the root DSE", "", null, e);
    }
    serverHonoursSdFlags = root != null && root.supportsControl(SD_FLAGS_OID);
    String defaultContext = root == null ? null : root.getAttributeValue("defaultNamingContext");
    domainRoot = defaultContext != null ? defaultContext : namingContextOf(root, directory.baseDn());
    String schema = root == null ? null : root.getAttributeValue("schemaNamingContext");
    schemaContext = schema != null ? schema : "CN=Schema,CN=Configuration," + domainRoot;
    String configuration = root == null ? null : root.getAttributeValue("configurationNamingContext");
    netbiosName = netbiosName(connection,
        configuration != null ? configuration : "CN=Configuration," + domainRoot, domainRoot);
  }

  /**
   * The domain's NetBIOS name from its crossRef in CN=Partitions; the first label of the domain
   * DN, upper-cased, when there is none (the stand-in has no Partitions container).
   */
  private static String netbiosName(LDAPConnection connection, String configuration, String domainRoot) {
    try {
      SearchResult result = connection.search("CN=Partitions," + configuration, SearchScope.ONE,
          Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "crossRef"),
              Filter.createEqualityFilter("nCName", domainRoot)), "nETBIOSName");
      for (SearchResultEntry entry : result.getSearchEntries()) {
        String name = entry.getAttributeValue("nETBIOSName");
        if (name != null && !name.isBlank()) {
          return name.toUpperCase(Locale.ROOT);
        }
      }
    } catch (LDAPException e) {
      // No Partitions container or no right to read it: fall back to the DN's first label.
    }
    return firstRdnValue(domainRoot).toUpperCase(Locale.ROOT);
  }

  /** Security operations on an open directory session. */
  public static SecurityDirectory of(LapsDirectory directory) throws DirectoryException {
    return new SecurityDirectory(directory);
  }

  /** The domain's NetBIOS name (its crossRef's nETBIOSName), as in NTLM's <code>DOMAIN&#92;user</code>. */
  public String netbiosName() {
    return netbiosName;
  }

  public String domainRoot() {
    return domainRoot;
  }

  /** Whether the server applies SD_FLAGS itself (AD does; the stand-in does not). */
  public boolean serverHonoursSdFlags() {
    return serverHonoursSdFlags;
  }

  private static String namingContextOf(RootDSE root, String base) {
    if (root != null && root.getNamingContextDNs() != null) {
      for (String context : root.getNamingContextDNs()) {
        try {
          if (new DN(base).isDescendantOf(new DN(context), true)) {
            return context;
          }
        } catch (LDAPException e) {
          // An unparsable naming context cannot contain the base; try the next one.
        }
      }
    }
    return base;
  }

  private static String firstRdnValue(String dn) {
    try {
      return new DN(dn).getRDN().getAttributeValues()[0];
    } catch (LDAPException | ArrayIndexOutOfBoundsException e) {
      return dn;
    }
  }

  static Control sdFlags(Part part) {
    return sdFlags(part.flag);
  }

  private static Control sdFlags(int flags) {
    return new Control(SD_FLAGS_OID, true,
        new ASN1OctetString(new ASN1Sequence(new ASN1Integer(flags)).encode()));
  }

  /**
   * What the audit reads: the part, and with the DACL the owner too, whose SID AD wrote in place
   * of CREATOR OWNER in a computer's default ACEs.
   */
  private static int auditFlags(Part part) {
    return part == Part.DACL ? OWNER_FLAG | part.flag : part.flag;
  }

  /** The requested part of an object's descriptor, or empty when it has none. */
  public Optional<SecurityDescriptor> read(String dn, Part part) throws DirectoryException {
    SearchRequest request = new SearchRequest(dn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), ATTRIBUTE);
    if (serverHonoursSdFlags) {
      request.addControl(sdFlags(part));
    }
    SearchResultEntry entry;
    try {
      SearchResult result = connection.search(request);
      entry = result.getSearchEntries().isEmpty() ? null : result.getSearchEntries().get(0);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read " + ATTRIBUTE, dn, null, e);
    }
    if (entry == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no entry '" + dn + "'");
    }
    return decode(entry).map(sd -> serverHonoursSdFlags ? sd : only(sd, part));
  }

  private static Optional<SecurityDescriptor> decode(SearchResultEntry entry) throws DirectoryException {
    byte[] value = entry.getAttributeValueBytes(ATTRIBUTE);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SecurityDescriptor.fromBytes(value));
    } catch (SecurityFormatException e) {
      throw new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE,
          "'" + entry.getDN() + "' " + ATTRIBUTE + " is malformed at " + e.getMessage());
    }
  }

  /** What AD returns for one SD_FLAGS part: that ACL and nothing else. */
  static SecurityDescriptor only(SecurityDescriptor sd, Part part) {
    int keep = part == Part.DACL
        ? SecurityDescriptor.DACL_PRESENT | SecurityDescriptor.DACL_PROTECTED
            | SecurityDescriptor.DACL_AUTO_INHERITED | SecurityDescriptor.DACL_AUTO_INHERIT_REQ
            | SecurityDescriptor.DACL_DEFAULTED
        : SecurityDescriptor.SACL_PRESENT | SecurityDescriptor.SACL_PROTECTED
            | SecurityDescriptor.SACL_AUTO_INHERITED | SecurityDescriptor.SACL_AUTO_INHERIT_REQ
            | SecurityDescriptor.SACL_DEFAULTED;
    return new SecurityDescriptor((sd.control() & keep) | SecurityDescriptor.SELF_RELATIVE,
        Optional.empty(), Optional.empty(),
        part == Part.SACL ? sd.sacl() : Optional.empty(),
        part == Part.DACL ? sd.dacl() : Optional.empty());
  }

  /** {@code part} with the owner of {@code whole}: what SD_FLAGS owner and DACL return. */
  private static SecurityDescriptor withOwner(SecurityDescriptor part, SecurityDescriptor whole) {
    return new SecurityDescriptor(part.control()
        | (whole.control() & SecurityDescriptor.OWNER_DEFAULTED), whole.owner(), part.group(),
        part.sacl(), part.dacl());
  }

  /**
   * Replaces one part of an object's descriptor and reads it back; a read-back that differs is
   * an error. Owner, group and the other ACL stay as they are.
   */
  public void write(String dn, Part part, SecurityDescriptor wanted) throws DirectoryException {
    SecurityDescriptor partOnly = only(wanted, part);
    byte[] value;
    List<Control> controls = new ArrayList<>();
    if (serverHonoursSdFlags) {
      value = partOnly.toBytes();
      controls.add(sdFlags(part));
    } else {
      SecurityDescriptor whole = readWhole(dn).orElse(partOnly);
      value = merge(whole, partOnly, part).toBytes();
    }
    ModifyRequest modify = new ModifyRequest(dn, new Modification(ModificationType.REPLACE, ATTRIBUTE, value));
    modify.setControls(controls);
    try {
      connection.modify(modify);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("write " + ATTRIBUTE + " (" + part + ")", dn, null, e);
    }
    Optional<SecurityDescriptor> back = read(dn, part);
    if (back.isEmpty() || !Arrays.equals(only(back.get(), part).toBytes(), partOnly.toBytes())) {
      throw new DirectoryException(DirectoryException.Kind.REJECTED,
          "'" + dn + "' " + ATTRIBUTE + ": the " + part + " read back differs from the one written");
    }
  }

  private Optional<SecurityDescriptor> readWhole(String dn) throws DirectoryException {
    try {
      SearchResultEntry entry = connection.getEntry(dn, ATTRIBUTE);
      if (entry == null) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no entry '" + dn + "'");
      }
      return decode(entry);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read " + ATTRIBUTE, dn, null, e);
    }
  }

  private static SecurityDescriptor merge(SecurityDescriptor whole, SecurityDescriptor part, Part which) {
    SecurityDescriptor other = only(whole, which == Part.DACL ? Part.SACL : Part.DACL);
    int control = SecurityDescriptor.SELF_RELATIVE | other.control() | part.control()
        | (whole.control() & (SecurityDescriptor.OWNER_DEFAULTED | SecurityDescriptor.GROUP_DEFAULTED));
    return new SecurityDescriptor(control, whole.owner(), whole.group(),
        which == Part.SACL ? part.sacl() : other.sacl(),
        which == Part.DACL ? part.dacl() : other.dacl());
  }

  /**
   * The DACL of the {@code computer} class's {@code defaultSecurityDescriptor}, which every new
   * computer gets as explicit ACEs. Empty when the schema object has none; an error when it
   * cannot be parsed (its SDDL uses aliases relative to the domain SID, read from the root).
   */
  public Optional<io.lapsbridge.security.Acl> computerDefaultDacl() throws DirectoryException {
    String sddl;
    Sid domainSid;
    try {
      Filter filter = Filter.createANDFilter(
          Filter.createEqualityFilter("objectClass", "classSchema"),
          Filter.createEqualityFilter("lDAPDisplayName", "computer"));
      SearchResult result = connection.search(schemaContext, SearchScope.ONE, filter, "defaultSecurityDescriptor");
      sddl = result.getSearchEntries().isEmpty() ? null
          : result.getSearchEntries().get(0).getAttributeValue("defaultSecurityDescriptor");
      if (sddl == null) {
        return Optional.empty();
      }
      SearchResultEntry root = connection.getEntry(domainRoot, "objectSid");
      byte[] sid = root == null ? null : root.getAttributeValueBytes("objectSid");
      if (sid == null) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
            "'" + domainRoot + "' has no objectSid to resolve the computer class default descriptor");
      }
      domainSid = LittleEndianReader.sidOf(sid);
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read the computer class defaultSecurityDescriptor", schemaContext, null, e);
    } catch (BinaryFormatException e) {
      throw new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE,
          "'" + domainRoot + "' objectSid is malformed at " + e.getMessage());
    }
    try {
      return io.lapsbridge.security.Sddl.parse(sddl, domainSid).dacl();
    } catch (SecurityFormatException e) {
      throw new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE,
          "the computer class defaultSecurityDescriptor is not SDDL this tool reads: " + e.getMessage());
    }
  }

  /** The LAPS attributes' schemaIDGUIDs, empty for those the schema lacks. */
  public LapsGuids lapsGuids() throws DirectoryException {
    return new LapsGuids(schemaGuid(LapsAttribute.LEGACY_PASSWORD),
        schemaGuid(LapsAttribute.LEGACY_EXPIRATION_TIME), schemaGuid(LapsAttribute.PASSWORD),
        schemaGuid(LapsAttribute.PASSWORD_EXPIRATION_TIME),
        schemaGuid(LapsAttribute.ENCRYPTED_PASSWORD));
  }

  private Optional<UUID> schemaGuid(LapsAttribute attribute) throws DirectoryException {
    String ldapName = attribute.ldapName();
    Filter filter = Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "attributeSchema"),
        Filter.createEqualityFilter("lDAPDisplayName", ldapName));
    try {
      SearchResult result = connection.search(schemaContext, SearchScope.ONE, filter, "schemaIDGUID");
      for (SearchResultEntry entry : result.getSearchEntries()) {
        byte[] guid = entry.getAttributeValueBytes("schemaIDGUID");
        if (guid != null && guid.length == WindowsGuid.LENGTH) {
          return Optional.of(LittleEndianReader.of(guid).guid("schemaIDGUID"));
        }
      }
      return Optional.empty();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("look up schemaIDGUID of " + ldapName, schemaContext, null, e);
    } catch (BinaryFormatException e) {
      throw new IllegalStateException("a 16-byte array holds a GUID", e);
    }
  }

  /**
   * Resolves {@code DOMAIN\name}, {@code name@domain}, a SID string or a DN to a principal. SID
   * strings of well-known principals need no directory object.
   */
  public Principal resolve(String text) throws DirectoryException {
    String given = text.strip();
    Optional<Sid> sid = Sid.parse(given);
    if (sid.isPresent()) {
      Optional<SearchResultEntry> entry = findOne(Filter.createEqualityFilter("objectSid", sid.get().toBytes()), given);
      if (entry.isPresent()) {
        return principal(entry.get());
      }
      if (sid.get().wellKnownName().isPresent()) {
        return new Principal(sid.get(), sid.get().wellKnownName().get(), Optional.empty());
      }
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "principal '" + given + "': no object has this objectSid under " + domainRoot);
    }
    Filter filter;
    int backslash = given.indexOf('\\');
    int at = given.lastIndexOf('@');
    if (backslash > 0) {
      String domain = given.substring(0, backslash);
      checkDomain(given, domain, domain.equalsIgnoreCase(netbiosName) || domainMatchesDns(domain));
      filter = Filter.createEqualityFilter("sAMAccountName", given.substring(backslash + 1));
    } else if (at > 0) {
      String domain = given.substring(at + 1);
      checkDomain(given, domain, domainMatchesDns(domain));
      filter = Filter.createORFilter(
          Filter.createEqualityFilter("userPrincipalName", given),
          Filter.createEqualityFilter("sAMAccountName", given.substring(0, at)));
    } else if (given.contains("=")) {
      SearchResultEntry entry;
      try {
        entry = connection.getEntry(given, "objectSid", "sAMAccountName", "cn");
      } catch (LDAPException e) {
        throw LapsDirectory.failure("resolve principal", given, null, e);
      }
      if (entry == null) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "principal '" + given + "' not found");
      }
      return principal(entry);
    } else {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "principal '" + given + "' is an isolated name; give DOMAIN\\name, name@domain, a SID or a DN");
    }
    return findOne(Filter.createANDFilter(filter, Filter.createPresenceFilter("objectSid")), given)
        .map(this::principalUnchecked)
        .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND,
            "principal '" + given + "' not found under " + domainRoot));
  }

  private boolean domainMatchesDns(String domain) {
    return DomainNames.dnsNameOf(domainRoot).filter(domain::equalsIgnoreCase).isPresent();
  }

  private void checkDomain(String given, String domain, boolean matches) throws DirectoryException {
    if (!matches) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "principal '" + given + "': domain '" + domain + "' is not this domain (" + netbiosName + ")");
    }
  }

  private Optional<SearchResultEntry> findOne(Filter filter, String given) throws DirectoryException {
    SearchRequest request = new SearchRequest(domainRoot, SearchScope.SUB, filter, "objectSid", "sAMAccountName", "cn");
    request.setSizeLimit(2);
    List<SearchResultEntry> found;
    try {
      found = connection.search(request).getSearchEntries();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("resolve principal '" + given + "'", domainRoot, null, e);
    }
    if (found.size() > 1) {
      throw new DirectoryException(DirectoryException.Kind.AMBIGUOUS,
          "principal '" + given + "' matches more than one object; give a DN or SID");
    }
    return found.stream().findFirst();
  }

  private Principal principalUnchecked(SearchResultEntry entry) {
    try {
      return principal(entry);
    } catch (DirectoryException e) {
      throw new IllegalStateException(e);
    }
  }

  private Principal principal(SearchResultEntry entry) throws DirectoryException {
    byte[] bytes = entry.getAttributeValueBytes("objectSid");
    if (bytes == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "'" + entry.getDN() + "' has no objectSid, so it cannot be a trustee");
    }
    Sid sid;
    try {
      sid = LittleEndianReader.sidOf(bytes);
    } catch (BinaryFormatException e) {
      throw new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE,
          "'" + entry.getDN() + "' objectSid is malformed at " + e.getMessage());
    }
    String account = entry.getAttributeValue("sAMAccountName");
    String name = netbiosName + "\\" + (account != null ? account : entry.getAttributeValue("cn"));
    names.put(sid, name);
    return new Principal(sid, name, Optional.of(entry.getDN()));
  }

  /** A display name for a SID: well-known name, DOMAIN\account, or the SID string. */
  public String nameOf(Sid sid) throws DirectoryException {
    if (sid.wellKnownName().isPresent()) {
      return sid.wellKnownName().get();
    }
    String known = names.get(sid);
    if (known != null) {
      return known;
    }
    Optional<SearchResultEntry> entry = findOne(Filter.createEqualityFilter("objectSid", sid.toBytes()), sid.toString());
    String name = entry.isPresent() ? principal(entry.get()).name() : sid.toString();
    names.put(sid, name);
    return name;
  }

  /**
   * The containers an audit needs, parents before children: the ancestors of {@code base} up to
   * the domain root, then every domain, container and OU under it (not computers: see {@link
   * #computers}), each with the requested descriptor part (and the owner, with the DACL). Paged.
   */
  public List<SecuredObject> containers(String base, Part part) throws DirectoryException {
    List<SecuredObject> objects = new ArrayList<>();
    try {
      DN baseDn = new DN(base);
      DN root = new DN(domainRoot);
      List<DN> ancestors = new ArrayList<>();
      for (DN dn = baseDn.getParent(); dn != null && (dn.equals(root) || dn.isDescendantOf(root, false)); dn = dn.getParent()) {
        ancestors.add(0, dn);
      }
      for (DN ancestor : ancestors) {
        SearchResultEntry entry = connection.getEntry(ancestor.toString(), ATTRIBUTE, "objectClass");
        if (entry != null) {
          objects.add(secured(entry, part));
        }
      }
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read the parents of", base, null, e);
    }
    Filter filter = Filter.createANDFilter(Filter.createORFilter(
        Filter.createEqualityFilter("objectClass", "organizationalUnit"),
        Filter.createEqualityFilter("objectClass", "container"),
        Filter.createEqualityFilter("objectClass", "domainDNS")),
        Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));
    List<SearchResultEntry> entries = new ArrayList<>();
    pagedSearch(base, filter, part, entries::add);
    entries.sort((a, b) -> Integer.compare(depth(a.getDN()), depth(b.getDN())));
    for (SearchResultEntry entry : entries) {
      objects.add(secured(entry, part));
    }
    return objects;
  }

  /**
   * Hands every computer under {@code base} to {@code sink} as it arrives, with the requested
   * descriptor part (and the owner, with the DACL), holding none of them: at most one page of
   * the paged search is in flight. A descriptor that cannot be decoded stops the walk.
   */
  public void computers(String base, Part part, Consumer<SecuredObject> sink)
      throws DirectoryException {
    DirectoryException[] failure = new DirectoryException[1];
    pagedSearch(base, Filter.createEqualityFilter("objectClass", "computer"), part, entry -> {
      if (failure[0] != null) {
        return;
      }
      try {
        sink.accept(secured(entry, part));
      } catch (DirectoryException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  /** A paged subtree search whose entries go to {@code each} as they arrive, not into a list. */
  private void pagedSearch(String base, Filter filter, Part part,
      Consumer<SearchResultEntry> each) throws DirectoryException {
    SearchResultListener listener = new SearchResultListener() {
      private static final long serialVersionUID = 1L;

      @Override
      public void searchEntryReturned(SearchResultEntry entry) {
        each.accept(entry);
      }

      @Override
      public void searchReferenceReturned(SearchResultReference reference) {
        // Referrals to other naming contexts are not followed: the audit covers this domain.
      }
    };
    ASN1OctetString cookie = null;
    do {
      SearchRequest request =
          new SearchRequest(listener, base, SearchScope.SUB, filter, ATTRIBUTE, "objectClass");
      request.addControl(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
      if (serverHonoursSdFlags) {
        request.addControl(sdFlags(auditFlags(part)));
      }
      try {
        SearchResult result = connection.search(request);
        SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
        cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
      } catch (LDAPException e) {
        throw LapsDirectory.failure("read security descriptors under", base, null, e);
      }
    } while (cookie != null);
  }

  private static int depth(String dn) {
    try {
      return new DN(dn).getRDNs().length;
    } catch (LDAPException e) {
      return Integer.MAX_VALUE;
    }
  }

  private SecuredObject secured(SearchResultEntry entry, Part part) throws DirectoryException {
    String parent;
    try {
      DN parentDn = new DN(entry.getDN()).getParent();
      parent = parentDn == null ? null : parentDn.toNormalizedString();
    } catch (LDAPException e) {
      parent = null;
    }
    boolean computer = entry.hasObjectClass("computer");
    UUID objectClass = computer ? Guids.COMPUTER_CLASS
        : entry.hasObjectClass("organizationalUnit") ? Guids.ORGANIZATIONAL_UNIT_CLASS
        : entry.hasObjectClass("domainDNS") ? Guids.DOMAIN_DNS_CLASS
        : entry.hasObjectClass("container") ? Guids.CONTAINER_CLASS
        : Guids.OTHER_CLASS;
    Optional<SecurityDescriptor> sd = decode(entry).map(value -> serverHonoursSdFlags ? value
        : part == Part.DACL ? withOwner(only(value, part), value) : only(value, part));
    return new SecuredObject(entry.getDN(), normalized(entry.getDN()), parent, objectClass, computer, sd);
  }

  /** The normalized form the audit uses to match parents with children. */
  public static String normalized(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      return dn.toLowerCase(Locale.ROOT);
    }
  }

  LapsDirectory directory() {
    return directory;
  }
}
