package io.lapsbridge.keyfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/** Shared reading and writing of the key files' JSON, with exact, key-free error messages. */
final class JsonFiles {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Key files are a few kilobytes; refuse anything absurd before parsing it. */
  private static final long MAX_SIZE = 1 << 20;

  private JsonFiles() {}

  /**
   * Creates {@code file} (never replacing one) and writes the document. With {@code ownerOnly}
   * the file is created with mode 0600 before any byte is written, so it is never readable by
   * others, not even for a moment.
   */
  static void create(Path file, ObjectNode document, boolean ownerOnly) throws KeyFileException {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
    try {
      boolean posix = file.toAbsolutePath().getParent() != null
          && Files.getFileStore(file.toAbsolutePath().getParent())
              .supportsFileAttributeView("posix");
      if (ownerOnly && posix) {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
        // The umask cannot widen 0600, but an inherited default ACL could; set it explicitly.
        Files.setPosixFilePermissions(file, mode);
      } else {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(bytes);
        out.write('\n');
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(
          KeyFileException.Kind.EXISTS, file + ": already exists; refusing to overwrite it");
    } catch (IOException e) {
      throw new KeyFileException(
          KeyFileException.Kind.IO, file + ": cannot write: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static JsonNode read(Path file, String format) throws KeyFileException {
    byte[] bytes;
    if (Files.isDirectory(file)) {
      throw new KeyFileException(KeyFileException.Kind.UNREADABLE,
          file + ": is a directory, not a key file");
    }
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw invalid(file, "is larger than " + MAX_SIZE + " bytes; not a lapsbridge key file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(KeyFileException.Kind.UNREADABLE, file + ": no such file", e);
    } catch (IOException e) {
      throw new KeyFileException(KeyFileException.Kind.UNREADABLE,
          file + ": cannot read: " + e.getClass().getSimpleName(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      // Jackson's message would quote the content; the location is enough.
      throw invalid(file, "is not JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    if (root == null || !root.isObject()) {
      throw invalid(file, "is not a JSON object");
    }
    String found = root.path("format").asText(null);
    if (!format.equals(found)) {
      throw invalid(file, "is not a '" + format + "' file (format is "
          + (found == null ? "missing" : "'" + shown(found) + "'") + ")");
    }
    JsonNode version = root.path("version");
    if (version.asInt(-1) != 1) {
      // Never the node itself: a key file's arrays and strings can hold key material.
      throw invalid(file, "has version "
          + (version.isNumber() ? shown(version.toString()) : "of type "
              + version.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
          + "; this lapsbridge reads 1");
    }
    return root;
  }

  /** A value from the file, cut short so that no long field (a key) is echoed whole. */
  private static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }

  static String text(Path file, JsonNode node, String field) throws KeyFileException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw invalid(file, "lacks the text field '" + field + "'");
    }
    return value.asText();
  }

  static String optionalText(Path file, JsonNode node, String field) throws KeyFileException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(file, "field '" + field + "' is not text");
    }
    return value.asText();
  }

  static int integer(Path file, JsonNode node, String field) throws KeyFileException {
    JsonNode value = node.get(field);
    if (value == null || !value.isInt()) {
      throw invalid(file, "lacks the integer field '" + field + "'");
    }
    return value.asInt();
  }

  static byte[] base64(Path file, JsonNode node, String field) throws KeyFileException {
    String text = text(file, node, field);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(file, "field '" + field + "' is not base64");
    }
  }

  static KeyFileException invalid(Path file, String what) {
    return new KeyFileException(KeyFileException.Kind.INVALID, file + ": " + what);
  }
}
