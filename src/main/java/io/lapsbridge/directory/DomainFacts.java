package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code doctor} reads about the domain itself: the functional levels (the root DSE's
 * {@code domainFunctionality} and {@code forestFunctionality}, else the domain object's {@code
 * msDS-Behavior-Version}), every domain controller's own level ({@code msDS-Behavior-Version} of
 * its {@code nTDSDSA} object under {@code CN=Sites}) with its operating system, and the LAPS
 * attributes' {@code searchFlags} in the schema naming context. Nothing here needs more than read
 * access; what a directory does not publish (the stand-in has no Sites) is left empty.
 */
public final class DomainFacts {
  private DomainFacts() {}

  /**
   * One domain controller.
   *
   * @param name its {@code dNSHostName}, else its server object's name
   * @param behaviorVersion the {@code msDS-Behavior-Version} of its NTDS Settings, or null
   * @param operatingSystem its computer object's {@code operatingSystem}, or null
   * @param operatingSystemVersion its computer object's {@code operatingSystemVersion}, such as
   *     {@code 10.0 (17763)}, or null
   */
  public record Controller(String name, Integer behaviorVersion, String operatingSystem,
      String operatingSystemVersion) {}

  /**
   * The levels and controllers.
   *
   * @param dnsHostName the root DSE's {@code dnsHostName}: the name of the DC answering, or null
   * @param domainLevel the domain functional level (AD's numbering: 4 = 2008 R2, 7 = 2016), or
   *     null when the directory does not publish one
   * @param forestLevel the forest functional level, or null
   * @param controllers the domain controllers found under {@code CN=Sites}; empty when there is
   *     no Sites container
   * @param sitesNote why no controllers are listed, or empty
   */
  public record Levels(String dnsHostName, Integer domainLevel, Integer forestLevel,
      List<Controller> controllers, Optional<String> sitesNote) {
    public Levels {
      controllers = List.copyOf(controllers);
    }
  }

  /** {@code schema check} of both families, as {@code doctor} needs it. */
  public static SchemaReport schema(LapsDirectory directory) throws DirectoryException {
    return new SchemaService(directory).check(io.lapsbridge.directory.schema.FamilySelection.ALL);
  }

  /** Reads the functional levels and the domain controllers. */
  public static Levels levels(LapsDirectory directory) throws DirectoryException {
    LDAPConnection connection = directory.connection();
    RootDSE root = rootDse(connection);
    String domainNc = root == null ? null : root.getAttributeValue("defaultNamingContext");
    Integer domain = number(root == null ? null : root.getAttributeValue("domainFunctionality"));
    Integer forest = number(root == null ? null : root.getAttributeValue("forestFunctionality"));
    if (domainNc == null) {
      // The naming context holding the base, not the base itself, which --base-dn may narrow.
      domainNc = SecurityDirectory.of(directory).domainRoot();
    }
    if (domain == null) {
      domain = behaviorOf(connection, domainNc);
    }
    String configuration = root == null ? null
        : root.getAttributeValue("configurationNamingContext");
    if (configuration == null) {
      configuration = "CN=Configuration," + domainNc;
    }
    String sites = "CN=Sites," + configuration;
    List<Controller> controllers = new ArrayList<>();
    Optional<String> note = Optional.empty();
    try {
      SearchResult result = connection.search(sites, SearchScope.SUB,
          Filter.createEqualityFilter("objectClass", "nTDSDSA"), "msDS-Behavior-Version");
      for (SearchResultEntry settings : result.getSearchEntries()) {
        controllers.add(controller(connection, settings));
      }
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw LapsDirectory.failure("search the domain controllers", sites, null, e);
      }
      note = Optional.of("cannot read " + sites + ": " + Ldap.code(e.getResultCode()));
    }
    return new Levels(root == null ? null : root.getAttributeValue("dnsHostName"), domain,
        forest, controllers, note);
  }

  /**
   * The {@code searchFlags} of each LAPS attribute's {@code attributeSchema} object, for those
   * that have one (AD and Samba; not servers with an RFC 4512 schema only).
   */
  public static Map<LapsAttribute, Integer> searchFlags(LapsDirectory directory)
      throws DirectoryException {
    LDAPConnection connection = directory.connection();
    RootDSE root = rootDse(connection);
    String schema = root == null ? null : root.getAttributeValue("schemaNamingContext");
    if (schema == null) {
      schema = "CN=Schema,CN=Configuration," + SecurityDirectory.of(directory).domainRoot();
    }
    Map<LapsAttribute, Integer> flags = new EnumMap<>(LapsAttribute.class);
    List<Filter> names = new ArrayList<>();
    for (LapsAttribute attribute : LapsAttribute.values()) {
      names.add(Filter.createEqualityFilter("lDAPDisplayName", attribute.ldapName()));
    }
    try {
      SearchResult result = connection.search(schema, SearchScope.ONE, Filter.createANDFilter(
          Filter.createEqualityFilter("objectClass", "attributeSchema"),
          Filter.createORFilter(names)), "lDAPDisplayName", "searchFlags");
      for (SearchResultEntry entry : result.getSearchEntries()) {
        Integer value = number(entry.getAttributeValue("searchFlags"));
        LapsAttribute.byLdapName(entry.getAttributeValue("lDAPDisplayName"))
            .ifPresent(attribute -> {
              if (value != null) {
                flags.put(attribute, value);
              }
            });
      }
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw LapsDirectory.failure("read searchFlags", schema, null, e);
      }
      // No attributeSchema objects here (an RFC 4512 server): no flags to check.
    }
    return flags;
  }

  private static Controller controller(LDAPConnection connection, SearchResultEntry settings)
      throws LDAPException {
    Integer behavior = number(settings.getAttributeValue("msDS-Behavior-Version"));
    DN serverDn = settings.getParsedDN().getParent();
    String name = serverDn == null ? settings.getDN() : serverDn.getRDN().getAttributeValues()[0];
    String os = null;
    String osVersion = null;
    if (serverDn != null) {
      SearchResultEntry server = connection.getEntry(serverDn.toString(), "dNSHostName",
          "serverReference");
      if (server != null) {
        if (server.getAttributeValue("dNSHostName") != null) {
          name = server.getAttributeValue("dNSHostName");
        }
        String computer = server.getAttributeValue("serverReference");
        if (computer != null) {
          SearchResultEntry entry = connection.getEntry(computer, "operatingSystem",
              "operatingSystemVersion");
          if (entry != null) {
            os = entry.getAttributeValue("operatingSystem");
            osVersion = entry.getAttributeValue("operatingSystemVersion");
          }
        }
      }
    }
    return new Controller(name, behavior, os, osVersion);
  }

  private static Integer behaviorOf(LDAPConnection connection, String dn)
      throws DirectoryException {
    try {
      SearchResultEntry entry = connection.getEntry(dn, "msDS-Behavior-Version");
      return entry == null ? null : number(entry.getAttributeValue("msDS-Behavior-Version"));
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw LapsDirectory.failure("read msDS-Behavior-Version", dn, null, e);
      }
      return null;
    }
  }

  private static RootDSE rootDse(LDAPConnection connection) throws DirectoryException {
    try {
      return connection.getRootDSE();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read root DSE", "", null, e);
    }
  }

  private static Integer number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
