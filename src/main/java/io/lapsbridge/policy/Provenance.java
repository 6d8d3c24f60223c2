package io.lapsbridge.policy;

import java.util.Optional;

/** Where an effective value came from: a root, or the default and why. */
public sealed interface Provenance
    permits Provenance.Configured, Provenance.Unset, Provenance.Rejected {

  /** The root and raw value behind this explanation, if a root held one. */
  Optional<PolicyRoot> root();

  /** One phrase for the explanation column, e.g. {@code GPO} or {@code default: not set}. */
  String describe();

  /** Whether the default is in force. */
  boolean defaulted();

  /** The winning root set this value, and it was accepted. */
  record Configured(PolicyRoot source, RawValue raw) implements Provenance {
    @Override
    public Optional<PolicyRoot> root() {
      return Optional.of(source);
    }

    @Override
    public String describe() {
      return source.displayName();
    }

    @Override
    public boolean defaulted() {
      return false;
    }
  }

  /** No value: the default applies. {@code why} says which root was consulted. */
  record Unset(String why) implements Provenance {
    @Override
    public Optional<PolicyRoot> root() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "default: " + why;
    }

    @Override
    public boolean defaulted() {
      return true;
    }
  }

  /** The winning root set an unsupported value; Windows then applies the default. */
  record Rejected(PolicyRoot source, RawValue raw, String why) implements Provenance {
    @Override
    public Optional<PolicyRoot> root() {
      return Optional.of(source);
    }

    @Override
    public String describe() {
      return "default: " + source.displayName() + " value " + raw.display() + " is " + why;
    }

    @Override
    public boolean defaulted() {
      return true;
    }
  }
}
