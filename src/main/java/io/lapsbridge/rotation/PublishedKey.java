package io.lapsbridge.rotation;

import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent knows of the group public key that encrypted mode needs: nothing, a published
 * file ({@code kds public-key}) it could not use, the file's descriptor SID and interval, or a key
 * fetched from a DC with GetKey (#14). The key itself stays with the directory adapter; this is only what the pure checks
 * need, so that an encrypted plan is refused before anything is written.
 */
public sealed interface PublishedKey
    permits PublishedKey.NotGiven, PublishedKey.Unusable, PublishedKey.Loaded,
        PublishedKey.Fetched {

  /** Why encrypting to {@code principal} with this key must be refused at {@code now}; empty if fine. */
  Optional<String> refusal(String principal, Instant now);

  /** The SID values are encrypted to; present only for a loaded key. */
  default Optional<String> encryptsTo() {
    return Optional.empty();
  }

  /**
   * No public-key file was configured, and no key came from a DC.
   *
   * @param whyNotFetched why GetKey was not used or failed; empty when it was not tried
   */
  record NotGiven(String whyNotFetched) implements PublishedKey {
    public NotGiven() {
      this("");
    }

    public NotGiven {
      whyNotFetched = whyNotFetched == null ? "" : whyNotFetched;
    }

    @Override
    public Optional<String> refusal(String principal, Instant now) {
      return Optional.of("the policy asks for encrypted backup ("
          + LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + "), but no"
          + " public-key file is configured: publish one with 'lapsbridge kds public-key --out"
          + " FILE --sid SID' and give it with --public-key-file (env"
          + " LAPSBRIDGE_PUBLIC_KEY_FILE)"
          + (whyNotFetched.isEmpty() ? "" : "; no key from a DC either: " + whyNotFetched));
    }
  }

  /** The file is missing or invalid; {@code reason} says which (it never holds key material). */
  record Unusable(String reason) implements PublishedKey {
    public Unusable {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a reason is required");
      }
    }

    @Override
    public Optional<String> refusal(String principal, Instant now) {
      return Optional.of("cannot encrypt: " + reason);
    }
  }

  /**
   * A readable file.
   *
   * @param file the path, for messages
   * @param sid the SID its protection descriptor names
   * @param intervalStart the start of its GKDI interval (10-hour periods)
   * @param maxAge how old the interval may be; {@link Duration#ZERO} = no limit
   */
  record Loaded(String file, String sid, Instant intervalStart, Duration maxAge)
      implements PublishedKey {
    /** One MS-GKDI L2 interval. */
    static final Duration INTERVAL = Duration.ofHours(10);

    public Loaded {
      if (file == null || sid == null || intervalStart == null || maxAge == null
          || maxAge.isNegative()) {
        throw new IllegalArgumentException("loaded key parts must not be null or negative");
      }
    }

    @Override
    public Optional<String> encryptsTo() {
      return Optional.of(sid);
    }

    @Override
    public Optional<String> refusal(String principal, Instant now) {
      if (intervalStart.isAfter(now)) {
        return Optional.of("the public-key file " + file + " is for a key interval starting "
            + intervalStart + ", in the future: check the clock or republish the file");
      }
      if (!maxAge.isZero() && intervalStart.plus(INTERVAL).plus(maxAge).isBefore(now)) {
        return Optional.of("the public-key file " + file + " has expired: its key interval"
            + " started " + intervalStart + ", more than " + maxAge.toDays() + " days ago;"
            + " republish it with 'lapsbridge kds public-key' (or raise"
            + " --public-key-max-age-days)");
      }
      return principalMismatch(principal, sid, "the public-key file " + file,
          "was published for");
    }
  }

  /**
   * A key a DC gave for the principal's SID just now (GetKey, L0 = L1 = L2 = -1): it is current
   * by construction, so no age limit applies; a key from the future still means a clock problem.
   *
   * @param server {@code host:port} of the endpoint mapper asked, for messages
   * @param principal the policy's principal as it was resolved (a name, a SID or empty for the
   *     default); the key serves exactly that text
   * @param sid the SID it was resolved to and asked for
   * @param intervalStart the start of its GKDI interval
   */
  record Fetched(String server, String principal, String sid, Instant intervalStart)
      implements PublishedKey {
    public Fetched {
      if (server == null || principal == null || sid == null || intervalStart == null) {
        throw new IllegalArgumentException("fetched key parts must not be null");
      }
    }

    @Override
    public Optional<String> encryptsTo() {
      return Optional.of(sid);
    }

    @Override
    public Optional<String> refusal(String principal, Instant now) {
      // The DC's clock runs ahead of ours by more than an interval: refuse, as for a file.
      if (intervalStart.isAfter(now)) {
        return Optional.of("the DC " + server + " gave a key for an interval starting "
            + intervalStart + ", in the future: check this device's clock");
      }
      String wanted = principal == null ? "" : principal.strip();
      if (wanted.equalsIgnoreCase(this.principal.strip())) {
        // Resolved through the directory for this very text (a name, or the default).
        return Optional.empty();
      }
      return principalMismatch(principal, sid, "the key fetched from " + server,
          "was fetched for");
    }
  }

  /**
   * Why a key for {@code sid} does not serve the policy's {@code principal}; {@code source}
   * and {@code made} (how it came to be for that SID) name the key for messages.
   */
  private static Optional<String> principalMismatch(String principal, String sid, String source,
      String made) {
    String wanted = principal == null ? "" : principal.strip();
    if (wanted.isEmpty()) {
      // Windows LAPS' default principal: a domain's Domain Admins group (RID 512).
      Optional<Sid> published = Sid.parse(sid);
      if (published.isEmpty() || !published.get().isDomainAccount()
          || published.get().rid() != Sid.DOMAIN_ADMINS_RID) {
        return Optional.of("the policy encrypts to the default principal (Domain Admins), but"
            + " " + source + " is for " + sid + ", which is not a Domain"
            + " Admins SID (S-1-5-21-...-512)");
      }
      return Optional.empty();
    }
    Optional<Sid> wantedSid = Sid.parse(wanted);
    if (wantedSid.isEmpty()) {
      return Optional.of("ADPasswordEncryptionPrincipal '" + wanted + "' is a name, which this"
          + " agent cannot map to a SID; set it to the SID " + source + " " + made
          + " (" + sid + ")");
    }
    if (!wantedSid.equals(Sid.parse(sid))) {
      return Optional.of("ADPasswordEncryptionPrincipal is " + wanted + ", but " + source
          + " encrypts to " + sid + "; publish a file for " + wanted
          + " ('lapsbridge kds public-key --sid " + wanted + "')");
    }
    return Optional.empty();
  }
}
