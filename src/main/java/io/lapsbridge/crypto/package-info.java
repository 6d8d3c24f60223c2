/**
 * DPAPI-NG protection of Windows LAPS {@code msLAPS-Encrypted*} values, pure and offline.
 *
 * <p>Owns: the 16-byte LAPS header, the CMS EnvelopedData with a KEK recipient (Windows' detached
 * layout and the in-envelope layout), the MS-GKDI key identifier, Group Key Envelope and key
 * blobs, the SID protection descriptor and its security descriptor, the MS-GKDI key derivation
 * (SP 800-108 seed-key tree, DH / ECDH secret agreement, concatenation KDF), AES key wrap and
 * AES-256-GCM, the root key Windows would choose ({@link
 * io.lapsbridge.crypto.RootKeyChoice}), and the {@link io.lapsbridge.crypto.LapsDecryptor} / {@link
 * io.lapsbridge.crypto.LapsEncryptor} entry points. Key material reaches it through the {@link
 * io.lapsbridge.crypto.GroupKeySource} port (offline: {@link
 * io.lapsbridge.crypto.RootKeyGroupKeySource} over a {@link io.lapsbridge.crypto.RootKeyProvider}
 * filled by the directory layer or a key file; online: an MS-GKDI GetKey client) or a {@link
 * io.lapsbridge.crypto.GroupPublicKey}; this package never does I/O.
 *
 * <p>Imports only {@code io.lapsbridge.model}, {@code io.lapsbridge.wire}, the JDK and
 * BouncyCastle's ASN.1 classes ({@code org.bouncycastle.asn1..}). All cryptographic primitives
 * come from the JDK, except MD4 for the NT hash ({@link io.lapsbridge.crypto.NtHash}, BouncyCastle's
 * {@code MD4Digest}), which no JDK provider registers. Every failure is a {@link io.lapsbridge.crypto.LapsCryptoException} whose
 * message never contains plaintext or key bytes.
 */
package io.lapsbridge.crypto;
