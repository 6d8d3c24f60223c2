package io.lapsbridge.cli;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake local-account store that survives kill -9: one file per account holding its password,
 * replaced atomically as the real shadow file is. Records every call in memory.
 */
final class FileAccounts implements LocalAccountPort {
  private final Path directory;
  final List<String> calls = new ArrayList<>();

  FileAccounts(Path directory) {
    this.directory = directory;
  }

  static FileAccounts create(Path directory, String account, String password) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(account), password, StandardCharsets.UTF_8);
    return new FileAccounts(directory);
  }

  Optional<String> password(String account) throws IOException {
    Path file = directory.resolve(account);
    return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  @Override
  public String resolve(ManagedAccount account) throws PortException {
    calls.add("resolve " + account.describe());
    String name = account instanceof ManagedAccount.Named n ? n.name() : "Administrator";
    if (!Files.exists(directory.resolve(name))) {
      throw new PortException(PortException.Kind.ACCOUNT_MISSING,
          "failed to find the managed local account '" + name + "'");
    }
    return name;
  }

  @Override
  public void setPassword(String account, Secret password) throws PortException {
    calls.add("set " + account);
    Path temporary = directory.resolve(account + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(password.reveal().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, e.getMessage());
    }
    try {
      Files.move(temporary, directory.resolve(account), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, e.getMessage());
    }
  }

  @Override
  public void terminateSessions(String account) {
    calls.add("terminate " + account);
  }
}
