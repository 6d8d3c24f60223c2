package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.crypto.KdfHash;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.model.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The forest's KDS root keys, read from {@code CN=Master Root Keys,CN=Group Key Distribution
 * Service,CN=Services,<configuration NC>}. Listing metadata needs only read access to the
 * container; reading {@code msKds-RootKeyData} needs a highly privileged bind (Domain Admins or
 * Enterprise Admins in AD), and {@link #readKeys()} says so when the bind lacks it.
 */
public final class KdsRootKeyStore {
  static final String ROOT_KEY_DATA = "msKds-RootKeyData";
  private static final String[] METADATA = {
    "cn", "msKds-Version", "msKds-KDFAlgorithmID", "msKds-KDFParam",
    "msKds-SecretAgreementAlgorithmID", "msKds-SecretAgreementParam", "msKds-PrivateKeyLength",
    "msKds-PublicKeyLength", "msKds-CreateTime", "msKds-UseStartTime", "msKds-DomainID"
  };
  /** What a privileged read asks for: the metadata plus the key data. */
  private static final String[] ALL = concat(METADATA, ROOT_KEY_DATA);

  private final LapsDirectory directory;
  private final String containerDn;

  private KdsRootKeyStore(LapsDirectory directory, String containerDn) {
    this.directory = directory;
    this.containerDn = containerDn;
  }

  /**
   * The root key container of the directory's forest: under the root DSE's {@code
   * configurationNamingContext}, or under {@code CN=Configuration,<base DN>} when the root DSE
   * names none (the stand-in, and some proxies).
   */
  public static KdsRootKeyStore of(LapsDirectory directory) throws DirectoryException {
    return of(directory, directory.baseDn());
  }

  /**
   * {@link #of}, falling back to {@code CN=Configuration} under the domain's naming context
   * rather than the search base, which {@code --base-dn} may narrow: what {@code doctor} reads.
   */
  public static KdsRootKeyStore ofForest(LapsDirectory directory) throws DirectoryException {
    return of(directory, SecurityDirectory.of(directory).domainRoot());
  }

  private static KdsRootKeyStore of(LapsDirectory directory, String fallbackRoot)
      throws DirectoryException {
    String configuration;
    try {
      RootDSE root = directory.connection().getRootDSE();
      configuration = root == null ? null : root.getAttributeValue("configurationNamingContext");
    } catch (LDAPException e) {
      throw LapsDirectory.failure("read root DSE", "", null, e);
    }
    if (configuration == null) {
      configuration = "CN=Configuration," + fallbackRoot;
    }
    return new KdsRootKeyStore(
        directory,
        "CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services," + configuration);
  }

  public String containerDn() {
    return containerDn;
  }

  /**
   * Every root key's metadata, oldest first. The key data never crosses the wire here: a second,
   * types-only search tells whether this bind may read it.
   */
  public List<KdsRootKeyInfo> list() throws DirectoryException {
    java.util.Set<String> readable = new java.util.HashSet<>();
    SearchRequest probe = request(ROOT_KEY_DATA);
    probe.setTypesOnly(true);
    for (SearchResultEntry entry : search(probe)) {
      if (entry.hasAttribute(ROOT_KEY_DATA)) {
        readable.add(normalized(entry));
      }
    }
    List<KdsRootKeyInfo> keys = new ArrayList<>();
    for (SearchResultEntry entry : search(request(METADATA))) {
      keys.add(info(entry, readable.contains(normalized(entry))));
    }
    keys.sort(Comparator.comparing(
        (KdsRootKeyInfo k) -> k.createTime() == null ? 0L : k.createTime().ticks())
        .thenComparing(k -> k.id().toString()));
    return keys;
  }

  private static String normalized(SearchResultEntry entry) throws DirectoryException {
    try {
      return entry.getParsedDN().toNormalizedString();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("parse DN", entry.getDN(), null, e);
    }
  }

  /**
   * Every root key with its key data, for decryption and export.
   *
   * @throws DirectoryException {@code ACCESS_DENIED} when the bind cannot read {@code
   *     msKds-RootKeyData}, {@code NOT_FOUND} when there are no root keys, {@code
   *     MALFORMED_VALUE} when a root key's attributes are invalid
   */
  public List<KdsRootKey> readKeys() throws DirectoryException {
    List<SearchResultEntry> entries = search(request(ALL));
    if (entries.isEmpty()) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND, "no KDS root keys under '" + containerDn + "'");
    }
    List<KdsRootKey> keys = new ArrayList<>();
    for (SearchResultEntry entry : entries) {
      byte[] data = entry.getAttributeValueBytes(ROOT_KEY_DATA);
      if (data == null || data.length == 0) {
        keys.forEach(KdsRootKey::wipe);
        throw new DirectoryException(
            DirectoryException.Kind.ACCESS_DENIED,
            "access denied: '" + bindName() + "' cannot read " + ROOT_KEY_DATA + " under '"
                + containerDn + "': reading KDS root keys needs a highly privileged bind (Domain"
                + " Admins or Enterprise Admins), or give --kds-key-file");
      }
      try {
        keys.add(toKey(entry, data));
      } finally {
        Arrays.fill(data, (byte) 0);
      }
    }
    return keys;
  }

  private KdsRootKey toKey(SearchResultEntry entry, byte[] data) throws DirectoryException {
    KdsRootKeyInfo info = info(entry, true);
    try {
      if (info.version() == null || info.privateKeyLength() == null
          || info.publicKeyLength() == null) {
        throw new LapsCryptoException(
            LapsCryptoException.Reason.INVALID_KEY,
            "msKds-Version, msKds-PrivateKeyLength or msKds-PublicKeyLength is missing");
      }
      return KdsRootKey.fromAttributes(
          info.id(), info.version(), data, info.kdfAlgorithm(),
          entry.getAttributeValueBytes("msKds-KDFParam"), info.secretAgreement(),
          entry.getAttributeValueBytes("msKds-SecretAgreementParam"), info.privateKeyLength(),
          info.publicKeyLength(), info.createTime(), info.useStartTime());
    } catch (LapsCryptoException e) {
      throw new DirectoryException(
          DirectoryException.Kind.MALFORMED_VALUE,
          "KDS root key '" + entry.getDN() + "' is unusable: " + e.getMessage());
    }
  }

  private SearchRequest request(String... attributes) {
    return new SearchRequest(
        containerDn, SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "msKds-ProvRootKey"), attributes);
  }

  private List<SearchResultEntry> search(SearchRequest request) throws DirectoryException {
    try {
      return directory.connection().search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (ResultCode.NO_SUCH_OBJECT.equals(e.getResultCode())) {
        throw new DirectoryException(
            DirectoryException.Kind.NOT_FOUND,
            "no KDS root key container '" + containerDn + "' (the forest has no root key, or"
                + " this bind may not see it: reading KDS root keys needs a highly privileged"
                + " bind)", Ldap.code(e.getResultCode()), e);
      }
      throw LapsDirectory.failure("search for KDS root keys", containerDn, null, e);
    }
  }

  private static KdsRootKeyInfo info(SearchResultEntry entry, boolean readable)
      throws DirectoryException {
    String cn = entry.getAttributeValue("cn");
    UUID id;
    try {
      id = UUID.fromString(cn == null ? "" : cn);
    } catch (IllegalArgumentException e) {
      throw new DirectoryException(
          DirectoryException.Kind.MALFORMED_VALUE,
          "KDS root key '" + entry.getDN() + "' is not named by a GUID");
    }
    byte[] kdfParam = entry.getAttributeValueBytes("msKds-KDFParam");
    String hash;
    if (kdfParam == null) {
      hash = null;
    } else {
      try {
        hash = KdfHash.fromKdfParameters(kdfParam).windowsName();
      } catch (LapsCryptoException e) {
        hash = "unreadable (" + e.getMessage() + ")";
      }
    }
    return new KdsRootKeyInfo(
        id, entry.getDN(), integer(entry, "msKds-Version"),
        entry.getAttributeValue("msKds-KDFAlgorithmID"), hash,
        entry.getAttributeValue("msKds-SecretAgreementAlgorithmID"),
        integer(entry, "msKds-PrivateKeyLength"), integer(entry, "msKds-PublicKeyLength"),
        fileTime(entry, "msKds-CreateTime"), fileTime(entry, "msKds-UseStartTime"),
        entry.getAttributeValue("msKds-DomainID"), readable);
  }

  private static Integer integer(SearchResultEntry entry, String name) throws DirectoryException {
    String text = entry.getAttributeValue(name);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new DirectoryException(
          DirectoryException.Kind.MALFORMED_VALUE,
          "KDS root key '" + entry.getDN() + "': " + name + " '" + text + "' is not an integer");
    }
  }

  private static FileTime fileTime(SearchResultEntry entry, String name) throws DirectoryException {
    String text = entry.getAttributeValue(name);
    if (text == null) {
      return null;
    }
    try {
      return new FileTime(Long.parseLong(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new DirectoryException(
          DirectoryException.Kind.MALFORMED_VALUE,
          "KDS root key '" + entry.getDN() + "': " + name + " '" + text + "' is not a FILETIME");
    }
  }

  private String bindName() {
    String dn = directory.settings().bindDn();
    return dn == null ? "the anonymous bind" : dn;
  }

  private static String[] concat(String[] a, String b) {
    String[] all = Arrays.copyOf(a, a.length + 1);
    all[a.length] = b;
    return all;
  }
}
