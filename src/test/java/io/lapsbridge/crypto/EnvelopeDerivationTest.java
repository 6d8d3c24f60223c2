package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The online path's key walk (MS-GKDI 3.2.4.3): node keys derived down from a Group Key
 * Envelope, checked against the Windows-made envelope vector and against derivation from the
 * root key for every shape of envelope a DC returns.
 */
class EnvelopeDerivationTest {
  private static final String SID_512 = "S-1-5-21-3337337973-3297078028-437386066-512";

  /**
   * group_key_envelope is Windows' answer for (361, 17, 8) of root key d778c271; dpapi_ng_blob
   * was made at (361, 16, 3) with the same key. Deriving down from the envelope's L1 key (the L1
   * seed of (361, 16)) must unwrap the content key and pass the GCM tag.
   */
  @Test
  void windowsEnvelopeDecryptsTheWindowsBlobOfAnOlderNode() throws Exception {
    GroupKeyEnvelope envelope = GroupKeyEnvelope.parse(Vectors.bytes("group_key_envelope"));
    DpapiNgBlob blob = DpapiNgBlob.parse(Vectors.bytes("dpapi_ng_blob"));
    assertTrue(envelope.covers(new GkdiInterval(361, 16, 3)));
    AtomicInteger calls = new AtomicInteger();
    LapsDecryptor decryptor =
        LapsDecryptor.using(
            request -> {
              calls.incrementAndGet();
              assertEquals(new SidProtectionDescriptor(SID_512), request.descriptor());
              GkdiInterval node = new GkdiInterval(request.l0(), request.l1(), request.l2());
              assertEquals(new GkdiInterval(361, 16, 3), node);
              return envelope.deriveGroupKey(node);
            });
    byte[] plaintext = decryptor.decrypt(blob);
    assertTrue(plaintext.length > 0);
    assertEquals(1, calls.get());
  }

  @Test
  void everyEnvelopeShapeDerivesWhatTheRootKeyDerives() throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario("kdf_sha256_nonce"));
    byte[] sd = new SidProtectionDescriptor(SID_512).securityDescriptor();
    record Case(GkdiInterval issued, boolean l1Only, List<GkdiInterval> wanted) {}
    List<Case> cases =
        List.of(
            new Case(new GkdiInterval(400, 17, 8), false,
                List.of(new GkdiInterval(400, 17, 8), new GkdiInterval(400, 17, 0),
                    new GkdiInterval(400, 16, 31), new GkdiInterval(400, 0, 5))),
            // A past L0: (L0, 31, 31) with the L1 key only.
            new Case(new GkdiInterval(399, 31, 31), true,
                List.of(new GkdiInterval(399, 31, 31), new GkdiInterval(399, 3, 7))),
            // L1 = 0 and L2 != 31: no L1 key; only the same L1 below L2.
            new Case(new GkdiInterval(401, 0, 9), false,
                List.of(new GkdiInterval(401, 0, 9), new GkdiInterval(401, 0, 0))));
    for (Case c : cases) {
      GroupKeyEnvelope e = GroupKeyEnvelope.issue(root, sd, c.issued(), c.l1Only(), "d", "f");
      assertArrayEquals(e.encode(), GroupKeyEnvelope.parse(e.encode()).encode());
      for (GkdiInterval n : c.wanted()) {
        assertTrue(e.covers(n), c + " covers " + n);
        assertArrayEquals(
            GkdiKeyDerivation.l2SeedKey(root, sd, n.l0(), n.l1(), n.l2()),
            GkdiKeyDerivation.l2SeedFromEnvelope(root.kdfHash(), e, n.l0(), n.l1(), n.l2()),
            c + " -> " + n);
      }
    }
    GroupKeyEnvelope noL1 =
        GroupKeyEnvelope.issue(root, sd, new GkdiInterval(401, 0, 9), false, "d", "f");
    assertEquals(0, noL1.l1Key().length);
    assertFalse(noL1.covers(new GkdiInterval(401, 0, 10)), "newer L2");
    assertFalse(noL1.covers(new GkdiInterval(402, 0, 0)), "other L0");
    GroupKeyEnvelope current =
        GroupKeyEnvelope.issue(root, sd, new GkdiInterval(400, 17, 8), false, "d", "f");
    assertFalse(current.covers(new GkdiInterval(400, 18, 0)), "newer L1");
    assertThrows(
        LapsCryptoException.class,
        () -> GkdiKeyDerivation.l2SeedFromEnvelope(root.kdfHash(), current, 400, 18, 0));
  }

  @Test
  void publicKeyEnvelopeMatchesTheDerivedGroupPublicKey() throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario("kdf_sha512_ecdh_p384"));
    SidProtectionDescriptor d = new SidProtectionDescriptor(SID_512);
    GkdiInterval node = new GkdiInterval(400, 1, 2);
    GroupKeyEnvelope e =
        GroupKeyEnvelope.issuePublicKey(root, d.securityDescriptor(), node, "d", "f");
    assertTrue(e.isPublicKeyOnly());
    assertFalse(e.covers(node));
    assertEquals(
        GroupPublicKey.derive(root, d, node, "d", "f"), GroupPublicKey.fromEnvelope(e, d));
  }
}
