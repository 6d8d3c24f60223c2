package io.lapsbridge.entra;

/** Gives the bearer token for Graph requests; the same token until it is about to expire. */
public interface TokenSource {
  /** A valid access token for Graph. Never logged or shown. */
  String accessToken() throws GraphException;

  /** Whether the tokens act for a user (delegated permissions and roles). */
  boolean delegated();
}
