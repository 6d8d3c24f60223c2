package io.lapsbridge.rotation;

import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent knows of the published group public-key file ({@code kds public-key}) that
 * encrypted mode needs: nothing, a file it could not use, or the file's descriptor SID and
 * interval. The key itself stays with the directory adapter; this is only what the pure checks
 * need, so that an encrypted plan is refused before anything is written.
 */
public sealed interface PublishedKey
    permits PublishedKey.NotGiven, PublishedKey.Unusable, PublishedKey.Loaded {

  /** Why encrypting to {@code principal} with this key must be refused at {@code now}; empty if fine. */
  Optional<String> refusal(String principal, Instant now);

  /** The SID values are encrypted to; present only for a loaded key. */
  default Optional<String> encryptsTo() {
    return Optional.empty();
  }

  /** No public-key file was configured. */
  record NotGiven() implements PublishedKey {
    @Override
    public Optional<String> refusal(String principal, Instant now) {
      return Optional.of("the policy asks for encrypted backup ("
          + LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + "), but no"
          + " public-key file is configured: publish one with 'lapsbridge kds public-key --out"
          + " FILE --sid SID' and give it with --public-key-file (env"
          + " LAPSBRIDGE_PUBLIC_KEY_FILE)");
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
      String wanted = principal == null ? "" : principal.strip();
      if (wanted.isEmpty()) {
        // Windows LAPS' default principal: a domain's Domain Admins group (RID 512).
        Optional<Sid> published = Sid.parse(sid);
        if (published.isEmpty() || !published.get().isDomainAccount()
            || published.get().rid() != Sid.DOMAIN_ADMINS_RID) {
          return Optional.of("the policy encrypts to the default principal (Domain Admins), but"
              + " the public-key file " + file + " is for " + sid + ", which is not a Domain"
              + " Admins SID (S-1-5-21-...-512)");
        }
        return Optional.empty();
      }
      Optional<Sid> wantedSid = Sid.parse(wanted);
      if (wantedSid.isEmpty()) {
        return Optional.of("ADPasswordEncryptionPrincipal '" + wanted + "' is a name, which this"
            + " agent cannot map to a SID; set it to the SID the public-key file " + file
            + " was published for (" + sid + ")");
      }
      if (!wantedSid.equals(Sid.parse(sid))) {
        return Optional.of("ADPasswordEncryptionPrincipal is " + wanted + ", but the public-key"
            + " file " + file + " encrypts to " + sid + "; publish a file for " + wanted
            + " ('lapsbridge kds public-key --sid " + wanted + "')");
      }
      return Optional.empty();
    }
  }
}
