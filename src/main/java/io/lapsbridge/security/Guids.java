package io.lapsbridge.security;

import java.util.UUID;

/**
 * The schema GUIDs that are the same in every forest, as ACE object types name them. Their
 * binary form is {@code wire.WindowsGuid}.
 */
public final class Guids {
  /** The {@code computer} class: the same in every forest. */
  public static final UUID COMPUTER_CLASS = UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2");

  /** The {@code organizationalUnit} class: the same in every forest. */
  public static final UUID ORGANIZATIONAL_UNIT_CLASS =
      UUID.fromString("bf967aa5-0de6-11d0-a285-00aa003049e2");

  /** The {@code ms-LAPS-Encrypted-Password-Attributes} property set (a rightsGuid). */
  public static final UUID LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES =
      UUID.fromString("f3531ec6-6330-4f8e-8d39-7a671fbac605");

  /** The {@code container} class. */
  public static final UUID CONTAINER_CLASS = UUID.fromString("bf967a8b-0de6-11d0-a285-00aa003049e2");

  /** The {@code domainDNS} class. */
  public static final UUID DOMAIN_DNS_CLASS = UUID.fromString("19195a5b-6da0-11d0-afd3-00c04fd930c9");

  /** Stands for any other class: matches no inherited-object-type of interest here. */
  public static final UUID OTHER_CLASS = new UUID(0L, 0L);

  private Guids() {}
}
