package io.lapsbridge.security;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a LAPS grant does to one ACL: the cmdlet's ACEs for every family and trustee merged in, in
 * that order, and for each ACE whether it was added, widened or already present. Pure: the
 * caller reads the descriptor and writes {@link #acl()} back only when {@link #changes()}.
 *
 * @param acl the ACL with every wanted ACE merged in
 * @param steps one per wanted ACE, in the order the ACEs were merged
 */
public record DelegationPlan(Acl acl, List<Step> steps) {
  /** What merging one ACE did. */
  public enum Effect { ADDED, WIDENED, PRESENT }

  /** One wanted ACE and what merging it did. */
  public record Step(Effect effect, AttributeFamily family, Sid trustee, Ace ace) {}

  public DelegationPlan {
    steps = List.copyOf(steps);
  }

  /** Merges the ACEs of {@code grant} for each of {@code families} and {@code trustees}. */
  public static DelegationPlan of(Acl acl, LapsGrant grant, LapsGuids guids,
      Collection<AttributeFamily> families, Collection<Sid> trustees, int auditFlags) {
    List<Step> steps = new ArrayList<>();
    for (AttributeFamily family : families) {
      for (Sid trustee : trustees) {
        AclChange change = AclChange.add(acl, grant.acesFor(family, guids, trustee, auditFlags));
        acl = change.acl();
        change.added().forEach(ace -> steps.add(new Step(Effect.ADDED, family, trustee, ace)));
        change.widened().forEach(ace -> steps.add(new Step(Effect.WIDENED, family, trustee, ace)));
        change.alreadyPresent()
            .forEach(ace -> steps.add(new Step(Effect.PRESENT, family, trustee, ace)));
      }
    }
    return new DelegationPlan(acl, steps);
  }

  /** Whether any ACE was added or widened, so that the ACL must be written. */
  public boolean changes() {
    return steps.stream().anyMatch(step -> step.effect() != Effect.PRESENT);
  }
}
