package io.lapsbridge.directory;

import io.lapsbridge.model.FileTime;
import java.util.UUID;

/**
 * The metadata of one KDS root key ({@code msKds-ProvRootKey}), never its key data: what {@code
 * kds list} shows. Fields the directory did not return are null.
 *
 * @param id the root key GUID ({@code cn})
 * @param dn the entry's DN
 * @param version {@code msKds-Version}
 * @param kdfAlgorithm {@code msKds-KDFAlgorithmID}
 * @param kdfHash the hash named in {@code msKds-KDFParam}, or a note why it is unreadable
 * @param secretAgreement {@code msKds-SecretAgreementAlgorithmID}
 * @param privateKeyLength {@code msKds-PrivateKeyLength} in bits
 * @param publicKeyLength {@code msKds-PublicKeyLength} in bits
 * @param createTime {@code msKds-CreateTime}
 * @param useStartTime {@code msKds-UseStartTime}: encryptors use the key only after this
 * @param domainId {@code msKds-DomainID}, the DC that created the key
 * @param keyDataReadable whether this bind could read {@code msKds-RootKeyData}
 */
public record KdsRootKeyInfo(
    UUID id,
    String dn,
    Integer version,
    String kdfAlgorithm,
    String kdfHash,
    String secretAgreement,
    Integer privateKeyLength,
    Integer publicKeyLength,
    FileTime createTime,
    FileTime useStartTime,
    String domainId,
    boolean keyDataReadable) {
  public KdsRootKeyInfo {
    if (id == null || dn == null) {
      throw new IllegalArgumentException("root key id and DN are required");
    }
  }
}
