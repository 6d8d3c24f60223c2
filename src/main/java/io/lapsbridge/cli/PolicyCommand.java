package io.lapsbridge.cli;

import io.lapsbridge.agent.PolicyStores;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.password.PasswordSpec;
import io.lapsbridge.platform.file.DeviceHints;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.PolicyEngine;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicySnapshot;
import io.lapsbridge.report.PolicyReport;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lapsbridge policy}: explain the effective LAPS policy, generate compliant passwords. */
@Command(
    name = "policy",
    description = "Explain the LAPS policy in force and generate compliant passwords.",
    subcommands = {
      PolicyCommand.Show.class,
      PolicyCommand.GeneratePassword.class,
      PolicyTranslateCommand.class
    })
final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a policy command is required");
  }

  /** Output formats of {@code policy show}. */
  enum Format { TEXT, JSON }

  @Command(
      name = "show",
      description = {
        "Print the winning policy root, every effective setting and its source, the legacy"
            + " emulation decision with its reasons, the backup plan and any warnings.",
        "Exit status 1 when the policy asks for something impossible on this device."
      })
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin PolicyInputs inputs;

    @Option(names = "--join-state", paramLabel = "STATE",
        description = "entra, ad, hybrid or none. Required unless the policy file states it.")
    JoinState joinState;

    @Option(names = "--domain-controller", description = "The device is a domain controller.")
    boolean domainController;

    @Option(names = "--legacy-cse",
        description = "The legacy LAPS CSE (AdmPwd.dll) is installed. Detected with --registry.")
    boolean legacyCse;

    @Option(names = "--domain-functional-level", paramLabel = "YEAR",
        description = "Domain functional level as a Windows Server year, e.g. 2012 or 2016.")
    Integer domainFunctionalLevel;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
      PolicyStores.DevicePolicy loaded = inputs.load();
      DeviceHints hints = loaded.hints();
      JoinState join = Optional.ofNullable(joinState).or(hints::joinState).orElseThrow(
          () -> new UsageException("--join-state is required (entra, ad, hybrid or none) unless"
              + " the policy file states device.joinState"));
      OptionalInt dfl = domainFunctionalLevel != null
          ? OptionalInt.of(domainFunctionalLevel) : hints.domainFunctionalLevel();
      DeviceFacts facts = new DeviceFacts(join,
          domainController || hints.domainController().orElse(false),
          legacyCse || loaded.legacyCseFromRegistry() || hints.legacyCseInstalled().orElse(false),
          dfl);

      PolicyEvaluation evaluation =
          PolicyEngine.evaluate(PolicySnapshot.read(loaded.sources()), facts);
      PrintWriter out = spec.commandLine().getOut();
      out.print(format == Format.JSON
          ? PolicyReport.json(evaluation) : PolicyReport.text(evaluation));
      out.flush();
      return evaluation.plan().problem() ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }
  }

  @Command(
      name = "generate-password",
      description = {
        "Print one password that complies with a LAPS complexity level, for setting by hand.",
        "Complexity 1-5: --length characters (8-64, default 14);"
            + " 6-8: --length words (3-10, default 6)."
      })
  static final class GeneratePassword implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--complexity", paramLabel = "N", defaultValue = "4",
        description = "PasswordComplexity 1-8 (default: ${DEFAULT-VALUE}).")
    int complexity;

    @Option(names = "--length", paramLabel = "N",
        description = "Characters (complexity 1-5) or words (6-8).")
    Integer length;

    @Override
    public Integer call() {
      PasswordSpec passwordSpec = specFor(complexity, length);
      PrintWriter out = spec.commandLine().getOut();
      // The one place a password is meant to reach stdout: the admin asked for it.
      try (Secret password = PasswordGenerator.secure().generate(passwordSpec)) {
        char[] chars = password.chars();
        out.println(chars);
        Arrays.fill(chars, '\0');
      }
      out.flush();
      return ExitStatus.OK.code();
    }
  }

  static PasswordSpec specFor(int complexity, Integer length) {
    int effective = length != null ? length : complexity >= 6 ? 6 : 14;
    try {
      return PasswordSpec.of(complexity, effective);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
