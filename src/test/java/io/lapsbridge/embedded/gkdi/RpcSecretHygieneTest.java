package io.lapsbridge.embedded.gkdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.Mutator;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GetKeyRequest;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import io.lapsbridge.rpc.ntlm.NtlmAcceptor;
import io.lapsbridge.rpc.ntlm.NtlmInitiator;
import io.lapsbridge.rpc.ntlm.NtlmMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No password, NT hash, NTLM session key or seed key in anything the RPC client, the NTLM code
 * or the stand-in server prints, throws or renders with {@code toString}, across success,
 * refusal, wrong password, fault injection and 3,000 mutated AUTHENTICATE messages.
 */
class RpcSecretHygieneTest {
  /** Makes the exported session key known (16 × 0x5A) so the test can look for it. */
  static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      java.util.Arrays.fill(bytes, (byte) 0x5A);
    }
  }

  @Test
  void nothingPrintedOrThrownContainsSecrets() throws Exception {
    List<String> secrets = new ArrayList<>(List.of("reader-secret", "user-secret", "Wrong-Pass-9"));
    for (String p : List.of("reader-secret", "user-secret", "Wrong-Pass-9")) {
      addWindows(secrets, HexFormat.of().formatHex(NtHash.of(Secret.of(p))));
    }
    byte[] exported = new byte[16];
    java.util.Arrays.fill(exported, (byte) 0x5A);
    for (String magic :
        List.of("session key to client-to-server signing key magic constant",
            "session key to client-to-server sealing key magic constant")) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(exported);
      md5.update((magic + "\0").getBytes(StandardCharsets.US_ASCII));
      addWindows(secrets, HexFormat.of().formatHex(md5.digest()));
    }
    secrets.add("5a5a5a5a5a5a5a5a");

    StringBuilder text = new StringBuilder();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try (GetKeyServer server =
        GetKeyServer.start(GetKeyEndToEndTest.config(), GetKeyEndToEndTest.DIRECTORY)) {
      text.append(server).append('\n');
      text.append(GetKeyEndToEndTest.PRINCIPALS).append('\n');
      RpcCredentials reader = RpcCredentials.parse("helpdesk@example.com", Secret.of("reader-secret"));
      text.append(reader).append(' ').append(reader.display()).append('\n');
      GetKeyClient client =
          new GetKeyClient(
              new GetKeyClient.Endpoint(server.host(), server.epmPort(), Duration.ofSeconds(2),
                  Duration.ofSeconds(5)),
              reader, new FixedRandom(), GetKeyEndToEndTest.CLOCK);
      GroupKeyEnvelope envelope =
          client.getKey(
              new GetKeyRequest(
                  GetKeyEndToEndTest.READERS.securityDescriptor(),
                  Optional.of(KdsFixture.ECDH_ROOT_KEY), -1, -1, -1));
      addWindows(secrets, HexFormat.of().formatHex(envelope.l1Key()));
      addWindows(secrets, HexFormat.of().formatHex(envelope.l2Key()));
      text.append(envelope).append('\n').append(client).append('\n');
      GroupKeyCache cache = new GroupKeyCache();
      try (OnlineGroupKeys keys = new OnlineGroupKeys(client, cache, server.host())) {
        LapsDecryptor decryptor = LapsDecryptor.using(keys);
        text.append(decryptor.decrypt(
            GetKeyEndToEndTest.encrypted(KdsFixture.LAPS_READERS_SID,
                GetKeyEndToEndTest.NOW, "Pw-1"))).append('\n');
        text.append(keys).append(cache).append('\n');
      }
      for (String[] who :
          new String[][] {{"ursula@example.com", "user-secret"}, {"EXAMPLE\\helpdesk", "Wrong-Pass-9"}}) {
        try (OnlineGroupKeys keys =
            new OnlineGroupKeys(
                GetKeyEndToEndTest.client(server, who[0], who[1]), new GroupKeyCache(),
                server.host())) {
          LapsDecryptor.using(keys).decrypt(
              GetKeyEndToEndTest.encrypted(KdsFixture.LAPS_READERS_SID,
                  GetKeyEndToEndTest.NOW, "Pw-2"));
        } catch (Exception e) {
          chain(text, e);
        }
      }
      for (GetKeyServer.Misbehaviour m :
          List.of(GetKeyServer.Misbehaviour.DROP_ON_GETKEY, GetKeyServer.Misbehaviour.FAULT_ON_GETKEY)) {
        try (GetKeyServer bad =
                GetKeyServer.start(GetKeyEndToEndTest.config().withMisbehaviour(m),
                    GetKeyEndToEndTest.DIRECTORY);
            GetKeyClient c = GetKeyEndToEndTest.client(bad, "helpdesk@example.com", "reader-secret")) {
          c.getKey(GetKeyRequest.publicKey(GetKeyEndToEndTest.READERS.securityDescriptor()));
        } catch (Exception e) {
          chain(text, e);
        }
      }

      // NTLM messages and refusals of mutated AUTHENTICATEs.
      byte[] hash = NtHash.of(Secret.of("reader-secret"));
      NtlmInitiator initiator =
          new NtlmInitiator("helpdesk", "EXAMPLE", hash, new FixedRandom(), GetKeyEndToEndTest.CLOCK);
      NtlmAcceptor acceptor =
          new NtlmAcceptor((u, d) -> Optional.of(hash.clone()),
              new NtlmAcceptor.ServerNames("EXAMPLE", "DC1", "example.com", "dc1.example.com"),
              new SecureRandom(), GetKeyEndToEndTest.CLOCK);
      byte[] authenticate = initiator.authenticate(acceptor.challenge(initiator.negotiate()));
      text.append(initiator).append(initiator.session()).append(NtlmMessage.parse(authenticate))
          .append('\n');
      Random random = new Random(14);
      for (int i = 0; i < 3000; i++) {
        try {
          acceptor.accept(Mutator.mutate(authenticate, random));
        } catch (Exception e) {
          chain(text, e);
        }
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8), "rpc and the stand-in never print");
    String all = text.toString().toLowerCase(Locale.ROOT);
    assertFalse(all.isEmpty());
    for (String s : secrets) {
      assertFalse(all.contains(s.toLowerCase(Locale.ROOT)), "a secret leaked into text: " + s.length());
    }
  }

  private static void chain(StringBuilder text, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
  }

  /** The whole hex string and every 16-digit window of it, so partial dumps are caught. */
  private static void addWindows(List<String> secrets, String hex) {
    if (hex.isEmpty()) {
      return;
    }
    secrets.add(hex);
    for (int i = 0; i + 16 <= hex.length(); i += 8) {
      secrets.add(hex.substring(i, i + 16));
    }
  }
}
