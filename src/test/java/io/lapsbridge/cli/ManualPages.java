package io.lapsbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the man pages (troff, one per command, git style: {@code lapsbridge-migrate-plan(1)})
 * and the bash completion script from the picocli declarations, so neither can drift from the
 * commands. Test code: the output is committed under packaging/ and {@code ManualPagesTest}
 * fails when it is stale.
 *
 * <p>Why troff from the model rather than picocli-codegen's ManPageGenerator: that one writes
 * AsciiDoc, and turning AsciiDoc into man pages needs asciidoctor (Ruby) in every build. The
 * model already holds everything a page needs; this is a page of code.
 */
final class ManualPages {
  static final String DATE = "2026-11-25";

  private ManualPages() {}

  static CommandLine tree() {
    return Lapsbridge.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** File name (e.g. {@code lapsbridge-get-password.1}) to page text, in command-tree order. */
  static Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    collect(tree(), pages);
    return pages;
  }

  private static void collect(CommandLine command, Map<String, String> pages) {
    if (command.getCommandName().equals("help")) {
      return;
    }
    pages.put(pageName(command.getCommandSpec()) + ".1", page(command.getCommandSpec()));
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, pages));
  }

  static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  private static String page(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    String name = pageName(spec);
    out.append(".\\\" Generated from the picocli declarations by ManualPagesTest; do not edit.\n");
    out.append(".TH ").append(quoted(name.toUpperCase(Locale.ROOT))).append(" 1 ")
        .append(quoted(DATE)).append(' ').append(quoted("lapsbridge")).append(' ')
        .append(quoted("lapsbridge Manual")).append('\n');
    out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
        .append(escape(firstSentence(spec))).append('\n');

    out.append(".SH SYNOPSIS\n.nf\n");
    CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    spec.usageMessage().width(78);
    for (String line : help.synopsis(0).stripTrailing().split("\n", -1)) {
      out.append(line(line)).append('\n');
    }
    out.append(".fi\n");

    out.append(".SH DESCRIPTION\n");
    for (String line : spec.usageMessage().description()) {
      out.append(line(line)).append('\n');
    }

    List<PositionalParamSpec> positionals = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        positionals.add(p);
      }
    }
    if (!positionals.isEmpty()) {
      out.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : positionals) {
        out.append(".TP\n").append("\\fI").append(escape(p.paramLabel())).append("\\fR\n");
        appendDescription(out, p);
      }
    }

    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        options.add(o);
      }
    }
    if (!options.isEmpty()) {
      out.append(".SH OPTIONS\n");
      for (OptionSpec o : options) {
        out.append(".TP\n");
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
          names.add("\\fB" + escape(n) + "\\fR");
        }
        out.append(String.join(", ", names));
        if (o.arity().max() > 0) {
          out.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
        }
        out.append('\n');
        appendDescription(out, o);
      }
    }

    List<CommandLine> subcommands = new ArrayList<>();
    spec.subcommands().values().stream().distinct()
        .filter(sub -> !sub.getCommandName().equals("help") && !sub.getCommandSpec().usageMessage().hidden())
        .forEach(subcommands::add);
    if (!subcommands.isEmpty()) {
      out.append(".SH COMMANDS\n");
      for (CommandLine sub : subcommands) {
        out.append(".TP\n\\fB").append(escape(sub.getCommandName())).append("\\fR\n")
            .append(line(firstSentence(sub.getCommandSpec()))).append(" See \\fB")
            .append(escape(pageName(sub.getCommandSpec()))).append("\\fR(1).\n");
      }
    }

    out.append(".SH EXIT STATUS\n");
    for (ExitStatus status : ExitStatus.values()) {
      out.append(".TP\n").append(status.code()).append('\n').append(line(meaning(status))).append('\n');
    }
    out.append(".PP\nThe LDAP result code appears in the message on standard error, never as the exit status.\n");

    if (spec.parent() == null) {
      out.append(".SH ENVIRONMENT\n.TP\n\\fBLAPSBRIDGE_JAVA_OPTS\\fR\n")
          .append("Extra options for the Java virtual machine, e.g. \\fB\\-Xmx1g\\fR.\n")
          .append(".TP\n\\fBJAVA_HOME\\fR\n")
          .append("The Java runtime to use instead of the one on the \\fBPATH\\fR.\n");
      out.append(".SH FILES\n.TP\n\\fI~/.config/lapsbridge/profiles.properties\\fR\n")
          .append("Connection profiles (\\fB\\-\\-profile\\fR, \\fB\\-\\-config\\fR).\n")
          .append(".TP\n\\fI/etc/lapsbridge/agent.env\\fR\n")
          .append("Options of the agent's systemd service.\n")
          .append(".TP\n\\fI/var/lib/lapsbridge\\fR\n")
          .append("The agent's state: the rotation journal while a rotation is in flight, and logins.\n");
    }

    out.append(".SH SEE ALSO\n");
    List<String> related = new ArrayList<>();
    if (spec.parent() != null) {
      related.add("\\fB" + escape(pageName(spec.parent())) + "\\fR(1)");
    }
    for (CommandLine sub : subcommands) {
      related.add("\\fB" + escape(pageName(sub.getCommandSpec())) + "\\fR(1)");
    }
    related.add("\\fBldapsearch\\fR(1)");
    out.append(String.join(",\n", related)).append('\n');
    return out.toString();
  }

  private static String meaning(ExitStatus status) {
    return switch (status) {
      case OK -> "Success.";
      case PROBLEM -> "Completed, but found a problem (a malformed stored value, a policy that cannot be applied, work left).";
      case USAGE -> "Usage error, or a bad input file.";
      case UNREACHABLE -> "Directory unreachable, TLS failure or bind failure.";
      case SCHEMA -> "LAPS schema missing or incompatible.";
      case NOT_FOUND -> "Computer not found, no LAPS password, or access to the attribute denied.";
      case PARTIAL -> "Partial failure: some computers failed and the rest succeeded.";
    };
  }

  private static void appendDescription(StringBuilder out, ArgSpec arg) {
    String[] description = arg.description();
    if (description.length == 0) {
      out.append("\\&\n");
    }
    for (String line : description) {
      out.append(line(line)).append('\n');
    }
  }

  private static String firstSentence(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    String first = description.length > 0 ? description[0] : spec.name();
    return first.isBlank() ? spec.name() : first.strip();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\\(dq") + "\"";
  }

  /** One text line: escaped, and protected from being read as a request. */
  private static String line(String text) {
    String escaped = escape(text.stripTrailing());
    if (escaped.isEmpty()) {
      return ".sp";
    }
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }

  static String escape(String text) {
    return text.replace("\\", "\\e").replace("-", "\\-");
  }

  /**
   * The bash completion script. Enum values complete in lower case, as the help text spells
   * them (picocli offers the constants' names, and the parser accepts either case). The
   * option fields were enums already, so no command changed for this.
   */
  static String bashCompletion() {
    CommandLine tree = tree();
    lowerCaseEnumCandidates(tree);
    String script = AutoComplete.bash("lapsbridge", tree);
    // Completion files are sourced, not run: no "#!" line (Debian's lintian flags one).
    return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
  }

  private static void lowerCaseEnumCandidates(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    for (OptionSpec option : new ArrayList<>(spec.options())) {
      Class<?> type = option.auxiliaryTypes()[0];
      if (type.isEnum() && option.completionCandidates() != null) {
        List<String> lower = new ArrayList<>();
        for (String candidate : option.completionCandidates()) {
          lower.add(candidate.toLowerCase(Locale.ROOT));
        }
        spec.remove(option);
        spec.addOption(OptionSpec.builder(option).completionCandidates(lower).build());
      }
    }
    command.getSubcommands().values().stream().distinct().forEach(ManualPages::lowerCaseEnumCandidates);
  }
}
