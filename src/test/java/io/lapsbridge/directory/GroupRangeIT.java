package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.model.Secret;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nested group scopes against a server that answers {@code member} the way Active Directory
 * does for large groups: at most {@value #MAX_VAL_RANGE} values per read, as {@code
 * member;range=low-high}, the last range ending in {@code *}. UnboundID's in-memory server, with
 * an interceptor that rewrites its answers into ranges.
 */
class GroupRangeIT {
  private static final String BASE = "dc=example,dc=com";
  private static final int MAX_VAL_RANGE = 2;
  private static final AtomicInteger MEMBER_READS = new AtomicInteger();
  private static InMemoryDirectoryServer server;

  @BeforeAll
  static void start() throws Exception {
    server = InMemoryEstate.start(BASE, new InMemoryOperationInterceptor() {
      @Override
      public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
        List<String> asked = result.getRequest().getAttributeList();
        String range = asked.stream().map(a -> a.toLowerCase(Locale.ROOT))
            .filter(a -> a.equals("member") || a.startsWith("member;range=")).findFirst()
            .orElse(null);
        if (range == null) {
          return;
        }
        MEMBER_READS.incrementAndGet();
        SearchResultEntry entry = result.getSearchEntry();
        try {
          String[] all = server.getEntry(entry.getDN()).getAttributeValues("member");
          int low = range.equals("member") ? 0
              : Integer.parseInt(range.substring(13, range.indexOf('-')));
          Entry ranged = new Entry(entry.getDN());
          if (all != null && (low > 0 || all.length > MAX_VAL_RANGE)) {
            int high = Math.min(all.length, low + MAX_VAL_RANGE);
            String name = "member;range=" + low + "-" + (high == all.length ? "*" : high - 1);
            ranged.addAttribute(new Attribute(name, Arrays.copyOfRange(all, low, high)));
          } else if (all != null) {
            ranged.addAttribute(new Attribute("member", all));
          }
          result.setSearchEntry(ranged);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  private static String group(String name, String... members) throws Exception {
    String dn = "cn=" + name + "," + BASE;
    Entry entry = new Entry(dn);
    entry.addAttribute("objectClass", "group");
    entry.addAttribute("cn", name);
    entry.addAttribute("member", members);
    server.add(entry);
    return dn;
  }

  @Test
  void rangedMemberValuesAreAllRead() throws Exception {
    String sub = group("Sub", "cn=PC5,dc=x", "cn=PC6,dc=x", "cn=PC7,dc=x");
    String top = group("Top", "cn=PC1,dc=x", "cn=PC2,dc=x", sub, "cn=PC3,dc=x",
        "cn=PC4,dc=x");
    ConnectionSettings settings = new ConnectionSettings("127.0.0.1", server.getListenPort(),
        TransportSecurity.NONE, "cn=admin", Secret.of("admin-secret"), null, BASE,
        Duration.ofSeconds(10));
    Map<String, Set<String>> groups;
    MEMBER_READS.set(0);
    try (LapsDirectory directory = LapsDirectory.open(settings)) {
      groups = new EstateReader(directory).groupMembers(List.of(top));
    }
    assertEquals(Set.of("cn=PC1,dc=x", "cn=PC2,dc=x", "cn=PC3,dc=x", "cn=PC4,dc=x",
        "cn=PC5,dc=x", "cn=PC6,dc=x", "cn=PC7,dc=x", sub), groups.get(top));
    // Top: 0-1, 2-3, 4-*; Sub: 0-1, 2-*.
    assertEquals(5, MEMBER_READS.get());
  }
}
