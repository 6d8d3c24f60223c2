package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DNS name a domain DN spells in its {@code DC=} RDNs: {@code DC=corp,DC=example,DC=com} is
 * {@code corp.example.com}. Parsed with the LDAP SDK's {@link DN}, so escaped commas and
 * multi-valued RDNs are read as RFC 4514 says, never by splitting the text.
 */
final class DomainNames {
  private DomainNames() {}

  /** The lower-case DNS name of {@code dn}'s DC components, or empty when it has none. */
  static Optional<String> dnsNameOf(String dn) {
    List<String> labels = new ArrayList<>();
    try {
      for (RDN rdn : new DN(dn).getRDNs()) {
        if (!rdn.isMultiValued() && rdn.hasAttribute("dc")) {
          labels.add(rdn.getAttributeValues()[0].toLowerCase(Locale.ROOT));
        }
      }
    } catch (LDAPException e) {
      return Optional.empty();
    }
    return labels.isEmpty() ? Optional.empty() : Optional.of(String.join(".", labels));
  }
}
