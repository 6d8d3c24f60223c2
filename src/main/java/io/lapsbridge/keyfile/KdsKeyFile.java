package io.lapsbridge.keyfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.MalformedValueException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The KDS root key export: every root key with its {@code msKds-*} attributes, for decrypting
 * offline ({@code --kds-key-file}). Whoever holds this file can decrypt every encrypted LAPS
 * password of the forest, past and future, so it is created with mode 0600 and never replaces an
 * existing file.
 */
public final class KdsKeyFile {
  public static final String FORMAT = "lapsbridge-kds-root-keys";

  /** What the export prints on stderr and stores in the file itself. */
  public static final String WARNING =
      "this file holds the forest's KDS root keys: it is equivalent to every encrypted LAPS"
          + " password (and gMSA password) in the forest, past and future. Keep it offline and"
          + " encrypted at rest, and delete it when the work is done.";

  private KdsKeyFile() {}

  /** Writes the keys to a new file with mode 0600. */
  public static void write(Path file, List<KdsRootKey> keys, String source, Instant exported)
      throws KeyFileException {
    ObjectNode root = JsonFiles.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", 1);
    root.put("warning", WARNING);
    root.put("source", source);
    root.put("exported", exported.toString());
    ArrayNode array = root.putArray("keys");
    for (KdsRootKey key : keys) {
      ObjectNode k = array.addObject();
      k.put("id", key.id().toString());
      k.put("version", key.version());
      k.put("kdfAlgorithm", KdsRootKey.KDF_ALGORITHM);
      k.put("kdfParameters", b64(key.kdfHash().kdfParameters()));
      k.put("secretAgreementAlgorithm", key.agreement().windowsName());
      if (key.dhParameters() != null) {
        k.put("secretAgreementParameters", b64(key.dhParameters().encode()));
      }
      k.put("privateKeyLength", key.privateKeyLength());
      k.put("publicKeyLength", key.publicKeyLength());
      k.put("createTime", key.createTime() == null ? null : FileTimeText.toDecimal(key.createTime()));
      k.put("useStartTime",
          key.useStartTime() == null ? null : FileTimeText.toDecimal(key.useStartTime()));
      byte[] data = key.keyData();
      try {
        k.put("rootKeyData", b64(data));
      } finally {
        Arrays.fill(data, (byte) 0);
      }
    }
    JsonFiles.create(file, root, true);
  }

  /** Reads and validates every key of an export; ids must be unique. */
  public static List<KdsRootKey> read(Path file) throws KeyFileException {
    JsonNode root = JsonFiles.read(file, FORMAT);
    JsonNode array = root.get("keys");
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw JsonFiles.invalid(file, "holds no keys");
    }
    List<KdsRootKey> keys = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode k = array.get(i);
      String where = "key " + (i + 1);
      if (!k.isObject()) {
        throw JsonFiles.invalid(file, where + " is not an object");
      }
      UUID id;
      try {
        id = UUID.fromString(JsonFiles.text(file, k, "id"));
      } catch (IllegalArgumentException e) {
        throw JsonFiles.invalid(file, where + ": 'id' is not a GUID");
      }
      if (!seen.add(id)) {
        throw JsonFiles.invalid(file, where + ": root key " + id + " appears twice");
      }
      byte[] data = JsonFiles.base64(file, k, "rootKeyData");
      String agreementParameters = JsonFiles.optionalText(file, k, "secretAgreementParameters");
      try {
        keys.add(KdsRootKey.fromAttributes(
            id, JsonFiles.integer(file, k, "version"), data,
            JsonFiles.text(file, k, "kdfAlgorithm"), JsonFiles.base64(file, k, "kdfParameters"),
            JsonFiles.text(file, k, "secretAgreementAlgorithm"),
            agreementParameters == null ? null : JsonFiles.base64(file, k, "secretAgreementParameters"),
            JsonFiles.integer(file, k, "privateKeyLength"),
            JsonFiles.integer(file, k, "publicKeyLength"),
            fileTime(file, k, "createTime", where), fileTime(file, k, "useStartTime", where)));
      } catch (LapsCryptoException e) {
        throw JsonFiles.invalid(file, where + " (" + id + "): " + e.getMessage());
      } finally {
        Arrays.fill(data, (byte) 0);
      }
    }
    return keys;
  }

  private static FileTime fileTime(Path file, JsonNode k, String field, String where)
      throws KeyFileException {
    String text = JsonFiles.optionalText(file, k, field);
    if (text == null) {
      return null;
    }
    try {
      return FileTimeText.parseDecimal(text);
    } catch (MalformedValueException e) {
      throw JsonFiles.invalid(file, where + ": '" + field + "': " + e.getMessage());
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
