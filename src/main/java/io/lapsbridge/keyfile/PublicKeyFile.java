package io.lapsbridge.keyfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

/**
 * The published group public key ({@code kds public-key}): one root key, one GKDI interval, one
 * protection descriptor. It is not secret: with it, an agent or a migration encrypts passwords
 * that only the descriptor's principal (and holders of the root key) can decrypt, without any
 * secret material. The key itself travels as an MS-GKDI Group Key Envelope with the
 * public-key-only flag, which is what a Windows client gets from a DC; the JSON around it adds
 * the descriptor (the envelope has no field for it) and readable metadata that the loader checks
 * against the envelope.
 */
public final class PublicKeyFile {
  public static final String FORMAT = "lapsbridge-group-public-key";

  private PublicKeyFile() {}

  /** Writes a new file (never replacing one); it is world-readable by design. */
  public static void write(Path file, GroupPublicKey key, Instant created)
      throws KeyFileException {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", 1);
    root.put("note", "Not secret. Encrypts LAPS passwords for " + key.descriptor()
        + "; decrypting needs that principal's access or the KDS root key.");
    root.put("created", created.toString());
    root.put("descriptor", key.descriptor().descriptorString());
    root.put("rootKeyId", key.rootKeyId().toString());
    ObjectNode interval = root.putObject("interval");
    interval.put("l0", key.interval().l0());
    interval.put("l1", key.interval().l1());
    interval.put("l2", key.interval().l2());
    interval.put("start", key.interval().start().toInstant().toString());
    root.put("secretAgreement", key.agreement().windowsName());
    root.put("kdfHash", key.kdfHash().windowsName());
    root.put("domain", key.domainName());
    root.put("forest", key.forestName());
    root.put("envelope", Base64.getEncoder().encodeToString(key.toEnvelope().encode()));
    JsonFiles.create(file, root, false);
  }

  /** Reads a published key, checking that its metadata agrees with the envelope. */
  public static GroupPublicKey read(Path file) throws KeyFileException {
    JsonNode root = JsonFiles.read(file, FORMAT);
    String descriptorText = JsonFiles.text(file, root, "descriptor");
    if (!descriptorText.startsWith("SID=")) {
      throw JsonFiles.invalid(file, "descriptor '" + descriptorText + "' is not SID=S-1-...");
    }
    SidProtectionDescriptor descriptor;
    try {
      descriptor = new SidProtectionDescriptor(descriptorText.substring(4));
    } catch (IllegalArgumentException e) {
      throw JsonFiles.invalid(file, "descriptor '" + descriptorText + "': " + e.getMessage());
    }
    GroupPublicKey key;
    try {
      GroupKeyEnvelope envelope = GroupKeyEnvelope.parse(JsonFiles.base64(file, root, "envelope"));
      key = GroupPublicKey.fromEnvelope(envelope, descriptor);
    } catch (LapsCryptoException e) {
      throw JsonFiles.invalid(file, "envelope: " + e.getMessage());
    }
    String rootKeyId = JsonFiles.text(file, root, "rootKeyId");
    if (!rootKeyId.equalsIgnoreCase(key.rootKeyId().toString())) {
      throw JsonFiles.invalid(file, "rootKeyId " + rootKeyId + " differs from the envelope's "
          + key.rootKeyId());
    }
    JsonNode interval = root.get("interval");
    if (interval == null || !interval.isObject()) {
      throw JsonFiles.invalid(file, "lacks the object 'interval'");
    }
    GkdiInterval stated;
    try {
      stated = new GkdiInterval(
          JsonFiles.integer(file, interval, "l0"), JsonFiles.integer(file, interval, "l1"),
          JsonFiles.integer(file, interval, "l2"));
    } catch (IllegalArgumentException e) {
      throw JsonFiles.invalid(file, "interval: " + e.getMessage());
    }
    if (!stated.equals(key.interval())) {
      throw JsonFiles.invalid(file, "interval " + stated + " differs from the envelope's "
          + key.interval());
    }
    return key;
  }
}
