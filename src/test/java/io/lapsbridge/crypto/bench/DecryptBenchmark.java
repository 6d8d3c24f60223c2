package io.lapsbridge.crypto.bench;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdfHash;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Not a test: a main to run by hand. Decrypts 10k values sharing one root key and interval
 * (warm cache), measures one cold node derivation per agreement, and raw AES-256-GCM throughput
 * as the ceiling. Run after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.lapsbridge.crypto.bench.DecryptBenchmark
 * </pre>
 */
public final class DecryptBenchmark {
  private static final int BLOBS = 10_000;

  private DecryptBenchmark() {}

  /** GCM refuses a repeated IV for encryption, so every call gets a fresh counter nonce. */
  private static void next(byte[] nonce, long counter) {
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (8 * i));
    }
  }

  /**
   * One cold node derivation, isolated: a Windows nonce-mode vector has no secret agreement, so
   * (fresh decryptor) minus (warm decryptor) is the seed-key walk, here (361, 17, 13).
   */
  private static void coldDerivation(String scenario) throws Exception {
    com.fasterxml.jackson.databind.JsonNode v;
    try (InputStream in =
        DecryptBenchmark.class.getResourceAsStream("/vectors/dpapi-ng/" + scenario + ".json")) {
      v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
    java.util.HexFormat hex = java.util.HexFormat.of();
    KdsRootKey root =
        KdsRootKey.fromAttributes(UUID.fromString(v.get("RootKeyId").asText()), 1,
            hex.parseHex(v.get("RootKeyData").asText()), "SP800_108_CTR_HMAC",
            hex.parseHex(v.get("KdfParameters").asText()), "DH",
            hex.parseHex(v.get("SecretAgreementParameters").asText()), 512, 2048, null, null);
    byte[] blob = hex.parseHex(v.get("Data").asText());
    RootKeyProvider keys = RootKeyProvider.of(root);
    LapsDecryptor warm = new LapsDecryptor(keys);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      warm.decryptBlob(blob);
      new LapsDecryptor(keys, 0).decryptBlob(blob);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      warm.decryptBlob(blob);
    }
    double warmUs = (System.nanoTime() - t0) / 1e3 / n;
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      new LapsDecryptor(keys, 0).decryptBlob(blob);
    }
    double coldUs = (System.nanoTime() - t1) / 1e3 / n;
    System.out.printf(Locale.ROOT,
        "%-16s nonce blob: warm %.1f us, cold %.1f us -> seed-key walk %.1f us%n",
        scenario, warmUs, coldUs, coldUs - warmUs);
  }

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] dhParams;
    try (InputStream in =
        DecryptBenchmark.class.getResourceAsStream("/vectors/dpapi-ng/ffc_dh_parameters")) {
      dhParams = in.readAllBytes();
    }
    System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    for (String agreement : List.of("DH", "ECDH_P256", "ECDH_P384")) {
      byte[] data = new byte[64];
      random.nextBytes(data);
      boolean dh = agreement.equals("DH");
      int bits = dh ? 512 : agreement.endsWith("256") ? 256 : 384;
      KdsRootKey root =
          KdsRootKey.fromAttributes(UUID.randomUUID(), 1, data, "SP800_108_CTR_HMAC",
              KdfHash.SHA512.kdfParameters(), agreement, dh ? dhParams : new byte[0], bits,
              dh ? 2048 : bits, null, null);
      FileTime now = FileTime.of(java.time.Instant.now());
      GroupPublicKey key =
          GroupPublicKey.derive(root, new SidProtectionDescriptor("S-1-5-21-1-2-3-512"),
              GkdiInterval.of(now), "bench.test", "bench.test");
      LapsEncryptor encryptor = new LapsEncryptor(random);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < BLOBS; i++) {
        values.add(encryptor.encrypt(key, new WindowsLapsPasswordJson.Value(
            "Administrator", now, Secret.of("Pw-" + i + "-abcdefghijklmnop"))));
      }
      RootKeyProvider keys = RootKeyProvider.of(root);

      LapsDecryptor warm = new LapsDecryptor(keys);
      for (int i = 0; i < 2000; i++) {
        warm.decrypt(values.get(i));
      }
      long t0 = System.nanoTime();
      for (byte[] v : values) {
        warm.decrypt(v);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;

      // Cold: a fresh decryptor per value pays the full L0->L1->L2 walk each time.
      int cold = 300;
      long t1 = System.nanoTime();
      for (int i = 0; i < cold; i++) {
        new LapsDecryptor(keys, 0).decrypt(values.get(i));
      }
      double coldMs = (System.nanoTime() - t1) / 1e6 / cold;
      double warmMs = seconds * 1000 / BLOBS;
      // The secret agreement with each blob's ephemeral key cannot be cached and dominates;
      // the seed-key walk is measured separately on nonce-mode vectors below.
      System.out.printf(Locale.ROOT,
          "%-9s warm cache: %8.0f blobs/s (%.3f ms each); fresh decryptor per blob: %.3f ms each%n",
          agreement, BLOBS / seconds, warmMs, coldMs);
    }

    for (String s : List.of("kdf_sha1_nonce", "kdf_sha256_nonce", "kdf_sha512_nonce")) {
      coldDerivation(s);
    }

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] cek = new byte[32];
    random.nextBytes(cek);
    SecretKeySpec k = new SecretKeySpec(cek, "AES");
    byte[] buffer = new byte[1 << 20];
    byte[] nonce = new byte[12];
    long counter = 0;
    for (int i = 0; i < 50; i++) {
      next(nonce, ++counter);
      gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
      gcm.doFinal(buffer);
    }
    int rounds = 300;
    long t2 = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      next(nonce, ++counter);
      gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
      gcm.doFinal(buffer);
    }
    double mbps = rounds / ((System.nanoTime() - t2) / 1e9);
    byte[] small = new byte[130];
    int ops = 200_000;
    long t3 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      next(nonce, ++counter);
      gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
      gcm.doFinal(small);
    }
    double smallPerSec = ops / ((System.nanoTime() - t3) / 1e9);
    System.out.printf(Locale.ROOT,
        "AES-256-GCM raw: %.0f MiB/s on 1 MiB buffers; %.0f ops/s on 130-byte payloads%n",
        mbps, smallPerSec);
  }
}
