package io.lapsbridge.policy;

/**
 * Where policy roots come from: Registry.pol files, a JSON policy file, or the live registry.
 *
 * <p>Implementations do the I/O; the engine only sees the values they return.
 */
public interface PolicySource {
  /** A short description for diagnostics, e.g. the file name. */
  String describe();

  /** The values this source holds under {@code root}; empty when it holds none. */
  RootSettings read(PolicyRoot root);
}
