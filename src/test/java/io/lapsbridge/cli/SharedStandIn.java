package io.lapsbridge.cli;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One stand-in directory for the whole IT suite, loaded from the shipped test-ldap and
 * schema-ldif files. Each test class works under its own OU.
 */
public final class SharedStandIn {
  static final String BASE = "dc=example,dc=com";
  static final String READER_DN = "cn=Helen Desk,ou=People,dc=example,dc=com";
  static final String USER_DN = "cn=Ursula User,ou=People,dc=example,dc=com";

  private static StandInDirectory directory;
  private static Path passwords;

  private SharedStandIn() {}

  public static synchronized StandInDirectory get() {
    if (directory == null) {
      try {
        directory = StandInDirectory.start(StandInConfig.loopback());
        passwords = Files.createTempDirectory("lapsbridge-it-");
        Files.writeString(passwords.resolve("reader"), "reader-secret", StandardCharsets.UTF_8);
        Files.writeString(passwords.resolve("user"), "user-secret\n", StandardCharsets.UTF_8);
        Files.writeString(passwords.resolve("admin"), StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      } catch (Exception e) {
        throw new IllegalStateException("the stand-in directory did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(directory::close));
    }
    return directory;
  }

  /** An administrator connection over StartTLS, for fixtures and for checking results. */
  public static LDAPConnection admin() throws LDAPException {
    StandInDirectory server = get();
    LDAPConnection connection = new LDAPConnection("127.0.0.1", server.port());
    try {
      SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(server.certificateFile().toFile()));
      connection.processExtendedOperation(
          new com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest(ssl.createSSLContext()));
    } catch (java.security.GeneralSecurityException e) {
      connection.close();
      throw new IllegalStateException(e);
    }
    connection.bind(StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
    return connection;
  }

  /** A fresh OU for one test class; returns its DN. */
  static String organizationalUnit(String name) throws LDAPException {
    String dn = "ou=" + name + "," + BASE;
    try (LDAPConnection admin = admin()) {
      admin.add(new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", name)));
    }
    return dn;
  }

  /** Adds a computer with the given LAPS attributes (name, value pairs). */
  static String computer(String ou, String name, String... attributeValuePairs) throws LDAPException {
    String dn = "cn=" + name + "," + ou;
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("objectClass", "top", "user", "computer"));
    attributes.add(new Attribute("cn", name));
    attributes.add(new Attribute("sAMAccountName", name + "$"));
    attributes.add(new Attribute("dNSHostName", name.toLowerCase(java.util.Locale.ROOT) + ".example.com"));
    for (int i = 0; i < attributeValuePairs.length; i += 2) {
      attributes.add(new Attribute(attributeValuePairs[i], attributeValuePairs[i + 1]));
    }
    try (LDAPConnection admin = admin()) {
      admin.add(new Entry(dn, attributes));
    }
    return dn;
  }

  /** Connection options for the CLI, binding as {@code who}: reader, user or admin. */
  static List<String> connect(String who) {
    StandInDirectory server = get();
    String dn = switch (who) {
      case "reader" -> READER_DN;
      case "user" -> USER_DN;
      case "admin" -> StandInDirectory.ADMIN_DN;
      default -> throw new IllegalArgumentException(who);
    };
    return List.of("--host", "127.0.0.1", "--port", Integer.toString(server.port()), "--start-tls",
        "--trust-store", server.certificateFile().toString(), "--bind-dn", dn,
        "--bind-password-file", passwords.resolve(who).toString());
  }

  static Path passwordFile(String who) {
    get();
    return passwords.resolve(who);
  }

  static String[] args(List<String> connection, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(connection);
    return all.toArray(String[]::new);
  }

  static String readFile(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
