package io.lapsbridge.embedded;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.embedded.gkdi.Principal;
import io.lapsbridge.embedded.gkdi.PrincipalDirectory;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;

/**
 * The stand-in's accounts as its GetKey server needs them, read live from the directory as a DC
 * reads its own database: a user by {@code sAMAccountName}, its {@code objectSid}, the SIDs of
 * every group whose {@code member} reaches it (transitively), the NT hash of its {@code
 * userPassword} (fixture passwords are stored in clear), and the domain's NetBIOS name from its
 * crossRef under {@code CN=Partitions}.
 */
public final class DirectoryPrincipals implements PrincipalDirectory {
  /** How deep nested groups are followed; AD has no limit, fixtures nest two levels at most. */
  private static final int MAX_GROUPS = 1000;

  private final DirectoryService service;
  private final String baseDn;

  DirectoryPrincipals(DirectoryService service, String baseDn) {
    this.service = service;
    this.baseDn = baseDn;
  }

  /** The NetBIOS name of the domain, from its crossRef; the first DN label when there is none. */
  public String netbiosDomain() {
    try {
      for (Entry e :
          search("cn=Partitions,cn=Configuration," + baseDn, SearchScope.ONELEVEL,
              "(&(objectClass=crossRef)(nETBIOSName=*))")) {
        return e.get("nETBIOSName").getString();
      }
    } catch (Exception e) {
      // No Partitions container: fall back below.
    }
    return base().getRdn().getValue().toUpperCase(java.util.Locale.ROOT);
  }

  /** The DNS name of the domain: the DC= labels of the base DN. */
  public String dnsDomain() {
    StringBuilder dns = new StringBuilder();
    for (Rdn rdn : base().getRdns()) {
      if (rdn.getType().equalsIgnoreCase("dc")) {
        dns.append(dns.length() == 0 ? "" : ".").append(rdn.getValue());
      }
    }
    return dns.toString();
  }

  private Dn base() {
    try {
      return new Dn(baseDn);
    } catch (LdapInvalidDnException e) {
      throw new IllegalStateException("the stand-in's base DN does not parse: " + baseDn, e);
    }
  }

  @Override
  public Optional<Principal> find(String samAccountName) {
    try {
      List<Entry> users =
          search(baseDn, SearchScope.SUBTREE,
              "(&(objectClass=user)(sAMAccountName=" + escape(samAccountName) + "))");
      if (users.size() != 1) {
        return Optional.empty();
      }
      Entry user = users.get(0);
      Attribute sid = user.get("objectSid");
      Attribute password = user.get("userPassword");
      if (sid == null || password == null) {
        return Optional.empty();
      }
      byte[] clear = password.getBytes();
      byte[] hash;
      try (Secret secret = Secret.fromUtf8Line(clear)) {
        hash = NtHash.of(secret);
      } finally {
        java.util.Arrays.fill(clear, (byte) 0);
      }
      try {
        return Optional.of(
            new Principal(
                user.get("sAMAccountName").getString(), sidText(sid.getBytes()),
                groupSids(user.getDn().getName()), hash));
      } finally {
        java.util.Arrays.fill(hash, (byte) 0);
      }
    } catch (Exception e) {
      // A DC refuses the logon when its own database cannot be read; so does the stand-in.
      return Optional.empty();
    }
  }

  private Set<String> groupSids(String userDn) throws Exception {
    Set<String> sids = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> members = new ArrayDeque<>(List.of(userDn));
    while (!members.isEmpty() && seen.size() < MAX_GROUPS) {
      String member = members.pop();
      for (Entry group :
          search(baseDn, SearchScope.SUBTREE, "(&(objectClass=group)(member=" + escape(member) + "))")) {
        String dn = group.getDn().getName();
        if (seen.add(dn.toLowerCase(java.util.Locale.ROOT))) {
          members.push(dn);
          Attribute sid = group.get("objectSid");
          if (sid != null) {
            sids.add(sidText(sid.getBytes()));
          }
        }
      }
    }
    return sids;
  }

  private static String sidText(byte[] bytes) throws BinaryFormatException {
    return LittleEndianReader.sidOf(bytes).toString();
  }

  private List<Entry> search(String base, SearchScope scope, String filter) throws Exception {
    CoreSession session = service.getAdminSession();
    List<Entry> out = new ArrayList<>();
    try (Cursor<Entry> cursor =
        session.search(
            new Dn(service.getSchemaManager(), base), scope,
            FilterParser.parse(service.getSchemaManager(), filter),
            AliasDerefMode.NEVER_DEREF_ALIASES, "*")) {
      while (cursor.next()) {
        out.add(cursor.get());
      }
    }
    return out;
  }

  /** RFC 4515 escaping of an assertion value. */
  private static String escape(String value) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0) {
        s.append('\\').append(String.format("%02x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return "DirectoryPrincipals[" + baseDn + "]";
  }
}
