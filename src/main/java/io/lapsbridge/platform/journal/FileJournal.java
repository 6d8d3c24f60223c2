package io.lapsbridge.platform.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rotation.Intent;
import io.lapsbridge.rotation.Journal;
import io.lapsbridge.rotation.LastRotation;
import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The journal in a state directory (default {@code /var/lib/lapsbridge}): {@code journal.json}
 * holds the rotation in flight, with its password, so the directory is mode 0700 and every file
 * 0600. Each write goes to a temporary file, is forced to disk, renamed over the old one and the
 * directory is forced too, so that a crash leaves the old or the new content, never half.
 */
public final class FileJournal implements Journal {
  static final String JOURNAL = "journal.json";
  static final String LOGINS = "logins";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path directory;

  private FileJournal(Path directory) {
    this.directory = directory;
  }

  /**
   * Opens (and creates, mode 0700) the state directory. Refuses a journal that others can read,
   * because it may hold a password.
   */
  public static FileJournal open(Path directory) throws PortException {
    try {
      if (!Files.isDirectory(directory)) {
        if (POSIX) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(directory);
        }
      }
      if (POSIX) {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(directory);
        if (open(modes)) {
          throw new PortException(PortException.Kind.JOURNAL, "state directory " + directory
              + " is accessible to group or others (" + PosixFilePermissions.toString(modes)
              + "); it must be rwx------ because the journal holds a password");
        }
        Path journal = directory.resolve(JOURNAL);
        if (Files.exists(journal) && open(Files.getPosixFilePermissions(journal))) {
          throw new PortException(PortException.Kind.JOURNAL, "journal " + journal
              + " is readable by group or others; it must be rw-------");
        }
      }
      return new FileJournal(directory);
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, "cannot open the state directory "
          + directory + ": " + describe(e));
    }
  }

  /**
   * A journal over a state directory that does not exist (a dry run): reads find nothing, and
   * nothing is created until a write.
   */
  public static FileJournal absent(Path directory) {
    return new FileJournal(directory);
  }

  private static boolean open(Set<PosixFilePermission> modes) {
    return modes.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
  }

  public Path directory() {
    return directory;
  }

  @Override
  public Optional<Intent> pending() throws PortException {
    Optional<JsonNode> node = readJson(directory.resolve(JOURNAL));
    if (node.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = node.get();
    try {
      Optional<Secret> previous = n.hasNonNull("previous")
          ? Optional.of(Secret.of(n.get("previous").asText())) : Optional.empty();
      return Optional.of(new Intent(
          Intent.Phase.valueOf(text(n, "phase")),
          AttributeFamily.valueOf(text(n, "family")),
          text(n, "account"),
          Secret.of(text(n, "password")),
          new FileTime(n.get("updated").asLong()),
          new FileTime(n.get("expires").asLong()),
          previous,
          version(n)));
    } catch (RuntimeException e) {
      throw new PortException(PortException.Kind.JOURNAL, "journal " + directory.resolve(JOURNAL)
          + " is corrupt (" + e.getClass().getSimpleName() + "); inspect it, then delete it");
    }
  }

  @Override
  public void record(Intent intent) throws PortException {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", intent.phase().name());
    node.put("family", intent.family().name());
    node.put("account", intent.account());
    // The one place the new password rests on disk: root-only, and removed when the cycle ends.
    node.put("password", intent.password().reveal());
    node.put("updated", intent.updated().ticks());
    node.put("expires", intent.expires().ticks());
    intent.previous().ifPresent(p -> node.put("previous", p.reveal()));
    intent.version().ifPresent(v -> node.put("version", v.toString()));
    writeAtomically(directory.resolve(JOURNAL), node);
  }

  @Override
  public void clear() throws PortException {
    try {
      Files.deleteIfExists(directory.resolve(JOURNAL));
      forceDirectory();
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, "cannot clear the journal in "
          + directory + ": " + describe(e));
    }
  }

  @Override
  public Optional<LastRotation> last(AttributeFamily family) throws PortException {
    Optional<JsonNode> node = readJson(lastFile(family));
    if (node.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = node.get();
    try {
      return Optional.of(new LastRotation(family, text(n, "account"),
          new FileTime(n.get("expiresWritten").asLong()), Instant.parse(text(n, "at")),
          version(n)));
    } catch (RuntimeException e) {
      // Only a hint for the decision: a damaged one is treated as absent.
      return Optional.empty();
    }
  }

  @Override
  public void remember(LastRotation rotation) throws PortException {
    ObjectNode node = JSON.createObjectNode();
    node.put("account", rotation.account());
    node.put("expiresWritten", rotation.expiresWritten().ticks());
    node.put("at", rotation.at().toString());
    // The local record of msLAPS-CurrentPasswordVersion: an image restored from before the last
    // rotation carries an older one, which is how the rollback shows.
    rotation.version().ifPresent(v -> node.put("version", v.toString()));
    writeAtomically(lastFile(rotation.family()), node);
  }

  /**
   * The newest login of {@code account} that the PAM hook recorded: {@code logins/ACCOUNT} holds
   * epoch seconds (its modification time counts when the content is not a number).
   */
  @Override
  public Optional<Instant> lastLogin(String account) throws PortException {
    if (account.contains("/") || account.startsWith(".")) {
      return Optional.empty();
    }
    Path file = directory.resolve(LOGINS).resolve(account);
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).trim();
      try {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(content)));
      } catch (NumberFormatException e) {
        return Optional.of(Files.getLastModifiedTime(file).toInstant());
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, "cannot read login record " + file
          + ": " + describe(e));
    }
  }

  private Path lastFile(AttributeFamily family) {
    return directory.resolve("last-" + family.name().toLowerCase(Locale.ROOT) + ".json");
  }

  private Optional<JsonNode> readJson(Path file) throws PortException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, "cannot read " + file + ": "
          + describe(e));
    }
    try {
      return Optional.of(JSON.readTree(bytes));
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, file + " is corrupt (not JSON);"
          + " inspect it, then delete it");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private void writeAtomically(Path target, JsonNode node) throws PortException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    byte[] bytes = null;
    try {
      bytes = JSON.writeValueAsBytes(node);
      Files.deleteIfExists(temporary);
      FileAttribute<?>[] attributes = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), attributes)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory();
    } catch (IOException e) {
      throw new PortException(PortException.Kind.JOURNAL, "cannot write " + target + ": "
          + describe(e));
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** The rename is durable only once the directory entry is on disk. */
  private void forceDirectory() throws IOException {
    if (!POSIX) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Optional<UUID> version(JsonNode node) {
    return node.hasNonNull("version") ? Optional.of(UUID.fromString(text(node, "version")))
        : Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
