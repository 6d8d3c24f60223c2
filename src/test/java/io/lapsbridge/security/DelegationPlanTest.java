package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import io.lapsbridge.security.DelegationPlan.Effect;
import io.lapsbridge.security.DelegationPlan.Step;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a grant does to an ACL: the order of its steps, their effects, and idempotence. */
class DelegationPlanTest {
  private static final Sid HELPDESK = Sid.of("S-1-5-21-1-2-3-1105");
  private static final Sid AUDITORS = Sid.of("S-1-5-21-1-2-3-1109");
  private static final LapsGuids GUIDS = new LapsGuids(
      Optional.of(UUID.fromString("8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61")),
      Optional.of(UUID.fromString("3b9e1c47-52d8-4f0a-8e6b-9d2a7c1f4e03")),
      Optional.of(UUID.fromString("e7c2a9d4-1f36-4b5a-a8c0-6d9e3b2f7a15")),
      Optional.of(UUID.fromString("5a1f8e3c-9b27-4d6e-b0a4-3c8f2e9d1b76")), Optional.empty());

  @Test
  void stepsFollowFamilyThenTrusteeOrderAndAddEveryAceOfAnEmptyAcl() {
    DelegationPlan plan = DelegationPlan.of(Acl.of(List.of()), LapsGrant.READ, GUIDS,
        EnumSet.allOf(AttributeFamily.class), List.of(HELPDESK, AUDITORS), 0);
    assertTrue(plan.changes());
    // Legacy read is 2 ACEs per trustee, Windows read 3.
    assertEquals(10, plan.steps().size());
    assertEquals(plan.steps().size(), plan.acl().aces().size());
    Step first = plan.steps().get(0);
    assertEquals(AttributeFamily.LEGACY, first.family());
    assertEquals(HELPDESK, first.trustee());
    assertEquals(AUDITORS, plan.steps().get(2).trustee());
    assertEquals(AttributeFamily.WINDOWS, plan.steps().get(4).family());
    assertTrue(plan.steps().stream().allMatch(step -> step.effect() == Effect.ADDED));
    assertEquals(LapsGrant.READ.acesFor(AttributeFamily.LEGACY, GUIDS, HELPDESK, 0),
        plan.steps().subList(0, 2).stream().map(Step::ace).toList());
  }

  @Test
  void planningOnItsOwnResultFindsEveryAcePresent() {
    DelegationPlan first = DelegationPlan.of(Acl.of(List.of()), LapsGrant.RESET, GUIDS,
        EnumSet.of(AttributeFamily.WINDOWS), List.of(HELPDESK), 0);
    DelegationPlan again = DelegationPlan.of(first.acl(), LapsGrant.RESET, GUIDS,
        EnumSet.of(AttributeFamily.WINDOWS), List.of(HELPDESK), 0);
    assertFalse(again.changes());
    assertEquals(first.acl(), again.acl());
    assertEquals(first.steps().size(), again.steps().size());
    assertTrue(again.steps().stream().allMatch(step -> step.effect() == Effect.PRESENT));
  }

  @Test
  void aNarrowerExistingAceIsWidened() {
    Ace reset = LapsGrant.RESET.acesFor(AttributeFamily.LEGACY, GUIDS, HELPDESK, 0).get(0);
    Acl readOnly = Acl.of(List.of(reset.withMask(AccessMask.READ_PROPERTY)));
    DelegationPlan plan = DelegationPlan.of(readOnly, LapsGrant.RESET, GUIDS,
        EnumSet.of(AttributeFamily.LEGACY), List.of(HELPDESK), 0);
    assertEquals(List.of(Effect.WIDENED), plan.steps().stream().map(Step::effect).toList());
    assertEquals(List.of(reset), plan.acl().aces());
    assertTrue(plan.changes());
  }

  @Test
  void auditedAccessBecomesTheAuditFlagsOfTheAce() {
    Ace both = LapsGrant.AUDIT.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.EVERYONE,
        AuditedAccess.BOTH.aceFlags()).get(0);
    assertTrue(both.toSddl().startsWith("(OU;CIIOSAFA;"), both.toSddl());
    Ace failure = LapsGrant.AUDIT.acesFor(AttributeFamily.LEGACY, GUIDS, Sid.EVERYONE,
        AuditedAccess.FAILURE.aceFlags()).get(0);
    assertTrue(failure.toSddl().startsWith("(OU;CIIOFA;"), failure.toSddl());
  }
}
