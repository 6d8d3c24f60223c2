package io.lapsbridge.config;

import java.nio.file.Path;

/**
 * The Entra options as typed; null where not given. {@code profile} and {@code profileFile} are
 * the connection options' {@code --profile} and {@code --config}, shared with LDAP.
 *
 * @param tenant {@code --tenant}
 * @param clientId {@code --client-id}
 * @param clientSecretFile {@code --client-secret-file}
 * @param clientCertificate {@code --client-certificate}
 * @param clientCertificatePasswordFile {@code --client-certificate-password-file}
 * @param deviceCode {@code --device-code}
 * @param tokenCache {@code --token-cache}
 * @param graphUrl {@code --graph-url}
 * @param authorityUrl {@code --authority-url}
 * @param graphTrustStore {@code --graph-trust-store}
 * @param profile {@code --profile}
 * @param profileFile {@code --config}
 */
public record EntraArguments(String tenant, String clientId, Path clientSecretFile,
    Path clientCertificate, Path clientCertificatePasswordFile, boolean deviceCode,
    Path tokenCache, String graphUrl, String authorityUrl, Path graphTrustStore, String profile,
    Path profileFile) {}
