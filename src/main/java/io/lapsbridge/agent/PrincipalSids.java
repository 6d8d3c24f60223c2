package io.lapsbridge.agent;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SecurityDirectory;
import io.lapsbridge.model.Sid;
import java.util.List;
import java.util.Optional;

/**
 * The SID GetKey is asked for: {@code ADPasswordEncryptionPrincipal} as a SID string, a name
 * ({@code DOMAIN\name}, {@code name@domain}) resolved in the directory, or, when empty, the
 * Windows LAPS default, the domain's Domain Admins (domain SID + RID 512).
 */
final class PrincipalSids {
  private PrincipalSids() {}

  /** The SID of {@code principal}; empty, with the reason added to {@code whyNot}, if unknown. */
  static Optional<String> resolve(String principal, AgentConnection connection,
      List<String> whyNot) {
    // A policy value may carry spaces or a line end around the SID (#18); still a SID.
    Optional<Sid> given = Sid.parse(principal.strip());
    if (given.isPresent()) {
      // Needs no directory: the SID is what the descriptor names.
      return Optional.of(given.get().toString());
    }
    // Only a name or the default needs the directory: one short extra session for this cycle.
    try (LapsDirectory directory = connection.open()) {
      SecurityDirectory security = SecurityDirectory.of(directory);
      if (principal.isEmpty()) {
        Sid domain = security.resolve(security.domainRoot()).sid();
        return Optional.of(domain.withRid(Sid.DOMAIN_ADMINS_RID).toString());
      }
      return Optional.of(security.resolve(principal).sid().toString());
    } catch (DirectoryException e) {
      whyNot.add("cannot resolve the encryption principal '"
          + (principal.isEmpty() ? "Domain Admins (default)" : principal) + "' to a SID: "
          + e.getMessage());
      return Optional.empty();
    }
  }
}
