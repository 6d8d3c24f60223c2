package io.lapsbridge.cli;

import io.lapsbridge.config.Terminal;
import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.report.DecryptedValueView;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.usecase.KeySources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code decrypt}: one msLAPS-Encrypted* value, offline from a {@code kds export} file, or online
 * with the key a domain controller gives the bind's user (MS-GKDI GetKey).
 */
@Command(
    name = "decrypt",
    description = "Decrypt one msLAPS-Encrypted* attribute value, offline with exported KDS root keys"
        + " or --online with the key a domain controller gives you (for forensics and support)."
        + " Reads the value from stdin when none is given.")
final class DecryptCommand implements Callable<Integer> {
  /** Attribute values are a few hundred bytes; more is not a LAPS value. */
  private static final int MAX_INPUT = 1 << 20;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeyChoice keys;

  static final class KeyChoice {
    @Option(names = "--kds-key-file", description = "A `kds export` file (offline).")
    Path keyFile;

    @Option(names = "--online", description = "Ask the domain controller given by the connection options for the key (MS-GKDI GetKey), as the bind's user; falls back to the KDS root keys the bind may read when no DC answers.")
    boolean online;
  }

  @Mixin ConnectionOptions connection;

  @Option(names = "--rpc-port", defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}", description = "With --online: the domain controller's RPC endpoint mapper port (default: 135; env LAPSBRIDGE_RPC_PORT).")
  int rpcPort;

  @ArgGroup(exclusive = true)
  Encoding encoding;

  static final class Encoding {
    @Option(names = "--hex", description = "The value is hexadecimal.")
    boolean hex;

    @Option(names = "--base64", description = "The value is base64, as ldapsearch prints it (the default).")
    boolean base64;
  }

  @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(arity = "0..1", paramLabel = "VALUE", description = "The attribute value; stdin when absent.")
  String value;

  @Override
  public Integer call()
      throws KeyFileException, LapsCryptoException, IOException, DirectoryException {
    if (keys.online) {
      try (KeySources online = KeySources.read(null, KeySources.Online.at(rpcPort));
          LapsDirectory directory = connection.open()) {
        return decryptWith(online.with(directory));
      }
    }
    return decryptWith(KeySources.read(keys.keyFile).withoutDirectory());
  }

  private int decryptWith(KeySource source)
      throws LapsCryptoException, IOException, DirectoryException {
    LapsDecryptor decryptor = LapsDecryptor.using(source.groupKeys().orElseThrow());
    if (value == null && Terminal.console() != null) {
      // A terminal on stdin would otherwise look like a hang.
      spec.commandLine().getErr().println("lapsbridge: reading the value from stdin (end with Ctrl-D)");
      spec.commandLine().getErr().flush();
    }
    String text = value != null ? value : readStdin();
    byte[] bytes = decode(text);
    DecryptedPassword password = decryptor.decrypt(bytes);
    DecryptedValueView.of(password).print(spec.commandLine().getOut(), format);
    password.password().close();
    return ExitStatus.OK.code();
  }

  private byte[] decode(String text) {
    String compact = text.replaceAll("\\s+", "");
    if (compact.isEmpty()) {
      throw new UsageException("no value to decrypt");
    }
    boolean hex = encoding != null && encoding.hex;
    try {
      if (hex) {
        String digits = compact.startsWith("0x") || compact.startsWith("0X")
            ? compact.substring(2) : compact;
        return HexFormat.of().parseHex(digits);
      }
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new UsageException("the value is not " + (hex ? "hexadecimal" : "base64")
          + (hex ? "" : " (give --hex for a hexadecimal value)"));
    }
  }

  private static String readStdin() throws IOException {
    InputStream in = System.in;
    byte[] bytes = in.readNBytes(MAX_INPUT + 1);
    if (bytes.length > MAX_INPUT) {
      throw new UsageException("stdin holds more than " + MAX_INPUT + " bytes; not a LAPS value");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
