package io.lapsbridge.cli;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark (a main, not a test): {@code get-password} of 1,000 computers whose
 * encrypted passwords share one key interval, read online (GetKey as the LAPS reader) and with a
 * {@code kds export} key file, in one process each against the same stand-in; interleaved rounds.
 * Prints GetKey calls per online run and the wall times. Figures in docs/online-decryption.md.
 */
public final class OnlineGetPasswordBenchmark {
  private OnlineGetPasswordBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    StandInDirectory directory = SharedStandIn.get();
    try (GetKeyServer server = directory.startGetKeyServer(0)) {
      String ou = SharedStandIn.organizationalUnit("OnlineBench");
      List<String> names = estate(ou, count);
      Path keys = Files.createTempDirectory("lapsbridge-bench-").resolve("keys.json");
      CliRun export = CliRun.of(SharedStandIn.args(SharedStandIn.connect("admin"), "kds",
          "export", "--out", keys.toString()));
      if (export.status() != 0) {
        throw new IllegalStateException(export.err());
      }
      for (int round = 1; round <= rounds; round++) {
        int before = server.getKeyCalls();
        long online = time(names, "--rpc-port", Integer.toString(server.epmPort()));
        int calls = server.getKeyCalls() - before;
        long offline = time(names, "--kds-key-file", keys.toString());
        System.out.printf("round %d: %d computers online %d ms (%d GetKey), key file %d ms,"
            + " ratio %.2f%n", round, count, online, calls, offline, (double) online / offline);
      }
      Files.deleteIfExists(keys);
    }
    directory.close();
  }

  private static long time(List<String> names, String... keyOptions) {
    List<String> command = new ArrayList<>(List.of("get-password"));
    command.addAll(names);
    command.addAll(List.of(keyOptions));
    command.addAll(List.of("--format", "csv"));
    long start = System.nanoTime();
    CliRun run = CliRun.of(SharedStandIn.args(SharedStandIn.connect("reader"),
        command.toArray(String[]::new)));
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (run.status() != 0) {
      throw new IllegalStateException("exit " + run.status() + ": " + run.err());
    }
    return ms;
  }

  /** {@code count} computers, each with a value encrypted to LAPS Readers in this interval. */
  private static List<String> estate(String ou, int count) throws Exception {
    FileTime now = FileTime.of(Instant.now());
    GroupPublicKey key = GroupPublicKey.derive(KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY),
        new SidProtectionDescriptor(KdsFixture.LAPS_READERS_SID), GkdiInterval.of(now),
        "example.com", "example.com");
    LapsEncryptor encryptor = new LapsEncryptor(new SecureRandom());
    List<String> names = new ArrayList<>();
    try (LDAPConnection admin = SharedStandIn.admin()) {
      for (int i = 0; i < count; i++) {
        String name = String.format("BENCH-%05d", i);
        byte[] value = encryptor.encrypt(key,
            new WindowsLapsPasswordJson.Value("Administrator", now, Secret.of("Bench-Pw-" + i)));
        admin.add(new Entry("cn=" + name + "," + ou,
            new Attribute("objectClass", "top", "user", "computer"), new Attribute("cn", name),
            new Attribute("sAMAccountName", name + "$"),
            new Attribute("msLAPS-PasswordExpirationTime", "134405568000000000"),
            new Attribute("msLAPS-EncryptedPassword", value)));
        names.add(name);
      }
    }
    return names;
  }
}
