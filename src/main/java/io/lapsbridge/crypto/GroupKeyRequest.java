package io.lapsbridge.crypto;

import java.util.UUID;

/**
 * What MS-GKDI GetKey asks for: the group key of one root key, interval (L0, L1, L2) and
 * protection descriptor. Every field comes from the encrypted blob, so no secret is in here.
 *
 * @param rootKeyId the KDS root key the blob names
 * @param descriptor the principal the value is protected to ({@code SID=...})
 */
public record GroupKeyRequest(UUID rootKeyId, int l0, int l1, int l2,
    SidProtectionDescriptor descriptor) {
  public GroupKeyRequest {
    if (rootKeyId == null || descriptor == null) {
      throw new IllegalArgumentException("a group key request needs a root key id and a descriptor");
    }
  }
}
