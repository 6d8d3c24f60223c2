package io.lapsbridge.bench;

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
import java.util.Optional;

/**
 * The fault campaign's local account store: one file per account holding its password,
 * written to a temporary file, forced to disk and renamed over the old one, as the shadow file
 * is replaced; so a kill -9 leaves either the old password or the new one.
 */
final class CampaignAccounts implements LocalAccountPort {
  private final Path directory;

  CampaignAccounts(Path directory) {
    this.directory = directory;
  }

  static CampaignAccounts create(Path directory, String account, String password)
      throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(account), password, StandardCharsets.UTF_8);
    return new CampaignAccounts(directory);
  }

  Optional<String> password(String account) throws IOException {
    Path file = directory.resolve(account);
    return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  @Override
  public String resolve(ManagedAccount account) throws PortException {
    String name = account instanceof ManagedAccount.Named n ? n.name() : "Administrator";
    if (!Files.exists(directory.resolve(name))) {
      throw new PortException(PortException.Kind.ACCOUNT_MISSING,
          "failed to find the managed local account '" + name + "'");
    }
    return name;
  }

  @Override
  public void setPassword(String account, Secret password) throws PortException {
    Path temporary = directory.resolve(account + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(password.reveal().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
      Files.move(temporary, directory.resolve(account), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, e.getMessage());
    }
  }

  @Override
  public void terminateSessions(String account) {}
}
