package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.DomainFacts;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.KdsRootKeyStore;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SecurityDirectory;
import io.lapsbridge.directory.TransportProbe;
import io.lapsbridge.doctor.EncryptionPolicy;
import io.lapsbridge.doctor.EncryptionPrincipalCheck;
import io.lapsbridge.doctor.EstateCheck;
import io.lapsbridge.doctor.Finding;
import io.lapsbridge.doctor.FunctionalLevelCheck;
import io.lapsbridge.doctor.KdsRootKeyCheck;
import io.lapsbridge.doctor.ReadersCheck;
import io.lapsbridge.doctor.SchemaCheck;
import io.lapsbridge.doctor.SelfPermissionCheck;
import io.lapsbridge.doctor.TransportCheck;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.migration.State;
import io.lapsbridge.migration.Thresholds;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Sid;
import io.lapsbridge.report.PermissionRows.AuditRow;
import io.lapsbridge.security.EffectiveAcl;
import io.lapsbridge.security.SelfWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code doctor}: gathers what each check needs from the live directory (schema, functional
 * levels and DCs, KDS root keys, the permissions audit walk, the estate walk, the encryption
 * principals of the given policies, the transport probe) and hands it to the checks of the
 * {@code doctor} package, in a fixed order. A check whose facts cannot be read (access denied,
 * an object missing) becomes a "not checked" warning; an unreachable directory ends the run.
 */
public final class Diagnose {
  private static final int EXAMPLES = 3;

  private Diagnose() {}

  /**
   * What to check besides the directory itself.
   *
   * @param policies the GPOs' encryption settings, from Registry.pol files or GPO backups; empty
   *     to check only the default principal
   * @param staleDays a computer whose lastLogonTimestamp is older is stale
   * @param ldapPort the plain LDAP port to probe (StartTLS, signing)
   * @param ldapsPort the LDAPS port to probe
   * @param certificateWarnDays a certificate expiring sooner is a warning
   * @param now the time every age is judged against
   */
  public record Request(List<EncryptionPolicy> policies, int staleDays, int ldapPort,
      int ldapsPort, int certificateWarnDays, Instant now) {
    public Request {
      policies = List.copyOf(policies);
    }
  }

  /** Runs every check; the findings in check order. */
  public static List<Finding> run(LapsDirectory directory, Request request,
      Consumer<String> warnings) throws DirectoryException {
    List<Finding> findings = new ArrayList<>();
    guard(findings, SchemaCheck.NAME, "LAPS schema", () -> SchemaCheck.evaluate(
        DomainFacts.schema(directory),
        DomainFacts.searchFlags(directory)));
    DomainFacts.Levels[] levels = new DomainFacts.Levels[1];
    boolean encryptionWanted = request.policies().isEmpty()
        || request.policies().stream().anyMatch(EncryptionPolicy::encrypted);
    guard(findings, FunctionalLevelCheck.LEVEL, "domain", () -> {
      levels[0] = DomainFacts.levels(directory);
      return FunctionalLevelCheck.evaluate(levels[0], encryptionWanted);
    });
    guard(findings, KdsRootKeyCheck.NAME, "KDS root keys", () -> {
      KdsRootKeyStore store = KdsRootKeyStore.ofForest(directory);
      return KdsRootKeyCheck.evaluate(store.list(), store.containerDn(), request.now());
    });
    Estate estate = new Estate(request);
    List<Finding> estateFindings = new ArrayList<>();
    guard(estateFindings, EstateCheck.EXPIRED, directory.baseDn(), () -> {
      new EstateReader(directory).forEachComputerWithLogon(null, estate::add);
      return EstateCheck.evaluate(estate.health(directory.baseDn()));
    });
    guard(findings, SelfPermissionCheck.NAME, "computers", () -> {
      AuditPermissions.Walked walked = AuditPermissions.walk(directory,
          EnumSet.allOf(AttributeFamily.class), false, warnings);
      List<Finding> found = new ArrayList<>(selfPermissions(walked, estate));
      found.addAll(ReadersCheck.evaluate(walked.rows().stream().map(Diagnose::access)
          .toList()));
      return found;
    });
    guard(findings, EncryptionPrincipalCheck.NAME, "policies", () ->
        EncryptionPrincipalCheck.evaluate(principals(directory, request.policies())));
    guard(findings, TransportCheck.LDAPS, directory.settings().host(), () -> {
      String dcName = levels[0] == null ? null : levels[0].dnsHostName();
      return TransportCheck.evaluate(TransportProbe.probe(directory.settings(),
          request.ldapPort(), request.ldapsPort(), dcName, directory.baseDn()), request.now(),
          request.certificateWarnDays());
    });
    findings.addAll(estateFindings);
    return findings;
  }

  /** The facts of one check, which may fail for reasons a finding can carry. */
  private interface Facts {
    List<Finding> get() throws DirectoryException;
  }

  private static void guard(List<Finding> findings, String check, String subject, Facts facts)
      throws DirectoryException {
    try {
      findings.addAll(facts.get());
    } catch (DirectoryException e) {
      if (e.kind() == DirectoryException.Kind.UNREACHABLE
          || e.kind() == DirectoryException.Kind.TLS
          || e.kind() == DirectoryException.Kind.BIND) {
        throw e;
      }
      findings.add(Finding.notChecked(check, subject, e.getMessage()));
    }
  }

