package io.lapsbridge.cli;

/** {@code --directory}: where the LAPS passwords live (#16). */
enum DirectoryChoice {
  /** Active Directory over LDAP. */
  AD,
  /** Microsoft Entra ID over Graph. */
  ENTRA,
  /** Both: AD first, then Entra, saying where each device was found. */
  AUTO;

  static final String DESCRIPTION = "ad, entra or auto: Active Directory (LDAP), Microsoft Entra"
      + " ID (Graph), or both, saying where each was found (default: ${DEFAULT-VALUE}).";

  boolean usesAd() {
    return this != ENTRA;
  }

  boolean usesEntra() {
    return this != AD;
  }
}
