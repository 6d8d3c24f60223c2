package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.NameResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds a domain's controllers as the Windows DC locator does: DNS SRV
 * {@code _ldap._tcp.dc._msdcs.DOMAIN}, in RFC 2782 order (lowest priority first; within a
 * priority, a random draw weighted by weight). With a DNS server named, both the SRV records and
 * the controllers' addresses are asked of it (split-horizon DNS), else of the system's resolver.
 *
 * @param domain the DNS domain, such as {@code corp.example.com}
 * @param dnsServer {@code HOST} or {@code HOST:PORT} of the DNS server to ask; empty for the
 *     system's
 */
public record DcLocator(String domain, Optional<String> dnsServer) {
  public DcLocator {
    if (domain == null || domain.isBlank() || domain.startsWith(".") || domain.contains(" ")) {
      throw new IllegalArgumentException("a DNS domain name is required: '" + domain + "'");
    }
    if (dnsServer == null) {
      throw new IllegalArgumentException("use Optional.empty() for the system's DNS");
    }
    domain = stripDot(domain);
  }

  /** One domain controller from an SRV record. */
  public record Server(String host, int port, int priority, int weight) {}

  /** The SRV name the Windows DC locator uses for any domain controller of the domain. */
  public String srvName() {
    return "_ldap._tcp.dc._msdcs." + domain.toLowerCase(Locale.ROOT);
  }

  /** Where discovery asks, for messages. */
  public String describe() {
    return "DNS SRV " + srvName() + dnsServer.map(s -> " (DNS server " + s + ")").orElse("");
  }

  /** The controllers, in the order to try them. */
  // The context is always JNDI's DNS provider (see context()), which returns record text only and
  // deserializes nothing; BanJNDI is about the LDAP and RMI providers.
  @SuppressWarnings("BanJNDI")
  public List<Server> servers(RandomGenerator random) throws DirectoryException {
    List<Server> found = new ArrayList<>();
    try {
      DirContext dns = context();
      try {
        Attributes attributes = dns.getAttributes(srvName(), new String[] {"SRV"});
        Attribute srv = attributes.get("SRV");
        if (srv != null) {
          NamingEnumeration<?> values = srv.getAll();
          while (values.hasMore()) {
            found.add(parse(String.valueOf(values.next())));
          }
        }
      } finally {
        dns.close();
      }
    } catch (NamingException | IllegalArgumentException e) {
      throw new DirectoryException(DirectoryException.Kind.UNREACHABLE,
          "cannot find a domain controller of " + domain + " through " + describe() + ": "
              + reason(e));
    }
    if (found.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.UNREACHABLE,
          "cannot find a domain controller of " + domain + ": " + describe()
              + " has no records");
    }
    return order(found, random);
  }

  /** RFC 2782: ascending priority; within one, repeatedly draw weighted by weight. */
  static List<Server> order(List<Server> servers, RandomGenerator random) {
    List<Server> sorted = new ArrayList<>(servers);
    sorted.sort(Comparator.comparingInt(Server::priority));
    List<Server> ordered = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int priority = sorted.get(i).priority();
      List<Server> group = new ArrayList<>();
      while (i < sorted.size() && sorted.get(i).priority() == priority) {
        group.add(sorted.get(i++));
      }
      // Zero weights first, so that they have a very small chance to be drawn (RFC 2782).
      group.sort(Comparator.comparingInt(Server::weight));
      while (!group.isEmpty()) {
        int total = group.stream().mapToInt(Server::weight).sum();
        int draw = total == 0 ? 0 : random.nextInt(total + 1);
        int running = 0;
        int pick = group.size() - 1;
        for (int j = 0; j < group.size(); j++) {
          running += group.get(j).weight();
          if (running >= draw) {
            pick = j;
            break;
          }
        }
        ordered.add(group.remove(pick));
      }
    }
    return ordered;
  }

  /** {@code "priority weight port target"}, as JNDI renders an SRV record. */
  static Server parse(String record) {
    String[] parts = record.strip().split("\\s+", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("malformed SRV record '" + record + "'");
    }
    try {
      return new Server(stripDot(parts[3]), Integer.parseInt(parts[2]),
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed SRV record '" + record + "'");
    }
  }

  /**
   * Resolves host names through the named DNS server, falling back to the system's resolver
   * (for {@code localhost}, literal addresses and hosts files); the system's alone without one.
   */
  NameResolver nameResolver() {
    if (dnsServer.isEmpty()) {
      return null;
    }
    return new NameResolver() {
      @Override
      public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host)[0];
      }

      @Override
      public InetAddress[] getAllByName(String host) throws UnknownHostException {
        String name = stripDot(host);
        List<InetAddress> addresses = lookUpAddresses(name);
        if (addresses.isEmpty()) {
          return InetAddress.getAllByName(name);
        }
        return addresses.toArray(InetAddress[]::new);
      }

      @Override
      public void toString(StringBuilder buffer) {
        buffer.append("DcLocator.NameResolver(").append(dnsServer.get()).append(')');
      }
    };
  }

  @SuppressWarnings("BanJNDI") // the DNS provider only, as in servers()
  private List<InetAddress> lookUpAddresses(String name) {
    List<InetAddress> addresses = new ArrayList<>();
    if (name.isEmpty() || name.contains(":")
        || name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return addresses; // a literal address: nothing to ask
    }
    try {
      DirContext dns = context();
      try {
        Attributes attributes = dns.getAttributes(name, new String[] {"A", "AAAA"});
        for (String type : new String[] {"A", "AAAA"}) {
          Attribute values = attributes.get(type);
          if (values == null) {
            continue;
          }
          NamingEnumeration<?> all = values.getAll();
          while (all.hasMore()) {
            addresses.add(InetAddress.getByAddress(name,
                InetAddress.getByName(String.valueOf(all.next())).getAddress()));
          }
        }
      } finally {
        dns.close();
      }
    } catch (NamingException | UnknownHostException e) {
      return List.of();
    }
    return addresses;
  }

  @SuppressWarnings("JdkObsolete") // JNDI takes its environment as a Hashtable
  private DirContext context() throws NamingException {
    Hashtable<String, String> environment = new Hashtable<>();
    environment.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    environment.put(DirContext.PROVIDER_URL,
        dnsServer.map(s -> "dns://" + s + "/").orElse("dns:"));
    environment.put("com.sun.jndi.dns.timeout.initial", "2000");
    environment.put("com.sun.jndi.dns.timeout.retries", "2");
    return new InitialDirContext(environment);
  }

  private static String reason(Exception e) {
    String name = e instanceof javax.naming.NameNotFoundException ? "no such name"
        : e instanceof javax.naming.CommunicationException ? "no answer from the DNS server"
        : null;
    if (name != null) {
      return name;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