  private static List<Finding> selfPermissions(AuditPermissions.Walked walked, Estate estate) {
    Set<AttributeFamily> inSchema = EnumSet.noneOf(AttributeFamily.class);
    for (AttributeFamily family : AttributeFamily.values()) {
      if (walked.guids().has(family)) {
        inSchema.add(family);
      }
    }
    List<SelfPermissionCheck.Container> containers = new ArrayList<>();
    for (Map.Entry<String, EffectiveAcl> entry : walked.walk().computerContainers().entrySet()) {
      String key = SecurityDirectory.normalized(entry.getKey());
      Map<AttributeFamily, List<String>> missing = new EnumMap<>(AttributeFamily.class);
      for (AttributeFamily family : inSchema) {
        missing.put(family, SelfWrite.missing(entry.getValue(), walked.guids(), family));
      }
      containers.add(new SelfPermissionCheck.Container(entry.getKey(),
          estate.computersIn.getOrDefault(key, 0L),
          estate.managedIn.getOrDefault(key, EnumSet.noneOf(AttributeFamily.class)), missing));
    }
    return SelfPermissionCheck.evaluate(containers, inSchema);
  }

  private static ReadersCheck.Access access(AuditRow row) {
    return new ReadersCheck.Access(row.scope(), row.family(), row.access().equals("escalation"),
        row.principal(), Sid.of(row.sid()));
  }

  /**
   * Each policy's principal resolved by SID; with no policy given, the default (the domain's
   * Domain Admins, domain SID + 512), so that a run without policies still checks it.
   */
  private static List<EncryptionPrincipalCheck.Resolved> principals(LapsDirectory directory,
      List<EncryptionPolicy> policies) throws DirectoryException {
    List<EncryptionPolicy> all = policies.isEmpty()
        ? List.of(new EncryptionPolicy("default policy (no --policy or --gpo-backup given)",
            true, "", Optional.empty()))
        : policies;
    SecurityDirectory security = SecurityDirectory.of(directory);
    List<EncryptionPrincipalCheck.Resolved> resolved = new ArrayList<>();
    for (EncryptionPolicy policy : all) {
      if (policy.notUsed().isPresent()) {
        resolved.add(new EncryptionPrincipalCheck.Resolved(policy, Optional.empty(),
            Optional.empty(), Optional.empty()));
        continue;
      }
      try {
        String wanted = policy.principal();
        if (wanted.isEmpty()) {
          // By SID, not by the English name: a localized or renamed group keeps RID 512.
          Sid domain = security.resolve(security.domainRoot()).sid();
          wanted = domain.withRid(Sid.DOMAIN_ADMINS_RID).toString();
        }
        SecurityDirectory.Principal principal = security.resolve(wanted);
        resolved.add(new EncryptionPrincipalCheck.Resolved(policy,
            Optional.of(principal.sid().toString()), Optional.of(principal.name()),
            Optional.empty()));
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
          throw e;
        }
        resolved.add(new EncryptionPrincipalCheck.Resolved(policy, Optional.empty(),
            Optional.empty(), Optional.of(e.getMessage())));
      }
    }
    return resolved;
  }

  /** What the estate walk keeps: counts, a few examples, and per container its families. */
  private static final class Estate {
    private final Request request;
    private final InventorySummary summary;
    private final Instant staleBefore;
    private final Map<String, Long> computersIn = new HashMap<>();
    private final Map<String, Set<AttributeFamily>> managedIn = new HashMap<>();
    private final Tally expired = new Tally();
    private final Tally neglected = new Tally();
    private final Tally conflicts = new Tally();
    private final Tally staleLogon = new Tally();
    private long computers;
    private long managed;

    Estate(Request request) {
      this.request = request;
      this.summary = new InventorySummary(new Classifier(request.now(), Thresholds.DEFAULTS));
      this.staleBefore = request.now().minus(Duration.ofDays(request.staleDays()));
    }

    void add(ComputerSnapshot computer, FileTime lastLogon) {
      computers++;
      State state = summary.add(computer);
      String parent = SecurityDirectory.normalized(computer.parent());
      computersIn.merge(parent, 1L, Long::sum);
      Set<AttributeFamily> families = EnumSet.noneOf(AttributeFamily.class);
      if (computer.legacyPassword() || computer.legacyExpiry() != null) {
        families.add(AttributeFamily.LEGACY);
      }
      if (computer.windowsCleartext() || computer.windowsEncrypted()
          || computer.windowsExpiry() != null) {
        families.add(AttributeFamily.WINDOWS);
      }
      if (!families.isEmpty()) {
        managed++;
        managedIn.computeIfAbsent(parent, k -> EnumSet.noneOf(AttributeFamily.class))
            .addAll(families);
      }
      switch (state.key()) {
        case "legacy-expired", "windows-expired" -> expired.add(computer.name());
        case "stale" -> neglected.add(computer.name());
        case "conflict" -> conflicts.add(computer.name());
        default -> { }
      }
      if (lastLogon != null && lastLogon.toInstant().isBefore(staleBefore)) {
        staleLogon.add(computer.name());
      }
    }

    EstateCheck.Health health(String base) {
      return new EstateCheck.Health(base, computers, managed, expired.counted(),
          neglected.counted(), (int) Thresholds.DEFAULTS.staleAfter().toDays(),
          conflicts.counted(), staleLogon.counted(), request.staleDays(),
          summary.unreadable());
    }
  }

  /** A count and its first few names. */
  private static final class Tally {
    private long count;
    private final List<String> examples = new ArrayList<>();

    void add(String name) {
      count++;
      if (examples.size() < EXAMPLES) {
        examples.add(name);
      }
    }

    EstateCheck.Counted counted() {
      return new EstateCheck.Counted(count, examples);
    }
  }
}
