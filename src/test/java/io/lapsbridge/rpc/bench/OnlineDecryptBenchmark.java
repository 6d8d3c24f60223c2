package io.lapsbridge.rpc.bench;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.embedded.gkdi.Principal;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Online against offline decryption (a main, not a test): 1,000 values encrypted to LAPS Readers
 * in one GKDI interval, decrypted once with the root keys (what {@code --kds-key-file} does) and
 * once through GetKey against the stand-in server over loopback TCP; then one cold read of each.
 * Prints GetKey calls and wall times. See README.md beside it for the measured figures.
 */
public final class OnlineDecryptBenchmark {
  private OnlineDecryptBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    for (java.util.UUID rootId : List.of(KdsFixture.DH_ROOT_KEY, KdsFixture.ECDH_ROOT_KEY)) {
      run(KdsFixture.rootKey(rootId), count);
    }
  }

  private static void run(KdsRootKey root, int count) throws Exception {
    Instant now = Instant.now();
    SidProtectionDescriptor readers = new SidProtectionDescriptor(KdsFixture.LAPS_READERS_SID);
    GroupPublicKey key =
        GroupPublicKey.derive(root, readers, GkdiInterval.of(FileTime.of(now)), "example.com",
            "example.com");
    LapsEncryptor encryptor = new LapsEncryptor(new SecureRandom());
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(encryptor.encrypt(key, new WindowsLapsPasswordJson.Value(
          "Administrator", FileTime.of(now), Secret.of("Pw-" + i))));
    }
    Principal helpdesk =
        new Principal("helpdesk", KdsFixture.DOMAIN_SID + "-1106",
            Set.of(KdsFixture.LAPS_READERS_SID), NtHash.of(Secret.of("reader-secret")));
    try (GetKeyServer server =
        GetKeyServer.start(GetKeyServer.Config.loopback(List.of(root)),
            name -> name.equalsIgnoreCase("helpdesk") ? Optional.of(helpdesk) : Optional.empty())) {
      // Warm the JIT on both paths with a throwaway run.
      decryptAll(LapsDecryptor.using(new io.lapsbridge.crypto.RootKeyGroupKeySource(
          RootKeyProvider.of(root))), values.subList(0, Math.min(100, count)));
      try (OnlineGroupKeys warm = online(server)) {
        decryptAll(LapsDecryptor.using(warm), values.subList(0, Math.min(100, count)));
      }

      long t0 = System.nanoTime();
      decryptAll(new LapsDecryptor(RootKeyProvider.of(root)), values);
      long offline = System.nanoTime() - t0;

      int before = server.getKeyCalls();
      long t1 = System.nanoTime();
      try (OnlineGroupKeys keys = online(server)) {
        decryptAll(LapsDecryptor.using(keys), values);
      }
      long online = System.nanoTime() - t1;
      int calls = server.getKeyCalls() - before;

      long t2 = System.nanoTime();
      decryptAll(new LapsDecryptor(RootKeyProvider.of(root)), values.subList(0, 1));
      long oneOffline = System.nanoTime() - t2;
      long t3 = System.nanoTime();
      try (OnlineGroupKeys keys = online(server)) {
        decryptAll(LapsDecryptor.using(keys), values.subList(0, 1));
      }
      long oneOnline = System.nanoTime() - t3;

      System.out.printf(
          "%s: %d values, offline %.0f ms, online %.0f ms (%d GetKey), ratio %.2f; "
              + "one value: offline %.1f ms, online %.1f ms (EPM + connect + NTLM bind + GetKey)%n",
          root.agreement().windowsName(), count, offline / 1e6, online / 1e6, calls,
          (double) online / offline, oneOffline / 1e6, oneOnline / 1e6);
    }
  }

  private static OnlineGroupKeys online(GetKeyServer server) {
    return new OnlineGroupKeys(
        new GetKeyClient(
            new GetKeyClient.Endpoint(server.host(), server.epmPort(), Duration.ofSeconds(2),
                Duration.ofSeconds(10)),
            RpcCredentials.parse("helpdesk@example.com", Secret.of("reader-secret")),
            new SecureRandom(), Clock.systemUTC()),
        new GroupKeyCache(), server.host());
  }

  private static void decryptAll(LapsDecryptor decryptor, List<byte[]> values) throws Exception {
    for (byte[] v : values) {
      decryptor.decrypt(v).password().close();
    }
  }
}
