package io.lapsbridge.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import java.net.MalformedURLException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Tokens from the Microsoft identity platform through MSAL for Java: client credentials with a
 * secret or a certificate, or the device-code flow. MSAL keeps its token cache in memory for the
 * run, or in the owner-only {@link TokenCacheFile} when one is given.
 *
 * <p>For a custom authority (the stand-in), authority validation and instance discovery are off
 * and MSAL's HTTPS connections trust the given {@link SSLContext}, so no request leaves for
 * login.microsoftonline.com.
 */
public final class MsalTokens implements TokenSource {
  /** Graph's resource with the permissions the application or user was granted. */
  static final Set<String> SCOPES = Set.of("https://graph.microsoft.com/.default");

  /** A token is renewed this long before it expires. */
  private static final long MARGIN_SECONDS = 120;

  private final ConfidentialClientApplication confidential;
  private final PublicClientApplication publicClient;
  private final Consumer<String> prompt;
  private String token;
  private Instant expires = Instant.MIN;

  private MsalTokens(ConfidentialClientApplication confidential,
      PublicClientApplication publicClient, Consumer<String> prompt) {
    this.confidential = confidential;
    this.publicClient = publicClient;
    this.prompt = prompt;
  }

  /**
   * The token source for {@code settings}.
   *
   * @param tls the TLS context for a custom trust store, or null for the JDK's
   * @param prompt where the device-code flow's instructions go (stderr)
   */
  public static MsalTokens open(EntraSettings settings, SSLContext tls, Consumer<String> prompt)
      throws GraphException {
    boolean custom = !settings.authorityHost().equals(EntraSettings.PUBLIC_AUTHORITY);
    TokenCacheFile cache = settings.tokenCache() == null ? null
        : TokenCacheFile.open(settings.tokenCache());
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    try {
      if (settings.credential() instanceof EntraCredential.DeviceCode) {
        PublicClientApplication.Builder builder =
            PublicClientApplication.builder(settings.clientId()).authority(settings.authority());
        configure(builder, custom ? settings : null, tls, cache, timeoutMillis);
        return new MsalTokens(null, builder.build(), prompt);
      }
      IClientCredential credential = credential(settings.credential());
      ConfidentialClientApplication.Builder builder =
          ConfidentialClientApplication.builder(settings.clientId(), credential)
              .authority(settings.authority());
      configure(builder, custom ? settings : null, tls, cache, timeoutMillis);
      return new MsalTokens(builder.build(), null, prompt);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new GraphException(GraphException.Kind.LOCAL_INPUT,
          "the authority " + settings.authority() + " is not a valid https URL");
    }
  }

  /**
   * A custom authority (the stand-in, a sovereign or test cloud): no validation against
   * Microsoft's list and no instance discovery request. MSAL files cached tokens under the
   * authority's host without its port and looks them up with the port, so on a non-default port
   * (the stand-in) a cached token is not found again and each run asks for a new one; on 443
   * the cache works as designed.
   */
  private static void configure(
      com.microsoft.aad.msal4j.AbstractClientApplicationBase.Builder<?> builder,
      EntraSettings custom, SSLContext tls, TokenCacheFile cache, int timeoutMillis) {
    builder.connectTimeoutForDefaultHttpClient(timeoutMillis)
        .readTimeoutForDefaultHttpClient(timeoutMillis)
        .logPii(false);
    if (custom != null) {
      builder.validateAuthority(false).instanceDiscovery(false);
    }
    if (tls != null) {
      builder.sslSocketFactory(tls.getSocketFactory());
    }
    if (cache != null) {
      builder.setTokenCacheAccessAspect(cache);
    }
  }

  private static IClientCredential credential(EntraCredential credential) throws GraphException {
    if (credential instanceof EntraCredential.ClientSecret secret) {
      return ClientCredentialFactory.createFromSecret(secret.secret().reveal());
    }
    EntraCredential.ClientCertificate certificate = (EntraCredential.ClientCertificate) credential;
    CertificateFile.KeyAndChain loaded =
        CertificateFile.load(certificate.file(), certificate.password());
    return ClientCredentialFactory.createFromCertificateChain(loaded.key(), loaded.chain());
  }

  @Override
  public boolean delegated() {
    return publicClient != null;
  }

  @Override
  public synchronized String accessToken() throws GraphException {
    if (token != null && Instant.now().isBefore(expires.minusSeconds(MARGIN_SECONDS))) {
      return token;
    }
    IAuthenticationResult result = acquire();
    token = result.accessToken();
    expires = result.expiresOnDate() == null ? Instant.now().plusSeconds(300)
        : result.expiresOnDate().toInstant();
    return token;
  }

  private IAuthenticationResult acquire() throws GraphException {
    try {
      if (confidential != null) {
        // MSAL looks in its cache first, and asks the authority only without a valid token.
        return confidential.acquireToken(ClientCredentialParameters.builder(SCOPES).build())
            .join();
      }
      Set<IAccount> accounts = publicClient.getAccounts().join();
      if (accounts.size() == 1) {
        try {
          return publicClient.acquireTokenSilently(
              SilentParameters.builder(SCOPES, accounts.iterator().next()).build()).join();
        } catch (CompletionException | MalformedURLException e) {
          // Expired or revoked: sign in again below.
        }
      }
      return publicClient.acquireToken(DeviceCodeFlowParameters.builder(SCOPES,
          code -> prompt.accept(code.message())).build()).join();
    } catch (CompletionException e) {
      throw failure(e.getCause() == null ? e : e.getCause());
    } catch (MsalException e) {
      throw failure(e);
    }
  }

  /** MSAL's own text names the AADSTS error; it carries no secret, but may span lines. */
  private static GraphException failure(Throwable cause) {
    if (cause instanceof GraphException graph) {
      return graph;
    }
    if (cause instanceof MsalServiceException service) {
      return new GraphException(GraphException.Kind.AUTHENTICATION,
          "the identity platform refused a token (" + service.errorCode() + ", HTTP "
              + service.statusCode() + "): " + firstLine(service.getMessage()));
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.io.IOException) {
      return new GraphException(GraphException.Kind.UNREACHABLE,
          "cannot reach the identity platform: " + root.getClass().getSimpleName()
              + (root instanceof javax.net.ssl.SSLException
                  ? " (is its certificate trusted? --graph-trust-store)" : ""), cause);
    }
    return new GraphException(GraphException.Kind.AUTHENTICATION,
        "no token from the identity platform: " + cause.getClass().getSimpleName() + ": "
            + firstLine(String.valueOf(cause.getMessage())), cause);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  @Override
  public String toString() {
    return "MsalTokens[" + (delegated() ? "delegated" : "application") + "]";
  }
}
