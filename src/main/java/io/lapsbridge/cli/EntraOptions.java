package io.lapsbridge.cli;

import io.lapsbridge.config.EntraArguments;
import io.lapsbridge.config.EntraSettingsResolver;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Microsoft Entra ID options (#16), beside {@link ConnectionOptions}: the tenant, the
 * application and how it signs in. Each also reads a {@code LAPSBRIDGE_*} variable and a profile
 * key ({@link EntraSettingsResolver}); a client secret never comes from argv.
 */
final class EntraOptions {
  @Option(names = "--tenant", description = "Entra tenant id or domain (env LAPSBRIDGE_TENANT).")
  String tenant;

  @Option(names = "--client-id", description = "Application (client) id registered in Entra (env LAPSBRIDGE_CLIENT_ID).")
  String clientId;

  @Option(names = "--client-secret-file", description = "File whose first line is the application's client secret (env LAPSBRIDGE_CLIENT_SECRET_FILE, or the secret itself in LAPSBRIDGE_CLIENT_SECRET).")
  Path clientSecretFile;

  @Option(names = "--client-certificate", description = "The application's certificate and private key: PEM (certificate and PKCS#8 key) or PKCS#12 (env LAPSBRIDGE_CLIENT_CERTIFICATE).")
  Path clientCertificate;

  @Option(names = "--client-certificate-password-file", description = "File whose first line is the PKCS#12 password (env LAPSBRIDGE_CLIENT_CERTIFICATE_PASSWORD_FILE).")
  Path clientCertificatePasswordFile;

  @Option(names = "--device-code", description = "Sign in as an administrator with a code entered in a browser (delegated permissions and roles).")
  boolean deviceCode;

  @Option(names = "--token-cache", description = "Keep tokens in this owner-only file between runs; without it they last for the run only (env LAPSBRIDGE_TOKEN_CACHE).")
  Path tokenCache;

  @Option(names = "--graph-url", description = "Microsoft Graph's base URL; default https://graph.microsoft.com (env LAPSBRIDGE_GRAPH_URL).")
  String graphUrl;

  @Option(names = "--authority-url", description = "The identity platform's URL; default https://login.microsoftonline.com (env LAPSBRIDGE_AUTHORITY_URL).")
  String authorityUrl;

  @Option(names = "--graph-trust-store", description = "PEM, JKS or PKCS#12 file of certificates to trust for Graph and the identity platform instead of the JDK's (env LAPSBRIDGE_GRAPH_TRUST_STORE).")
  Path graphTrustStore;

  /** The process environment; a test passes its own through {@link CommandFactory}. */
  private final Map<String, String> environment;

  EntraOptions() {
    this(System.getenv());
  }

  EntraOptions(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** Connects to Graph; the device-code instructions go to stderr. */
  EntraDirectory open(ConnectionOptions connection) throws GraphException {
    PrintWriter err = mixee.commandLine().getErr();
    EntraArguments typed = new EntraArguments(tenant, clientId, clientSecretFile,
        clientCertificate, clientCertificatePasswordFile, deviceCode, tokenCache, graphUrl,
        authorityUrl, graphTrustStore, connection.profile, connection.config);
    return EntraDirectory.open(new EntraSettingsResolver(environment).resolve(typed), line -> {
      err.println("lapsbridge: " + line);
      err.flush();
    }, version());
  }

  private static String version() {
    String version = Lapsbridge.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
