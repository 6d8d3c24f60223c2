package io.lapsbridge.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away TLS identity for the stand-in: a PKCS#12 key store and the matching certificate
 * as PEM, made by the JDK's own {@code keytool} so that no certificate code is written here.
 * The certificate names {@code localhost} and {@code 127.0.0.1}, so clients can verify the host
 * name, and is valid for seven days.
 *
 * @param keyStore the PKCS#12 file ApacheDS serves from
 * @param password the key store password, random per start
 * @param certificate the self-signed certificate as PEM, for {@code --trust-store}
 */
public record StandInCertificate(Path keyStore, String password, Path certificate) {
  private static final String ALIAS = "standin";

  /** Never print the key store password. */
  @Override
  public String toString() {
    return "StandInCertificate[" + keyStore + ", " + certificate + "]";
  }

  /** Makes a new key pair and certificate in {@code directory}. */
  public static StandInCertificate create(Path directory) throws StandInException {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Path keyStore = directory.resolve("standin.p12");
    Path certificate = directory.resolve("standin-cert.pem");
    keytool(password, List.of(
        "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=lapsbridge stand-in",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7",
        "-storetype", "PKCS12", "-keystore", keyStore.toString()));
    keytool(password, List.of(
        "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
        "-file", certificate.toString()));
    return new StandInCertificate(keyStore, password, certificate);
  }

  private static void keytool(String password, List<String> arguments) throws StandInException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>();
    command.add(keytool.toString());
    command.addAll(arguments);
    // The password goes through the environment, never the command line.
    command.addAll(List.of("-storepass:env", "STANDIN_STOREPASS", "-noprompt"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("STANDIN_STOREPASS", password);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new StandInException("keytool did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new StandInException(
            "keytool " + arguments.get(0) + " failed: " + output.strip().lines().findFirst().orElse(""));
      }
    } catch (IOException e) {
      throw new StandInException("cannot run " + keytool + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StandInException("interrupted while creating the TLS certificate", e);
    }
  }

  /** Reads the PEM text, for callers that want it inline. */
  public String certificatePem() throws IOException {
    return Files.readString(certificate, StandardCharsets.US_ASCII);
  }
}
