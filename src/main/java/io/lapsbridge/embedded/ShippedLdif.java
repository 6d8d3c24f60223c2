package io.lapsbridge.embedded;

import io.lapsbridge.embedded.StandInDirectory.LdifSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The LDIF files that ship in {@code test-ldap/} and {@code schema-ldif/}, read from the jar,
 * where the build copies them unchanged. Tests and {@code demo} load exactly these.
 */
public final class ShippedLdif {
  public static final String BASE_DN = "dc=example,dc=com";

  private ShippedLdif() {}

  /** The AD-like schema, then the LAPS schema for both families. */
  public static List<LdifSource> schema() {
    return List.of(resource("test-ldap/ad-schema.ldif"), resource("test-ldap/ad-schema-security.ldif"),
        resource("schema-ldif/apacheds/laps-all.ldif"));
  }

  /** Only the AD-like schema: a directory on which {@code schema extend} has work to do. */
  public static List<LdifSource> schemaWithoutLaps() {
    return List.of(resource("test-ldap/ad-schema.ldif"), resource("test-ldap/ad-schema-security.ldif"));
  }

  /** The fixture domain and its access control. */
  public static List<LdifSource> data() {
    return List.of(resource("test-ldap/fixture-dit.ldif"), resource("test-ldap/access-control.ldif"),
        resource("test-ldap/fixture-security.ldif"));
  }

  /** A shipped file by its path relative to the repository root. */
  public static LdifSource resource(String path) {
    String name = "/lapsbridge/" + path;
    return new LdifSource() {
      @Override
      public String name() {
        return path;
      }

      @Override
      public InputStream open() throws IOException {
        InputStream in = ShippedLdif.class.getResourceAsStream(name);
        if (in == null) {
          throw new IOException("missing from the build: " + path);
        }
        return in;
      }
    };
  }
}
