package io.lapsbridge.embedded.gkdi;

import java.util.Optional;

/** Finds the account a client authenticates as (by sAMAccountName, case-insensitive). */
@FunctionalInterface
public interface PrincipalDirectory {
  Optional<Principal> find(String samAccountName);
}
