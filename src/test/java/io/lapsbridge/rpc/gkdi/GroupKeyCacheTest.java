package io.lapsbridge.rpc.gkdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import org.junit.jupiter.api.Test;

/** MS-GKDI 3.2.4.1: the newest envelope per (server, root key, L0, SD) serves older nodes. */
class GroupKeyCacheTest {
  private static final KdsRootKey ROOT = KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY);
  private static final byte[] SD =
      new SidProtectionDescriptor(KdsFixture.LAPS_READERS_SID).securityDescriptor();
  private static final byte[] OTHER_SD =
      new SidProtectionDescriptor(KdsFixture.DOMAIN_ADMINS_SID).securityDescriptor();

  private static GroupKeyEnvelope issued(int l0, int l1, int l2) {
    return GroupKeyEnvelope.issue(ROOT, SD, new GkdiInterval(l0, l1, l2), false, "d", "f");
  }

  @Test
  void newerEnvelopeServesOlderNodesAndIsNotReplacedByAnOlderOne() {
    GroupKeyCache cache = new GroupKeyCache();
    cache.put("dc", SD, issued(400, 10, 4));
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(400, 10, 4)).isPresent());
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(400, 3, 30)).isPresent());
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(400, 10, 5)).isEmpty(), "newer");
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(399, 3, 3)).isEmpty(), "other L0");
    assertTrue(cache.find("dc", OTHER_SD, ROOT.id(), new GkdiInterval(400, 1, 1)).isEmpty(), "SD");
    assertTrue(cache.find("dc2", SD, ROOT.id(), new GkdiInterval(400, 1, 1)).isEmpty(), "server");

    cache.put("dc", SD, issued(400, 2, 0));
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(400, 10, 4)).isPresent(), "kept");
    cache.put("dc", SD, issued(400, 11, 0));
    assertTrue(cache.find("dc", SD, ROOT.id(), new GkdiInterval(400, 10, 31)).isPresent());
    assertEquals(1, cache.size());
    assertEquals(4, cache.hits());
  }

  @Test
  void publicKeyEnvelopesAreNotCached() {
    GroupKeyCache cache = new GroupKeyCache();
    cache.put("dc", SD, GroupKeyEnvelope.issuePublicKey(ROOT, SD, new GkdiInterval(400, 1, 1), "d", "f"));
    assertEquals(0, cache.size());
  }
}
