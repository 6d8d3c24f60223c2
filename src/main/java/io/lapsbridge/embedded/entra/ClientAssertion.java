package io.lapsbridge.embedded.entra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a client assertion (RFC 7523) as the identity platform does: a JWT signed with the
 * registered certificate's key (RS256 or PS256), naming that certificate by thumbprint ({@code
 * x5t} or {@code x5t#S256}), issued by and for the client, for this token endpoint, unexpired.
 */
final class ClientAssertion {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ClientAssertion() {}

  /** Null when {@code jwt} is valid, else what is wrong with it. */
  static String check(String jwt, X509Certificate certificate, String clientId, String audience) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return "not a signed JWT";
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      Map<String, Object> header = claims(b64.decode(parts[0]));
      Map<String, Object> payload = claims(b64.decode(parts[1]));
      byte[] der = certificate.getEncoded();
      String x5t = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-1").digest(der));
      String x5t256 = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
      if (!x5t.equals(strip(header.get("x5t"))) && !x5t256.equals(strip(header.get("x5t#S256")))) {
        return "the thumbprint names no registered certificate";
      }
      Signature signature;
      Object alg = header.get("alg");
      if ("RS256".equals(alg)) {
        signature = Signature.getInstance("SHA256withRSA");
      } else if ("PS256".equals(alg)) {
        signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        return "unsupported alg " + alg;
      }
      signature.initVerify(certificate.getPublicKey());
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!signature.verify(b64.decode(parts[2]))) {
        return "the signature does not verify";
      }
      if (!clientId.equals(payload.get("iss")) || !clientId.equals(payload.get("sub"))) {
        return "iss and sub must be the client id";
      }
      if (!audience.equals(payload.get("aud"))) {
        return "aud is not this token endpoint";
      }
      Object exp = payload.get("exp");
      if (!(exp instanceof Long seconds) || Instant.ofEpochSecond(seconds).isBefore(Instant.now())) {
        return "expired or without exp";
      }
      return null;
    } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    }
  }

  private static String strip(Object value) {
    // MSAL and others differ in base64 flavour and padding; compare the bytes' URL-safe form.
    return value instanceof String s
        ? s.replace("=", "").replace('+', '-').replace('/', '_') : null;
  }

  private static Map<String, Object> claims(byte[] json) throws IOException {
    Map<String, Object> claims = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          claims.put(name, p.getText());
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          claims.put(name, p.getLongValue());
        } else if (t == JsonToken.START_ARRAY && name.equals("aud")) {
          // aud may be an array with one value.
          if (p.nextToken() == JsonToken.VALUE_STRING) {
            claims.put(name, p.getText());
          }
          p.skipChildren();
          while (p.currentToken() != JsonToken.END_ARRAY) {
            p.nextToken();
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return claims;
  }
}
